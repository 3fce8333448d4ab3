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
  var OVER_BAND = 'rgba(220, 53, 69, 0.10)';
  var OVERSHOOT = 'rgba(220, 53, 69, 0.22)';
  var CEILING_LINE = 'rgba(200, 16, 46, 0.85)';

  function byId(id) { return document.getElementById(id); }
  function make(tag, value) {
    var el = document.createElement(tag);
    if (value !== undefined) el.textContent = String(value);
    return el;
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function clock(sec) {
    var s = Math.max(0, Math.round(sec));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return h > 0 ? h + ':' + two(m) + ':' + two(s % 60) : m + ':' + two(s % 60);
  }
  function pace(secPerKm) {
    if (secPerKm == null || !(secPerKm > 0)) return '--:--';
    var w = Math.round(secPerKm);
    return Math.floor(w / 60) + ':' + two(w % 60);
  }
  function facts(dl, list) {
    list.forEach(function (f) {
      dl.appendChild(make('dt', f.label));
      dl.appendChild(make('dd', f.value));
    });
  }
  function hasValue(values) {
    for (var i = 0; i < values.length; i++) if (values[i] != null) return true;
    return false;
  }

  // ---- text ---------------------------------------------------------------
  document.title = 'paceguard report: ' + data.file;
  byId('file').textContent = data.file;
  byId('run-facts').textContent = 'Started ' + data.startedAt + ' · ' + clock(data.durationSec) + ' long · ' + data.alertsText;
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

  // ---- charts -------------------------------------------------------------
  var SYNC_KEY = 'paceguard';
  var charts = [];
  var CLOCK_INCRS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800];

  function xAxis() {
    return { incrs: CLOCK_INCRS, values: function (u, splits) { return splits.map(clock); } };
  }
  function xSeries() {
    return { label: 'clock', value: function (u, v) { return v == null ? '--' : clock(v); } };
  }

  /** Tints the over side of a ceiling (the top: faster pace, higher heart rate) and shades the overshoots of the given causes. */
  function shading(scaleKey, ceiling, causes) {
    return function (u) {
      var ctx = u.ctx, b = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.left, b.top, b.width, b.height);
      ctx.clip();
      if (ceiling != null) {
        var y = Math.max(b.top, Math.min(b.top + b.height, u.valToPos(ceiling, scaleKey, true)));
        ctx.fillStyle = OVER_BAND;
        ctx.fillRect(b.left, b.top, b.width, y - b.top);
      }
      ctx.fillStyle = OVERSHOOT;
      data.overshoots.forEach(function (o) {
        if (causes.indexOf(o.cause) < 0) return;
        var x0 = u.valToPos(o.fromSec, 'x', true), x1 = u.valToPos(o.toSec, 'x', true);
        ctx.fillRect(x0, b.top, Math.max(1, x1 - x0), b.height);
      });
      ctx.restore();
    };
  }

  function ceilingLine(scaleKey, ceiling, label) {
    return function (u) {
      if (ceiling == null) return;
      var ctx = u.ctx, b = u.bbox, y = Math.round(u.valToPos(ceiling, scaleKey, true)) + 0.5;
      if (y < b.top || y > b.top + b.height) return;
      var px = uPlot.pxRatio || 1;
      ctx.save();
      ctx.strokeStyle = CEILING_LINE;
      ctx.lineWidth = 1.5 * px;
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.beginPath();
      ctx.moveTo(b.left, y);
      ctx.lineTo(b.left + b.width, y);
      ctx.stroke();
      // The label on a white card above the line (under it when the line runs along the top), so the band, the lines and the markers cannot blur it (phone width too).
      ctx.font = '600 ' + (12 * px) + 'px system-ui, sans-serif';
      var w = ctx.measureText(label).width + 8 * px, h = 16 * px;
      var right = b.left + b.width - 4 * px, top = y - h - 3 * px < b.top ? y + 3 * px : y - h - 3 * px;
      ctx.setLineDash([]);
      ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
      ctx.fillRect(right - w, top, w, h);
      ctx.fillStyle = CEILING_LINE;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(label, right - 4 * px, top + h / 2);
      ctx.restore();
    };
  }

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
      var min = u.scales.x.min, max = u.scales.x.max;
      placed.forEach(function (m) {
        var off = min == null || m.atSec < min || m.atSec > max;
        m.el.classList.toggle('off', off);
        if (!off) m.el.style.left = u.valToPos(m.atSec, 'x') + 'px';
      });
    };
  }

  function chart(figureId, height, opts, columns, withMarkers) {
    var figure = byId(figureId), plot = figure.querySelector('.plot');
    opts.width = Math.max(320, plot.clientWidth);
    opts.height = height;
    opts.cursor = { sync: { key: SYNC_KEY }, drag: { x: true, y: false } };
    opts.hooks = opts.hooks || {};
    var place = null;
    // The value axis as drawn, on the figure: what the browser tests read back.
    var yKey = opts.series[1].scale;
    opts.hooks.draw = (opts.hooks.draw || []).concat([function (u) {
      if (place) place();
      figure.setAttribute('data-y-range', u.scales[yKey].min + ',' + u.scales[yKey].max);
    }]);
    opts.hooks.setScale = [function (u, key) { if (key === 'x') zoomOthers(u); }];
    var u = new uPlot(opts, columns, plot);
    if (withMarkers) { place = markers(u); place(); }
    charts.push({ u: u, plot: plot });
    return u;
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

  var s = data.series;
  var paceCeiling = data.ceilings.paceSecPerKm, hrCeiling = data.ceilings.hrBpm;
  var paceRange = data.paceRangeSecPerKm, hrRange = data.hrRangeBpm;

  if (hasValue(s.gapSecPerKm) || hasValue(s.paceSecPerKm)) {
    chart('pace-chart', 280, {
      scales: { x: { time: false }, pace: { dir: -1, range: paceRange ? function () { return [paceRange[0], paceRange[1]]; } : undefined } },
      series: [
        xSeries(),
        { label: 'GAP', scale: 'pace', stroke: '#1f5fbf', width: 2, value: function (u, v) { return pace(v) + ' /km'; } },
        { label: 'pace as recorded', scale: 'pace', stroke: '#8fb3e8', width: 1, value: function (u, v) { return pace(v) + ' /km'; } }
      ],
      axes: [xAxis(), { scale: 'pace', size: 56, incrs: [5, 10, 15, 30, 60, 120, 300], values: function (u, splits) { return splits.map(pace); } }],
      hooks: {
        drawClear: [shading('pace', paceCeiling, ['pace', 'both'])],
        draw: [ceilingLine('pace', paceCeiling, data.ceilings.paceLabel || '')]
      }
    }, [s.tSec, s.gapSecPerKm, s.paceSecPerKm], true);
  } else {
    byId('pace-chart').appendChild(make('p', 'No pace in this file.'));
  }

  if (hasValue(s.hrBpm)) {
    chart('hr-chart', 230, {
      scales: { x: { time: false }, bpm: { range: hrRange ? function () { return [hrRange[0], hrRange[1]]; } : undefined } },
      series: [
        xSeries(),
        { label: 'heart rate', scale: 'bpm', stroke: '#c2410c', width: 2, value: function (u, v) { return v == null ? '--' : Math.round(v) + ' bpm'; } }
      ],
      axes: [xAxis(), { scale: 'bpm', size: 56 }],
      hooks: {
        drawClear: [shading('bpm', hrCeiling, ['hr', 'both'])],
        draw: [ceilingLine('bpm', hrCeiling, data.ceilings.hrLabel || '')]
      }
    }, [s.tSec, s.hrBpm], true);
  } else {
    byId('hr-chart').appendChild(make('p', 'No heart rate in this file.'));
  }

  if (data.elevation) {
    chart('elevation-chart', 170, {
      scales: { x: { time: false }, m: {} },
      series: [
        xSeries(),
        { label: 'altitude', scale: 'm', stroke: '#6b7f4f', fill: 'rgba(107, 127, 79, 0.18)', width: 1.5, value: function (u, v) { return v == null ? '--' : Math.round(v) + ' m'; } }
      ],
      axes: [xAxis(), { scale: 'm', size: 56 }],
      hooks: { drawClear: [shading('m', null, ['pace', 'hr', 'both'])] }
    }, [data.elevation.tSec, data.elevation.altitudeM], false);
  } else {
    byId('elevation-chart').appendChild(make('p', 'No altitude in this file.'));
  }

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.u.setSize({ width: Math.max(320, c.plot.clientWidth), height: c.u.height }); });
  });
  document.documentElement.setAttribute('data-report', 'ready');
})();
`;
