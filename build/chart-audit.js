// Test-only (build/render-html.sh appends it to a copy of a report): asks chart.js in the page for
// every chart's datasets and counts, per dataset, the points that are drawn inside the chart area
// and not hidden under a point of another dataset (a zero-height bar counts as not drawn). Writes
// [{chart, title, dataset, points, visible}] as JSON into a pre element with the id chart-audit.
(function () {
  'use strict';
  var out = [];
  (window.sigloadCharts || []).forEach(function (ch, ci) {
    var area = ch.chartArea;
    var drawn = [];
    ch.data.datasets.forEach(function (ds, i) {
      var meta = ch.getDatasetMeta(i);
      var visible = 0;
      if (ch.isDatasetVisible(i)) {
        meta.data.forEach(function (el) {
          if (!el || el.skip) { return; }
          var x = el.x;
          var y = el.y;
          if (!(x >= area.left - 1 && x <= area.right + 1 && y >= area.top - 1 && y <= area.bottom + 1)) { return; }
          if (meta.type === 'bar' && Math.abs(el.base - el.y) < 1) { return; }
          var covered = drawn.some(function (p) { return Math.abs(p.x - x) < 1.5 && Math.abs(p.y - y) < 1.5; });
          if (!covered) { visible++; }
        });
        meta.data.forEach(function (el) { if (el) { drawn.push({ x: el.x, y: el.y }); } });
      }
      var t = ch.options.plugins && ch.options.plugins.title ? ch.options.plugins.title.text : '';
      out.push({ chart: ci, title: t, dataset: ds.label, points: meta.data.length, visible: visible });
    });
  });
  var pre = document.createElement('pre');
  pre.id = 'chart-audit';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
