/**
 * The report page's own script, run by the browser that opens the report: it
 * reads the run's data from the `report-data` JSON block and draws the page
 * with uPlot (inlined before it). Plain ES2017 for any browser, kept as text
 * because it runs there, not here; the headless-browser tests
 * (tests/report/browser.test.ts) are its checks.
 *
 * Rules it keeps:
 * - every text from the data is set with textContent: a device name like
 *   `<img onerror=…>` shows as those characters and never becomes markup;
 * - the charts are drawn by src/report/charts.ts (series, scales, ranges,
 *   the ceiling bands and lines, the overshoot shading, where markers go),
 *   the phone's code too, inlined before this script as `paceguardCharts`;
 *   this script only makes them into uPlot charts and DOM markers;
 * - what to show is decided in src/report (shared with the phone): every
 *   event but a repeat gets a marker on the pace and heart-rate charts, a DOM
 *   element `.pg-marker[data-kind=…]` over the plot (each kind its own look),
 *   each repeat a small `.pg-tick`, and the table one row per alert with its
 *   repeats folded in (`data.rows`); thinning the series never touches them;
 * - the ceilings are bands (the over side of each ceiling tinted, the ceiling
 *   a dashed line), and the guard's own overshoots are shaded across the plot;
 * - the charts share one cursor and one zoom.
 *
 * When done it sets `data-report="ready"` on <html>.
 */
export const BROWSER_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  // The charts' shared code (src/report/charts.ts), inlined before this script.
  var shared = paceguardCharts;

  function byId(id) { return document.getElementById(id); }
  function make(tag, value) {
    var el = document.createElement(tag);
    if (value !== undefined) el.textContent = String(value);
    return el;
  }
  function facts(dl, list) {
    list.forEach(function (f) {
      dl.appendChild(make('dt', f.label));
      dl.appendChild(make('dd', f.value));
    });
  }
  // ---- text ---------------------------------------------------------------
  document.title = 'paceguard report: ' + data.file;
  byId('file').textContent = data.file;
  byId('run-facts').textContent = 'Started ' + data.startedAt + ' · ' + shared.clockText(data.durationSec) + ' long · ' + data.alertsText;
  byId('verdict').setAttribute('data-verdict', data.verdict);
  byId('verdict-word').textContent = data.verdict === 'easy' ? 'Easy: a real recovery run'
    : data.verdict === 'moderate' ? 'Moderate: not a recovery run' : 'Not enough data to judge';
  byId('advice').textContent = data.advice;
  facts(byId('summary'), data.summary);
  byId('ceilings').textContent = data.ceilings.text;
  facts(byId('device'), data.device);

  byId('zone').textContent = data.timeZone;
  var tbody = byId('events');
  data.rows.forEach(function (r) {
    var tr = make('tr');
    tr.setAttribute('data-kind', r.kind);
    tr.setAttribute('data-at', String(r.atSec));
    tr.setAttribute('data-count', String(r.count));
    tr.appendChild(make('td', r.runClock));
    tr.appendChild(make('td', r.localClock));
    tr.appendChild(make('td', r.label));
    tr.appendChild(make('td', r.note));
    tbody.appendChild(tr);
  });
  if (data.rows.length === 0) {
    var none = make('td', 'No events: the guard stayed silent.');
    none.colSpan = 4;
    tbody.appendChild(make('tr')).appendChild(none);
  }

  var details = [{ label: 'developer fields', value: data.developerFieldNames.length > 0 ? data.developerFieldNames.join(', ') : 'none' }];
  data.warnings.forEach(function (w) { details.push({ label: 'warning', value: w }); });
  facts(byId('file-details'), details);
  if (data.pointCount < data.sampleCount) {
    byId('thinned').textContent = 'A long run: ' + data.sampleCount + ' samples are drawn as ' + data.pointCount +
      ' points (each stretch keeps its lowest and highest values). Every event is marked.';
  }

  // ---- charts: the shared drawing code (paceguardCharts, src/report/charts.ts), made into uPlot charts here ----
  var SYNC_KEY = 'paceguard';
  /** Chart heights in the report, CSS pixels (the phone's are lower). */
  var HEIGHTS = { 'pace-chart': 280, 'hr-chart': 230, 'elevation-chart': 170 };
  var charts = [];

  /** One DOM marker per alert (repeats are small ticks) over the plot, placed by time on every redraw. */
  function markers(u) {
    function place(className, title) {
      return function (m) {
        var el = document.createElement('div');
        el.className = className;
        el.setAttribute('data-kind', m.kind);
        el.setAttribute('data-at', String(m.atSec));
        if (title) el.title = m.title;
        u.over.appendChild(el);
        return { el: el, atSec: m.atSec };
      };
    }
    var placed = data.markers.map(place('pg-marker', true)).concat(data.ticks.map(place('pg-tick', false)));
    return function () {
      placed.forEach(function (m) {
        var left = shared.markerLeftPx(u, m.atSec);
        m.el.classList.toggle('off', left === undefined);
        if (left !== undefined) m.el.style.left = left + 'px';
      });
    };
  }

  var zooming = false;
  function zoomOthers(source) {
    if (zooming) return;
    zooming = true;
    var min = source.scales.x.min, max = source.scales.x.max;
    charts.forEach(function (c) {
      if (c.u !== source && (c.u.scales.x.min !== min || c.u.scales.x.max !== max)) c.u.setScale('x', { min: min, max: max });
    });
    zooming = false;
  }

  shared.chartSpecs(function () { return data; }, function () { return uPlot.pxRatio || 1; }).forEach(function (spec) {
    var figure = byId(spec.id);
    if (!spec.hasData(data)) {
      figure.appendChild(make('p', spec.empty));
      return;
    }
    var plot = figure.querySelector('.plot'), o = spec.options, place = null;
    var opts = {
      scales: o.scales,
      series: o.series,
      axes: o.axes,
      width: Math.max(shared.MIN_CHART_WIDTH_PX, plot.clientWidth),
      height: HEIGHTS[spec.id],
      cursor: { sync: { key: SYNC_KEY }, drag: { x: true, y: false } },
      hooks: {
        drawClear: o.hooks.drawClear,
        draw: o.hooks.draw.concat([function (u) {
          if (place) place();
          // The value axis as drawn, on the figure: what the browser tests read back.
          figure.setAttribute('data-y-range', u.scales[spec.scaleKey].min + ',' + u.scales[spec.scaleKey].max);
        }]),
        setScale: [function (u, key) { if (key === 'x') zoomOthers(u); }]
      }
    };
    var u = new uPlot(opts, spec.columns(data), plot);
    if (spec.markers) { place = markers(u); place(); }
    charts.push({ u: u, plot: plot });
  });

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.u.setSize({ width: Math.max(shared.MIN_CHART_WIDTH_PX, c.plot.clientWidth), height: c.u.height }); });
  });
  document.documentElement.setAttribute('data-report', 'ready');
})();
`;
