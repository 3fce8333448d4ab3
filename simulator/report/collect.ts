import type { ActivityInfo } from '../../src/fit/decode.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEventKind, OverCause } from '../../src/guard/events.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import type { RunSummary } from '../../src/summary/summary.ts';
import { formatDuration } from '../../src/fit/format.ts';
import { roundTo } from '../format/jsonl.ts';
import { ceilingLine, note } from '../format/text.ts';
import { downsample } from './downsample.ts';

/**
 * What the HTML report shows, gathered from the same steps the guard decided
 * on (like the summary: `emptyReport` → `addReportStep` per step →
 * `finishReport`). Every event is kept as it fired, with its time in seconds
 * since the first sample exactly as `--format jsonl` prints it; only the
 * plotted series are thinned, for long runs. Over-ceiling stretches are the
 * guard's own overshoots (first slow-down to back-under), the time the summary
 * counts as over. Text from the file (file name, device, developer fields) is
 * carried as plain strings: template.ts embeds it as JSON, the page sets it
 * with textContent.
 */

/**
 * Plotted points at most. uPlot draws 10 000 points without effort; the cap
 * keeps the file small (about 30 bytes a point). 4 000 keeps every 1 s sample
 * of a run up to 66 minutes; longer runs are thinned by min/max (downsample.ts).
 */
export const REPORT_MAX_POINTS = 4000;

export interface ReportEvent {
  readonly kind: GuardEventKind;
  /** Seconds since the first sample, as jsonl's `at`. */
  readonly atSec: number;
  /** The timeline's words for it. */
  readonly note: string;
  /** For slow-down: which ceiling, and 0 for the first alert of an overshoot. */
  readonly cause?: OverCause;
  readonly repeat?: number;
}

/** An overshoot the guard held: from its first slow-down to its back-under (or the run's end). */
export interface ReportStretch {
  readonly fromSec: number;
  readonly toSec: number;
  readonly cause: OverCause;
}

/** A labelled line of text for the page (summary, device). */
export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportData {
  /** The file as the user named it. */
  readonly file: string;
  /** Start of the run, "YYYY-MM-DD HH:MM UTC". */
  readonly startedAt: string;
  readonly device: readonly ReportFact[];
  readonly developerFieldNames: readonly string[];
  /** The decoder's warnings about the file. */
  readonly warnings: readonly string[];
  readonly ceilings: {
    readonly paceSecPerKm?: number;
    readonly hrBpm?: number;
    /** The ceilings in words: the text timeline's "Ceiling:" line. */
    readonly text: string;
  };
  readonly verdict: RunSummary['verdict'];
  readonly advice: string;
  readonly summary: readonly ReportFact[];
  /** Last time of the run, s since the first sample. */
  readonly durationSec: number;
  /** Samples replayed, and points plotted after thinning. */
  readonly sampleCount: number;
  readonly pointCount: number;
  /** Plotted series on one time axis; null where there is no value (stopped, paused, no sensor). */
  readonly series: {
    readonly tSec: readonly number[];
    readonly gapSecPerKm: readonly (number | null)[];
    readonly paceSecPerKm: readonly (number | null)[];
    readonly hrBpm: readonly (number | null)[];
  };
  /** Value ranges for the axes: the middle of the data and the ceiling, so a GPS spike cannot flatten the chart. */
  readonly paceRangeSecPerKm?: readonly [number, number];
  readonly hrRangeBpm?: readonly [number, number];
  /** Altitude as recorded; absent when the file has none. */
  readonly elevation?: { readonly tSec: readonly number[]; readonly altitudeM: readonly (number | null)[] };
  readonly overshoots: readonly ReportStretch[];
  readonly events: readonly ReportEvent[];
}

/** The running collection of one replay; updated in place, like the summary's accumulator. */
export interface ReportAccumulator {
  firstAtMs: number | undefined;
  lastSec: number;
  readonly tSec: number[];
  readonly gapSecPerKm: (number | null)[];
  readonly paceSecPerKm: (number | null)[];
  readonly hrBpm: (number | null)[];
  readonly events: ReportEvent[];
  readonly overshoots: ReportStretch[];
  open: { readonly fromSec: number; readonly cause: OverCause } | undefined;
}

export function emptyReport(): ReportAccumulator {
  return { firstAtMs: undefined, lastSec: 0, tSec: [], gapSecPerKm: [], paceSecPerKm: [], hrBpm: [], events: [], overshoots: [], open: undefined };
}

/** Folds one step into the accumulator, in place. */
export function addReportStep(acc: ReportAccumulator, step: GuardStep): ReportAccumulator {
  const c = step.conditioned;
  const firstAtMs = acc.firstAtMs ?? c.atMs;
  acc.firstAtMs = firstAtMs;
  const atSec = (c.atMs - firstAtMs) / 1000;
  acc.lastSec = atSec;

  for (const event of step.events) {
    acc.events.push({
      kind: event.kind,
      atSec: roundTo(atSec, 3),
      note: note(event),
      ...(event.kind === 'slow-down' ? { cause: event.cause, repeat: event.repeat } : {}),
    });
  }

  const open = acc.open;
  if (open !== undefined && open.cause !== step.overshoot) {
    acc.overshoots.push({ fromSec: open.fromSec, toSec: roundTo(atSec, 3), cause: open.cause });
    acc.open = undefined;
  }
  if (step.overshoot !== undefined && acc.open === undefined) acc.open = { fromSec: roundTo(atSec, 3), cause: step.overshoot };

  if (c.kind === 'sample') {
    const running = c.moving && !c.paused;
    acc.tSec.push(roundTo(atSec, 1));
    acc.gapSecPerKm.push(running ? paceOf(c.gapSpeedMps) : null);
    acc.paceSecPerKm.push(running ? paceOf(c.speedMps) : null);
    acc.hrBpm.push(!c.paused && c.hrBpm !== undefined ? roundTo(c.hrBpm, 1) : null);
  }
  return acc;
}

export interface ReportContext {
  readonly file: string;
  readonly info: ActivityInfo;
  /** The decoded inputs: the elevation profile is the recorded altitude, which the guard does not carry. */
  readonly inputs: readonly GuardInput[];
  readonly warnings: readonly string[];
  readonly config: GuardConfig;
  readonly summary: RunSummary;
  readonly maxPoints?: number;
}

export function finishReport(acc: ReportAccumulator, context: ReportContext): ReportData {
  const { info, config, summary } = context;
  const maxPoints = context.maxPoints ?? REPORT_MAX_POINTS;
  const firstAtMs = acc.firstAtMs ?? info.startMs;
  const overshoots =
    acc.open === undefined ? acc.overshoots : [...acc.overshoots, { fromSec: acc.open.fromSec, toSec: roundTo(acc.lastSec, 3), cause: acc.open.cause }];
  const thin = downsample({ tSec: acc.tSec, columns: [acc.gapSecPerKm, acc.paceSecPerKm, acc.hrBpm] }, maxPoints);
  const [gapSecPerKm = [], paceSecPerKm = [], hrBpm = []] = thin.columns;
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  const paceRange = rangeOf([...gapSecPerKm, ...paceSecPerKm], paceCeilingSecPerKm, PACE_RANGE);
  const hrRange = rangeOf(hrBpm, hrCeilingBpm, HR_RANGE);
  const elevation = elevationOf(context.inputs, firstAtMs, maxPoints);
  return {
    file: context.file,
    startedAt: `${new Date(info.startMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    device: deviceFacts(info),
    developerFieldNames: info.developerFieldNames ?? [],
    warnings: context.warnings,
    ceilings: {
      ...(paceCeilingSecPerKm !== undefined ? { paceSecPerKm: paceCeilingSecPerKm } : {}),
      ...(hrCeilingBpm !== undefined ? { hrBpm: hrCeilingBpm } : {}),
      text: ceilingLine(config.ceilings),
    },
    verdict: summary.verdict,
    advice: summary.advice,
    summary: summaryFacts(summary, config),
    durationSec: roundTo(acc.lastSec, 3),
    sampleCount: acc.tSec.length,
    pointCount: thin.tSec.length,
    series: { tSec: thin.tSec, gapSecPerKm, paceSecPerKm, hrBpm },
    ...(paceRange !== undefined ? { paceRangeSecPerKm: paceRange } : {}),
    ...(hrRange !== undefined ? { hrRangeBpm: hrRange } : {}),
    ...(elevation !== undefined ? { elevation } : {}),
    overshoots,
    events: acc.events,
  };
}

// ---------------------------------------------------------------------------

/** How an axis range is found: quantiles of the data (spikes left out), widened to the ceiling, padded, kept within plausible bounds. */
interface RangeRule {
  readonly lowQuantile: number;
  readonly highQuantile: number;
  readonly pad: number;
  readonly min: number;
  readonly max: number;
}

/** Pace 2:00–20:00 /km; 1 % of a run's paces may be GPS jumps or walking steps and fall off the chart. */
const PACE_RANGE: RangeRule = { lowQuantile: 0.01, highQuantile: 0.99, pad: 20, min: 120, max: 1200 };
/** Heart rate is cleaned of faults already: all of it is shown. */
const HR_RANGE: RangeRule = { lowQuantile: 0, highQuantile: 1, pad: 5, min: 30, max: 230 };

function rangeOf(values: readonly (number | null)[], ceiling: number | undefined, rule: RangeRule): [number, number] | undefined {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return ceiling === undefined ? undefined : [ceiling - rule.pad * 2, ceiling + rule.pad * 2];
  const low = quantile(sorted, rule.lowQuantile);
  const high = quantile(sorted, rule.highQuantile);
  const lo = Math.max(rule.min, Math.min(low, ceiling ?? low) - rule.pad);
  const hi = Math.min(rule.max, Math.max(high, ceiling ?? high) + rule.pad);
  return [Math.floor(lo), Math.ceil(Math.max(hi, lo + 1))];
}

/** The value at quantile q of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
}

function elevationOf(inputs: readonly GuardInput[], firstAtMs: number, maxPoints: number): ReportData['elevation'] {
  const tSec: number[] = [];
  const altitudeM: (number | null)[] = [];
  let hasAltitude = false;
  for (const input of inputs) {
    if (input.kind !== 'sample') continue;
    tSec.push(roundTo((input.atMs - firstAtMs) / 1000, 1));
    const altitude = input.altitudeM !== undefined && Number.isFinite(input.altitudeM) ? roundTo(input.altitudeM, 1) : null;
    hasAltitude ||= altitude !== null;
    altitudeM.push(altitude);
  }
  if (!hasAltitude) return undefined;
  const thin = downsample({ tSec, columns: [altitudeM] }, maxPoints);
  return { tSec: thin.tSec, altitudeM: thin.columns[0] ?? [] };
}

function deviceFacts(info: ActivityInfo): ReportFact[] {
  const facts: ReportFact[] = [];
  if (info.manufacturer !== undefined) facts.push({ label: 'manufacturer', value: info.manufacturer });
  if (info.productModel !== undefined) facts.push({ label: 'model', value: info.productModel });
  else if (info.product !== undefined) facts.push({ label: 'product', value: String(info.product) });
  if (info.productName !== undefined) facts.push({ label: 'product name', value: info.productName });
  if (info.sport !== undefined) facts.push({ label: 'sport (as labelled)', value: info.sport });
  return facts;
}

function summaryFacts(summary: RunSummary, config: GuardConfig): ReportFact[] {
  const o = summary.overMs;
  const a = summary.alerts;
  return [
    { label: 'moving time', value: `${formatDuration(summary.movingMs)} (timer ${formatDuration(summary.timerMs)})` },
    ...(config.plannedMs !== undefined ? [{ label: 'planned', value: formatDuration(config.plannedMs) }] : []),
    { label: 'over the ceiling', value: `${formatDuration(o.total)} (pace ${formatDuration(o.pace)}, heart rate ${formatDuration(o.hr)}, both ${formatDuration(o.both)})` },
    { label: 'under the ceiling', value: summary.underShare !== undefined ? `${(summary.underShare * 100).toFixed(1)} % of moving time` : 'n/a' },
    {
      label: 'alerts',
      value: `${a.slowDown} slow-down (+${a.repeats} repeats), ${a.notRecovery} not-recovery, ${a.signalLost} signal lost, ${a.timeUp} time up${a.tired > 0 ? ', tired' : ''}`,
    },
    {
      label: 'decoupling',
      value: summary.decouplingPct !== undefined ? `${summary.decouplingPct.toFixed(1)} % (speed per beat, first half to second)` : 'n/a (under 10 minutes with pace and heart rate)',
    },
  ];
}

function paceOf(speedMps: number | undefined): number | null {
  return speedMps !== undefined && speedMps > 0 ? roundTo(1000 / speedMps, 1) : null;
}
