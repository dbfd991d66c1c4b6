// sigload HTML report: draws the charts from the JSON embedded in #sigload-data with chart.js
// (bundled in the page). A section is added only when it has data (no empty sections). Every
// series must be visible: series get their own colour, point style and dash, line charts offset
// same-valued series sideways, and the skew window is drawn as small multiples zoomed on its two
// edges. window.sigloadCharts lists the charts (the headless test asks each for its datasets).
// Sets body[data-render] to "ok" or "error" for headless checks.
(function () {
  'use strict';
  var status = document.getElementById('render-status');
  var errors = [];
  function fail(msg) {
    errors.push(String(msg));
    status.textContent = 'error: ' + errors.join('; ');
    document.body.setAttribute('data-render', 'error');
  }
  window.addEventListener('error', function (e) { fail(e.message); });
  var data = JSON.parse(document.getElementById('sigload-data').textContent);
  var runs = data.runs || [];
  var skews = data.skews || [];
  var colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  var points = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];
  var dashes = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6]];
  var charts = window.sigloadCharts = [];
  var root = document.getElementById('charts');
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;

  function style(i) {
    return { borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
      pointStyle: points[i % points.length], borderDash: dashes[i % dashes.length], pointRadius: 4, borderWidth: 2 };
  }
  function merge(a, b) { Object.keys(b).forEach(function (k) { a[k] = b[k]; }); return a; }
  function title(text) { return { display: true, text: text }; }
  function section(heading, note) {
    var s = document.createElement('section');
    var h = document.createElement('h2');
    h.textContent = heading;
    s.appendChild(h);
    if (note) { var p = document.createElement('p'); p.className = 'note'; p.textContent = note; s.appendChild(p); }
    root.appendChild(s);
    return s;
  }
  function chart(parent, config, cls) {
    var box = document.createElement('div');
    box.className = cls || 'chart';
    var c = document.createElement('canvas');
    box.appendChild(c);
    parent.appendChild(box);
    var ch = new Chart(c.getContext('2d'), config);
    charts.push(ch);
    return ch;
  }
  // ticks at whole positions only (an axis padded by half a step would put them at x.5)
  function ticksAt(values) { return function (axis) { axis.ticks = values.map(function (v) { return { value: v }; }); }; }
  function range(n) { var a = []; for (var k = 0; k < n; k++) { a.push(k); } return a; }
  // same-valued series side by side: series i of n sits at x + offset(i, n)
  function offset(i, n, width) { return n < 2 ? 0 : (i - (n - 1) / 2) * (width / n); }

  // 1. latency percentiles per signer, log scale
  var pcts = ['p50', 'p90', 'p99', 'p999', 'max'];
  var pctLabels = ['p50', 'p90', 'p99', 'p99.9', 'max'];
  var latencyRuns = runs.filter(function (r) { var l = r.latencyMicros || {}; return (l.sign || l.total); });
  if (latencyRuns.length) {
    var s1 = section('Latency percentiles', 'the signer call (sign), per signer; series are offset sideways so equal values stay visible');
    chart(s1, {
      type: 'line',
      data: { datasets: latencyRuns.map(function (r, i) {
        var lat = r.latencyMicros || {};
        var phase = lat.sign || lat.total || {};
        return merge({ label: r.label, data: pcts.map(function (p, k) {
          return phase[p] > 0 ? { x: k + offset(i, latencyRuns.length, 0.5), y: phase[p] } : null; }).filter(Boolean) }, style(i));
      }) },
      options: { plugins: { title: title('signer call latency (µs, log scale)') },
        scales: { y: { type: 'logarithmic', title: title('µs') },
          x: { type: 'linear', min: -0.5, max: 4.5, title: title('percentile'), afterBuildTicks: ticksAt(range(5)),
            ticks: { callback: function (v) { return pctLabels[v] || ''; } } } } }
    });
  }

  // 2. failures by reason (error codes and mint/transport categories), signers that had failures
  var reasons = [];
  runs.forEach(function (r) {
    Object.keys(r.byReason || {}).concat(Object.keys(r.mintErrors || {})).forEach(function (k) {
      if (reasons.indexOf(k) < 0) { reasons.push(k); }
    });
  });
  var failing = runs.filter(function (r) { return (r.invalid || 0) > 0; });
  var clean = runs.filter(function (r) { return (r.invalid || 0) === 0; }).map(function (r) { return r.label; });
  if (failing.length && reasons.length) {
    var s2 = section('Failures by reason', clean.length ? 'no failures: ' + clean.join(', ') : '');
    chart(s2, {
      type: 'bar',
      data: { labels: reasons, datasets: failing.map(function (r, i) {
        return merge({ label: r.label, data: reasons.map(function (k) {
          return (r.byReason || {})[k] || (r.mintErrors || {})[k] || 0; }) }, style(runs.indexOf(r)));
      }) },
      options: { plugins: { title: title('failures by reason (participants)') }, scales: { y: { beginAtZero: true } } }
    });
  }

  // 3. participant clock skew vs verdict: only where the participants' clocks mint the tokens
  var clientRuns = runs.filter(function (r) { return r.mintedOn === 'client' && (r.scatter || []).length > 0; });
  if (clientRuns.length) {
    var verdicts = ['VALID'];
    clientRuns.forEach(function (r) { (r.scatter || []).forEach(function (p) {
      if (verdicts.indexOf(p.verdict) < 0) { verdicts.push(p.verdict); } }); });
    var s3 = section('Participant clock skew vs verdict',
      'tokens minted on each participant\'s own clock; signers are offset vertically within each verdict row');
    chart(s3, {
      type: 'scatter',
      data: { datasets: clientRuns.map(function (r, i) {
        var dy = offset(i, clientRuns.length, 0.6);
        return merge({ label: r.label, showLine: false,
          data: (r.scatter || []).map(function (p) { return { x: p.skewMillis / 1000, y: verdicts.indexOf(p.verdict) + dy }; }) },
          style(runs.indexOf(r)));
      }) },
      options: { plugins: { title: title('participant clock skew vs verdict (lowest-index participants)') },
        scales: { x: { type: 'linear', title: title('participant clock skew (s, + = fast)') },
          y: { type: 'linear', min: -0.5, max: verdicts.length - 0.5, reverse: true,
            afterBuildTicks: ticksAt(range(verdicts.length)),
            ticks: { callback: function (v) { return verdicts[v] || ''; } } } } }
    });
  }

  // 4. skew window: per signer, small multiples zoomed on each edge (a +30 s edge is invisible on a ±2 h axis)
  var ZOOM = 120;
  function windowChart(parent, s, i, lo, hi, what) {
    var steps = (s.steps || []).filter(function (st) { return st.skewSeconds >= lo && st.skewSeconds <= hi; });
    if (!steps.length) { return; }
    chart(parent, {
      type: 'line',
      data: { datasets: [merge({ label: s.label, stepped: true, data: steps.map(function (st) {
        return { x: st.skewSeconds, y: 100 * (1 - st.rejectedShare) }; }) }, style(i))] },
      options: { plugins: { title: title(s.label + ': ' + what), legend: { display: false } },
        scales: { x: { type: 'linear', min: lo, max: hi, title: title('skew (s)') },
          y: { min: -5, max: 105, title: title('% accepted'), afterBuildTicks: ticksAt([0, 25, 50, 75, 100]) } } }
    }, 'chart small');
  }
  if (skews.length) {
    var s4 = section('Skew window', 'share of tokens accepted at each skew tried (minting clock minus validator clock),'
      + ' zoomed on each edge of the window');
    skews.forEach(function (s, i) {
      var row = document.createElement('div');
      row.className = 'row';
      s4.appendChild(row);
      var w = s.windowSeconds;
      if (w) {
        windowChart(row, s, i, w.min - ZOOM, w.min + ZOOM, 'slow edge, window starts at ' + w.min + ' s');
        windowChart(row, s, i, w.max - ZOOM, w.max + ZOOM, 'fast edge, window ends at +' + w.max + ' s');
      } else {
        windowChart(row, s, i, s.fromSeconds, s.toSeconds, 'no skew lets every token validate');
      }
    });
  }

  if (!errors.length) {
    status.textContent = 'rendered ' + charts.length + ' charts';
    document.body.setAttribute('data-render', 'ok');
  }
})();
