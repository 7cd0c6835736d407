// The body map: click or tap an outline to place a numbered mark; each mark gets a row in the list below, where
// its region and description are entered, and can be removed before submitting. Without JavaScript the list alone
// is used. Loaded as a file: the Content-Security-Policy allows no inline script.
const SVG = 'http://www.w3.org/2000/svg';

function rows() {
  return Array.from(document.querySelectorAll('[data-mark-row]'));
}

function renumber() {
  rows().forEach((row, index) => {
    row.querySelectorAll('[name^="marks["]').forEach((field) => {
      field.name = field.name.replace(/marks\[\d+\]/, `marks[${index}]`);
      field.id = field.id.replace(/^marks\d+/, `marks${index}`);
    });
    row.querySelectorAll('label[for^="marks"]').forEach((label) => {
      label.htmlFor = label.htmlFor.replace(/^marks\d+/, `marks${index}`);
    });
    const legend = row.querySelector('legend');
    if (legend) {
      legend.textContent = `Mark ${index + 1}`;
    }
  });
  drawMarks();
}

function drawMarks() {
  document.querySelectorAll('[data-body-map=interactive] svg').forEach((svg) => {
    const layer = svg.querySelector('.haven-body-map__marks');
    layer.replaceChildren();
    rows().forEach((row, index) => {
      const x = row.querySelector('[name$=".x"]').value;
      const y = row.querySelector('[name$=".y"]').value;
      const view = row.querySelector('[name$=".view"]').value;
      if (x === '' || y === '' || view !== svg.dataset.view) {
        return;
      }
      const circle = document.createElementNS(SVG, 'circle');
      circle.setAttribute('class', 'haven-body-map__mark');
      circle.setAttribute('cx', x);
      circle.setAttribute('cy', String(Number(y) * 2));
      circle.setAttribute('r', '4');
      const number = document.createElementNS(SVG, 'text');
      number.setAttribute('class', 'haven-body-map__number');
      number.setAttribute('text-anchor', 'middle');
      number.setAttribute('x', x);
      number.setAttribute('y', String(Number(y) * 2 + 1.6));
      number.textContent = String(index + 1);
      layer.append(circle, number);
    });
  });
}

function blankRow() {
  return rows().find((row) => row.querySelector('[name$=".region"]').value === ''
    && row.querySelector('[name$=".note"]').value === ''
    && row.querySelector('[name$=".x"]').value === '');
}

function addRow() {
  const last = rows().at(-1);
  const row = last.cloneNode(true);
  row.querySelectorAll('input, select').forEach((field) => {
    if (field.tagName === 'SELECT') {
      field.selectedIndex = 0;
    } else {
      field.value = '';
    }
  });
  row.querySelectorAll('.govuk-error-message').forEach((message) => message.remove());
  last.after(row);
  renumber();
  return row;
}

function place(event) {
  const svg = event.currentTarget;
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const local = point.matrixTransform(svg.getScreenCTM().inverse());
  const row = blankRow() || addRow();
  row.querySelector('[name$=".view"]').value = svg.dataset.view;
  row.querySelector('[name$=".x"]').value = Math.max(0, Math.min(100, local.x)).toFixed(1);
  row.querySelector('[name$=".y"]').value = Math.max(0, Math.min(100, local.y / 2)).toFixed(1);
  drawMarks();
  row.querySelector('[name$=".region"]').focus();
}

function remove(event) {
  const row = event.target.closest('[data-mark-row]');
  if (rows().length > 1) {
    row.remove();
  } else {
    row.querySelectorAll('input').forEach((field) => { field.value = ''; });
    row.querySelectorAll('select[name$=".region"]').forEach((field) => { field.selectedIndex = 0; });
  }
  renumber();
}

document.querySelectorAll('[data-body-map=interactive] svg').forEach((svg) => {
  svg.classList.add('haven-body-map__svg--clickable');
  svg.addEventListener('click', place);
});
document.addEventListener('click', (event) => {
  if (event.target.matches('[data-remove-mark]')) {
    event.preventDefault();
    remove(event);
  }
});
document.querySelectorAll('[data-remove-mark]').forEach((button) => { button.hidden = false; });
drawMarks();
