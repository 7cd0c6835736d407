// The body map: click or tap an outline to place a numbered mark; each mark gets a row in the list below, with the
// region inferred from where the outline was clicked (the person corrects it there if need be) and its description,
// and can be removed before submitting. With two or more children chosen, each row asks which child the mark is on.
// Without JavaScript the list alone is used. Loaded as a file: the Content-Security-Policy allows no inline script.
const SVG = 'http://www.w3.org/2000/svg';

// The region of the outline at a point, in the outline's own units (100 across, 200 down; see
// fragments/body-map.html), or null. The child faces us on the front, so their left is on our right; on the back their
// left is on our left. The bands follow the drawing: head to 31, neck to 40, arms outside the torso down to 100, legs
// below.
function regionAt(view, x, y) {
  const front = view === 'FRONT';
  const side = (x < 50) === front ? 'Right' : 'Left';
  const across = Math.abs(x - 50);
  if (y < 32 && across ** 2 + (y - 18) ** 2 <= 15 ** 2) {
    if (across >= 10 && y >= 12 && y <= 25) {
      return `${side} ear`;
    }
    return front && y >= 9 ? 'Face' : 'Head (top)';
  }
  if (y < 36) {
    return across <= 12 ? 'Neck' : null;
  }
  if (y < 40 && across <= 8) {
    return 'Neck';
  }
  if (y < 96) {
    // The torso widens from 20 either side of the middle at the shoulders to 22 at the hips.
    if (across > 20 + (y - 40) / 30) {
      if (y < 50) return `${side} shoulder`;
      if (y < 66) return `${side} upper arm`;
      if (y < 81) return `${side} forearm`;
      if (y < 87) return `${side} wrist`;
      return `${side} hand`;
    }
    if (y < 48 && across > 12) return `${side} shoulder`;
    if (front) return y < 68 ? 'Chest' : 'Abdomen';
    return y < 70 ? 'Upper back' : 'Lower back';
  }
  if (y < 114 && (across <= 8 || !front)) {
    return front ? 'Genital area' : 'Buttocks';
  }
  if (y < 140) return `${side} thigh`;
  if (y < 153) return `${side} knee`;
  if (y < 177) return `${side} lower leg`;
  if (y < 186) return `${side} ankle`;
  return `${side} foot`;
}

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
  const region = regionAt(svg.dataset.view, local.x, local.y);
  const where = row.querySelector('[name$=".region"]');
  if (region && Array.from(where.options).some((option) => option.value === region)) {
    where.value = region;
  }
  drawMarks();
  // The person says what they saw, or corrects the region.
  const child = row.querySelector('[data-mark-child]');
  (child && !child.hidden ? child.querySelector('select') : row.querySelector('[name$=".note"]')).focus();
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

// The children each mark may be on: those chosen on the form, as the picker changes them.
function offerChildren() {
  const children = Array.from(document.querySelectorAll('[data-chosen-pupil]'));
  rows().forEach((row) => {
    const group = row.querySelector('[data-mark-child]');
    if (!group) {
      return;
    }
    const select = group.querySelector('select');
    const chosen = select.value;
    select.replaceChildren(new Option('Choose', ''), ...children.map((child) => new Option(child.dataset.pupilName,
      child.dataset.pupilId, false, child.dataset.pupilId === chosen)));
    group.hidden = children.length < 2 && !group.querySelector('.govuk-error-message');
  });
}

document.addEventListener('htmx:afterSettle', offerChildren);
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
