import { describe, expect, test } from 'vitest';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import { renderFrame, visibleWidth } from '../../simulator/present/live/frame.ts';
import { hrTone, nearMargins, paceTone, type LiveState } from '../../simulator/present/live/state.ts';
import { ANY_ESCAPE, liveState } from './support.ts';

const slowDown: GuardEvent = { kind: 'slow-down', atMs: 1_006_000, cause: 'pace', repeat: 0, paceCeilingSecPerKm: 360, hrCeilingBpm: 140 };

/** States that stress the layout: long texts, no values, no ceilings, every phase. */
const STATES: ReadonlyArray<readonly [string, LiveState]> = [
  ['easy running', liveState()],
  ['an overshoot held, a long last event', liveState({ gapSecPerKm: 322, paceSecPerKm: 321, hrBpm: 139, overshoot: 'both', lastEvent: { ...slowDown, cause: 'both', repeat: 12 } })],
  ['slow paces over ten minutes a km', liveState({ gapSecPerKm: 659, paceSecPerKm: 733 })],
  ['a cadence-locked sensor', liveState({ lastEvent: { kind: 'signal-lost', atMs: 600_000, sensor: 'hr', reason: 'cadence-lock' }, hrBpm: undefined })],
  ['no pace and no heart rate yet', liveState({ elapsedMs: 0, gapSecPerKm: undefined, paceSecPerKm: undefined, hrBpm: undefined, moving: false })],
  ['no ceilings at all', liveState({ ceilings: { paceSource: 'none', hrSource: 'none' } })],
  ['an hour-long run, finished', liveState({ elapsedMs: 4_000_000, totalMs: 4_000_000, phase: 'finished' })],
  ['stopped by Ctrl-C at max speed', liveState({ speed: 'max', phase: 'interrupted', paused: true })],
  ['tired', liveState({ lastEvent: { kind: 'tired', atMs: 900_000, hrBpm: 150, expectedHrBpm: 141, excessBpm: 9 } })],
];
const COLUMNS = [200, 120, 81, 80, 79, 72, 60, 50, 40, 32, 24, 20, 12, 5, 1];

describe('renderFrame fits the terminal', () => {
  test.each(STATES.flatMap(([name, state]) => COLUMNS.map((columns) => [name, state, columns] as const)))(
    '%s at %i columns: no line wider',
    (_name, state, columns) => {
      for (const color of [true, false]) {
        const lines = renderFrame(state, { columns, color });
        expect(lines).toHaveLength(5);
        for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(columns);
      }
    },
  );

  test.each(STATES)('%s reads whole at 80 columns (the wide layout, nothing cut)', (_name, state) => {
    const lines = renderFrame(state, { columns: 79, color: false });
    expect(lines[1]).toMatch(/^ pace {3}\S+ \/km grade-adjusted, \S+ \/km recorded +ceiling \S+/);
    expect(lines[2]).toMatch(/^ heart {2}\S+ bpm +ceiling \S+/);
  });

  test('the pace and heart-rate columns line up', () => {
    const [, pace, hr] = renderFrame(liveState(), { columns: 79, color: false });
    expect(pace?.indexOf('ceiling')).toBe(hr?.indexOf('ceiling'));
  });
});

describe('renderFrame colours', () => {
  test.each([
    ['NO_COLOR', false],
    ['colour', true],
  ])('%s: escape codes only with colour', (_name, color) => {
    for (const [, state] of STATES) {
      for (const columns of COLUMNS) {
        const text = renderFrame(state, { columns, color }).join('\n');
        if (!color) expect(text).not.toMatch(ANY_ESCAPE);
      }
    }
    const text = renderFrame(liveState(), { columns: 79, color }).join('\n');
    expect(ANY_ESCAPE.test(text)).toBe(color);
  });

  const GREEN = '\x1b[32m';
  const YELLOW = '\x1b[33m';
  const RED = '\x1b[31m';
  test.each([
    // grade-adjusted pace s/km, heart rate bpm, pace colour and word, heart-rate colour and word
    [380, 128, GREEN, 'under', GREEN, 'under'],
    [362, 138, YELLOW, 'near', YELLOW, 'near'],
    [350, 145, RED, 'OVER', RED, 'OVER'],
    [360, 140, YELLOW, 'near', YELLOW, 'near'],
    [359, 136, RED, 'OVER', GREEN, 'under'],
  ])('pace %s s/km, heart rate %s bpm', (gapSecPerKm, hrBpm, paceColour, paceWord, hrColour, hrWord) => {
    const [, pace, hr] = renderFrame(liveState({ gapSecPerKm, hrBpm }), { columns: 79, color: true });
    expect(pace).toContain(`${paceColour}${paceWord}\x1b[0m`);
    expect(hr).toContain(`${hrColour}${hrWord}\x1b[0m`);
    // The value itself carries the colour too, not only the word.
    expect(pace).toMatch(new RegExp(`${escape(paceColour)}\\d+:\\d\\d /km grade-adjusted`));
    expect(hr).toMatch(new RegExp(`${escape(hrColour)}${hrBpm} bpm`));
  });

  test('an overshoot the guard holds is a bold red SLOW DOWN naming the cause', () => {
    const [status] = renderFrame(liveState({ overshoot: 'pace', gapSecPerKm: 330 }), { columns: 79, color: true });
    expect(status).toContain('\x1b[1;31mSLOW DOWN: over on pace\x1b[0m');
    expect(renderFrame(liveState({ overshoot: 'hr' }), { columns: 24, color: false })[0]).toBe('16:46 SLOW DOWN');
  });

  test('over a ceiling with no alert yet (evidence still gathering) is red but not SLOW DOWN', () => {
    const [status] = renderFrame(liveState({ gapSecPerKm: 340 }), { columns: 79, color: true });
    expect(status).toContain('\x1b[31mover the ceiling\x1b[0m');
    expect(status).not.toContain('SLOW DOWN');
  });
});

describe('near is the guard own margins', () => {
  const near = nearMargins(DEFAULT_TUNING);
  test('defaults: the 5 s/km pace hysteresis; heart rate the larger of hysteresis and witness margin, 2 bpm', () => {
    expect(near).toEqual({ paceSecPerKm: 5, hrBpm: 2 });
    expect(nearMargins({ ...DEFAULT_TUNING, paceHysteresisSecPerKm: 8, hrHysteresisBpm: 4 })).toEqual({ paceSecPerKm: 8, hrBpm: 4 });
    expect(nearMargins({ ...DEFAULT_TUNING, paceWitnessHrNearBpm: 3 })).toEqual({ paceSecPerKm: 5, hrBpm: 3 });
  });
  test.each([
    [undefined, 'none'],
    [359.9, 'over'],
    [360, 'near'],
    [364.9, 'near'],
    [365, 'under'],
  ] as const)('pace %s s/km against 6:00', (gap, tone) => expect(paceTone(gap, 360, near.paceSecPerKm)).toBe(tone));
  test.each([
    [undefined, 'none'],
    [140.5, 'over'],
    [140, 'near'],
    [138, 'near'],
    [137.9, 'under'],
  ] as const)('heart rate %s bpm against 140', (hr, tone) => expect(hrTone(hr, 140, near.hrBpm)).toBe(tone));
  test('no ceiling: no tone', () => expect(paceTone(300, undefined, 5)).toBe('none'));
});

describe('renderFrame shows the clock and the last event with its time', () => {
  test.each<readonly [string, GuardEvent | undefined, string, string]>([
    ['none yet', undefined, ' last   no event yet', 'no event'],
    ['slow-down', slowDown, ' last   16:46  slow down: over on pace', '16:46 slow down'],
    ['a repeat', { ...slowDown, repeat: 2 }, ' last   16:46  slow down: over on pace (repeat 2)', '16:46 slow down'],
    ['back-under', { kind: 'back-under', atMs: 1_157_000, overForMs: 151_000 }, ' last   19:17  back under the ceiling after 2:31', '19:17 back under'],
    ['time-up', { kind: 'time-up', atMs: 2_400_000, plannedMs: 2_400_000 }, ' last   40:00  time up: planned 40:00 reached', '40:00 time up'],
    ['signal-lost', { kind: 'signal-lost', atMs: 720_000, sensor: 'pace', reason: 'no-data' }, ' last   12:00  pace lost', '12:00 pace lost'],
    ['signal-back', { kind: 'signal-back', atMs: 795_000, sensor: 'hr' }, ' last   13:15  heart rate back', '13:15 HR back'],
  ])('%s', (_name, lastEvent, wide, narrow) => {
    const state = liveState(lastEvent !== undefined ? { lastEvent } : {});
    expect(renderFrame(state, { columns: 79, color: false })[3]).toBe(wide);
    expect(renderFrame(state, { columns: 24, color: false })[3]).toBe(narrow);
  });

  test.each([
    [79, ' 16:46 of 34:59   10x   under the ceiling'],
    [50, ' 16:46 of 34:59  under the ceiling'],
    [40, '16:46 under'],
    [12, '16:46 under'],
  ])('the clock line at %i columns', (columns, line) => {
    expect(renderFrame(liveState(), { columns, color: false })[0]).toBe(line);
  });
});

describe('renderFrame progress bar', () => {
  test.each([
    [0, 79],
    [0.25, 79],
    [0.5, 79],
    [0.999, 79],
    [1, 79],
    [0.5, 40],
    [0.33, 25],
  ])('%s of the run at %i columns', (fraction, columns) => {
    const state = liveState({ elapsedMs: fraction * 2_099_000 });
    const bar = renderFrame(state, { columns, color: false })[4] ?? '';
    const match = /\[(#*)(\.*)\] +(\d+) %$/.exec(bar);
    expect(match).not.toBeNull();
    const filled = match?.[1]?.length ?? 0;
    const barColumns = filled + (match?.[2]?.length ?? 0);
    expect(filled).toBe(Math.round(fraction * barColumns));
    expect(Number(match?.[3])).toBe(Math.floor(fraction * 100));
    expect(barColumns).toBeLessThanOrEqual(60);
  });

  test.each([
    ['finished', ' done'],
    ['interrupted', ' stopped'],
    ['playing', ''],
  ] as const)('%s', (phase, word) => {
    const bar = renderFrame(liveState({ phase }), { columns: 79, color: false })[4];
    expect(bar).toMatch(new RegExp(`\\] +47 %${word}$`));
  });

  test('too narrow for a bar: the percentage alone', () => {
    expect(renderFrame(liveState(), { columns: 10, color: false })[4]).toBe('47 %');
  });
});

function escape(text: string): string {
  return text.replace(/[[\]\\^$.|?*+()]/g, '\\$&');
}
