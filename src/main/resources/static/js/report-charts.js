// Draws a chart above each report table that asks for one, from the table's own cells: the table is the source, so
// the page says the same with or without JavaScript, and the chart's text alternative is the panel's summary.
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') {
    return;
  }
  var palette = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#28a197', '#d53880',
    '#505a5f', '#85994b', '#912b88', '#003078', '#6f72af', '#ffdd00', '#0b0c0c'];

  function number(text) {
    var value = parseFloat((text || '').replace(/[^0-9.\-]/g, ''));
    return isNaN(value) ? 0 : value;
  }

  function draw(table) {
    var columns = (table.getAttribute('data-chart-columns') || '').split(' ').map(Number);
    var byRow = table.getAttribute('data-chart-by-row') === 'true';
    var headers = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    var rows = Array.prototype.filter.call(table.querySelectorAll('tbody tr'), function (tr) {
      return tr.getAttribute('data-total') !== 'true' && tr.querySelector('th');
    });
    if (rows.length === 0) {
      return;
    }
    var cells = function (tr) {
      return Array.prototype.map.call(tr.children, function (cell) { return cell.textContent.trim(); });
    };
    var labels;
    var datasets;
    if (byRow) {
      labels = columns.map(function (index) { return headers[index]; });
      datasets = rows.map(function (tr, at) {
        var values = cells(tr);
        return {
          label: values[0],
          data: columns.map(function (index) { return number(values[index]); }),
          backgroundColor: palette[at % palette.length],
          borderColor: palette[at % palette.length]
        };
      });
    } else {
      labels = rows.map(function (tr) { return cells(tr)[0]; });
      datasets = columns.map(function (index, at) {
        return {
          label: headers[index],
          data: rows.map(function (tr) { return number(cells(tr)[index]); }),
          backgroundColor: palette[at % palette.length],
          borderColor: palette[at % palette.length]
        };
      });
    }
    var stacked = table.getAttribute('data-chart-stacked') === 'true';
    var holder = document.createElement('div');
    holder.className = 'haven-report-chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    var summary = document.getElementById(table.getAttribute('data-chart-summary'));
    canvas.setAttribute('aria-label', 'Chart of the table below. ' + (summary ? summary.textContent.trim() : ''));
    canvas.textContent = summary ? summary.textContent.trim() : '';
    holder.appendChild(canvas);
    var place = table.parentNode.classList.contains('haven-report-scroll') ? table.parentNode : table;
    place.parentNode.insertBefore(holder, place);
    new window.Chart(canvas, {
      type: table.getAttribute('data-chart'),
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          x: { stacked: stacked },
          y: { stacked: stacked, beginAtZero: true }
        }
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table[data-chart]'), draw);
})();
