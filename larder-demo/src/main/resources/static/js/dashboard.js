// The cache dashboard: polls /dashboard/data every second, keeps the last 120 snapshots and
// draws each cache's hit rate over a sliding window with uPlot. No framework, no CDN.
(function () {
  'use strict';
  var KEEP = 120;
  var WINDOW = 10;
  var COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  var history = [];
  var chart = null;
  var seriesNames = [];

  // Hits and reads of every cache the chart shows, by series name.
  function counters(snap) {
    var out = {};
    snap.caches.forEach(function (c) { out['cache ' + c.alias] = [c.hits, c.hits + c.misses]; });
    snap.pageCaches.forEach(function (p) { out['pages ' + p.name] = [p.hits, p.hits + p.misses]; });
    if (snap.modelCache) {
      out['model cache'] = [snap.modelCache.hits, snap.modelCache.hits + snap.modelCache.misses];
    }
    return out;
  }

  // Hits over reads since WINDOW snapshots ago; null without reads (and for the first snapshot,
  // which has nothing before it: its counters run from the start of the application).
  function rate(i, name) {
    if (i === 0) {
      return null;
    }
    var now = history[i].counters[name];
    var then = history[Math.max(0, i - WINDOW)].counters[name] || [0, 0];
    var reads = now[1] - then[1];
    return reads > 0 ? (now[0] - then[0]) / reads : null;
  }

  function chartData() {
    var data = [history.map(function (h) { return h.time / 1000; })];
    seriesNames.forEach(function (name) {
      data.push(history.map(function (h, i) { return h.counters[name] ? rate(i, name) : null; }));
    });
    return data;
  }

  function drawChart() {
    var el = document.getElementById('chart');
    if (!chart) {
      var series = [{}].concat(seriesNames.map(function (name, i) {
        return { label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true,
          value: function (u, v) { return v == null ? '-' : (v * 100).toFixed(0) + '%'; } };
      }));
      chart = new uPlot({
        width: Math.max(320, el.clientWidth), height: 260, series: series,
        scales: { y: { range: [0, 1] } },
        axes: [{}, { values: function (u, vals) { return vals.map(function (v) { return (v * 100) + '%'; }); } }]
      }, chartData(), el);
      window.addEventListener('resize', function () { chart.setSize({ width: Math.max(320, el.clientWidth), height: 260 }); });
    } else {
      chart.setData(chartData());
    }
    // For the browser test and the curious: the chart, its colours and how many snapshots it holds.
    window.larderDashboard = { chart: chart, points: history.length, colors: COLORS };
  }

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) {
      td.className = cls;
    }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, build) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      build(tr, r);
      body.appendChild(tr);
    });
  }

  function pct(v) { return (v * 100).toFixed(1) + '%'; }
  function dash(v) { return v == null ? '-' : String(v); }

  function reasons(p) {
    if (!p.refusals) {
      return p.refused ? 'total only' : '-';
    }
    var parts = Object.keys(p.refusals).filter(function (k) { return p.refusals[k] > 0; })
      .map(function (k) { return k + ': ' + p.refusals[k]; });
    return parts.length ? parts.join(', ') : '-';
  }

  function render(snap) {
    document.getElementById('updated').textContent = 'updated ' + new Date(snap.time).toLocaleTimeString();
    fill('caches', snap.caches, function (tr, c) {
      cell(tr, c.alias); cell(tr, c.backend); cell(tr, c.location); cell(tr, dash(c.entries), 'entries');
      cell(tr, c.hits, 'hits'); cell(tr, c.misses); cell(tr, pct(c.hitRate)); cell(tr, c.sets);
      cell(tr, c.evictions); cell(tr, c.errors);
      var button = document.createElement('button');
      button.textContent = 'Clear';
      button.className = 'clear';
      button.dataset.alias = c.alias;
      button.addEventListener('click', function () {
        fetch('/dashboard/clear/' + encodeURIComponent(c.alias), { method: 'POST' }).then(poll);
      });
      cell(tr, '').appendChild(button);
    });
    fill('pages', snap.pageCaches, function (tr, p) {
      cell(tr, p.name); cell(tr, p.alias); cell(tr, p.hits); cell(tr, p.misses); cell(tr, p.bypasses);
      cell(tr, p.stored); cell(tr, p.refused); cell(tr, reasons(p), 'text'); cell(tr, p.collapsed); cell(tr, p.errors);
    });
    var m = snap.modelCache;
    fill('model', m ? [m] : [], function (tr, r) {
      cell(tr, r.alias); cell(tr, r.hits); cell(tr, r.misses); cell(tr, r.bypassed); cell(tr, r.stored);
      cell(tr, r.refusedFills); cell(tr, r.invalidations); cell(tr, r.errors);
    });
    var log = document.getElementById('invalidations');
    log.replaceChildren();
    var recent = m && m.recentInvalidations;
    if (!recent || !recent.length) {
      var li = document.createElement('li');
      li.className = 'muted';
      li.textContent = !m ? 'The model cache is off.' : !recent ? 'This Larder does not list invalidations yet; see the count above.'
        : 'None yet: rename a parent.';
      log.appendChild(li);
    } else {
      recent.forEach(function (inv) {
        var item = document.createElement('li');
        item.textContent = new Date(inv.time).toLocaleTimeString() + ' · ' + inv.cause + ' · ' + inv.stamps.join(', ');
        log.appendChild(item);
      });
    }
    fill('failopen', Object.keys(snap.failOpen).map(function (k) { return [k, snap.failOpen[k]]; }), function (tr, e) {
      cell(tr, e[0], 'text'); cell(tr, e[1]);
    });
  }

  function poll() {
    return fetch('/dashboard/data', { cache: 'no-store' }).then(function (r) {
      if (!r.ok) {
        throw new Error('/dashboard/data answered ' + r.status);
      }
      return r.json();
    }).then(function (snap) {
      var c = counters(snap);
      if (!seriesNames.length) {
        seriesNames = Object.keys(c);
      }
      history.push({ time: snap.time, counters: c });
      if (history.length > KEEP) {
        history.shift();
      }
      render(snap);
      drawChart();
    }).catch(function (e) {
      document.getElementById('updated').textContent = 'not updated: ' + e.message;
    });
  }

  poll();
  setInterval(poll, 1000);
})();
