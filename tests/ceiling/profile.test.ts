import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { configFromProfile, describeIssue, mergeProfiles, parseProfileText, Profile } from '../../src/profile/profile.ts';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';

describe('ceilings', () => {
  test.each([
    ['easy pace 5:30 gives a 6:00 ceiling', { easyPaceSecPerKm: 330 }, { paceCeilingSecPerKm: 360, paceSource: 'easy-pace' }],
    ['a given pace ceiling wins over easy pace', { easyPaceSecPerKm: 330, paceCeilingSecPerKm: 375 }, { paceCeilingSecPerKm: 375, paceSource: 'given' }],
    ['max 190, rest 50: 70 % of reserve is 148', { maxHrBpm: 190, restHrBpm: 50 }, { hrCeilingBpm: 148, hrSource: 'hr-reserve' }],
    ['max 190 alone: 76 % is 144', { maxHrBpm: 190 }, { hrCeilingBpm: 144, hrSource: 'hr-max' }],
    ['a given heart-rate ceiling wins', { maxHrBpm: 190, hrCeilingBpm: 135 }, { hrCeilingBpm: 135, hrSource: 'given' }],
  ])('%s', (_name, inputs, expected) => {
    expect(deriveCeilings(inputs)).toMatchObject(expected);
  });
});

const RUN = { file: 'a.fit', sha256: 'a'.repeat(64), startedAt: '2024-01-01T06:30:00.000Z', stretches: 3 };
const CURVE = {
  form: 'linear-gap-speed', refSpeedMps: 3.03, hrAtRefBpm: 138, slopeBpmPerMps: 28, driftBpmPerHour: 2, drift: 'fitted',
  residualSdBpm: 3.1, runResidualSdBpm: 2.4, speedLoMps: 2.5, speedHiMps: 3.6, stretches: 40, runs: 12, slopeLoBpmPerMps: 24, slopeHiBpmPerMps: 32,
};
/** A calibration record as `paceguard calibrate` writes it (src/calibrate/record.ts), small. */
const CALIBRATION = {
  version: 1, firstRunAt: '2024-01-01T06:30:00.000Z', lastRunAt: '2024-02-22T06:30:00.000Z', runs: [RUN],
  easyPace: { secPerKm: 330.4, lowSecPerKm: 325.5, highSecPerKm: 336.2, runs: 12, stretches: 40, aboveBandStretches: 0, band: 'applied' },
  maxHr: { bpm: 183, file: 'a.fit', runAt: '2024-01-01T06:30:00.000Z', isMaximum: true },
  hrCurve: CURVE,
  runnerModel: { response: { runs: 3, tauLoSec: 38, tauHiSec: 47, delayLoSec: 0, delayHiSec: 6 }, cadence: { minutes: 600, residualSdSpm: 1.5 } },
  ceiling: { paceCeilingSecPerKm: 360, paceSource: 'easy-pace', hrCeilingBpm: 139, hrSource: 'hr-max', consistency: 'consistent', curveHrAtPaceCeilingBpm: 135, disagreementBpm: 4 },
};
/** The runner model as calibrate writes it (src/calibrate/runner-fit.ts). */
const RUNNER_MODEL = { refSpeedMps: 3.03, hrAtRefBpm: 138, hrGainBpmPerMps: 28, hrTauSec: 42, hrDelaySec: 3, cadenceAtRefSpm: 170, cadenceSlopeSpmPerMps: 8 };
const FULL = {
  easyPace: '5:30', recoveryMarginSecPerKm: 30, hrCeilingBpm: 140, maxHrBpm: 185, restHrBpm: 55, maxDurationMin: 45, tuning: {}, runnerModel: RUNNER_MODEL, calibration: CALIBRATION,
};

/** Every number in the profile schema, as [path, schema], found by walking it: a field added later is covered too. */
function numberFields(schema: z.core.$ZodType, path: (string | number)[] = []): [string, (string | number)[]][] {
  let s = schema;
  // zod's core classes: the profile is written with zod/mini (src/ceiling/zod.ts), whose schemas are not classic zod's.
  while (s instanceof z.core.$ZodOptional) s = s._zod.def.innerType;
  if (s instanceof z.core.$ZodNumber) return [[path.join('.'), path]];
  if (s instanceof z.core.$ZodArray) return numberFields(s._zod.def.element, [...path, 0]);
  if (s instanceof z.core.$ZodObject) return Object.entries(s._zod.def.shape as Record<string, z.core.$ZodType>).flatMap(([k, v]) => numberFields(v, [...path, k]));
  return [];
}

function withValue(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(base)) return base.map((item, i) => (i === head ? withValue(item, rest, value) : item));
  const object = (typeof base === 'object' && base !== null ? base : {}) as Record<string, unknown>;
  return { ...object, [head]: withValue(object[head], rest, value) };
}

describe('every number in a profile is bounded to what a body can do, with its unit in the message', () => {
  const fields = numberFields(Profile);

  test('the full profile used below is valid, and the walk finds every field', () => {
    expect(Profile.safeParse(FULL).success).toBe(true);
    expect(fields.length).toBeGreaterThan(60);
  });

  test.each(fields)('%s: 1e308, -1e308 and a string are refused, naming the field and the range', (name, path) => {
    for (const bad of [1e308, -1e308, 'abc']) {
      const checked = Profile.safeParse(withValue(FULL, path, bad));
      expect(checked.success, `${name} = ${String(bad)}`).toBe(false);
      if (!checked.success) expect(describeIssue(checked.error)).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: expected [a-z /×%]+ (from|above) -?[\\d.]+ (to|and up to) [\\d.]+, like -?[\\d.]+$`));
    }
  });
});

describe('profile file', () => {
  test('a full profile parses, pace strings to seconds per km', () => {
    const p = Profile.parse({ easyPace: '5:30', hrCeilingBpm: 140, maxDurationMin: 40, tuning: { repeatMs: 90_000 } });
    expect(p.easyPace).toBe(330);
    const built = configFromProfile(p);
    expect(built.ok && built.config.ceilings.paceCeilingSecPerKm).toBe(360);
    expect(built.ok && built.config.plannedMs).toBe(2_400_000);
    expect(built.ok && built.config.tuning.repeatMs).toBe(90_000);
  });

  test.each([
    [{ easyPace: '5.30' }, 'easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    [{ easyPace: 330 }, 'easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    [{ easyPace: '1:30' }, 'easyPace: expected a pace slower than 2:00 per km'],
    [{ hrCeilingBpm: 'high' }, 'hrCeilingBpm: expected beats per minute from 60 to 220, like 140'],
    [{ hrCeilingBpm: 40 }, 'hrCeilingBpm: expected beats per minute from 60 to 220, like 140'],
    [{ hrCeilingBpm: 140.5 }, 'hrCeilingBpm: expected beats per minute from 60 to 220, like 140'],
    [{ maxHrBpm: 1e308 }, 'maxHrBpm: expected beats per minute from 100 to 230, like 185'],
    [{ restHrBpm: 10 }, 'restHrBpm: expected beats per minute from 25 to 120, like 55'],
    [{ recoveryMarginSecPerKm: -5 }, 'recoveryMarginSecPerKm: expected seconds per km from 0 to 180, like 30'],
    [{ maxDurationMin: 0 }, 'maxDurationMin: expected minutes above 0 and up to 600, like 45'],
    [{ hrCeilngBpm: 140 }, 'hrCeilngBpm: unknown field; did you mean hrCeilingBpm?'],
    [{ hrCeilingBmp: 140 }, 'hrCeilingBmp: unknown field; did you mean hrCeilingBpm?'],
    [{ easypace: '5:30' }, 'easypace: unknown field; did you mean easyPace?'],
    [{ colour: 'red' }, 'colour: unknown field; expected one of easyPace, recoveryMarginSecPerKm, paceCeiling, hrCeilingBpm, maxHrBpm, restHrBpm, maxDurationMin, tuning, runnerModel, calibration'],
    [{ tuning: { repetMs: 60_000 } }, 'tuning.repetMs: unknown field; did you mean repeatMs?'],
    [{ maxHrBpm: 110, restHrBpm: 115 }, 'restHrBpm: expected restHrBpm below maxHrBpm'],
    [{ tuning: { repeatMs: 1 } }, 'tuning.repeatMs: expected milliseconds from 10000 to 900000, like 60000'],
    [{ tuning: { minMovingSpeedMps: 5 } }, 'tuning.minMovingSpeedMps: expected metres per second from 0.3 to 3, like 1'],
    [{ tuning: { paceWarmupWeight: 2 } }, 'tuning.paceWarmupWeight: expected a share from 0 to 1, like 0.34'],
    [{ calibration: { ...CALIBRATION, hrCurve: { ...CURVE, slopeBpmPerMps: 1e308 } } }, 'calibration.hrCurve.slopeBpmPerMps: expected beats per minute per m/s from -200 to 200, like 28'],
    [{ calibration: { ...CALIBRATION, runs: [{ ...RUN, stretchez: 3 }] } }, 'calibration.runs.0.stretchez: unknown field; did you mean stretches?'],
    // A hostile or mistyped runner model: a heart that takes 1000 s to answer, a heart rate that falls as the runner speeds up.
    [{ runnerModel: { ...RUNNER_MODEL, hrTauSec: 1000 } }, 'runnerModel.hrTauSec: expected seconds from 10 to 180, like 55'],
    [{ runnerModel: { ...RUNNER_MODEL, hrGainBpmPerMps: -24 } }, 'runnerModel.hrGainBpmPerMps: expected beats per minute per m/s from 5 to 80, like 24'],
    [{ runnerModel: { ...RUNNER_MODEL, hrDelaySec: -3 } }, 'runnerModel.hrDelaySec: expected seconds from 0 to 30, like 5'],
    [{ runnerModel: { ...RUNNER_MODEL, cadenceAtRefSpm: 90 } }, 'runnerModel.cadenceAtRefSpm: expected steps per minute from 120 to 220, like 165'],
    [{ runnerModel: { hrAtRefBpm: 138 } }, 'runnerModel.refSpeedMps: expected refSpeedMps (metres per second) beside hrAtRefBpm and cadenceAtRefSpm: they are read at that speed'],
    [{ runnerModel: { ...RUNNER_MODEL, hrTau: 40 } }, 'runnerModel.hrTau: unknown field; did you mean hrTauSec?'],
  ])('%j is refused with a message naming the field', (json, message) => {
    const checked = Profile.safeParse(json);
    expect(checked.success).toBe(false);
    if (!checked.success) expect(describeIssue(checked.error)).toBe(message);
  });

  test('a runner model is optional, and any part of it stands alone (the estimator keeps its prior for the rest)', () => {
    expect(Profile.safeParse({ easyPace: '5:30' }).success).toBe(true);
    expect(Profile.parse({ runnerModel: { hrTauSec: 40 } }).runnerModel).toEqual({ hrTauSec: 40 });
    expect(Profile.parse({ runnerModel: RUNNER_MODEL }).runnerModel).toEqual(RUNNER_MODEL);
  });

  test('a resting heart rate alone asks for the maximum too', () => {
    const built = configFromProfile({ restHrBpm: 50 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error).toMatch(/^--rest-hr needs --max-hr too/);
  });

  test('no ceiling at all is refused, saying what would do', () => {
    const built = configFromProfile({ maxDurationMin: 30 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error).toMatch(/--easy-pace, --pace-ceiling, --hr-ceiling or --max-hr/);
  });

  test('flags override the file field by field, and a zero is a value', () => {
    const merged = mergeProfiles(
      { easyPace: 330, hrCeilingBpm: 140, tuning: { repeatMs: 90_000, paceEvidenceSecPerKmS: 200 } },
      { hrCeilingBpm: 135, tuning: { paceEvidenceSecPerKmS: 0 } },
    );
    expect(merged).toEqual({ easyPace: 330, hrCeilingBpm: 135, tuning: { repeatMs: 90_000, paceEvidenceSecPerKmS: 0 } });
  });
});

describe('a profile that is not JSON', () => {
  test('is one line, however the text around the fault breaks', () => {
    const parsed = parseProfileText('{\n  "easyPace": x,\n  "b": 1\n}\n');
    expect(parsed.ok).toBe(false);
    const why = 'notJson' in parsed ? parsed.notJson : '';
    expect(why).toMatch(/^Unexpected token/);
    expect(why).not.toMatch(/\n/);
  });
});
