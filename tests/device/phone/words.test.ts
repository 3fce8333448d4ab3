import { describe, expect, test } from 'vitest';
import { DEFAULT_TUNING } from '../../../src/guard/config.ts';
import { secondsToOvershoot } from '../../../src/guard/decide.ts';
import { summaryFigures } from '../../../device/phone/src/live/after-run.ts';
import { emptySummary, finishSummary } from '../../../src/summary/summary.ts';
import { eventWords } from '../../../device/phone/src/words.ts';

/** What the phone's screens call things (device/phone/src/words.ts, after-run.ts), and the sliders' seconds. */

describe('event kinds in words', () => {
  test.each([
    ['slow-down', 'Slow down'],
    ['back-under', 'Back under'],
    ['signal-lost', 'Signal lost'],
    ['time-up', 'Time is up'],
    // A kind added to the guard later shows by its name, in words, with no change here.
    ['not-recovery', 'Not recovery'],
    ['some_new_kind', 'Some new kind'],
  ])('%s → %s', (kind, words) => {
    expect(eventWords(kind)).toBe(words);
  });
});

describe('how sure before an alert, as seconds at a steady overshoot (the guard\'s CUSUM step)', () => {
  const t = DEFAULT_TUNING;
  test.each([
    // 10 s/km over, 8 allowed: 2 a second, 60 needed.
    [t.paceEvidenceSecPerKmS, 10, t.paceAllowanceSecPerKm, t.paceExcessCapSecPerKm, 30],
    [120, 10, t.paceAllowanceSecPerKm, t.paceExcessCapSecPerKm, 60],
    // Past the cap a second adds no more: 22 − 8 = 14 a second.
    [t.paceEvidenceSecPerKmS, 60, t.paceAllowanceSecPerKm, t.paceExcessCapSecPerKm, 60 / 14],
    // 5 bpm over, 1 allowed: 4 a second, 30 needed.
    [t.hrEvidenceBpmS, 5, t.hrAllowanceBpm, t.hrExcessCapBpm, 7.5],
    // Within the allowance the evidence never grows.
    [t.paceEvidenceSecPerKmS, 8, t.paceAllowanceSecPerKm, t.paceExcessCapSecPerKm, Number.POSITIVE_INFINITY],
  ])('evidence %d at %d over (allowance %d, cap %d) → %d s', (evidence, over, allowance, cap, seconds) => {
    expect(secondsToOvershoot(evidence, over, allowance, cap)).toBeCloseTo(seconds, 9);
  });
});

describe('the after-run figures', () => {
  test('a run with no moving time says so, and names no time over', () => {
    const summary = finishSummary(emptySummary(), { ceilings: { paceSource: 'none', hrSource: 'given', hrCeilingBpm: 140 }, tuning: DEFAULT_TUNING });
    const figures = new Map(summaryFigures(summary).map((f) => [f.id, f.value]));
    expect(summary.verdict).toBe('unknown');
    expect(figures.get('moving')).toBe('0:00');
    expect(figures.get('under')).toBe('no moving time');
    expect(figures.get('over')).toBe('never');
    expect(figures.get('alerts')).toBe('0 slow-down');
    expect(figures.has('drift')).toBe(false);
  });
});
