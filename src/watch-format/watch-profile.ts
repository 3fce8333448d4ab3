/**
 * What the watch keeps of the runner's profile: the guard's config, already
 * resolved on the phone or computer (ceilings derived, every tuning rule
 * filled in, the calibrated curve copied), so that the watch needs neither
 * zod nor the ceiling rules. The full profile is validated with zod where it
 * is written (`paceguard calibrate`, `npm run watch:profile`); here a cheap
 * typed check guards against a damaged or foreign value in storage.
 *
 * ```json
 * { "paceguardWatch": 1, "ceilings": { "paceCeilingSecPerKm": 360, "hrCeilingBpm": 140,
 *   "paceSource": "easy-pace", "hrSource": "given" }, "plannedMs": 2400000, "tuning": { … } }
 * ```
 */
import type { Ceilings } from '../ceiling/ceiling.ts';
import type { GuardConfig, GuardTuning, HrCurve } from '../guard/config.ts';
import { WATCH_DEFAULT_TUNING } from './watch-defaults.ts';

/** The format's version; a watch refuses a version it does not know rather than guess. */
export const WATCH_PROFILE_VERSION = 1;

/** The key under which the profile sits in the watch's LocalStorage (@zos/storage). */
export const WATCH_PROFILE_STORAGE_KEY = 'paceguard.profile';

export interface WatchProfile {
  readonly paceguardWatch: typeof WATCH_PROFILE_VERSION;
  readonly ceilings: Ceilings;
  readonly plannedMs?: number;
  readonly tuning: GuardTuning;
  readonly hrCurve?: HrCurve;
}

export type WatchConfigResult =
  | { readonly ok: true; readonly config: GuardConfig }
  | { readonly ok: false; readonly error: string };

/** The config as the watch stores it. */
export function watchProfileOf(config: GuardConfig): WatchProfile {
  return {
    paceguardWatch: WATCH_PROFILE_VERSION,
    ceilings: config.ceilings,
    ...(config.plannedMs !== undefined ? { plannedMs: config.plannedMs } : {}),
    tuning: config.tuning,
    ...(config.hrCurve !== undefined ? { hrCurve: config.hrCurve } : {}),
  };
}

const HR_CURVE_KEYS: readonly (keyof HrCurve)[] = [
  'refSpeedMps',
  'hrAtRefBpm',
  'slopeBpmPerMps',
  'driftBpmPerHour',
  'runResidualSdBpm',
  'speedLoMps',
  'speedHiMps',
];
const PACE_SOURCES: readonly string[] = ['given', 'easy-pace', 'none'];
const HR_SOURCES: readonly string[] = ['given', 'hr-reserve', 'hr-max', 'none'];

/**
 * A stored value (JSON text or already parsed) → the guard's config, or one
 * line saying what is wrong. Cheap: field by field, no schema library.
 */
export function checkWatchProfile(value: unknown): WatchConfigResult {
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch {
      return { ok: false, error: 'profile: not valid JSON' };
    }
  }
  if (!isRecord(json)) return { ok: false, error: 'profile: expected an object' };
  if (json['paceguardWatch'] !== WATCH_PROFILE_VERSION) {
    return { ok: false, error: `profile: expected paceguardWatch ${WATCH_PROFILE_VERSION} (make it with npm run watch:profile)` };
  }
  const ceilings = json['ceilings'];
  if (!isRecord(ceilings)) return { ok: false, error: 'ceilings: expected an object' };
  const pace = ceilings['paceCeilingSecPerKm'];
  const hr = ceilings['hrCeilingBpm'];
  if (pace !== undefined && !inRange(pace, 120, 1200)) return { ok: false, error: 'ceilings.paceCeilingSecPerKm: expected seconds per km from 120 to 1200' };
  if (hr !== undefined && !inRange(hr, 60, 230)) return { ok: false, error: 'ceilings.hrCeilingBpm: expected bpm from 60 to 230' };
  if (pace === undefined && hr === undefined) return { ok: false, error: 'ceilings: expected a pace or heart-rate ceiling' };
  const paceSource = ceilings['paceSource'];
  const hrSource = ceilings['hrSource'];
  if (typeof paceSource !== 'string' || !PACE_SOURCES.includes(paceSource)) return { ok: false, error: 'ceilings.paceSource: unknown' };
  if (typeof hrSource !== 'string' || !HR_SOURCES.includes(hrSource)) return { ok: false, error: 'ceilings.hrSource: unknown' };

  const tuningIn = json['tuning'];
  if (!isRecord(tuningIn)) return { ok: false, error: 'tuning: expected an object' };
  const tuning: Record<string, number> = {};
  for (const key of Object.keys(WATCH_DEFAULT_TUNING)) {
    const rule = tuningIn[key];
    if (!inRange(rule, 0, 1e7)) return { ok: false, error: `tuning.${key}: expected a number` };
    tuning[key] = rule;
  }
  const plannedMs = json['plannedMs'];
  if (plannedMs !== undefined && !inRange(plannedMs, 1, 36_000_000)) return { ok: false, error: 'plannedMs: expected ms up to 10 h' };
  const curveIn = json['hrCurve'];
  let hrCurve: HrCurve | undefined;
  if (curveIn !== undefined) {
    if (!isRecord(curveIn)) return { ok: false, error: 'hrCurve: expected an object' };
    const curve: Record<string, number> = {};
    for (const key of HR_CURVE_KEYS) {
      const number = curveIn[key];
      if (typeof number !== 'number' || !Number.isFinite(number)) return { ok: false, error: `hrCurve.${key}: expected a number` };
      curve[key] = number;
    }
    hrCurve = curve as unknown as HrCurve;
  }
  const checkedCeilings = {
    ...(pace !== undefined ? { paceCeilingSecPerKm: pace } : {}),
    ...(hr !== undefined ? { hrCeilingBpm: hr } : {}),
    paceSource,
    hrSource,
  } as Ceilings;
  return {
    ok: true,
    config: {
      ceilings: checkedCeilings,
      tuning: tuning as unknown as GuardTuning,
      ...(plannedMs !== undefined ? { plannedMs } : {}),
      ...(hrCurve !== undefined ? { hrCurve } : {}),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
