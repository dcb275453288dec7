// sheaf SPARQL editor: a "Chart" view of SELECT results for YASGUI's result area, drawn with Chart.js (both served by sheaf).
(function () {
  'use strict';
  var MAX_ROWS = 100;
  var MAX_SERIES = 4;
  if (typeof window.Yasgui !== 'function' || !window.Yasgui.Yasr || typeof window.Chart !== 'function') return;

  function numeric(term) {
    return !!term && term.type !== 'uri' && term.type !== 'bnode' && String(term.value).trim() !== '' && isFinite(Number(term.value));
  }

  /** A row's name on the chart: a literal as written, an IRI by its last segment (the table view shows it whole). */
  function show(term) {
    if (!term) return '';
    if (term.type !== 'uri') return String(term.value);
    var v = String(term.value).replace(/[/#]+$/, '');
    return decodeURIComponent(v.slice(Math.max(v.lastIndexOf('/'), v.lastIndexOf('#')) + 1)) || term.value;
  }

  /** Which variables hold numbers in every row that binds them (the bars), and which one names the rows. */
  function shape(results) {
    var vars = results.getVariables();
    var rows = results.getBindings();
    var numbers = vars.filter(function (v) {
      var bound = rows.filter(function (r) { return r[v] !== undefined; });
      return bound.length > 0 && bound.every(function (r) { return numeric(r[v]); });
    }).slice(0, MAX_SERIES);
    var others = vars.filter(function (v) { return numbers.indexOf(v) < 0; });
    // A literal column (a name) reads better than an IRI column; the IRI stands in where the name is missing.
    var literal = others.filter(function (v) { return rows.some(function (r) { return r[v] && r[v].type !== 'uri'; }); })[0];
    return { rows: rows, numbers: numbers, label: literal || others[0], fallback: others[0] };
  }

  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = 'Chart';
    this.chart = undefined;
  }
  ChartPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results;
    if (!r || typeof r.getVariables !== 'function' || !r.getVariables() || r.getBindings().length === 0) return false;
    return shape(r).numbers.length > 0;
  };
  ChartPlugin.prototype.getIcon = function () {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '15');
    svg.setAttribute('height', '15');
    svg.setAttribute('aria-hidden', 'true');
    [[1, 9, 3, 6], [6, 4, 3, 11], [11, 7, 3, 8]].forEach(function (b) {
      var rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', b[0]); rect.setAttribute('y', b[1]); rect.setAttribute('width', b[2]); rect.setAttribute('height', b[3]);
      rect.setAttribute('fill', 'currentColor');
      svg.appendChild(rect);
    });
    return svg;
  };
  ChartPlugin.prototype.draw = function () {
    this.destroy();
    var s = shape(this.yasr.results);
    var rows = s.rows.slice(0, MAX_ROWS);
    var colours = (window.sheafCharts && window.sheafCharts.SERIES_COLOURS) || ['#1e88e5', '#d81b60', '#43a047', '#f29900'];
    var labels = rows.map(function (r, i) { return show(r[s.label]) || show(r[s.fallback]) || String(i + 1); });
    var datasets = s.numbers.map(function (v, i) {
      return { label: v, backgroundColor: colours[i % colours.length], data: rows.map(function (r) { return r[v] ? Number(r[v].value) : null; }) };
    });
    var wrap = document.createElement('div');
    wrap.className = 'sheaf-yasr-chart';
    var note = document.createElement('p');
    note.className = 'chart-note';
    note.textContent = 'Bars: ' + s.numbers.join(', ') + (s.label ? ' per ' + s.label : '') +
      (s.rows.length > MAX_ROWS ? ' (the first ' + MAX_ROWS + ' of ' + s.rows.length + ' rows)' : '') + '. The Table view lists the same rows.';
    var figure = document.createElement('figure');
    figure.className = 'chart';
    figure.style.height = Math.max(160, rows.length * 22 + 90) + 'px';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Chart of the query results. ' + note.textContent);
    figure.appendChild(canvas);
    wrap.appendChild(note);
    wrap.appendChild(figure);
    this.yasr.resultsEl.appendChild(wrap);
    // YASGUI keeps its light look in dark mode too: the chart's text and grid match it, not the page.
    this.chart = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: 'y', maintainAspectRatio: false, animation: false, color: '#1a1a1a',
        scales: {
          x: { ticks: { color: '#1a1a1a' }, grid: { color: '#d0d7de' } },
          y: { ticks: { color: '#1a1a1a', autoSkip: false }, grid: { color: '#d0d7de' } },
        },
      },
    });
  };
  ChartPlugin.prototype.destroy = function () {
    if (this.chart) this.chart.destroy();
    this.chart = undefined;
  };

  window.Yasgui.Yasr.registerPlugin('chart', ChartPlugin);
})();
