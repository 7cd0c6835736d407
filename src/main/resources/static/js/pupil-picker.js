// The pupil picker (templates/pupils/picker.html), with htmx: once a child is ticked or removed, the list they were in is drawn again
// without them, so the person is put back in the search box, ready to find the next child.
document.addEventListener('htmx:afterSettle', (event) => {
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (source && source.hasAttribute('data-picker-choice')) {
    document.getElementById('pupilSearch').focus();
  }
});
