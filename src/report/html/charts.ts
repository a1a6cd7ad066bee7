/**
 * The page script that draws the charts with the inlined Chart.js. It reads its data from the
 * JSON block `wedge-data` and marks <body data-charts="N"> when N charts are drawn, so a check
 * (or a person with devtools) can tell the charts rendered.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  var D = JSON.parse(document.getElementById('wedge-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", sans-serif';
  Chart.defaults.color = '#333';
  var WORST = '#c8391e', TYPICAL = '#2a6fb0', drawn = 0;
  var fmt = function (v) {
    var a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e3) return (v / 1e3).toPrecision(3) + 'k';
    if (a >= 1) return String(Math.round(v * 100) / 100);
    return v.toPrecision(2);
  };
  var logTicks = { callback: function (v) { var e = Math.log10(v); return Math.abs(e - Math.round(e)) < 1e-9 || [2, 5].indexOf(Math.round(v / Math.pow(10, Math.floor(e)))) >= 0 ? fmt(v) : ''; } };

  if (D.progress && D.progress.length) {
    drawn++;
    var sets = [{ label: 'best work', data: D.progress.map(function (p) { return { x: p.tMs / 1000, y: p.bestWork }; }), borderColor: WORST, backgroundColor: WORST, stepped: true, pointRadius: 2, yAxisID: 'y' }];
    // An execution-bounded search records no times; an all-zero line would only mislead.
    if (D.progress.some(function (p) { return p.bestTimeMs > 0; })) {
      sets.push({ label: 'slowest call (ms)', data: D.progress.map(function (p) { return { x: p.tMs / 1000, y: p.bestTimeMs }; }), borderColor: TYPICAL, backgroundColor: TYPICAL, borderDash: [5, 4], stepped: true, pointRadius: 2, yAxisID: 'y2' });
    }
    new Chart(document.getElementById('chart-progress'), {
      type: 'line',
      data: { datasets: sets },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'seconds into the search' } },
          y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'best work (probe hits)' }, ticks: { callback: fmt } },
          y2: { type: 'linear', display: sets.length > 1, position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'slowest call (ms)' } }
        }
      }
    });
  }

  function growthChart(id, key, label) {
    var g = D.growth;
    if (!g) return;
    var pts = function (s) { return s.points.filter(function (p) { return p.size > 0 && p[key] > 0; }).map(function (p) { return { x: p.size, y: p[key] }; }); };
    var line = function (s) {
      var f = s[key === 'work' ? 'work' : 'time'];
      var xs = s.points.map(function (p) { return p.size; }).filter(function (x) { return x > 0; });
      if (!f || !xs.length) return [];
      var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs), out = [];
      for (var i = 0; i <= 24; i++) {
        var x = lo * Math.pow(hi / lo, i / 24);
        out.push({ x: x, y: f.exponential ? Math.exp(f.exp.logC + f.exp.rate * x) : Math.exp(f.logC) * Math.pow(x, f.k) });
      }
      return out;
    };
    var name = function (s) {
      var f = s[key === 'work' ? 'work' : 'time'];
      if (!f) return 'fit';
      return f.exponential ? 'fit: exponential (R² ' + f.exp.r2.toFixed(3) + ')' : 'fit: n^' + f.k.toFixed(2) + ' (R² ' + f.r2.toFixed(3) + ')';
    };
    drawn++;
    new Chart(document.getElementById(id), {
      type: 'scatter',
      data: { datasets: [
        { label: 'finding, scaled', data: pts(g.worst), borderColor: WORST, backgroundColor: WORST, pointRadius: 4 },
        { label: 'worst ' + name(g.worst), data: line(g.worst), borderColor: WORST, showLine: true, pointRadius: 0, borderWidth: 1.5, borderDash: [6, 4] },
        { label: 'typical (median of random)', data: pts(g.typical), borderColor: TYPICAL, backgroundColor: TYPICAL, pointRadius: 4, pointStyle: 'rect' },
        { label: 'typical ' + name(g.typical), data: line(g.typical), borderColor: TYPICAL, showLine: true, pointRadius: 0, borderWidth: 1.5, borderDash: [6, 4] }
      ] },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'input size n (log)' }, ticks: logTicks },
          y: { type: 'logarithmic', title: { display: true, text: label + ' (log)' }, ticks: logTicks }
        }
      }
    });
  }
  growthChart('chart-growth-work', 'work', 'work (probe hits)');
  growthChart('chart-growth-time', 'timeMs', 'time per call (ms)');
  document.body.setAttribute('data-charts', String(drawn));
})();
`;
