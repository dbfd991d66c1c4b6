// sigload HTML report: draws the charts from the JSON embedded in #sigload-data with chart.js
// (bundled in the page). Sets body[data-render] to "ok" or "error" for headless checks.
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
  var charts = 0;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;

  function canvas(id) {
    var el = document.getElementById(id);
    return el ? el.getContext('2d') : null;
  }
  function title(text) { return { display: true, text: text }; }
  function hide(id, why) {
    var box = document.getElementById(id + '-box');
    if (box) { box.style.height = 'auto'; box.innerHTML = '<p class="empty">' + why + '</p>'; }
  }

  // 1. latency percentiles per signer, log scale
  var pcts = ['p50', 'p90', 'p99', 'p999', 'max'];
  if (runs.length) {
    new Chart(canvas('latency'), {
      type: 'line',
      data: {
        labels: ['p50', 'p90', 'p99', 'p99.9', 'max'],
        datasets: runs.map(function (r, i) {
          var lat = r.latencyMicros || {};
          var phase = lat.sign || lat.total || {};
          return { label: r.label, borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
            data: pcts.map(function (p) { return phase[p] > 0 ? phase[p] : null; }) };
        })
      },
      options: { plugins: { title: title('signer call latency (sign, µs, log scale)') },
        scales: { y: { type: 'logarithmic', title: title('µs') }, x: { title: title('percentile') } } }
    });
    charts++;
  } else { hide('latency', 'no load run in this report'); }

  // 2. failures by reason (error codes and mint/transport categories), per signer
  var reasons = [];
  runs.forEach(function (r) {
    Object.keys(r.byReason || {}).concat(Object.keys(r.mintErrors || {})).forEach(function (k) {
      if (reasons.indexOf(k) < 0) { reasons.push(k); }
    });
  });
  if (runs.length && reasons.length) {
    new Chart(canvas('reasons'), {
      type: 'bar',
      data: { labels: reasons, datasets: runs.map(function (r, i) {
        return { label: r.label, backgroundColor: colors[i % colors.length], data: reasons.map(function (k) {
          return (r.byReason || {})[k] || (r.mintErrors || {})[k] || 0; }) };
      }) },
      options: { plugins: { title: title('failures by reason (participants)') }, scales: { y: { beginAtZero: true } } }
    });
    charts++;
  } else { hide('reasons', runs.length ? 'no failures: every participant validated' : 'no load run in this report'); }

  // 3. participant clock skew vs verdict
  var verdicts = ['VALID'];
  runs.forEach(function (r) { (r.scatter || []).forEach(function (p) {
    if (verdicts.indexOf(p.verdict) < 0) { verdicts.push(p.verdict); } }); });
  if (runs.some(function (r) { return (r.scatter || []).length > 0; })) {
    new Chart(canvas('scatter'), {
      type: 'scatter',
      data: { datasets: runs.map(function (r, i) {
        return { label: r.label, backgroundColor: colors[i % colors.length], pointRadius: 3,
          data: (r.scatter || []).map(function (p) { return { x: p.skewMillis / 1000, y: p.verdict }; }) };
      }) },
      options: { plugins: { title: title('participant clock skew vs verdict (lowest-index participants)') },
        scales: { x: { type: 'linear', title: title('participant clock skew (s, + = fast)') },
          y: { type: 'category', labels: verdicts, offset: true } } }
    });
    charts++;
  } else { hide('scatter', 'no participants in this report'); }

  // 4. skew window: share of tokens accepted at each skew tried
  if (skews.length) {
    new Chart(canvas('window'), {
      type: 'line',
      data: { datasets: skews.map(function (s, i) {
        var w = s.windowSeconds;
        return { label: s.label + (w ? ' window [' + w.min + ' s, ' + w.max + ' s]' : ' (no window)'),
          borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length], stepped: true,
          pointRadius: 2, data: (s.steps || []).map(function (st) {
            return { x: st.skewSeconds, y: 100 * (1 - st.rejectedShare) }; }) };
      }) },
      options: { plugins: { title: title('tokens accepted vs clock skew (minting clock minus validator clock)') },
        scales: { x: { type: 'linear', title: title('skew (s, + = minting clock fast)') },
          y: { min: 0, max: 100, title: title('% accepted') } } }
    });
    charts++;
  } else { hide('window', 'skew window not measured in this report'); }

  if (!errors.length) {
    status.textContent = 'rendered ' + charts + ' charts';
    document.body.setAttribute('data-render', 'ok');
  }
})();
