import { declareSettings, defaultsOf, type SettingValues } from '../settings/declare.ts';

/**
 * The effort estimator's settings: noise levels in the hidden state's own
 * units, and the sequential test's false-alarm rate. One table, one entry per
 * setting: its unit, its default, the range a body or a device allows, and
 * what it means physically.
 */
export const ESTIMATE_SETTINGS = declareSettings({
  runnerSpeedWanderMpsPerSqrtS: {
    unit: 'm/s per √s',
    default: 0.12,
    min: 0.005,
    max: 0.5,
    why: "How fast the runner's grade-adjusted speed can wander on its own: the speed state's random-walk noise.",
  },
  gpsErrorSdMps: {
    unit: 'm/s',
    default: 0.25,
    min: 0,
    max: 1,
    why: 'Typical size of the slowly varying GPS speed error (a bias that lasts its correlation time) until the run has measured its own (4 × the readings’ scatter).',
  },
  gpsErrorTauSec: {
    unit: 's',
    default: 10,
    min: 1,
    max: 120,
    why: 'How long a GPS speed error lasts: its correlation time (multipath, trees, a bend the fix cuts).',
  },
  speedNoiseMps: {
    unit: 'm/s',
    default: 0.3,
    min: 0.05,
    max: 2,
    why: "Start value of one speed reading's white noise; re-estimated online from the innovations, per run.",
  },
  hrSensorErrorSdBpm: {
    unit: 'bpm',
    default: 2,
    min: 0,
    max: 30,
    why: "Typical size of the heart-rate sensor's own error (a wrist sensor's drift, lock or jump), a state apart from the heart.",
  },
  hrSensorErrorTauSec: {
    unit: 's',
    default: 30,
    min: 1,
    max: 600,
    why: "How long a heart-rate sensor error lasts: a strap's dry start or a wrist sensor's lock.",
  },
  hrReadingNoiseBpm: {
    unit: 'bpm',
    default: 2,
    min: 0.5,
    max: 15,
    why: "White noise of one heart-rate reading around heart plus sensor error; also the least spread the heart-rate test's excess is standardised by.",
  },
  heartWanderBpmPerSqrtS: {
    unit: 'bpm per √s',
    default: 1,
    min: 0.05,
    max: 5,
    why: "How fast the heart can move on its own, beyond its answer to speed (heat, a hill the grade misses): lets a real rise be the heart's.",
  },
  hrOffsetWanderBpmPerSqrtS: {
    unit: 'bpm per √s',
    default: 0.08,
    min: 0,
    max: 2,
    why: "How fast the runner's heart rate at the reference speed drifts during a run (cardiac drift, heat): learned online.",
  },
  paceClearlyOverSecPerKm: {
    unit: 's/km',
    default: 10,
    min: 2,
    max: 60,
    why: "The pace test's alternative: grade-adjusted pace this far faster than the ceiling is an overshoot to catch quickly.",
  },
  paceClearlyUnderSecPerKm: {
    unit: 's/km',
    default: 5,
    min: 1,
    max: 60,
    why: "The pace test's null: this far slower than the ceiling is easy running that must not raise an alarm; also the least spread the pace excess is standardised by (a difference below it is not worth telling apart).",
  },
  hrClearlyOverBpm: {
    unit: 'bpm',
    default: 3,
    min: 1,
    max: 20,
    why: "The heart-rate test's alternative: the heart this far over its ceiling is an overshoot to catch quickly.",
  },
  hrClearlyUnderBpm: {
    unit: 'bpm',
    default: 3,
    min: 0.5,
    max: 20,
    why: "The heart-rate test's null: the heart this far under its ceiling must not raise an alarm.",
  },
  falseAlarmsPerHour: {
    unit: 'alarms per hour',
    default: 0.3,
    min: 0.01,
    max: 10,
    why: "False-alarm rate each test is designed for at its null (clearly under the ceiling, at the estimate's resolution): sets its threshold.",
  },
});

export type EstimateSettingName = keyof typeof ESTIMATE_SETTINGS;
export type EstimateSettings = SettingValues<typeof ESTIMATE_SETTINGS>;

/** Every setting at its default. */
export const DEFAULT_ESTIMATE_SETTINGS: EstimateSettings = defaultsOf(ESTIMATE_SETTINGS);
