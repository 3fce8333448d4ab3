/**
 * The labelled benchmark suite for alert quality (`npm run bench:alerts`):
 * 69 synthetic runs of 35–70 min, about 52 h with 54 overshoots, in 20
 * families: one per noise model or course feature, plus clean runs and runs
 * with everything at once. The last four families (issue #19) are appended
 * after the others, so adding them changed no earlier run: each run's seed
 * and streams come from its own id.
 *
 * - Clean runs stay easy, most of them near the ceiling: 5–25 s/km slower.
 * - Overshoots are sustained pace surges 20–60 s/km faster than the ceiling
 *   for 1–5 min, uphill at ceiling pace (over by effort), and cardiac drift
 *   over the heart-rate ceiling late in a long run. Downhill faster than the
 *   ceiling at easy effort is not over, and short surges of a few seconds are not.
 * - Every run starts with a 4-minute warm-up well under the ceiling: no
 *   overshoot in its first 3 minutes.
 *
 * Each run has a fixed seed, so the suite is the same on every machine. The
 * scenarios are plain data: `suiteRun('hills-uphill-at-ceiling')` gives one to
 * synthesize on its own (CLI, examples).
 */
import { holdPace, runAt, standStill } from './segments.ts';
import type { Noise, PaceTarget, Recording, Runner, Scenario, Segment, Stretch, Tunnel } from './scenario.ts';
import { DEFAULT_RUNNER } from './scenario.ts';
import { stream, streamSeed, uniformInt, type Random } from './random.ts';

export type Family =
  | 'clean'
  | 'gps-noise'
  | 'multipath'
  | 'tunnel'
  | 'positions-only'
  | 'smart-recording'
  | 'optical-hr'
  | 'cadence-lock'
  | 'hr-dropouts'
  | 'hills'
  | 'stops'
  | 'surges'
  | 'cardiac-drift'
  | 'pace-overshoot'
  | 'early-overshoot'
  | 'everything'
  | 'cadence-lock-no-cadence'
  | 'sparse-spikes'
  | 'speed-lag'
  | 'strap-start-high';

export interface SuiteRun {
  /** Unique, stable; also the scenario's name. */
  readonly id: string;
  readonly family: Family;
  readonly seed: number;
  readonly scenario: Scenario;
}

/** Changing it changes every run of the suite: do so only with a reviewed new baseline. */
const SUITE_SEED = 20_250_601;

// Runners, with the ceilings they are judged against (pace ceiling = easy pace + 30 s/km).

/** 5:30 easy → ceiling 6:00, heart-rate ceiling 140: at 6:10 steady HR is about 129. */
const ANNA: Runner = { ...DEFAULT_RUNNER };
const ANNA_CEILINGS = { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 };
/** 6:15 easy → 6:45, 135 bpm: an older runner, slower heart response. */
const BERT: Runner = {
  ...DEFAULT_RUNNER,
  easyPaceSecPerKm: 375,
  hrRestBpm: 58,
  hrMaxBpm: 175,
  hrAtEasyPaceBpm: 133,
  hrPerMpsBpm: 32,
  hrTauSec: 55,
  driftBpmPerHour: 5,
  cadenceAtEasyPaceSpm: 164,
};
const BERT_CEILINGS = { paceCeilingSecPerKm: 405, hrCeilingBpm: 135 };
/** 4:45 easy → 5:15, 148 bpm: quick heart. */
const CARA: Runner = {
  ...DEFAULT_RUNNER,
  easyPaceSecPerKm: 285,
  hrRestBpm: 45,
  hrMaxBpm: 192,
  hrAtEasyPaceBpm: 146,
  hrPerMpsBpm: 25,
  hrTauSec: 32,
  driftBpmPerHour: 3,
  cadenceAtEasyPaceSpm: 176,
};
const CARA_CEILINGS = { paceCeilingSecPerKm: 315, hrCeilingBpm: 148 };
/** 5:50 easy → 6:20, 138 bpm, on a hot day: heart rate drifts 12 bpm an hour. */
const DEAN: Runner = {
  ...DEFAULT_RUNNER,
  easyPaceSecPerKm: 350,
  hrRestBpm: 52,
  hrMaxBpm: 182,
  hrAtEasyPaceBpm: 140,
  hrPerMpsBpm: 30,
  hrTauSec: 45,
  driftBpmPerHour: 12,
  cadenceAtEasyPaceSpm: 168,
};
const DEAN_CEILINGS = { paceCeilingSecPerKm: 380, hrCeilingBpm: 138 };

// Recordings and noise.

const NOISY_GPS: Partial<Noise> = { gpsSpeedSigmaMps: 0.3, gpsSpeedTauSec: 10, positionSigmaM: 4 };
const OPTICAL: Partial<Recording> = { hrSensor: 'optical' };
/** A phone app: positions only, GPS altitude, no cadence, a chest strap over Bluetooth. */
const PHONE: Partial<Recording> = { fields: 'positions-only', cadence: false, altimeter: 'gps' };
/** A wrist sensor on a watch that records no cadence field. */
const NO_CADENCE_WRIST: Partial<Recording> = { hrSensor: 'optical', cadence: false };
/** A record every 5 s. */
const SPARSE: Partial<Recording> = { rate: '5s' };
/** Multipath spikes, often enough that a few land on a 5 s record. */
const SPARSE_SPIKES: Partial<Noise> = { gpsSpeedSigmaMps: 0.15, multipathPerHour: 25 };

// Course pieces. Offsets are s/km relative to the pace ceiling: +10 is 10 s/km slower.

function pace(offsetSecPerKm: number): PaceTarget {
  return { ceilingOffsetSecPerKm: offsetSecPerKm };
}
const minutes = (m: number): number => Math.round(m * 60);
/** Running at `offset` from the ceiling for `m` minutes, holding effort on any grade. */
const easy = (m: number, offset: number, gradePct = 0): Segment => runAt(minutes(m), offset, gradePct);
/** Holding an actual pace whatever the grade (uphill at ceiling pace; a fast downhill). */
const held = (m: number, offset: number, gradePct: number): Segment => holdPace(minutes(m), offset, gradePct);
const WARM_UP = easy(4, 35);
const stop = standStill;

/**
 * `count` short surges (4–10 s, 30–60 s/km faster than the ceiling) spread
 * through an easy stretch, at least a minute apart.
 */
function easyWithSurges(random: Random, m: number, offset: number, count: number): Segment[] {
  const totalSec = minutes(m);
  const slotSec = Math.floor(totalSec / count);
  const segments: Segment[] = [];
  let usedSec = 0;
  for (let i = 0; i < count; i += 1) {
    const surgeSec = uniformInt(random, 4, 10);
    const beforeSec = i * slotSec + uniformInt(random, 30, slotSec - surgeSec - 30) - usedSec;
    segments.push({ kind: 'run', durationSec: beforeSec, pace: pace(offset) });
    segments.push({ kind: 'run', durationSec: surgeSec, pace: pace(-uniformInt(random, 30, 60)) });
    usedSec += beforeSec + surgeSec;
  }
  segments.push({ kind: 'run', durationSec: totalSec - usedSec, pace: pace(offset) });
  return segments;
}

/** `count` stretches of `minSec`–`maxSec` in [fromSec, toSec), one per equal slot, never overlapping. */
function stretches(random: Random, count: number, minSec: number, maxSec: number, fromSec: number, toSec: number): Stretch[] {
  const slotSec = Math.floor((toSec - fromSec) / count);
  return Array.from({ length: count }, (_, i) => {
    const durationSec = uniformInt(random, minSec, Math.min(maxSec, slotSec - 10));
    return { atSec: fromSec + i * slotSec + uniformInt(random, 0, slotSec - durationSec - 10), durationSec };
  });
}

const tunnels = (list: readonly Stretch[], speed: Tunnel['speed']): Tunnel[] => list.map((s) => ({ ...s, speed }));

interface Draft {
  readonly id: string;
  readonly family: Family;
  readonly runner: Runner;
  readonly ceilings: Scenario['ceilings'];
  readonly description: string;
  /** Built with the run's own suite random stream (placements of surges and faults). */
  readonly build: (random: Random) => Pick<Scenario, 'segments'> & Partial<Pick<Scenario, 'recording' | 'noise' | 'terrain'>>;
}

const DRAFTS: readonly Draft[] = [
  // ── clean: good recording, stays easy ──
  {
    id: 'clean-anna-10',
    family: 'clean',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '45 min at ceiling +10 s/km, flat',
    build: () => ({ segments: [WARM_UP, easy(41, 10)] }),
  },
  {
    id: 'clean-bert-near',
    family: 'clean',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: '50 min at ceiling +5 s/km: as near as a clean run gets',
    build: () => ({ segments: [WARM_UP, easy(46, 5)] }),
  },
  {
    id: 'clean-cara-rolling',
    family: 'clean',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: '40 min at ceiling +20 s/km (effort) over rolling ±2 % hills',
    build: () => ({
      segments: [WARM_UP, easy(36, 20)],
      terrain: { rollingAmplitudePct: 2, rollingWavelengthM: 800 },
    }),
  },
  {
    id: 'clean-anna-25',
    family: 'clean',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '35 min at ceiling +25 s/km',
    build: () => ({ segments: [WARM_UP, easy(31, 25)] }),
  },
  // ── gps-noise: σ 0.3 m/s speed error, 10 s correlation ──
  {
    id: 'gps-noise-anna-clean',
    family: 'gps-noise',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '45 min at +15 s/km under heavy GPS speed noise',
    build: () => ({ segments: [WARM_UP, easy(41, 15)], noise: NOISY_GPS }),
  },
  {
    id: 'gps-noise-cara-near',
    family: 'gps-noise',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: '40 min at +8 s/km under heavy GPS speed noise',
    build: () => ({ segments: [WARM_UP, easy(36, 8)], noise: NOISY_GPS }),
  },
  {
    id: 'gps-noise-anna-overshoots',
    family: 'gps-noise',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '3 min at −30 s/km and 90 s at −50 s/km under heavy GPS noise',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), easy(3, -30), easy(15, 12), easy(1.5, -50), easy(16.5, 10)],
      noise: NOISY_GPS,
    }),
  },
  {
    id: 'gps-noise-bert-overshoots',
    family: 'gps-noise',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: '4 min at −20 s/km and 2 min at −40 s/km under heavy GPS noise',
    build: () => ({
      segments: [WARM_UP, easy(12, 10), easy(4, -20), easy(12, 10), easy(2, -40), easy(11, 12)],
      noise: NOISY_GPS,
    }),
  },
  // ── multipath: 20 spikes an hour ──
  {
    id: 'multipath-anna-clean',
    family: 'multipath',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '45 min at +10 s/km with multipath spikes',
    build: () => ({ segments: [WARM_UP, easy(41, 10)], noise: { gpsSpeedSigmaMps: 0.15, multipathPerHour: 20 } }),
  },
  {
    id: 'multipath-bert-near',
    family: 'multipath',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: '40 min at +5 s/km with multipath spikes',
    build: () => ({ segments: [WARM_UP, easy(36, 5)], noise: { gpsSpeedSigmaMps: 0.15, multipathPerHour: 20 } }),
  },
  {
    id: 'multipath-cara-overshoots',
    family: 'multipath',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: '2 min at −25 s/km and 1 min at −45 s/km with multipath spikes',
    build: () => ({
      segments: [WARM_UP, easy(9, 12), easy(2, -25), easy(14, 12), easy(1, -45), easy(15, 10)],
      noise: { gpsSpeedSigmaMps: 0.15, multipathPerHour: 20 },
    }),
  },
  // ── tunnels: GPS lost, distance frozen then caught up ──
  {
    id: 'tunnel-anna-missing',
    family: 'tunnel',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '40 min at +10 s/km, three tunnels of 20–90 s with no speed field',
    build: (random) => ({
      segments: [WARM_UP, easy(36, 10)],
      noise: { tunnels: tunnels(stretches(random, 3, 20, 90, 300, minutes(38)), 'missing') },
    }),
  },
  {
    id: 'tunnel-bert-zero',
    family: 'tunnel',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: '45 min at +8 s/km, three tunnels of 20–90 s reporting zero speed',
    build: (random) => ({
      segments: [WARM_UP, easy(41, 8)],
      noise: { tunnels: tunnels(stretches(random, 3, 20, 90, 300, minutes(43)), 'zero') },
    }),
  },
  {
    id: 'tunnel-anna-overshoots',
    family: 'tunnel',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '3 min at −35 s/km with a 40 s tunnel (zero speed) in its middle, then 2 min at −25 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), easy(3, -35), easy(14, 10), easy(2, -25), easy(12, 12)],
      noise: { tunnels: [{ atSec: minutes(14) + 70, durationSec: 40, speed: 'zero' }, { atSec: minutes(35), durationSec: 60, speed: 'zero' }] },
    }),
  },
  {
    id: 'tunnel-cara-positions',
    family: 'tunnel',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'positions-only, 40 min at +12 s/km, three tunnels: positions gone, then a jump',
    build: (random) => ({
      segments: [WARM_UP, easy(36, 12)],
      recording: PHONE,
      noise: { positionSigmaM: 3, tunnels: tunnels(stretches(random, 3, 20, 90, 300, minutes(38)), 'missing') },
    }),
  },
  // ── positions-only: a phone app ──
  {
    id: 'positions-anna-clean',
    family: 'positions-only',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'positions only, 45 min at +12 s/km',
    build: () => ({ segments: [WARM_UP, easy(41, 12)], recording: PHONE, noise: { positionSigmaM: 3 } }),
  },
  {
    id: 'positions-cara-near',
    family: 'positions-only',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'positions only, 40 min at +6 s/km',
    build: () => ({ segments: [WARM_UP, easy(36, 6)], recording: PHONE, noise: { positionSigmaM: 3 } }),
  },
  {
    id: 'positions-bert-overshoots',
    family: 'positions-only',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'positions only: 2 min at −30 s/km, 4 min at −20 s/km',
    build: () => ({
      segments: [WARM_UP, easy(11, 10), easy(2, -30), easy(14, 10), easy(4, -20), easy(15, 12)],
      recording: PHONE,
      noise: { positionSigmaM: 3 },
    }),
  },
  {
    id: 'positions-anna-overshoots',
    family: 'positions-only',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'positions only, noisy: 1 min at −45 s/km, 3 min at −25 s/km',
    build: () => ({
      segments: [WARM_UP, easy(9, 12), easy(1, -45), easy(15, 12), easy(3, -25), easy(13, 10)],
      recording: PHONE,
      noise: { positionSigmaM: 5 },
    }),
  },
  // ── smart recording: a record every 4–6 s ──
  {
    id: 'smart-anna-clean',
    family: 'smart-recording',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'smart recording, 45 min at +10 s/km',
    build: () => ({ segments: [WARM_UP, easy(41, 10)], recording: { rate: 'smart' } }),
  },
  {
    id: 'smart-bert-rolling',
    family: 'smart-recording',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'smart recording, 50 min at +15 s/km (effort) over rolling ±2 % hills',
    build: () => ({
      segments: [WARM_UP, easy(46, 15)],
      recording: { rate: 'smart' },
      terrain: { rollingAmplitudePct: 2, rollingWavelengthM: 1200 },
    }),
  },
  {
    id: 'smart-cara-overshoots',
    family: 'smart-recording',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'smart recording: 2 min at −35 s/km, 3 min at −20 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), easy(2, -35), easy(14, 12), easy(3, -20), easy(11, 10)],
      recording: { rate: 'smart' },
    }),
  },
  {
    id: 'smart-anna-optical-overshoots',
    family: 'smart-recording',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'smart recording, optical HR: 90 s at −40 s/km, 4 min at −25 s/km',
    build: () => ({
      segments: [WARM_UP, easy(12, 10), easy(1.5, -40), easy(12.5, 10), easy(4, -25), easy(11, 12)],
      recording: { rate: 'smart', ...OPTICAL },
    }),
  },
  // ── optical heart rate ──
  {
    id: 'optical-anna-clean',
    family: 'optical-hr',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'optical HR (σ 4 bpm), 45 min at +10 s/km',
    build: () => ({ segments: [WARM_UP, easy(41, 10)], recording: OPTICAL, noise: { opticalHrSigmaBpm: 4 } }),
  },
  {
    id: 'optical-bert-clean',
    family: 'optical-hr',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'optical HR (σ 5 bpm), 50 min at +12 s/km',
    build: () => ({ segments: [WARM_UP, easy(46, 12)], recording: OPTICAL, noise: { opticalHrSigmaBpm: 5 } }),
  },
  {
    id: 'optical-bert-overshoot',
    family: 'optical-hr',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'optical HR (σ 4 bpm): 3 min at −30 s/km',
    build: () => ({
      segments: [WARM_UP, easy(16, 10), easy(3, -30), easy(22, 10)],
      recording: OPTICAL,
      noise: { opticalHrSigmaBpm: 4 },
    }),
  },
  // ── cadence lock: optical heart rate reads the step rate ──
  {
    id: 'cadence-lock-anna-clean',
    family: 'cadence-lock',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'optical HR locked on cadence three times for 1–4 min, 45 min at +10 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(41, 10)],
      recording: OPTICAL,
      noise: { cadenceLocks: stretches(random, 3, 60, 240, 300, minutes(44)) },
    }),
  },
  {
    id: 'cadence-lock-cara-clean',
    family: 'cadence-lock',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'optical HR locked on cadence twice for 1–4 min, 40 min at +15 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(36, 15)],
      recording: OPTICAL,
      noise: { cadenceLocks: stretches(random, 2, 60, 240, 300, minutes(39)) },
    }),
  },
  {
    id: 'cadence-lock-bert-overshoot',
    family: 'cadence-lock',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'optical HR locked on cadence twice; 150 s at −35 s/km between the locks',
    build: () => ({
      segments: [WARM_UP, easy(16, 10), easy(2.5, -35), easy(22.5, 10)],
      recording: OPTICAL,
      noise: { cadenceLocks: [{ atSec: minutes(8), durationSec: 180 }, { atSec: minutes(32), durationSec: 150 }] },
    }),
  },
  // ── heart-rate dropouts and 0/255 glitches ──
  {
    id: 'hr-dropouts-anna-clean',
    family: 'hr-dropouts',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'five HR dropouts of 10–120 s and 10 glitches an hour, 45 min at +10 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(41, 10)],
      noise: { hrDropouts: stretches(random, 5, 10, 120, 240, minutes(44)), hrGlitchesPerHour: 10 },
    }),
  },
  {
    id: 'hr-dropouts-cara-optical',
    family: 'hr-dropouts',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'optical: four HR dropouts of 10–120 s and 6 glitches an hour, 45 min at +8 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(41, 8)],
      recording: OPTICAL,
      noise: { hrDropouts: stretches(random, 4, 10, 120, 240, minutes(44)), hrGlitchesPerHour: 6 },
    }),
  },
  {
    id: 'hr-dropouts-anna-overshoots',
    family: 'hr-dropouts',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '2 min at −30 s/km with HR gone for 60 s in it, 3 min at −40 s/km; 8 glitches an hour',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), easy(2, -30), easy(14, 10), easy(3, -40), easy(12, 10)],
      noise: { hrDropouts: [{ atSec: minutes(14) + 30, durationSec: 60 }, { atSec: minutes(22), durationSec: 90 }], hrGlitchesPerHour: 8 },
    }),
  },
  // ── hills: judged by effort ──
  {
    id: 'hills-both-ways-anna',
    family: 'hills',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '±4 % hills: uphill at easy effort (slower), downhill at ceiling −10 s/km actual pace: never over',
    build: () => ({
      segments: [
        WARM_UP,
        ...Array.from({ length: 6 }, () => [easy(2, 12, 4), held(2, -10, -4), easy(2.5, 12)]).flat(),
        easy(14, 10),
      ],
    }),
  },
  {
    id: 'hills-downhill-fast-cara',
    family: 'hills',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: '−4 % downhills at ceiling −20 s/km actual pace (easy effort): never over',
    build: () => ({
      segments: [
        WARM_UP,
        ...Array.from({ length: 4 }, () => [easy(5, 12), held(3, -20, -4), easy(2, 12, 4)]).flat(),
        easy(4, 12),
      ],
      recording: { altimeter: 'gps' },
    }),
  },
  {
    id: 'hills-downhill-long-bert',
    family: 'hills',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'a 6 min −3 % descent at ceiling −15 s/km actual pace, and back up at easy effort: never over',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), held(6, -15, -3), easy(8, 15, 3), easy(12, 10)],
    }),
  },
  {
    id: 'hills-uphill-at-ceiling-anna',
    family: 'hills',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'holding ceiling pace up +3 % for 3 min, and ceiling +5 s/km up +2 % for 4 min: over by effort',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), held(3, 0, 3), easy(12, 12, -1), held(4, 5, 2), easy(12, 10)],
    }),
  },
  {
    id: 'hills-uphill-at-ceiling-cara',
    family: 'hills',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'ceiling pace up +4 % for 2 min (over by effort); fast −3 % descents at easy effort',
    build: () => ({
      segments: [WARM_UP, easy(8, 12), held(3, -15, -3), easy(6, 12), held(2, 0, 4), easy(8, 12), held(3, -15, -3), easy(10, 12)],
      recording: { altimeter: 'gps' },
    }),
  },
  // ── stops ──
  {
    id: 'stops-anna-lights',
    family: 'stops',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'four traffic lights (30–90 s, timer running), 45 min at +10 s/km',
    build: () => ({
      segments: [WARM_UP, easy(8, 10), stop(45), easy(9, 10), stop(90), easy(7, 10), stop(30), easy(9, 10), stop(60), easy(4.5, 10)],
    }),
  },
  {
    id: 'stops-bert-autopause',
    family: 'stops',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'three auto-paused stops (40 s to 3 min), 45 min at +10 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), stop(40, 'auto-pause'), easy(12, 10), stop(180, 'auto-pause'), easy(10, 10), stop(70, 'auto-pause'), easy(4, 10)],
    }),
  },
  {
    id: 'stops-cara-overshoot',
    family: 'stops',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'auto-paused stops, and 3 min at −30 s/km right after one',
    build: () => ({
      segments: [WARM_UP, easy(8, 10), stop(60, 'auto-pause'), easy(1, 15), easy(3, -30), easy(12, 10), stop(45), easy(14, 10)],
    }),
  },
  // ── short surges of a few seconds: not overshoots ──
  {
    id: 'surges-anna-clean',
    family: 'surges',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'twelve surges of 4–10 s at 30–60 s/km faster than the ceiling, 45 min at +10 s/km',
    build: (random) => ({ segments: [WARM_UP, ...easyWithSurges(random, 41, 10, 12)] }),
  },
  {
    id: 'surges-cara-clean',
    family: 'surges',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'ten surges of 4–10 s, 40 min at +15 s/km',
    build: (random) => ({ segments: [WARM_UP, ...easyWithSurges(random, 36, 15, 10)] }),
  },
  {
    id: 'surges-bert-overshoot',
    family: 'surges',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'eight surges of 4–10 s and one 2 min at −40 s/km',
    build: (random) => ({
      segments: [WARM_UP, ...easyWithSurges(random, 16, 10, 4), easy(2, -40), ...easyWithSurges(random, 23, 10, 4)],
    }),
  },
  // ── cardiac drift over the heart-rate ceiling late in a long run ──
  {
    id: 'drift-dean-chest',
    family: 'cardiac-drift',
    runner: DEAN,
    ceilings: DEAN_CEILINGS,
    description: 'hot day, 70 min at ceiling +10 s/km: heart rate drifts over 138 after about 40 min',
    build: () => ({ segments: [WARM_UP, easy(66, 10)] }),
  },
  {
    id: 'drift-dean-optical',
    family: 'cardiac-drift',
    runner: { ...DEAN, driftBpmPerHour: 14 },
    ceilings: DEAN_CEILINGS,
    description: 'hot day, optical HR, 65 min at ceiling +15 s/km, 14 bpm/h of drift',
    build: () => ({ segments: [WARM_UP, easy(61, 15)], recording: OPTICAL }),
  },
  {
    id: 'drift-anna-hot',
    family: 'cardiac-drift',
    runner: { ...ANNA, hrAtEasyPaceBpm: 142, driftBpmPerHour: 12 },
    ceilings: ANNA_CEILINGS,
    description: 'hot day, 65 min at ceiling +12 s/km with 12 bpm/h drift',
    build: () => ({ segments: [WARM_UP, easy(61, 12)] }),
  },
  // ── sustained pace overshoots ──
  {
    id: 'pace-overshoots-anna',
    family: 'pace-overshoot',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '5 min at −20, 1 min at −60, 3 min at −35 s/km',
    build: () => ({
      segments: [WARM_UP, easy(8, 10), easy(5, -20), easy(10, 10), easy(1, -60), easy(10, 12), easy(3, -35), easy(14, 10)],
      noise: { gpsSpeedSigmaMps: 0.18 },
    }),
  },
  {
    id: 'pace-overshoots-cara',
    family: 'pace-overshoot',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: '4 min at −25, 2 min at −45, 90 s at −30 s/km',
    build: () => ({
      segments: [WARM_UP, easy(9, 10), easy(4, -25), easy(10, 12), easy(2, -45), easy(10, 10), easy(1.5, -30), easy(9.5, 10)],
      noise: { gpsSpeedSigmaMps: 0.18 },
    }),
  },
  {
    id: 'pace-overshoots-bert',
    family: 'pace-overshoot',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: '1 min at −50, 3 min at −20, 2 min at −40 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 12), easy(1, -50), easy(11, 10), easy(3, -20), easy(10, 12), easy(2, -40), easy(9, 10)],
      noise: { gpsSpeedSigmaMps: 0.18 },
    }),
  },
  // ── starting too fast: the classic way a recovery run goes wrong, while heart rate still climbs from rest ──
  {
    id: 'early-anna-too-fast',
    family: 'early-overshoot',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: '1 min jog, then 6 min at −20 s/km from minute 1, then easy',
    build: () => ({ segments: [easy(1, 30), easy(6, -20), easy(28, 10)], noise: { gpsSpeedSigmaMps: 0.15 } }),
  },
  {
    id: 'early-bert-optical',
    family: 'early-overshoot',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'wrist sensor; 2 min jog, 5 min at −25 s/km, then easy with a 3 min drift at −15 from minute 14',
    build: () => ({
      segments: [easy(2, 35), easy(5, -25), easy(7, 12), easy(3, -15), easy(23, 12)],
      recording: OPTICAL,
    }),
  },
  {
    id: 'early-cara-from-the-gun',
    family: 'early-overshoot',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'too fast from the first step: 8 min at −20 s/km, then easy',
    build: () => ({ segments: [easy(8, -20), easy(30, 12)], noise: { gpsSpeedSigmaMps: 0.15 } }),
  },
  {
    id: 'early-anna-easy-from-the-gun',
    family: 'early-overshoot',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'wrist sensor; easy from the first step (no jog) while heart rate climbs from rest: never over',
    build: () => ({ segments: [easy(40, 10)], recording: OPTICAL, noise: { gpsSpeedSigmaMps: 0.15 } }),
  },
  // ── everything at once ──
  {
    id: 'everything-anna',
    family: 'everything',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'optical HR, noisy GPS, multipath, a tunnel, dropouts, a cadence lock, hills, a stop, surges; 3 overshoots',
    build: (random) => ({
      segments: [
        WARM_UP,
        ...easyWithSurges(random, 8, 10, 2),
        easy(3, -30),
        easy(6, 12, 3),
        held(3, -10, -4),
        stop(50),
        easy(6, 10),
        held(3, 0, 3),
        ...easyWithSurges(random, 10, 12, 2),
        easy(2, -45),
        easy(15, 10),
      ],
      recording: { ...OPTICAL, altimeter: 'gps' },
      noise: {
        ...NOISY_GPS,
        gpsSpeedSigmaMps: 0.25,
        multipathPerHour: 10,
        hrGlitchesPerHour: 6,
        tunnels: [{ atSec: minutes(22), durationSec: 45, speed: 'missing' }],
        hrDropouts: [{ atSec: minutes(30), durationSec: 40 }],
        cadenceLocks: [{ atSec: minutes(52), durationSec: 150 }],
      },
    }),
  },
  {
    id: 'everything-bert-clean',
    family: 'everything',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'smart recording, optical HR, noisy GPS, multipath, tunnels, a lock, glitches, rolling hills, surges; clean',
    build: (random) => ({
      segments: [WARM_UP, ...easyWithSurges(random, 20, 10, 4), stop(40, 'auto-pause'), ...easyWithSurges(random, 25, 12, 4)],
      terrain: { rollingAmplitudePct: 2.5, rollingWavelengthM: 900 },
      recording: { rate: 'smart', ...OPTICAL, altimeter: 'gps' },
      noise: {
        ...NOISY_GPS,
        gpsSpeedSigmaMps: 0.25,
        multipathPerHour: 10,
        hrGlitchesPerHour: 6,
        tunnels: tunnels(stretches(random, 2, 20, 60, 300, minutes(48)), 'zero'),
        cadenceLocks: [{ atSec: minutes(15), durationSec: 120 }],
      },
    }),
  },
  {
    id: 'everything-cara-phone',
    family: 'everything',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'phone (positions only), optical HR, multipath, a tunnel, dropouts, hills; 2 overshoots',
    build: () => ({
      segments: [WARM_UP, easy(9, 12), easy(2.5, -30), easy(8, 12, 2), held(3, -15, -3), easy(8, 12), held(2, 0, 3), easy(17.5, 10)],
      recording: { ...PHONE, ...OPTICAL },
      noise: {
        positionSigmaM: 4,
        multipathPerHour: 10,
        hrGlitchesPerHour: 6,
        tunnels: [{ atSec: minutes(30), durationSec: 60, speed: 'missing' }],
        hrDropouts: [{ atSec: minutes(40), durationSec: 30 }],
      },
    }),
  },  // ── issue #19: what the suite lacked. Appended, so the runs above keep their seeds and streams. ──
  // ── a wrist sensor locking on the step rate with no cadence field recorded: nothing to compare heart rate with ──
  {
    id: 'nocad-lock-anna-clean',
    family: 'cadence-lock-no-cadence',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'optical HR, no cadence field, locked on the step rate three times for 1–4 min; 45 min at +10 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(41, 10)],
      recording: NO_CADENCE_WRIST,
      noise: { cadenceLocks: stretches(random, 3, 60, 240, 300, minutes(44)) },
    }),
  },
  {
    id: 'nocad-lock-cara-clean',
    family: 'cadence-lock-no-cadence',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'optical HR, no cadence field, locked twice for 1–4 min; 40 min at +15 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(36, 15)],
      recording: NO_CADENCE_WRIST,
      noise: { cadenceLocks: stretches(random, 2, 60, 240, 300, minutes(39)) },
    }),
  },
  {
    id: 'nocad-lock-bert-overshoot',
    family: 'cadence-lock-no-cadence',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'optical HR, no cadence field, locked twice; 150 s at −35 s/km between the locks',
    build: () => ({
      segments: [WARM_UP, easy(16, 10), easy(2.5, -35), easy(22.5, 10)],
      recording: NO_CADENCE_WRIST,
      noise: { cadenceLocks: [{ atSec: minutes(8), durationSec: 200 }, { atSec: minutes(30), durationSec: 180 }] },
    }),
  },
  {
    id: 'nocad-lock-anna-phone',
    family: 'cadence-lock-no-cadence',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'phone (positions only, no cadence) with a wrist sensor locked twice for 2–4 min; 40 min at +12 s/km',
    build: (random) => ({
      segments: [WARM_UP, easy(36, 12)],
      recording: { ...PHONE, ...OPTICAL },
      noise: { positionSigmaM: 3, cadenceLocks: stretches(random, 2, 120, 240, 300, minutes(39)) },
    }),
  },
  // ── sparse recordings (a record every 5 s) with speed spikes: one spiky reading weighs five seconds ──
  {
    id: 'sparse-anna-clean',
    family: 'sparse-spikes',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'a record every 5 s, 25 multipath spikes an hour; 45 min at +10 s/km',
    build: () => ({ segments: [WARM_UP, easy(41, 10)], recording: SPARSE, noise: SPARSE_SPIKES }),
  },
  {
    id: 'sparse-bert-near',
    family: 'sparse-spikes',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'a record every 5 s, 25 spikes an hour; 40 min at +6 s/km',
    build: () => ({ segments: [WARM_UP, easy(36, 6)], recording: SPARSE, noise: SPARSE_SPIKES }),
  },
  {
    id: 'sparse-cara-overshoots',
    family: 'sparse-spikes',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'a record every 5 s, 25 spikes an hour: 2 min at −30 s/km, 3 min at −20 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 10), easy(2, -30), easy(14, 12), easy(3, -20), easy(11, 10)],
      recording: SPARSE,
      noise: SPARSE_SPIKES,
    }),
  },
  // ── a speed field lagging distance by 20–30 s ──
  {
    id: 'lag-anna-changes',
    family: 'speed-lag',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'speed field 25 s late; 45 min changing between +25 and +8 s/km, two traffic lights: never over',
    build: () => ({
      segments: [WARM_UP, easy(8, 25), easy(6, 8), stop(45), easy(8, 25), easy(6, 8), stop(60), easy(11.25, 10)],
      noise: { speedLagSec: 25 },
    }),
  },
  {
    id: 'lag-bert-overshoots',
    family: 'speed-lag',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'speed field 30 s late: 3 min at −25 s/km, 2 min at −40 s/km',
    build: () => ({
      segments: [WARM_UP, easy(11, 10), easy(3, -25), easy(13, 10), easy(2, -40), easy(12, 12)],
      noise: { speedLagSec: 30 },
    }),
  },
  {
    id: 'lag-cara-overshoots',
    family: 'speed-lag',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'speed field 20 s late, noisy GPS: 90 s at −45 s/km, 4 min at −20 s/km',
    build: () => ({
      segments: [WARM_UP, easy(10, 12), easy(1.5, -45), easy(14.5, 10), easy(4, -20), easy(10, 12)],
      noise: { ...NOISY_GPS, speedLagSec: 20 },
    }),
  },
  // ── a chest strap reading high for the first minutes (dry electrodes) ──
  {
    id: 'strap-anna-clean',
    family: 'strap-start-high',
    runner: ANNA,
    ceilings: ANNA_CEILINGS,
    description: 'strap 35 bpm high at the start, fading over 8 min; 40 min at +10 s/km: never over',
    build: () => ({ segments: [WARM_UP, easy(36, 10)], noise: { hrStartBiasBpm: 35, hrStartBiasSec: minutes(8) } }),
  },
  {
    id: 'strap-bert-clean',
    family: 'strap-start-high',
    runner: BERT,
    ceilings: BERT_CEILINGS,
    description: 'strap 40 bpm high at the start, fading over 10 min; 45 min at +12 s/km: never over',
    build: () => ({ segments: [WARM_UP, easy(41, 12)], noise: { hrStartBiasBpm: 40, hrStartBiasSec: minutes(10) } }),
  },
  {
    id: 'strap-cara-overshoot',
    family: 'strap-start-high',
    runner: CARA,
    ceilings: CARA_CEILINGS,
    description: 'strap 30 bpm high, fading over 8 min; 3 min at −25 s/km from minute 6 while it still reads high',
    build: () => ({
      segments: [WARM_UP, easy(2, 10), easy(3, -25), easy(26, 10)],
      noise: { hrStartBiasBpm: 30, hrStartBiasSec: minutes(8) },
    }),
  },
];

function scenarioOf(draft: Draft): Scenario {
  const built = draft.build(stream(SUITE_SEED, draft.id));
  return {
    name: draft.id,
    description: draft.description,
    runner: draft.runner,
    ceilings: draft.ceilings,
    ...built,
  };
}

export const SUITE: readonly SuiteRun[] = DRAFTS.map((draft) => ({
  id: draft.id,
  family: draft.family,
  seed: streamSeed(SUITE_SEED, draft.id),
  scenario: scenarioOf(draft),
}));

/** The suite run named `id`, or undefined. */
export function suiteRun(id: string): SuiteRun | undefined {
  return SUITE.find((run) => run.id === id);
}
