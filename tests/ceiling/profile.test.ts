import { describe, expect, test } from 'vitest';
import { configFromProfile, describeIssue, mergeProfiles, Profile } from '../../src/ceiling/profile.ts';
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
    [{ hrCeilingBpm: 'high' }, 'hrCeilingBpm: Invalid input: expected number, received string'],
    [{ hrCeilngBpm: 140 }, '(top level): Unrecognized key: "hrCeilngBpm"'],
    [{ maxHrBpm: 110, restHrBpm: 115 }, 'restHrBpm: expected restHrBpm below maxHrBpm'],
    [{ tuning: { repeatMs: 1 } }, 'tuning.repeatMs: Too small: expected number to be >=10000'],
  ])('%j is refused with a message naming the field', (json, message) => {
    const checked = Profile.safeParse(json);
    expect(checked.success).toBe(false);
    if (!checked.success) expect(describeIssue(checked.error)).toBe(message);
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
