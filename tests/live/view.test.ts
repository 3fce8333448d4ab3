import { asyncScheduler, from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, test } from 'vitest';
import { guardSteps } from '../../src/guard/pipeline.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import { foldedTimelineLines } from '../../simulator/present/format/text.ts';
import { visibleWidth } from '../../simulator/present/live/frame.ts';
import { eraseBlock, HIDE_CURSOR, liveScreen, SHOW_CURSOR } from '../../simulator/present/live/screen.ts';
import { canDrawLive, colorAllowed, FRAME_INTERVAL_MS, openLiveView, type LiveView } from '../../simulator/present/live/view.ts';
import { stretchesToSamples, testConfig } from '../support/runs.ts';
import { ANY_ESCAPE, fakeTerminal, SGR_PATTERN, type FakeTerminal } from './support.ts';

const config = testConfig({ pace: 360, hr: 140 });
// 10 easy minutes, 3 over the pace ceiling, 5 easy: a slow-down, repeats and a back-under.
const inputs = stretchesToSamples([
  { seconds: 600, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166 },
  { seconds: 180, paceSecPerKm: 320, hrBpm: 136, cadenceSpm: 172 },
  { seconds: 300, paceSecPerKm: 390, hrBpm: 130, cadenceSpm: 166 },
]);
const firstAtMs = inputs[0]?.atMs ?? 0;
const steps: GuardStep[] = await lastValueFrom(from(inputs).pipe(guardSteps(config), toArray()));
// The plain timeline, repeats folded into the overshoot's first line: what scrolls above the block.
const timeline = foldedTimelineLines(
  steps.flatMap((step) => step.events.map((event) => ({ event, now: step.conditioned }))),
  firstAtMs,
  steps.at(-1)?.conditioned.atMs ?? firstAtMs,
);

/** What a terminal shows as text: the escape sequences taken out, carriage returns kept as line starts. */
function plain(written: readonly string[]): string {
  return written.join('').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/** Plays `steps` into a view on virtual wall time, one every `everyMs`, and closes it after the last. */
function playVirtual(terminal: FakeTerminal, everyMs: number, between?: (view: LiveView, index: number) => void): { paintsAt: number[] } {
  const paintsAt: number[] = [];
  new TestScheduler((a, b) => expect(a).toEqual(b)).run(() => {
    const view = openLiveView(terminal, { config, firstAtMs, lastAtMs: inputs.at(-1)?.atMs ?? firstAtMs, speed: 10 }, asyncScheduler);
    if (view === undefined) throw new Error('a TTY draws the live view');
    const write = terminal.write;
    Object.assign(terminal, {
      write: (text: string) => {
        paintsAt.push(asyncScheduler.now());
        write(text);
      },
    });
    steps.forEach((step, index) =>
      asyncScheduler.schedule(() => {
        view.push(step);
        between?.(view, index);
      }, index * everyMs),
    );
    asyncScheduler.schedule(() => view.close('finished'), steps.length * everyMs);
  });
  return { paintsAt };
}

describe('the view draws at most ten frames a second of wall time', () => {
  test.each([
    // ms of wall time between steps (speed 1 is 1000 on 1 Hz samples; speed 100 is 10; max is 0)
    [1000, 'speed 1: every step is drawn'],
    [10, 'speed 100'],
    [1, 'speed 1000'],
    [0, 'max: one frame, then the final one'],
  ])('a step every %i ms (%s)', (everyMs) => {
    const terminal = fakeTerminal();
    const { paintsAt } = playVirtual(terminal, everyMs);
    const wallMs = steps.length * everyMs;
    // Every write but the last (cursor back) is one frame; the last frame is drawn at close.
    const frames = paintsAt.length - 1;
    expect(frames).toBeLessThanOrEqual(Math.floor(wallMs / FRAME_INTERVAL_MS) + 2);
    for (let i = 1; i < frames - 1; i++) expect((paintsAt[i] ?? 0) - (paintsAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(FRAME_INTERVAL_MS);
    if (everyMs >= FRAME_INTERVAL_MS) expect(frames).toBe(steps.length + 1);
    // And no fewer than that: the screen keeps up with the clock.
    if (everyMs > 0) expect(frames).toBeGreaterThanOrEqual(Math.min(steps.length, Math.floor(wallMs / FRAME_INTERVAL_MS)) - 1);
    // The final frame is always drawn: the last clock, the whole bar, "done".
    const screen = plain(terminal.written);
    expect(screen).toMatch(/ 17:59 of 17:59 .*\n[^\n]*\n[^\n]*\n[^\n]*\n \[#+\]  100 % done\r\n$/);
  });

  test('a step that comes sooner than the interval is drawn by a frame at its end, without another step', () => {
    const terminal = fakeTerminal();
    const paintsAt: number[] = [];
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(() => {
      const view = openLiveView(terminal, { config, firstAtMs, lastAtMs: inputs.at(-1)?.atMs ?? firstAtMs, speed: 10 }, asyncScheduler);
      const write = terminal.write;
      Object.assign(terminal, { write: (text: string) => (paintsAt.push(asyncScheduler.now()), write(text)) });
      asyncScheduler.schedule(() => view?.push(steps[0] as GuardStep), 0);
      asyncScheduler.schedule(() => view?.push(steps[1] as GuardStep), 30);
      asyncScheduler.schedule(() => view?.close('finished'), 1000);
    });
    expect(paintsAt).toEqual([0, FRAME_INTERVAL_MS, 1000, 1000]);
  });

  test('events scroll above the block as the text timeline has them, in order, and stay after close', () => {
    const terminal = fakeTerminal();
    playVirtual(terminal, 10);
    const screen = plain(terminal.written);
    const positions = timeline.map((line) => screen.indexOf(`${line}\n`));
    expect(timeline.length).toBeGreaterThanOrEqual(2);
    expect(timeline[0]).toMatch(/slow-down .* \(x\d over \d+:\d\d\)$/);
    for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test('the cursor is hidden while live and shown again at close; a second close does nothing', () => {
    const terminal = fakeTerminal();
    playVirtual(terminal, 10, (view, index) => {
      if (index === steps.length - 1) {
        view.close('finished');
        view.close('finished');
      }
    });
    const all = terminal.written.join('');
    expect(all.startsWith(HIDE_CURSOR)).toBe(true);
    expect(all.split(HIDE_CURSOR)).toHaveLength(2);
    expect(all.endsWith(SHOW_CURSOR)).toBe(true);
    expect(all.split(SHOW_CURSOR)).toHaveLength(2);
    expect(terminal.listeners()).toEqual({ resize: 0, interrupt: 0 });
  });

  test('a resize redraws at the new width', () => {
    const terminal = fakeTerminal({ columns: 100 });
    playVirtual(terminal, 10, (_view, index) => {
      if (index === 200) terminal.resize(30);
    });
    const frames = terminal.written.map((text) => text.split(/\x1b\[J/).at(-1) ?? '');
    const last = frames.at(-2) ?? '';
    // One column is kept spare (see view.ts); the narrow layout then.
    for (const line of last.split('\n')) expect(visibleWidth(line.replace('\r', ''))).toBeLessThanOrEqual(29);
    expect(plain([last])).toMatch(/^\r?17:59 under\n/);
    expect(terminal.listeners().resize).toBe(0);
  });
});

describe('where the live view is drawn, and in what colours', () => {
  test.each([
    ['a terminal', { isTTY: true }, true],
    ['a pipe or a file', { isTTY: false }, false],
    ['a dumb terminal (no cursor movement)', { isTTY: true, env: { TERM: 'dumb' } }, false],
    ['an ordinary TERM', { isTTY: true, env: { TERM: 'xterm-256color' } }, true],
  ])('%s: %s', (_name, options, live) => {
    expect(canDrawLive(fakeTerminal(options))).toBe(live);
  });
  test('no terminal at all: plain', () => expect(canDrawLive(undefined)).toBe(false));

  test.each([
    [{}, true],
    [{ NO_COLOR: '' }, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: '0' }, false],
    [{ NO_COLOR: 'false' }, false],
  ])('NO_COLOR %j: colour %s', (env, color) => {
    expect(colorAllowed(env)).toBe(color);
    const terminal = fakeTerminal({ env });
    playVirtual(terminal, 10);
    const all = terminal.written.join('');
    expect(SGR_PATTERN.test(all)).toBe(color);
    // Cursor movement is not colour: the live block still redraws in place.
    expect(ANY_ESCAPE.test(all)).toBe(true);
  });
});

describe('the screen writer', () => {
  test.each([
    [[], 80, ''],
    [[40], 80, '\r\x1b[C\x1b[J\r'],
    [[40, 79, 12, 0, 60], 80, '\r\x1b[4A\x1b[C\x1b[J\r'],
    // Narrowed to 30 columns: re-flowed lines take more rows (40 → 2, 79 → 3); the cursor is at the start of the last.
    [[40, 79, 12, 0, 60], 30, '\r\x1b[7A\x1b[C\x1b[J\r'],
  ])('erasing a block of widths %j at %i columns', (widths, columns, erase) => {
    expect(eraseBlock(widths, columns)).toBe(erase);
  });

  test('one write per frame: log lines above, then the block, cursor parked at the start of its last line', () => {
    const written: string[] = [];
    const screen = liveScreen((text) => written.push(text));
    screen.paint([], ['a', 'bb'], 80);
    screen.paint(['event 1', 'event 2'], ['a', 'bc'], 80);
    screen.release();
    screen.release();
    expect(written).toEqual([
      `${HIDE_CURSOR}a\nbb\r`,
      '\r\x1b[1A\x1b[C\x1b[J\revent 1\nevent 2\na\nbc\r',
      `\n${SHOW_CURSOR}`,
    ]);
  });
});
