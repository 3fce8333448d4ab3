/**
 * A plain-text scatter chart of steady stretches: grade-adjusted pace across
 * (faster left), heart rate up, with the runner's fitted curve and the
 * chosen ceilings. ASCII only, at most 80 columns, so it survives any
 * terminal, log or e-mail.
 *
 * ```
 *  bpm
 *  160 |             o
 *      |         o  .|
 *  140 |--o-O-.------+-------   - heart-rate ceiling
 *      |    ..  o    |          | pace ceiling
 *  120 |.            |          . your curve
 *      +---------------------
 *      4:30   5:00   5:30
 * ```
 */
import { formatPace } from '../../../src/samples/pace.ts';

export interface ChartInput {
  readonly points: readonly { readonly paceSecPerKm: number; readonly hrBpm: number }[];
  /** The curve's heart rate at a pace; undefined for no curve. */
  readonly curveHrAt?: (paceSecPerKm: number) => number;
  readonly paceCeilingSecPerKm: number;
  readonly hrCeilingBpm?: number;
}

/** Plot area; with the axis labels (6 columns) the chart is 78 columns wide. */
export const CHART_WIDTH = 72;
export const CHART_HEIGHT = 16;
/** Axis ranges follow the 2nd to 98th percentile of the points: one wild stretch does not squash the rest. */
const RANGE_QUANTILE = 0.02;

export function renderChart(input: ChartInput, width = CHART_WIDTH, height = CHART_HEIGHT): string[] {
  const paces = input.points.map((p) => p.paceSecPerKm);
  const hrs = input.points.map((p) => p.hrBpm);
  const [paceLo, paceHi] = paddedRange([...trimmed(paces), input.paceCeilingSecPerKm], 10);
  const curveEnds = input.curveHrAt === undefined ? [] : [input.curveHrAt(paceLo), input.curveHrAt(paceHi)];
  const [hrLo, hrHi] = paddedRange([...trimmed(hrs), ...(input.hrCeilingBpm === undefined ? [] : [input.hrCeilingBpm]), ...curveEnds.filter(Number.isFinite)], 3);

  const column = (pace: number): number => Math.round(((pace - paceLo) / (paceHi - paceLo)) * (width - 1));
  const row = (hr: number): number => Math.round(((hrHi - hr) / (hrHi - hrLo)) * (height - 1));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const put = (r: number, c: number, ch: string): void => {
    const line = grid[r];
    if (line !== undefined && c >= 0 && c < width) line[c] = ch;
  };

  const ceilingColumn = column(input.paceCeilingSecPerKm);
  for (let r = 0; r < height; r++) put(r, ceilingColumn, '|');
  if (input.hrCeilingBpm !== undefined) {
    const ceilingRow = row(input.hrCeilingBpm);
    for (let c = 0; c < width; c++) put(ceilingRow, c, c === ceilingColumn ? '+' : '-');
  }
  if (input.curveHrAt !== undefined) {
    for (let c = 0; c < width; c++) {
      const r = row(input.curveHrAt(paceLo + ((paceHi - paceLo) * c) / (width - 1)));
      if (r >= 0 && r < height) put(r, c, '.');
    }
  }
  const counts = new Map<string, number>();
  let off = 0;
  for (const p of input.points) {
    const r = row(p.hrBpm);
    const c = column(p.paceSecPerKm);
    if (r < 0 || r >= height || c < 0 || c >= width) {
      off++;
      continue;
    }
    const key = `${r},${c}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    put(r, c, count > 1 ? 'O' : 'o');
  }

  const lines = [' bpm'];
  grid.forEach((cells, r) => {
    const hr = hrHi - ((hrHi - hrLo) * r) / (height - 1);
    const label = r % 3 === 0 ? String(Math.round(hr)).padStart(4) : '    ';
    lines.push(`${label} |${cells.join('').trimEnd()}`);
  });
  lines.push(`     +${'-'.repeat(width)}`);
  lines.push(`      ${paceAxis(paceLo, paceHi, width)}`);
  lines.push(
    `      o stretch (O: several)${input.curveHrAt === undefined ? '' : '  . your curve'}  | pace ceiling` +
      `${input.hrCeilingBpm === undefined ? '' : '  - HR ceiling'}`,
  );
  lines.push(`      pace per km (grade-adjusted), faster to the left${off > 0 ? `; ${off} off the chart` : ''}`);
  return lines;
}

function trimmed(values: readonly number[]): number[] {
  if (values.length < 10) return [...values];
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.round(q * (sorted.length - 1))] as number;
  return [at(RANGE_QUANTILE), at(1 - RANGE_QUANTILE)];
}

function paddedRange(values: readonly number[], pad: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite) - pad;
  const hi = Math.max(...finite) + pad;
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

/** Pace labels ("5:30") at round steps, at least 8 columns apart. */
function paceAxis(lo: number, hi: number, width: number): string {
  const steps = [10, 15, 20, 30, 60, 120, 300];
  const step = steps.find((s) => (s / (hi - lo)) * (width - 1) >= 8) ?? 600;
  // Labels may hang two columns past the plot: the line stays within 6 + width + 2 = 80.
  const cells = new Array<string>(width + 2).fill(' ');
  for (let pace = Math.ceil(lo / step) * step; pace <= hi; pace += step) {
    const label = formatPace(pace);
    const at = Math.round(((pace - lo) / (hi - lo)) * (width - 1)) - Math.floor(label.length / 2);
    if (at < 0 || at + label.length > cells.length) continue;
    for (let k = 0; k < label.length; k++) cells[at + k] = label[k] as string;
  }
  return cells.join('').trimEnd();
}
