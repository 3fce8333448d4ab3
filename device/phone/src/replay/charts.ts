import uPlot from 'uplot';
import type { ReportData } from '../../../../src/report/collect.ts';
import { MARKER_CSS } from '../../../../src/report/marker-style.ts';
import { formatDuration } from '../../../../src/fit/format.ts';
import { formatPace } from '../../../../src/samples/pace.ts';

/**
 * The report's charts (simulator/report/browser-script.ts), drawn from the
 * same ReportData (src/report/collect.ts: axis ranges, markers, repeat ticks,
 * ceiling labels are decided there, for both), but kept
 * alive so a slider move only swaps the data and redraws: pace (grade-adjusted
 * and as recorded, faster higher), heart rate and elevation on one clock and
 * one cursor; each ceiling a band (the over side tinted, the line dashed); the
 * guard's own overshoots shaded; a `.pg-marker[data-kind]` over the plot for
 * every event, styled by the report's CSS rules (copied into style.css).
 */

const OVER_BAND = 'rgba(220, 53, 69, 0.10)';
const OVERSHOOT = 'rgba(220, 53, 69, 0.22)';
const CEILING_LINE = 'rgba(200, 16, 46, 0.85)';
const SYNC_KEY = 'paceguard-phone';
const CLOCK_INCRS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800];

type Causes = readonly ('pace' | 'hr' | 'both')[];

export interface RunCharts {
  update(data: ReportData): void;
  destroy(): void;
}

/** A pace on a chart's legend or ceiling line; no reading is dashes. */
function pace(secPerKm: number | null | undefined): string {
  return secPerKm === null || secPerKm === undefined ? '--:--' : formatPace(secPerKm);
}

/** The report's marker styles, added to the page once (the page's CSP allows inline styles). */
function addMarkerStyle(): void {
  if (document.getElementById('pg-marker-style') !== null) return;
  const style = document.createElement('style');
  style.id = 'pg-marker-style';
  style.textContent = MARKER_CSS;
  document.head.append(style);
}

/** Draws the three charts into the figures #pace-chart, #hr-chart and #elevation-chart under `root`. */
export function drawRunCharts(root: HTMLElement, first: ReportData): RunCharts {
  addMarkerStyle();
  let data = first;
  const charts: uPlot[] = [];
  const placers: (() => void)[] = [];

  const figure = (id: string): HTMLElement => {
    const el = root.querySelector<HTMLElement>(`#${id}`);
    if (el === null) throw new Error(`no #${id}`);
    return el;
  };
  const plotOf = (id: string): HTMLElement => {
    const el = figure(id).querySelector<HTMLElement>('.plot');
    if (el === null) throw new Error(`no plot in #${id}`);
    el.replaceChildren();
    return el;
  };

  const shading = (scaleKey: string, ceiling: () => number | undefined, causes: Causes) => (u: uPlot): void => {
    const ctx = u.ctx;
    const b = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.left, b.top, b.width, b.height);
    ctx.clip();
    const c = ceiling();
    if (c !== undefined) {
      const y = Math.max(b.top, Math.min(b.top + b.height, u.valToPos(c, scaleKey, true)));
      ctx.fillStyle = OVER_BAND;
      ctx.fillRect(b.left, b.top, b.width, y - b.top);
    }
    ctx.fillStyle = OVERSHOOT;
    for (const o of data.overshoots) {
      if (!causes.includes(o.cause)) continue;
      const x0 = u.valToPos(o.fromSec, 'x', true);
      const x1 = u.valToPos(o.toSec, 'x', true);
      ctx.fillRect(x0, b.top, Math.max(1, x1 - x0), b.height);
    }
    ctx.restore();
  };

  const ceilingLine = (scaleKey: string, ceiling: () => number | undefined, label: () => string) => (u: uPlot): void => {
    const c = ceiling();
    if (c === undefined) return;
    const ctx = u.ctx;
    const b = u.bbox;
    const y = Math.round(u.valToPos(c, scaleKey, true)) + 0.5;
    if (y < b.top || y > b.top + b.height) return;
    const px = uPlot.pxRatio;
    ctx.save();
    ctx.strokeStyle = CEILING_LINE;
    ctx.lineWidth = 1.5 * px;
    ctx.setLineDash([6 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(b.left, y);
    ctx.lineTo(b.left + b.width, y);
    ctx.stroke();
    // The label on a white card above the line: readable over the band and the markers at 412 px.
    ctx.font = `600 ${12 * px}px system-ui, sans-serif`;
    const text = label();
    const w = ctx.measureText(text).width + 8 * px;
    const h = 16 * px;
    const right = b.left + b.width - 4 * px;
    // Above the line, or under it when the line runs along the top of the plot.
    const top = y - h - 3 * px < b.top ? y + 3 * px : y - h - 3 * px;
    ctx.setLineDash([]);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
    ctx.fillRect(right - w, top, w, h);
    ctx.fillStyle = CEILING_LINE;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, right - 4 * px, top + h / 2);
    ctx.restore();
  };

  /** Alert markers (repeats as ticks) over one chart: made again from the data on every update, placed on every draw. */
  const markers = (u: uPlot): (() => void) => {
    let placed: { el: HTMLElement; atSec: number }[] = [];
    let madeFor: ReportData | undefined;
    const put = (className: string, m: { kind: string; atSec: number; title?: string }): { el: HTMLElement; atSec: number } => {
      const el = document.createElement('div');
      el.className = className;
      el.dataset['kind'] = m.kind;
      el.dataset['at'] = String(m.atSec);
      if (m.title !== undefined) el.title = m.title;
      u.over.appendChild(el);
      return { el, atSec: m.atSec };
    };
    return () => {
      if (madeFor !== data) {
        for (const m of placed) m.el.remove();
        placed = [...data.markers.map((m) => put('pg-marker', m)), ...data.ticks.map((t) => put('pg-tick', t))];
        madeFor = data;
      }
      const min = u.scales['x']?.min;
      const max = u.scales['x']?.max;
      for (const m of placed) {
        const off = min === undefined || max === undefined || m.atSec < min || m.atSec > max;
        m.el.classList.toggle('off', off);
        if (!off) m.el.style.left = `${u.valToPos(m.atSec, 'x')}px`;
      }
    };
  };

  let zooming = false;
  const zoomOthers = (source: uPlot): void => {
    if (zooming) return;
    zooming = true;
    const min = source.scales['x']?.min;
    const max = source.scales['x']?.max;
    if (min !== undefined && max !== undefined) for (const u of charts) if (u !== source) u.setScale('x', { min, max });
    zooming = false;
  };

  const xAxis = (): uPlot.Axis => ({ incrs: CLOCK_INCRS, values: (_u, splits) => splits.map((sec) => formatDuration(sec * 1000)) });
  const xSeries = (): uPlot.Series => ({ label: 'clock', value: (_u, v) => (v === null ? '--' : formatDuration(v * 1000)) });

  const make = (id: string, height: number, opts: Omit<uPlot.Options, 'width' | 'height'>, columns: uPlot.AlignedData, withMarkers: boolean): uPlot => {
    const plot = plotOf(id);
    let place: (() => void) | undefined;
    const hooks = opts.hooks ?? {};
    const u = new uPlot(
      {
        ...opts,
        width: Math.max(320, plot.clientWidth),
        height,
        cursor: { sync: { key: SYNC_KEY }, drag: { x: true, y: false } },
        hooks: {
          ...hooks,
          draw: [...(hooks.draw ?? []), () => place?.()],
          setScale: [(self: uPlot, key: string) => (key === 'x' ? zoomOthers(self) : undefined)],
        },
      },
      columns,
      plot,
    );
    if (withMarkers) {
      place = markers(u);
      placers.push(place);
      place();
    }
    charts.push(u);
    return u;
  };

  const paceCeiling = (): number | undefined => data.ceilings.paceSecPerKm;
  const hrCeiling = (): number | undefined => data.ceilings.hrBpm;
  const paceColumns = (): uPlot.AlignedData => [data.series.tSec as number[], data.series.gapSecPerKm as (number | null)[], data.series.paceSecPerKm as (number | null)[]];
  const hrColumns = (): uPlot.AlignedData => [data.series.tSec as number[], data.series.hrBpm as (number | null)[]];

  const paceChart = make(
    'pace-chart',
    240,
    {
      scales: {
        x: { time: false },
        pace: { dir: -1, range: (_u, lo, hi) => (data.paceRangeSecPerKm !== undefined ? [data.paceRangeSecPerKm[0], data.paceRangeSecPerKm[1]] : [lo, hi]) },
      },
      series: [
        xSeries(),
        { label: 'GAP', scale: 'pace', stroke: '#1f5fbf', width: 2, value: (_u, v) => `${pace(v)} /km` },
        { label: 'pace as recorded', scale: 'pace', stroke: '#8fb3e8', width: 1, value: (_u, v) => `${pace(v)} /km` },
      ],
      axes: [xAxis(), { scale: 'pace', size: 56, incrs: [5, 10, 15, 30, 60, 120, 300], values: (_u, splits) => splits.map(pace) }],
      hooks: {
        drawClear: [shading('pace', paceCeiling, ['pace', 'both'])],
        draw: [ceilingLine('pace', paceCeiling, () => data.ceilings.paceLabel ?? '')],
      },
    },
    paceColumns(),
    true,
  );
  const hrChart = make(
    'hr-chart',
    200,
    {
      scales: { x: { time: false }, bpm: { range: (_u, lo, hi) => (data.hrRangeBpm !== undefined ? [data.hrRangeBpm[0], data.hrRangeBpm[1]] : [lo, hi]) } },
      series: [xSeries(), { label: 'heart rate', scale: 'bpm', stroke: '#c2410c', width: 2, value: (_u, v) => (v === null ? '--' : `${Math.round(v)} bpm`) }],
      axes: [xAxis(), { scale: 'bpm', size: 56 }],
      hooks: {
        drawClear: [shading('bpm', hrCeiling, ['hr', 'both'])],
        draw: [ceilingLine('bpm', hrCeiling, () => data.ceilings.hrLabel ?? '')],
      },
    },
    hrColumns(),
    true,
  );
  const elevation = data.elevation;
  if (elevation !== undefined) {
    make(
      'elevation-chart',
      140,
      {
        scales: { x: { time: false }, m: {} },
        series: [xSeries(), { label: 'altitude', scale: 'm', stroke: '#6b7f4f', fill: 'rgba(107, 127, 79, 0.18)', width: 1.5, value: (_u, v) => (v === null ? '--' : `${Math.round(v)} m`) }],
        axes: [xAxis(), { scale: 'm', size: 56 }],
        hooks: { drawClear: [shading('m', () => undefined, ['pace', 'hr', 'both'])] },
      },
      [elevation.tSec as number[], elevation.altitudeM as (number | null)[]],
      false,
    );
  } else {
    plotOf('elevation-chart').textContent = 'No altitude in this file.';
  }

  const resize = (): void => {
    for (const u of charts) {
      const parent = u.root.parentElement;
      if (parent !== null) u.setSize({ width: Math.max(320, parent.clientWidth), height: u.height });
    }
  };
  window.addEventListener('resize', resize);

  return {
    update: (next) => {
      data = next;
      // New series and ranges (a ceiling can widen the axis): a fresh draw of the two judged charts; markers follow.
      paceChart.setData(paceColumns());
      hrChart.setData(hrColumns());
      for (const u of charts) if (u !== paceChart && u !== hrChart) u.redraw(false, false);
      for (const place of placers) place();
    },
    destroy: () => {
      window.removeEventListener('resize', resize);
      for (const u of charts) u.destroy();
    },
  };
}
