/** The pure side of `tune`: the run classes, the grid, the rows and the recommendation rule. */
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { Profile } from '../../src/profile/profile.ts';
import { candidateKey, type Candidate } from '../../src/tune/grid.ts';
import { profileWith, tuneGrid } from '../../src/profile/tune-candidates.ts';
import { CATCH_TARGET_SHARE, recommend, settingRows, type SettingRow } from '../../src/tune/recommend.ts';
import { classify, type RunScore } from '../../src/tune/score.ts';

describe('classify: the share of moving time over the reference ceilings', () => {
  test.each([
    { movingMs: 1_200_000, overMs: 0, expected: 'easy' },
    { movingMs: 1_200_000, overMs: 60_000, expected: 'easy' }, // 5 %: the bound is easy
    { movingMs: 1_200_000, overMs: 120_000, expected: 'between' },
    { movingMs: 1_200_000, overMs: 240_000, expected: 'not-easy' }, // 20 %
    { movingMs: 1_200_000, overMs: 1_200_000, expected: 'not-easy' },
    { movingMs: 0, overMs: 0, expected: 'between' }, // nothing to judge
  ])('$overMs over in $movingMs → $expected', ({ movingMs, overMs, expected }) => {
    expect(classify(movingMs, overMs)).toBe(expected);
  });
});

describe('tuneGrid', () => {
  test.each([
    { profile: { easyPace: 330 }, size: 36, margins: true },
    { profile: { easyPace: 330, paceCeiling: 360 }, size: 12, margins: false }, // a given ceiling has no margin to move
    { profile: { hrCeilingBpm: 140 }, size: 12, margins: false },
    { profile: { easyPace: 330, tuning: { repeatMs: 90_000 } }, size: 37, margins: true }, // the current setting, off the grid, appended
  ])('$profile → $size settings', ({ profile, size, margins }) => {
    const grid = tuneGrid(profile);
    expect(grid).toHaveLength(size);
    expect(grid.filter((c) => c.current)).toHaveLength(1);
    expect(new Set(grid.map(candidateKey)).size).toBe(size);
    expect(grid.every((c) => (c.marginSecPerKm !== undefined) === margins)).toBe(true);
  });

  test('every setting written into a profile still validates, and keeps the rest', () => {
    const profile: Profile = { easyPace: 330, hrCeilingBpm: 140, maxDurationMin: 40, tuning: { holdUnderMs: 20_000 } };
    for (const c of tuneGrid(profile)) {
      const written = profileWith(profile, c);
      const checked = Profile.safeParse(z.encode(Profile, written));
      expect(checked.success).toBe(true);
      expect(written).toMatchObject({ easyPace: 330, hrCeilingBpm: 140, maxDurationMin: 40, recoveryMarginSecPerKm: c.marginSecPerKm, tuning: { holdUnderMs: 20_000, repeatMs: c.repeatMs } });
    }
  });
});

const candidate = (evidence: number, current = false): Candidate => ({ paceEvidenceSecPerKmS: evidence, repeatMs: 60_000, paceWarmupMs: 60_000, hrWarmupMs: 180_000, current });
const HOUR = 3_600_000;

describe('settingRows: per-run figures summed by class', () => {
  const runs: RunScore[] = [
    { runClass: 'easy', movingMs: HOUR / 2, referenceOverMs: 0, figures: [{ alerts: 2, caughtMs: 0, overMs: 60_000 }] },
    { runClass: 'easy', movingMs: HOUR / 2, referenceOverMs: 0, figures: [{ alerts: 1, caughtMs: 0, overMs: 0 }] },
    { runClass: 'not-easy', movingMs: HOUR / 2, referenceOverMs: 600_000, figures: [{ alerts: 3, caughtMs: 450_000, overMs: 500_000 }] },
    { runClass: 'not-easy', movingMs: HOUR / 2, referenceOverMs: 400_000, figures: [{ alerts: 0, caughtMs: 0, overMs: 0 }] },
    { runClass: 'between', movingMs: HOUR / 2, referenceOverMs: 100_000, figures: [{ alerts: 5, caughtMs: 50_000, overMs: 90_000 }] },
  ];
  test('alerts per hour on easy runs only; caught share of not-easy reference time; over time of all runs', () => {
    const [row] = settingRows(runs, [candidate(60)]);
    expect(row).toMatchObject({ easyAlertsPerHour: 3, caughtShare: 0.45, alertedRuns: 1, overMs: 650_000 });
  });
});

const row = (easyAlertsPerHour: number | undefined, caughtShare: number | undefined, current = false): SettingRow => ({
  candidate: candidate(60, current),
  easyAlertsPerHour,
  caughtShare,
  alertedRuns: 0,
  overMs: 0,
});

describe(`recommend: fewest easy alerts among those catching ≥ ${CATCH_TARGET_SHARE * 100} %`, () => {
  test.each([
    { name: 'quietest of those that catch enough', rows: [row(0.2, 0.5), row(1.5, 0.9), row(0.8, 0.7)], index: 2, reason: /fewest alerts on easy runs \(0\.8 alerts\/h\) among the 2 settings/ },
    { name: 'a tie on alerts goes to the higher catch', rows: [row(0.5, 0.7), row(0.5, 0.9)], index: 1, reason: /this one 90 %/ },
    { name: 'a full tie goes to the current setting', rows: [row(0.5, 0.7), row(0.5, 0.7, true)], index: 1, reason: /fewest alerts/ },
    { name: 'none catches enough: the highest catch', rows: [row(0.1, 0.3), row(2, 0.5)], index: 1, reason: /no setting catches 60 %/ },
    { name: 'no not-easy run: the quietest', rows: [row(1, undefined), row(0.4, undefined)], index: 1, reason: /catching cannot be judged/ },
    { name: 'no easy run: the highest catch', rows: [row(undefined, 0.7), row(undefined, 0.8)], index: 1, reason: /no easy run to count alerts on/ },
  ])('$name', ({ rows, index, reason }) => {
    const r = recommend(rows);
    expect(r.index).toBe(index);
    expect(r.reason).toMatch(reason);
  });
});
