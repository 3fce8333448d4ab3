import type { ActivityInfo } from '../fit/decode.ts';
import type { GuardConfig } from '../guard/config.ts';
import type { GuardEventKind, OverCause } from '../guard/events.ts';
import type { GuardStep } from '../guard/step.ts';
import type { GuardInput } from '../samples/sample.ts';
import type { RunSummary } from '../summary/summary.ts';
import { formatDuration } from '../fit/format.ts';
import { formatPace } from '../samples/pace.ts';
import { downsample } from './downsample.ts';
import { foldRepeats } from './fold.ts';
import { ceilingLine, knownTimeZone, localParts, note, roundTo } from './words.ts';

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
 *
 * Platform-free (src/): the command's report (simulator/present/report) and the
 * phone's replay screen (device/phone) both draw from it. What a runner reads
 * is decided here, once: repeats folded into their first alert (fold.ts), the
 * pace axis, the local clock, the ceiling labels.
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

/** One row of the event table: an event, with the repeats that followed it folded in. */
export interface ReportRow {
  readonly kind: GuardEventKind;
  readonly atSec: number;
  /** Run time, "m:ss" or "h:mm:ss". */
  readonly runClock: string;
  /** Time of day in the report's zone, "HH:MM:SS". */
  readonly localClock: string;
  /** "slow-down", or "slow-down ×14 over 15:38". */
  readonly label: string;
  readonly note: string;
  /** 1 + the repeats folded in. */
  readonly count: number;
}

/** A marker on the charts: every event but a repeat. */
export interface ReportMarker {
  readonly kind: GuardEventKind;
  readonly atSec: number;
  /** The marker's tooltip. */
  readonly title: string;
}

/** A labelled line of text for the page (summary, device). */
export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportData {
  /** The file as the user named it. */
  readonly file: string;
  /** Start of the run in the runner's zone, "YYYY-MM-DD HH:MM (Europe/Berlin)". */
  readonly startedAt: string;
  /** The IANA zone clock times are given in. */
  readonly timeZone: string;
  /** The alerts as the summary counts them: "2 slow-down alerts (+14 repeats)". */
  readonly alertsText: string;
  readonly device: readonly ReportFact[];
  readonly developerFieldNames: readonly string[];
  /** The decoder's warnings about the file. */
  readonly warnings: readonly string[];
  readonly ceilings: {
    readonly paceSecPerKm?: number;
    readonly hrBpm?: number;
    /** The ceilings in words: the text timeline's "Ceiling:" line. */
    readonly text: string;
    /** Labels on the charts' ceiling lines. */
    readonly paceLabel?: string;
    readonly hrLabel?: string;
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
  /** Every event as it fired, repeats included (as `--format jsonl` prints them). */
  readonly events: readonly ReportEvent[];
  /** The event table: repeats folded into their first alert. */
  readonly rows: readonly ReportRow[];
  /** One marker per row; the folded repeats are ticks. */
  readonly markers: readonly ReportMarker[];
  readonly ticks: readonly { readonly kind: GuardEventKind; readonly atSec: number }[];
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
  /**
   * IANA zone for clock times: the runner's, taken where the report is made
   * (Intl.DateTimeFormat().resolvedOptions().timeZone); UTC when absent.
   */
  readonly timeZone?: string;
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
  // Ranges from every moving sample, not the thinned points (min/max thinning keeps the extremes).
  const paceRange = paceRangeOf([...acc.gapSecPerKm, ...acc.paceSecPerKm], paceCeilingSecPerKm);
  const hrRange = rangeOf(hrBpm, hrCeilingBpm, HR_RANGE);
  const elevation = elevationOf(context.inputs, firstAtMs, maxPoints);
  const timeZone = knownTimeZone(context.timeZone);
  const started = localParts(info.startMs, timeZone);
  // An overshoot whose cause changes (pace, then both) is shaded as touching stretches: it ends where the last one does.
  const endOf = (e: ReportEvent): number | undefined => {
    let end: number | undefined;
    for (const o of overshoots) if (o.fromSec === (end ?? e.atSec)) end = o.toSec;
    return end;
  };
  const folded = foldRepeats(acc.events, endOf);
  const rows = folded.rows.map(({ first, count, label }): ReportRow => {
    const runClock = formatDuration(first.atSec * 1000);
    return { kind: first.kind, atSec: first.atSec, runClock, localClock: localParts(firstAtMs + first.atSec * 1000, timeZone).time, label, note: first.note, count };
  });
  const a = summary.alerts;
  return {
    file: context.file,
    startedAt: `${started.date} ${started.time.slice(0, 5)} (${timeZone})`,
    timeZone,
    alertsText: `${a.slowDown} slow-down alert${a.slowDown === 1 ? '' : 's'}${a.repeats > 0 ? ` (+${a.repeats} repeat${a.repeats === 1 ? '' : 's'})` : ''}`,
    device: deviceFacts(info),
    developerFieldNames: info.developerFieldNames ?? [],
    warnings: context.warnings,
    ceilings: {
      ...(paceCeilingSecPerKm !== undefined ? { paceSecPerKm: paceCeilingSecPerKm } : {}),
      ...(hrCeilingBpm !== undefined ? { hrBpm: hrCeilingBpm } : {}),
      text: ceilingLine(config.ceilings),
      ...(paceCeilingSecPerKm !== undefined ? { paceLabel: `ceiling ${formatPace(paceCeilingSecPerKm)} /km` } : {}),
      ...(hrCeilingBpm !== undefined ? { hrLabel: `ceiling ${hrCeilingBpm} bpm` } : {}),
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
    rows,
    markers: rows.map((r) => ({ kind: r.kind, atSec: r.atSec, title: `${r.runClock} (${r.localClock}) ${r.label}: ${r.note}` })),
    ticks: folded.repeats.map((e) => ({ kind: e.kind, atSec: e.atSec })),
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

/**
 * The pace axis: the run's moving paces (the guard's own judgement: stopped
 * and paused samples are gaps already), with the ceiling always in view.
 * Walking breaks and the slowing into a stop are still "moving" to the guard;
 * they are the slow tail, so the axis ends at Tukey's fence (upper quartile +
 * 1.5 × the spread of the middle half) rather than at the slowest pace: a
 * short walk leaves the chart at the bottom instead of squeezing the running
 * into a sliver. The fast side (over the ceiling) is kept whole but for the
 * fastest 1 % (GPS jumps). A margin of 8 % of the span (at least 10 s/km) either side.
 */
export const PACE_AXIS = { fastQuantile: 0.01, fence: 1.5, padShare: 0.08, minPadSecPerKm: 10, fastestSecPerKm: 120, slowestSecPerKm: 1200 } as const;

export function paceRangeOf(values: readonly (number | null)[], ceilingSecPerKm: number | undefined): [number, number] | undefined {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return ceilingSecPerKm === undefined ? undefined : [ceilingSecPerKm - 40, ceilingSecPerKm + 40];
  const q3 = quantile(sorted, 0.75);
  const spread = q3 - quantile(sorted, 0.25);
  // The fast side is what the guard judges: all of it stays, but for the fastest 1 % (GPS jumps).
  let lo = quantile(sorted, PACE_AXIS.fastQuantile);
  let hi = Math.min(quantile(sorted, 1), q3 + PACE_AXIS.fence * spread);
  if (ceilingSecPerKm !== undefined) {
    lo = Math.min(lo, ceilingSecPerKm);
    hi = Math.max(hi, ceilingSecPerKm);
  }
  const pad = Math.max(PACE_AXIS.minPadSecPerKm, (hi - lo) * PACE_AXIS.padShare);
  const from = Math.max(PACE_AXIS.fastestSecPerKm, Math.floor(lo - pad));
  const to = Math.min(PACE_AXIS.slowestSecPerKm, Math.ceil(hi + pad));
  return [from, Math.max(to, from + 1)];
}
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
