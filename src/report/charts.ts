import type { OverCause } from '../guard/events.ts';
import { formatDuration } from '../fit/format.ts';
import { formatPace } from '../samples/pace.ts';
import type { ReportData } from './collect.ts';

/**
 * The run's charts, once, for the report (simulator/present/report/page-script.ts)
 * and the phone's replay screen (device/phone/src/replay/charts.ts): the
 * three charts (pace, heart rate, elevation), their series, scales, axis
 * ranges and labels, the over side of each ceiling tinted, the guard's own
 * overshoots shaded, the ceiling a dashed line with its label on a card, and
 * where each marker and repeat tick goes. What to show is decided in
 * collect.ts (ranges, markers, ticks, labels); this says how it is drawn.
 *
 * Platform-free: the canvas and the plot are the small structural interfaces
 * below, which uPlot and a browser's 2D context satisfy. Each page keeps a
 * thin adapter that makes the uPlot charts from {@link chartOptions}, puts
 * the marker elements over them and syncs their zoom.
 */

/** The part of a 2D canvas context the charts draw with (a browser's CanvasRenderingContext2D has it all). */
export interface Canvas2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  save(): void;
  restore(): void;
  beginPath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  measureText(text: string): { width: number };
  fillText(text: string, x: number, y: number): void;
}

/** The part of a drawn chart the hooks read (uPlot's instance has it). */
export interface Plot {
  readonly ctx: Canvas2D;
  /** The plotting area, in canvas pixels. */
  readonly bbox: { left: number; top: number; width: number; height: number };
  readonly scales: { readonly [key: string]: { min?: number | null; max?: number | null } | undefined };
  valToPos(value: number, scaleKey: string, canvasPixels?: boolean): number;
}

/** The tint over a ceiling's over side (faster pace, higher heart rate). */
export const OVER_BAND = 'rgba(220, 53, 69, 0.10)';
/** The guard's own overshoots, shaded across the plot. */
export const OVERSHOOT = 'rgba(220, 53, 69, 0.22)';
export const CEILING_LINE = 'rgba(200, 16, 46, 0.85)';
/** The label card behind a ceiling's label: readable over the band and the markers, at phone width too. */
const LABEL_CARD = 'rgba(255, 255, 255, 0.92)';
/** Clock steps on the time axis, in seconds: 5 s to 3 h. */
export const CLOCK_INCRS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800];
/** Pace steps on the pace axis, in seconds per km. */
const PACE_INCRS = [5, 10, 15, 30, 60, 120, 300];
/** Charts never narrower than this many CSS pixels (the page scrolls instead). */
export const MIN_CHART_WIDTH_PX = 320;
/** Room for the value axis's labels ("10:30"), in CSS pixels. */
const VALUE_AXIS_SIZE_PX = 56;

export type ChartId = 'pace-chart' | 'hr-chart' | 'elevation-chart';

/** A pace on a legend or an axis; no reading is dashes. */
export function paceText(secPerKm: number | null | undefined): string {
  return secPerKm === null || secPerKm === undefined ? '--:--' : formatPace(secPerKm);
}

/** A run clock (seconds from the start) on the time axis and the legend. */
export function clockText(sec: number | null | undefined): string {
  return sec === null || sec === undefined ? '--' : formatDuration(sec * 1000);
}

/** Tints the over side of a ceiling (the top: faster pace, higher heart rate) and shades the overshoots of the given causes. */
export function shadeOver(u: Plot, data: ReportData, scaleKey: string, ceiling: number | undefined, causes: readonly OverCause[]): void {
  const ctx = u.ctx;
  const b = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(b.left, b.top, b.width, b.height);
  ctx.clip();
  if (ceiling !== undefined) {
    const y = Math.max(b.top, Math.min(b.top + b.height, u.valToPos(ceiling, scaleKey, true)));
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
}

/** The ceiling as a dashed line, its label on a card above it (under it when the line runs along the top). `pxRatio`: canvas pixels per CSS pixel. */
export function drawCeiling(u: Plot, scaleKey: string, ceiling: number | undefined, label: string, pxRatio: number): void {
  if (ceiling === undefined) return;
  const ctx = u.ctx;
  const b = u.bbox;
  const y = Math.round(u.valToPos(ceiling, scaleKey, true)) + 0.5;
  if (y < b.top || y > b.top + b.height) return;
  const px = pxRatio;
  ctx.save();
  ctx.strokeStyle = CEILING_LINE;
  ctx.lineWidth = 1.5 * px;
  ctx.setLineDash([6 * px, 4 * px]);
  ctx.beginPath();
  ctx.moveTo(b.left, y);
  ctx.lineTo(b.left + b.width, y);
  ctx.stroke();
  ctx.font = `600 ${12 * px}px system-ui, sans-serif`;
  const w = ctx.measureText(label).width + 8 * px;
  const h = 16 * px;
  const right = b.left + b.width - 4 * px;
  const top = y - h - 3 * px < b.top ? y + 3 * px : y - h - 3 * px;
  ctx.setLineDash([]);
  ctx.fillStyle = LABEL_CARD;
  ctx.fillRect(right - w, top, w, h);
  ctx.fillStyle = CEILING_LINE;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, right - 4 * px, top + h / 2);
  ctx.restore();
}

/** Where a marker at `atSec` goes on a chart showing `min`…`max` seconds: its left edge in CSS pixels, or off (outside the zoom). */
export function markerLeftPx(u: Plot, atSec: number): number | undefined {
  const min = u.scales['x']?.min;
  const max = u.scales['x']?.max;
  if (min === undefined || min === null || max === undefined || max === null || atSec < min || atSec > max) return undefined;
  return u.valToPos(atSec, 'x');
}

/** One series of a chart, as uPlot takes it. */
export interface SeriesOptions {
  readonly label: string;
  readonly scale?: string;
  readonly stroke?: string;
  readonly fill?: string;
  readonly width?: number;
  readonly value: (u: Plot, v: number | null) => string;
}

/** A chart's options in uPlot's shape, without size, cursor and the page's own hooks (the adapter adds them). */
export interface ChartOptions {
  readonly scales: { readonly [key: string]: { time?: boolean; dir?: 1 | -1; range?: (u: Plot, lo: number, hi: number) => [number, number] } };
  readonly series: readonly SeriesOptions[];
  readonly axes: readonly {
    readonly scale?: string;
    readonly size?: number;
    readonly incrs?: number[];
    readonly values?: (u: Plot, splits: number[]) => string[];
  }[];
  readonly hooks: { readonly drawClear: readonly ((u: Plot) => void)[]; readonly draw: readonly ((u: Plot) => void)[] };
}

/** One chart: what it is, whether it has anything to draw, its options, columns and whether markers go over it. */
export interface ChartSpec {
  readonly id: ChartId;
  /** The value scale (the data-y-range the report's tests read). */
  readonly scaleKey: string;
  /** Said in the chart's place when the run has none of it. */
  readonly empty: string;
  readonly options: ChartOptions;
  /** The time column, then each series' column (null: no reading, a gap). */
  readonly columns: (data: ReportData) => (readonly (number | null)[])[];
  readonly markers: boolean;
  readonly hasData: (data: ReportData) => boolean;
}

const hasValue = (values: readonly (number | null)[]): boolean => values.some((v) => v !== null);

/**
 * The three charts, drawn from whatever `current()` returns at draw time (the
 * phone swaps the data when a slider moves; the report's never changes).
 */
export function chartSpecs(current: () => ReportData, pxRatio: () => number): ChartSpec[] {
  const xSeries: SeriesOptions = { label: 'clock', value: (_u, v) => clockText(v) };
  const xAxis = { incrs: CLOCK_INCRS, values: (_u: Plot, splits: number[]) => splits.map(clockText) };
  const range = (pick: (d: ReportData) => readonly [number, number] | undefined) => (_u: Plot, lo: number, hi: number): [number, number] => {
    const r = pick(current());
    return r !== undefined ? [r[0], r[1]] : [lo, hi];
  };
  return [
    {
      id: 'pace-chart',
      scaleKey: 'pace',
      empty: 'No pace in this file.',
      markers: true,
      hasData: (d) => hasValue(d.series.gapSecPerKm) || hasValue(d.series.paceSecPerKm),
      columns: (d) => [d.series.tSec, d.series.gapSecPerKm, d.series.paceSecPerKm],
      options: {
        scales: { x: { time: false }, pace: { dir: -1, range: range((d) => d.paceRangeSecPerKm) } },
        series: [
          xSeries,
          { label: 'GAP', scale: 'pace', stroke: '#1f5fbf', width: 2, value: (_u, v) => `${paceText(v)} /km` },
          { label: 'pace as recorded', scale: 'pace', stroke: '#8fb3e8', width: 1, value: (_u, v) => `${paceText(v)} /km` },
        ],
        axes: [xAxis, { scale: 'pace', size: VALUE_AXIS_SIZE_PX, incrs: PACE_INCRS, values: (_u, splits) => splits.map(paceText) }],
        hooks: {
          drawClear: [(u) => shadeOver(u, current(), 'pace', current().ceilings.paceSecPerKm, ['pace', 'both'])],
          draw: [(u) => drawCeiling(u, 'pace', current().ceilings.paceSecPerKm, current().ceilings.paceLabel ?? '', pxRatio())],
        },
      },
    },
    {
      id: 'hr-chart',
      scaleKey: 'bpm',
      empty: 'No heart rate in this file.',
      markers: true,
      hasData: (d) => hasValue(d.series.hrBpm),
      columns: (d) => [d.series.tSec, d.series.hrBpm],
      options: {
        scales: { x: { time: false }, bpm: { range: range((d) => d.hrRangeBpm) } },
        series: [xSeries, { label: 'heart rate', scale: 'bpm', stroke: '#c2410c', width: 2, value: (_u, v) => (v === null ? '--' : `${Math.round(v)} bpm`) }],
        axes: [xAxis, { scale: 'bpm', size: VALUE_AXIS_SIZE_PX }],
        hooks: {
          drawClear: [(u) => shadeOver(u, current(), 'bpm', current().ceilings.hrBpm, ['hr', 'both'])],
          draw: [(u) => drawCeiling(u, 'bpm', current().ceilings.hrBpm, current().ceilings.hrLabel ?? '', pxRatio())],
        },
      },
    },
    {
      id: 'elevation-chart',
      scaleKey: 'm',
      empty: 'No altitude in this file.',
      markers: false,
      hasData: (d) => d.elevation !== undefined,
      columns: (d) => (d.elevation !== undefined ? [d.elevation.tSec, d.elevation.altitudeM] : [[]]),
      options: {
        scales: { x: { time: false }, m: {} },
        series: [
          xSeries,
          { label: 'altitude', scale: 'm', stroke: '#6b7f4f', fill: 'rgba(107, 127, 79, 0.18)', width: 1.5, value: (_u, v) => (v === null ? '--' : `${Math.round(v)} m`) },
        ],
        axes: [xAxis, { scale: 'm', size: VALUE_AXIS_SIZE_PX }],
        hooks: { drawClear: [(u) => shadeOver(u, current(), 'm', undefined, ['pace', 'hr', 'both'])], draw: [] },
      },
    },
  ];
}
