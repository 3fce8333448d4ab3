import uPlot from 'uplot';
import type { ReportData } from '../../../../src/report/collect.ts';
import { chartSpecs, markerLeftPx, MIN_CHART_WIDTH_PX, type ChartId, type ChartSpec } from '../../../../src/report/charts.ts';
import { MARKER_CSS } from '../../../../src/report/marker-style.ts';

/**
 * The phone's adapter for the run's charts (src/report/charts.ts, which the
 * report draws with too): it makes the uPlot charts into #pace-chart,
 * #hr-chart and #elevation-chart, puts a `.pg-marker[data-kind]` over the
 * plot for every alert and a `.pg-tick` for every repeat (styled by the
 * report's CSS rules), syncs cursor and zoom, and keeps the charts alive so
 * a slider move only swaps the data and redraws.
 */

const SYNC_KEY = 'paceguard-phone';
/** Chart heights on a phone, CSS pixels (the report's are taller). */
const HEIGHTS_PX: Record<ChartId, number> = { 'pace-chart': 240, 'hr-chart': 200, 'elevation-chart': 140 };

export interface RunCharts {
  update(data: ReportData): void;
  destroy(): void;
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
  const drawn: { u: uPlot; spec: ChartSpec }[] = [];
  const placers: (() => void)[] = [];

  const plotOf = (id: string): HTMLElement => {
    const el = root.querySelector<HTMLElement>(`#${id} .plot`);
    if (el === null) throw new Error(`no plot in #${id}`);
    el.replaceChildren();
    return el;
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
      for (const m of placed) {
        const left = markerLeftPx(u, m.atSec);
        m.el.classList.toggle('off', left === undefined);
        if (left !== undefined) m.el.style.left = `${left}px`;
      }
    };
  };

  let zooming = false;
  const zoomOthers = (source: uPlot): void => {
    if (zooming) return;
    zooming = true;
    const min = source.scales['x']?.min;
    const max = source.scales['x']?.max;
    if (min !== undefined && max !== undefined) for (const { u } of drawn) if (u !== source) u.setScale('x', { min, max });
    zooming = false;
  };

  for (const spec of chartSpecs(() => data, () => uPlot.pxRatio)) {
    const plot = plotOf(spec.id);
    // The elevation chart is the only one a run may lack; pace and heart rate are drawn empty (a slider can bring alerts back).
    if (spec.id === 'elevation-chart' && !spec.hasData(data)) {
      plot.textContent = spec.empty;
      continue;
    }
    let place: (() => void) | undefined;
    const o = spec.options;
    const u = new uPlot(
      {
        ...o,
        series: [...o.series],
        axes: [...o.axes],
        width: Math.max(MIN_CHART_WIDTH_PX, plot.clientWidth),
        height: HEIGHTS_PX[spec.id],
        cursor: { sync: { key: SYNC_KEY }, drag: { x: true, y: false } },
        hooks: {
          drawClear: [...o.hooks.drawClear],
          draw: [...o.hooks.draw, () => place?.()],
          setScale: [(self: uPlot, key: string) => (key === 'x' ? zoomOthers(self) : undefined)],
        },
      },
      spec.columns(data) as uPlot.AlignedData,
      plot,
    );
    if (spec.markers) {
      place = markers(u);
      placers.push(place);
      place();
    }
    drawn.push({ u, spec });
  }

  const resize = (): void => {
    for (const { u } of drawn) {
      const parent = u.root.parentElement;
      if (parent !== null) u.setSize({ width: Math.max(MIN_CHART_WIDTH_PX, parent.clientWidth), height: u.height });
    }
  };
  window.addEventListener('resize', resize);

  return {
    update: (next) => {
      data = next;
      // New series and ranges (a ceiling can widen the axis): a fresh draw of the judged charts; markers follow.
      for (const { u, spec } of drawn) {
        if (spec.markers) u.setData(spec.columns(data) as uPlot.AlignedData);
        else u.redraw(false, false);
      }
      for (const place of placers) place();
    },
    destroy: () => {
      window.removeEventListener('resize', resize);
      for (const { u } of drawn) u.destroy();
    },
  };
}
