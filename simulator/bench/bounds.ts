/**
 * The what-ifs of the effort model's bounds (./model-bounds.ts, issue #19):
 * each a transformation of a synthetic run's inputs, or of what the model
 * guard is told, never of its labels; and an oracle on the truth. Pure: a
 * run in, inputs or alert times out; scored by ./score.ts as bench:alerts
 * scores.
 */
import { formatDuration } from '../../src/fit/format.ts';
import { EARTH_RADIUS_M } from '../../src/signal/geo.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import type { EstimateSettings } from '../../src/estimate/settings.ts';
import { GPS_ERROR_PER_SCATTER, type ModelGuard } from '../../src/estimate/guard.ts';
import { gaussian, stream } from '../synth/random.ts';
import { WHITE_POSITION_SIGMA_M, WHITE_SPEED_SIGMA_MPS } from '../synth/record.ts';
import { DEFAULT_ORIGIN, noiseOf, recordingOf } from '../synth/scenario.ts';
import type { SuiteRun } from '../synth/suite.ts';
import type { SynthRun } from '../synth/synthesize.ts';
import { CLEARLY_OVER_HR_BPM, CLEARLY_OVER_PACE_SEC_PER_KM } from '../synth/labels.ts';
import type { TruthSecond } from '../synth/physics.ts';
import { modelSlowDowns } from './model-alerter.ts';
import { scoreRun, summarize, type RunScore, type Score } from './score.ts';
import { fixed, ISSUE_19_TARGETS } from './tables.ts';

type MutableSample = { -readonly [K in keyof Sample]: Sample[K] };

/** What one what-if hands the model guard for a run. */
export interface Given {
  readonly inputs: readonly GuardInput[];
  readonly settings: EstimateSettings;
  /** What the guard built from the settings is told besides (the GPS error's size, another z cap); nothing when absent. */
  readonly adjust?: (guard: ModelGuard) => ModelGuard;
}

export interface WhatIf {
  readonly key: string;
  readonly name: string;
  readonly given: (run: SynthRun, settings: EstimateSettings) => Given;
}

const MS_PER_SEC = 1000;

/** The truth of the second a time falls in (truth[i].atMs is i seconds). */
function truthAt(run: SynthRun, atMs: number): TruthSecond | undefined {
  return run.truth[Math.floor(atMs / MS_PER_SEC)];
}

/** Grade-adjusted speed of a second, m/s: the flat speed of equal effort (the speed itself while standing). */
function gapSpeedMps(second: TruthSecond): number {
  return second.gapSecPerKm === undefined ? second.speedMps : 1000 / second.gapSecPerKm;
}

/**
 * The truth as a perfect recorder would write it: a sample every running
 * second (the recording's pauses kept, at their times), true heart rate and
 * cadence, and either the true grade-adjusted speed with no altitude (so the
 * guard reads flat ground) or the true speed with the true altitude (so the
 * guard reads the grade from altitude itself).
 */
export function truthInputs(run: SynthRun, ground: 'flat' | 'graded'): GuardInput[] {
  const timers = run.inputs.filter((input) => input.kind !== 'sample');
  const inputs: GuardInput[] = [];
  let next = 0;
  let paused = false;
  let distanceM = 0;
  for (const second of run.truth) {
    const speedMps = ground === 'flat' ? gapSpeedMps(second) : second.speedMps;
    distanceM += speedMps;
    for (let timer = timers[next]; timer !== undefined && timer.atMs <= second.atMs; timer = timers[++next]) {
      inputs.push(timer);
      paused = timer.kind === 'pause';
    }
    if (paused) continue;
    const sample: MutableSample = {
      kind: 'sample',
      atMs: second.atMs,
      speedMps,
      distanceM: ground === 'flat' ? distanceM : second.distanceM,
      hrBpm: second.hrBpm,
      cadenceSpm: second.cadenceSpm,
    };
    if (ground === 'graded') sample.altitudeM = second.altitudeM;
    inputs.push(sample);
  }
  return inputs;
}

/** The recorded inputs with each sample changed by `change` (pauses and sample times as recorded). */
function mapSamples(run: SynthRun, change: (sample: MutableSample, truth: TruthSecond, index: number) => void): GuardInput[] {
  return run.inputs.map((input, index) => {
    if (input.kind !== 'sample') return input;
    const truth = truthAt(run, input.atMs);
    if (truth === undefined) return input;
    const sample: MutableSample = { ...input };
    change(sample, truth, index);
    return sample;
  });
}

/** As recorded, heart rate the truth on every sample (no dropouts, glitches, locks or start bias). */
export function heartRateTruth(run: SynthRun): GuardInput[] {
  return mapSamples(run, (sample, truth) => {
    sample.hrBpm = truth.hrBpm;
  });
}

/** As recorded, speed the truth on every sample (a speed field and distance, even on a positions-only track; no lag). */
export function speedTruth(run: SynthRun): GuardInput[] {
  return mapSamples(run, (sample, truth) => {
    sample.speedMps = truth.speedMps;
    sample.distanceM = truth.distanceM;
  });
}

/** Rounds to `decimals` places, as FIT stores the field. */
const roundTo = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * As recorded, the GPS error made white: where the recording has a speed
 * reading (not in a tunnel), the true speed plus white noise as large as the
 * run's whole speed error (its correlated part and its white part); on a
 * positions-only track, true positions plus white noise as large as theirs.
 * No multipath, no lag. Its own random stream, so the rest stays as recorded.
 */
export function gpsWhite(run: SynthRun): GuardInput[] {
  const noise = noiseOf(run.scenario);
  const speedSdMps = Math.hypot(noise.gpsSpeedSigmaMps, WHITE_SPEED_SIGMA_MPS);
  const positionSdM = Math.hypot(noise.positionSigmaM, WHITE_POSITION_SIGMA_M);
  const random = stream(run.seed, 'bounds-white-gps');
  const origin = run.scenario.origin ?? DEFAULT_ORIGIN;
  const latDegPerM = 180 / Math.PI / EARTH_RADIUS_M;
  const lonDegPerM = latDegPerM / Math.cos((origin.latDeg * Math.PI) / 180);
  const inTunnel = (atMs: number): boolean =>
    noise.tunnels.some((t) => atMs >= t.atSec * MS_PER_SEC && atMs < (t.atSec + t.durationSec) * MS_PER_SEC);
  return mapSamples(run, (sample, truth) => {
    // Every sample draws the same three numbers, so the stream stays aligned whatever it carries.
    const speedNoiseMps = speedSdMps * gaussian(random);
    const eastNoiseM = positionSdM * gaussian(random);
    const northNoiseM = positionSdM * gaussian(random);
    if (inTunnel(sample.atMs)) return;
    if (sample.speedMps !== undefined) sample.speedMps = roundTo(Math.abs(truth.speedMps + speedNoiseMps), 3);
    if (sample.latDeg !== undefined && sample.lonDeg !== undefined) {
      sample.latDeg = roundTo(origin.latDeg + (truth.northM + northNoiseM) * latDegPerM, 7);
      sample.lonDeg = roundTo(origin.lonDeg + (truth.eastM + eastNoiseM) * lonDegPerM, 7);
    }
  });
}

/**
 * The generator's GPS speed error, told: its size as the run's, `times`
 * over, in place of the size measured online (4 × the readings' scatter),
 * and its correlation time as the setting unless `keepTau`. On a track with
 * a speed field only: a positions-only track's error is in its positions,
 * which the model sizes from the chords' overlap, so it is told nothing there.
 */
function toldGps(run: SynthRun, settings: EstimateSettings, times: number, keepTau: boolean): Omit<Given, 'inputs'> {
  if (recordingOf(run.scenario).fields === 'positions-only') return { settings };
  const noise = noiseOf(run.scenario);
  const gpsErrorSdToldMps = times * noise.gpsSpeedSigmaMps;
  return {
    settings: { ...settings, gpsErrorSdMps: gpsErrorSdToldMps, ...(keepTau ? {} : { gpsErrorTauSec: noise.gpsSpeedTauSec }) },
    adjust: (guard) => ({ ...guard, gpsErrorSdToldMps }),
  };
}

/** Told there is no GPS error at all (its size 0): the speed readings' noise is all white, measured online. */
const toldNoGpsError = (settings: EstimateSettings): Omit<Given, 'inputs'> => ({
  settings: { ...settings, gpsErrorSdMps: 0 },
  adjust: (guard) => ({ ...guard, gpsErrorSdToldMps: 0 }),
});

/**
 * A z cap that holds a call for as long as the labels' surges last: at a cap
 * of 1 the threshold (12.7 z·s at 0.3 false alarms an hour) takes 12.7 s of
 * excess however large, about the longest surge's time clearly over (the
 * oracle below). Z_CAP is 3 (4.2 s).
 */
export const SURGE_HOLD_Z_CAP = 1;

/** `given`, with the pace and heart-rate tests' z capped at SURGE_HOLD_Z_CAP. */
function zCapped(given: Given): Given {
  const cap = (guard: ModelGuard): ModelGuard => {
    const { pace, hr } = guard.tests;
    return {
      ...guard,
      tests: {
        pace: pace === undefined ? undefined : { ...pace, zCap: SURGE_HOLD_Z_CAP },
        hr: hr === undefined ? undefined : { ...hr, zCap: SURGE_HOLD_Z_CAP },
      },
    };
  };
  const { adjust } = given;
  return { ...given, adjust: adjust === undefined ? cap : (guard) => cap(adjust(guard)) };
}

const recorded = (run: SynthRun, settings: EstimateSettings): Given => ({ inputs: run.inputs, settings });
const whiteToldNone = (run: SynthRun, settings: EstimateSettings): Given => ({ inputs: gpsWhite(run), ...toldNoGpsError(settings) });
const truthToldNone = (run: SynthRun, settings: EstimateSettings): Given => ({ inputs: truthInputs(run, 'flat'), ...toldNoGpsError(settings) });

export const WHAT_IFS: readonly WhatIf[] = [
  { key: 'e', name: 'recorded (baseline: bench:alerts)', given: recorded },
  { key: 'c', name: 'recorded, told the GPS error (size, correlation)', given: (run, settings) => ({ inputs: run.inputs, ...toldGps(run, settings, 1, false) }) },
  {
    key: 'c×4',
    name: `recorded, told ${GPS_ERROR_PER_SCATTER} × its size (what the online measure aims at)`,
    given: (run, settings) => ({ inputs: run.inputs, ...toldGps(run, settings, GPS_ERROR_PER_SCATTER, true) }),
  },
  { key: 'b', name: 'GPS error white', given: (run, settings) => ({ inputs: gpsWhite(run), settings }) },
  { key: 'b+c', name: 'GPS error white, told none is correlated', given: whiteToldNone },
  { key: 'd', name: 'heart rate truth', given: (run, settings) => ({ inputs: heartRateTruth(run), settings }) },
  { key: 'd′', name: 'speed truth', given: (run, settings) => ({ inputs: speedTruth(run), settings }) },
  { key: 'a', name: 'truth, grade from altitude', given: (run, settings) => ({ inputs: truthInputs(run, 'graded'), settings }) },
  { key: 'a′', name: 'truth, flat (true grade-adjusted speed)', given: (run, settings) => ({ inputs: truthInputs(run, 'flat'), settings }) },
  { key: 'a′+c', name: 'truth, flat, told there is no GPS error', given: truthToldNone },
  { key: 'a′+c z≤1', name: `truth, flat, told no GPS error, z cap ${SURGE_HOLD_Z_CAP}`, given: (run, settings) => zCapped(truthToldNone(run, settings)) },
  {
    key: 'a z≤1',
    name: `truth, grade from altitude, told no GPS error, z cap ${SURGE_HOLD_Z_CAP}`,
    given: (run, settings) => zCapped({ inputs: truthInputs(run, 'graded'), ...toldNoGpsError(settings) }),
  },
  {
    key: 'd′ z≤1',
    name: `speed truth, told no GPS error, z cap ${SURGE_HOLD_Z_CAP}`,
    given: (run, settings) => zCapped({ inputs: speedTruth(run), ...toldNoGpsError(settings) }),
  },
  { key: 'b+c z≤1', name: `GPS error white, told so, z cap ${SURGE_HOLD_Z_CAP}`, given: (run, settings) => zCapped(whiteToldNone(run, settings)) },
  { key: 'e z≤1', name: `recorded, z cap ${SURGE_HOLD_Z_CAP}`, given: (run, settings) => zCapped(recorded(run, settings)) },
];

/**
 * Not the model: an oracle that reads the truth and says "slow down" once a
 * run has been clearly over (the labels' own rule: grade-adjusted pace
 * CLEARLY_OVER_PACE_SEC_PER_KM past the ceiling, or heart rate
 * CLEARLY_OVER_HR_BPM over it) for `holdSec` seconds running, once a stretch.
 * Scored as the model is, it shows what the labels ask of any guard: a short
 * surge clearly over for a few seconds is not an overshoot (a call there is a
 * false alarm), so no guard can call an overshoot sooner than the longest
 * such surge lasts without calling the surges too.
 */
export function oracleAlertsMs(run: SynthRun, holdSec: number): number[] {
  const { paceCeilingSecPerKm, hrCeilingBpm } = run.scenario.ceilings;
  const alerts: number[] = [];
  let overSec = 0;
  for (const second of run.truth) {
    const paceOver = second.gapSecPerKm !== undefined && second.gapSecPerKm <= paceCeilingSecPerKm - CLEARLY_OVER_PACE_SEC_PER_KM;
    const clearlyOver = paceOver || second.hrBpm >= hrCeilingBpm + CLEARLY_OVER_HR_BPM;
    overSec = clearlyOver ? overSec + 1 : 0;
    if (overSec === holdSec) alerts.push(second.atMs);
  }
  return alerts;
}

/** The holds the oracle is scored at, s. */
export const ORACLE_HOLDS_SEC = [1, 4, 8, 10, 11, 12, 13, 14, 15, 16, 18, 20];

export interface Scored {
  readonly suiteRun: SuiteRun;
  readonly score: RunScore;
}

export function scoreWhatIf(whatIf: WhatIf, runs: readonly { suiteRun: SuiteRun; run: SynthRun }[], settings: EstimateSettings): Scored[] {
  return runs.map(({ suiteRun, run }) => {
    const given = whatIf.given(run, settings);
    const alerts = modelSlowDowns(given.inputs, run.scenario.ceilings, given.settings, given.adjust);
    return { suiteRun, score: scoreRun(run.labels, alerts.map((a) => a.atMs)) };
  });
}

export const familiesOf = (scored: readonly Scored[]): string[] => [...new Set(scored.map((s) => s.suiteRun.family))];
export const familyScore = (scored: readonly Scored[], family: string): Score =>
  summarize(scored.filter((s) => s.suiteRun.family === family).map((s) => s.score));

export const T = ISSUE_19_TARGETS;
export const missesP90 = (s: Score): boolean => s.p90DelaySec > T.maxP90DelaySec;
export const missesFalseAlarms = (s: Score): boolean => s.falseAlarmsPerHour > T.maxFalseAlarmsPerHour;
/** A figure, bold where it misses its target. */
export const mark = (text: string, misses: boolean): string => (misses ? `**${text}**` : text);

/** The families that miss #19's p90 or false-alarm target under a what-if. */
export function missingFamilies(scored: readonly Scored[]): string {
  const misses = familiesOf(scored).flatMap((family) => {
    const s = familyScore(scored, family);
    const why = [missesP90(s) ? `p90 ${fixed(s.p90DelaySec, 0)} s` : '', missesFalseAlarms(s) ? `${s.falseAlarms} FA` : '']
      .filter((x) => x !== '')
      .join(', ');
    return why === '' ? [] : [`${family} (${why})`];
  });
  return misses.length === 0 ? 'none' : misses.join('; ');
}

/** Detections later than this are listed for the truth what-ifs: the p90 target. */
export const LISTED_LATE_SEC = T.maxP90DelaySec;

export function lateLines(key: string, scored: readonly Scored[]): string[] {
  return scored.flatMap(({ suiteRun, score }) => [
    ...score.outcomes.flatMap((o) => {
      const at = `${o.overshoot.cause} overshoot at ${formatDuration(o.overshoot.startMs)} (clearly over ${formatDuration(o.overshoot.clearlyOverMs)})`;
      if (o.delaySec === undefined) return [`- (${key}) ${suiteRun.id}: missed ${at}`];
      return o.delaySec > LISTED_LATE_SEC ? [`- (${key}) ${suiteRun.id}: ${o.delaySec} s late on ${at}`] : [];
    }),
    ...(score.falseAlarmsMs.length > 0
      ? [`- (${key}) ${suiteRun.id}: false alarm${score.falseAlarmsMs.length > 1 ? 's' : ''} at ${score.falseAlarmsMs.map(formatDuration).join(', ')}`]
      : []),
  ]);
}

