// sheaf web console: draws a Chart.js chart above each table marked `data-chart` (the table stays: it is the chart's text alternative).
(function () {
  'use strict';
  // MQA's bands, in colours that keep their contrast on the light and the dark background.
  var BAND_COLOURS = { Excellent: '#2e7d32', Good: '#1e88e5', Sufficient: '#f29900', Bad: '#d93025' };
  var SERIES_COLOURS = ['#1e88e5', '#d81b60', '#43a047', '#f29900', '#8e24aa', '#00897b', '#6d4c41', '#546e7a'];

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  /** A figure with a canvas, put before the table's wrapper; the canvas is an image named by the table's `data-title`. */
  function figureFor(table, height) {
    var figure = document.createElement('figure');
    figure.className = 'chart';
    figure.style.height = height + 'px';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', table.dataset.title || '');
    figure.appendChild(canvas);
    var wrap = table.closest('.table-wrap') || table;
    wrap.parentNode.insertBefore(figure, wrap);
    return canvas;
  }

  /** Records per band, one stacked horizontal bar per row. */
  function bands(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-label]'));
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th[data-band]'));
    var datasets = heads.map(function (th, i) {
      var band = th.dataset.band;
      return {
        label: th.textContent, backgroundColor: BAND_COLOURS[band] || SERIES_COLOURS[i % SERIES_COLOURS.length],
        data: rows.map(function (tr) { return Number(tr.querySelectorAll('td[data-value]')[i].dataset.value); }),
      };
    });
    return {
      height: Math.max(140, rows.length * 34 + 80),
      config: {
        type: 'bar',
        data: { labels: rows.map(function (tr) { return tr.dataset.label; }), datasets: datasets },
        options: {
          indexAxis: 'y', maintainAspectRatio: false, animation: false,
          scales: { x: { stacked: true, title: { display: true, text: 'records' }, ticks: { precision: 0 } }, y: { stacked: true } },
        },
      },
    };
  }

  /** Average points after each run, one line per series (feed) along time. */
  function trend(table) {
    var series = new Map();
    table.querySelectorAll('tbody tr[data-series]').forEach(function (tr) {
      var name = tr.dataset.series;
      if (!series.has(name)) series.set(name, []);
      series.get(name).push({ x: Number(tr.dataset.x), y: Number(tr.dataset.y) });
    });
    var i = 0;
    var datasets = [];
    series.forEach(function (points, name) {
      var colour = SERIES_COLOURS[i++ % SERIES_COLOURS.length];
      datasets.push({ label: name, data: points.sort(function (a, b) { return a.x - b.x; }), showLine: true, borderColor: colour, backgroundColor: colour });
    });
    var day = function (v) { return new Date(v).toISOString().slice(0, 16).replace('T', ' '); };
    return {
      height: 300,
      config: {
        type: 'scatter',
        data: { datasets: datasets },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: {
            x: { type: 'linear', ticks: { callback: day, maxTicksLimit: 6 } },
            y: { min: 0, max: Number(table.dataset.max) || undefined, title: { display: true, text: 'average points' } },
          },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.y + ' (' + day(c.parsed.x) + ')'; } } } },
        },
      },
    };
  }

  var KINDS = { bands: bands, trend: trend };

  function draw() {
    if (typeof window.Chart !== 'function') return;
    window.Chart.defaults.color = cssVar('--fg', '#1a1a1a');
    window.Chart.defaults.borderColor = cssVar('--line', '#d0d7de');
    document.querySelectorAll('table[data-chart]').forEach(function (table) {
      var kind = KINDS[table.dataset.chart];
      if (!kind || table.dataset.drawn) return;
      table.dataset.drawn = 'true';
      var made = kind(table);
      new window.Chart(figureFor(table, made.height), made.config);
    });
  }
  window.sheafCharts = { BAND_COLOURS: BAND_COLOURS, SERIES_COLOURS: SERIES_COLOURS, cssVar: cssVar };
  document.addEventListener('DOMContentLoaded', draw);
})();
