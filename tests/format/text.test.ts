/**
 * The text timeline folds an overshoot's repeats into its first line, as the
 * report's event table does (issue #20); jsonl keeps every event. Runs made
 * by tests/support/runs.ts and judged by the real guard.
 */
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, test } from 'vitest';
import { guardSteps } from '../../src/guard/pipeline.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import { formatDuration } from '../../src/fit/format.ts';
import { foldedTimelineLines, timelineFolder, timelineLine, type TimelineEntry } from '../../simulator/present/format/text.ts';
import { stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

const config = testConfig({ pace: 360, hr: 140 });
const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166 });
const over = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 320, hrBpm: 136, cadenceSpm: 172 });

interface Run {
  readonly entries: TimelineEntry[];
  readonly firstAtMs: number;
  readonly endAtMs: number;
}

async function judge(stretches: readonly Stretch[]): Promise<Run> {
  const inputs = stretchesToSamples(stretches);
  const steps: GuardStep[] = await lastValueFrom(from(inputs).pipe(guardSteps(config), toArray()));
  return {
    entries: steps.flatMap((step) => step.events.map((event) => ({ event, now: step.conditioned }))),
    firstAtMs: inputs[0]?.atMs ?? 0,
    endAtMs: steps.at(-1)?.conditioned.atMs ?? 0,
  };
}

const kinds = (run: Run): string[] => run.entries.map((e) => (e.event.kind === 'slow-down' ? `slow-down#${e.event.repeat}` : e.event.kind));
const line = (run: Run, index: number): string => {
  const entry = run.entries[index];
  if (entry === undefined) throw new Error(`no event ${index}`);
  return timelineLine(entry.event, entry.now, run.firstAtMs);
};
const atMs = (run: Run, index: number): number => run.entries[index]?.event.atMs ?? Number.NaN;
const fold = (run: Run, count: number, fromIndex: number, untilMs: number): string =>
  `${line(run, fromIndex)} (x${count} over ${formatDuration(untilMs - atMs(run, fromIndex))})`;

// Each run: the events the guard gives (so the case is what it says), and the folded lines built from them.
const cases: [string, Stretch[], string[], (run: Run) => string[]][] = [
  ['an easy run: nothing to fold', [easy(900)], [], () => []],
  ['a 2:30 overshoot: the repeat folds into the first line, over until back-under', [easy(600), over(150), easy(300)], ['slow-down#0', 'slow-down#1', 'back-under'], (r) => [fold(r, 2, 0, atMs(r, 2)), line(r, 2)]],
  [
    'a 9-minute overshoot: repeats fold, not-recovery keeps its line, over until back-under',
    [easy(600), over(540), easy(300)],
    ['slow-down#0', 'slow-down#1', 'slow-down#2', 'not-recovery', 'back-under'],
    (r) => [fold(r, 3, 0, atMs(r, 4)), line(r, 3), line(r, 4)],
  ],
  ['a run that ends over: over until the run ends', [easy(600), over(150)], ['slow-down#0', 'slow-down#1'], (r) => [fold(r, 2, 0, r.endAtMs)]],
  ['a single alert stays a plain line', [easy(600), over(50), easy(300)], ['slow-down#0', 'back-under'], (r) => [line(r, 0), line(r, 1)]],
];

describe('foldedTimelineLines', () => {
  test.each(cases)('%s', async (_name, stretches, expectedKinds, expected) => {
    const run = await judge(stretches);
    expect(kinds(run)).toEqual(expectedKinds);
    expect(foldedTimelineLines(run.entries, run.firstAtMs, run.endAtMs)).toEqual(expected(run));
  });
});

describe('timelineFolder', () => {
  test.each(cases)('streamed, %s: the same lines, each printed no later than its overshoot ends', async (_name, stretches, _kinds, expected) => {
    const run = await judge(stretches);
    const folder = timelineFolder(run.firstAtMs);
    const printed: { line: string; atMs: number }[] = [];
    for (const { event, now } of run.entries) for (const l of folder.push(event, now)) printed.push({ line: l, atMs: event.atMs });
    for (const l of folder.end(run.endAtMs)) printed.push({ line: l, atMs: run.endAtMs });
    expect(printed.map((p) => p.line)).toEqual(expected(run));
    const backUnder = run.entries.find((e) => e.event.kind === 'back-under');
    if (backUnder !== undefined) expect(printed.every((p) => p.atMs <= backUnder.event.atMs)).toBe(true);
  });

  test('events outside an overshoot print at once', async () => {
    const run = await judge([easy(600), over(150), easy(300)]);
    const folder = timelineFolder(run.firstAtMs);
    const [first, repeat, backUnder] = run.entries;
    if (first === undefined || repeat === undefined || backUnder === undefined) throw new Error('expected three events');
    expect(folder.push(first.event, first.now)).toEqual([]);
    expect(folder.push(repeat.event, repeat.now)).toEqual([]);
    expect(folder.push(backUnder.event, backUnder.now)).toHaveLength(2);
    const later = { ...backUnder.event, atMs: backUnder.event.atMs + 60_000 };
    expect(folder.push(later, backUnder.now)).toEqual([timelineLine(later, backUnder.now, run.firstAtMs)]);
    expect(folder.end(run.endAtMs)).toEqual([]);
  });
});

test('the folded timeline stays ASCII, as the live view promises any terminal', async () => {
  const run = await judge([easy(600), over(540), easy(300)]);
  for (const l of foldedTimelineLines(run.entries, run.firstAtMs, run.endAtMs)) expect(l).toMatch(/^[\x20-\x7e]*$/);
});
