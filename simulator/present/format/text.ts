import type { GuardEvent } from '../../../src/guard/events.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import type { Conditioned } from '../../../src/guard/conditioned.ts';
import type { RunSummary } from '../../../src/summary/summary.ts';
import { formatDuration } from '../../../src/fit/format.ts';
import { note } from '../../../src/report/words.ts';
import { foldRepeats } from '../../../src/report/fold.ts';

/** The event and ceiling words live in src/report/words.ts: the report and the phone use them too. */
export { ceilingLine, note } from '../../../src/report/words.ts';

/** The readable timeline: run clock, event, pace, heart rate, ceiling; then the summary. */

export function timelineHeader(): string {
  return `${'clock'.padStart(8)}  ${'event'.padEnd(12)} ${'pace'.padStart(6)} ${'GAP'.padStart(6)} ${'HR'.padStart(4)}  note`;
}

export function timelineLine(event: GuardEvent, now: Conditioned, firstAtMs: number): string {
  const pace = now.speedMps !== undefined && now.speedMps > 0 ? formatPace(1000 / now.speedMps) : '--:--';
  const gap = now.gapSpeedMps !== undefined && now.gapSpeedMps > 0 ? formatPace(1000 / now.gapSpeedMps) : '--:--';
  const hr = now.hrBpm !== undefined ? Math.round(now.hrBpm).toString() : '--';
  return `${formatDuration(event.atMs - firstAtMs).padStart(8)}  ${event.kind.padEnd(12)} ${pace.padStart(6)} ${gap.padStart(6)} ${hr.padStart(4)}  ${note(event)}`;
}

/** One event as it happened, with what the guard saw then: a line of the timeline once printed. */
export interface TimelineEntry {
  readonly event: GuardEvent;
  readonly now: Conditioned;
}

/**
 * The timeline's lines with repeats folded, as the report's event table folds
 * them (src/report/fold.ts): an overshoot is its first slow-down's line, the
 * note ending "(x3 over 2:30)": three alerts in all, over the ceiling from that
 * first alert for 2:30 (to its back-under, or to `endAtMs` when the run ends
 * first). Every other event keeps its own line. The columns stay the kind, so
 * a line still reads (and greps) as one event; jsonl lists every repeat.
 * ASCII "x", not the report's "×": the timeline stays ASCII, so any terminal
 * and locale shows it (docs/live-view.md).
 */
export function foldedTimelineLines(entries: readonly TimelineEntry[], firstAtMs: number, endAtMs: number): string[] {
  const foldable = entries.map((entry) => ({
    kind: entry.event.kind,
    atSec: (entry.event.atMs - firstAtMs) / 1000,
    note: '',
    ...(entry.event.kind === 'slow-down' ? { repeat: entry.event.repeat } : {}),
    entry,
  }));
  // An overshoot ends at its back-under, or where the next one starts (a pause starts judgement afresh).
  const endOf = (first: (typeof foldable)[number]): number => {
    const after = foldable.find((e) => e.atSec > first.atSec && (e.kind === 'back-under' || (e.kind === first.kind && e.repeat === 0)));
    return after !== undefined ? after.atSec : (endAtMs - firstAtMs) / 1000;
  };
  return foldRepeats(foldable, endOf).rows.map(({ first, count, untilSec }) => {
    const line = timelineLine(first.entry.event, first.entry.now, firstAtMs);
    return count > 1 ? `${line} (x${count} over ${formatDuration((untilSec - first.atSec) * 1000)})` : line;
  });
}

/**
 * Streams the folded timeline: events print at once, except from an
 * overshoot's first slow-down to its back-under, which are held and printed
 * folded when it ends (or when the run does: `end`). Each call returns the
 * lines ready to print.
 */
export function timelineFolder(firstAtMs: number): {
  readonly push: (event: GuardEvent, now: Conditioned) => string[];
  readonly end: (endAtMs: number) => string[];
} {
  let held: TimelineEntry[] = [];
  const flush = (endAtMs: number): string[] => {
    const lines = foldedTimelineLines(held, firstAtMs, endAtMs);
    held = [];
    return lines;
  };
  return {
    push(event, now) {
      const opens = event.kind === 'slow-down' && event.repeat === 0;
      if (held.length === 0 && !opens) return [timelineLine(event, now, firstAtMs)];
      held.push({ event, now });
      return event.kind === 'back-under' ? flush(event.atMs) : [];
    },
    end: flush,
  };
}

export function summaryBlock(summary: RunSummary): string {
  const o = summary.overMs;
  const lines = [
    'Summary',
    `  moving time        ${formatDuration(summary.movingMs)} (timer ${formatDuration(summary.timerMs)})`,
    `  over the ceiling   ${formatDuration(o.total)} (pace ${formatDuration(o.pace)}, heart rate ${formatDuration(o.hr)}, both ${formatDuration(o.both)})`,
    `  under the ceiling  ${summary.underShare !== undefined ? `${(summary.underShare * 100).toFixed(1)} % of moving time` : 'n/a'}`,
    `  alerts             ${summary.alerts.slowDown} slow-down (+${summary.alerts.repeats} repeats), ${summary.alerts.notRecovery} not-recovery, ${summary.alerts.signalLost} signal lost, ${summary.alerts.timeUp} time up`,
    `  decoupling         ${summary.decouplingPct !== undefined ? `${summary.decouplingPct.toFixed(1)} % (speed per beat, first half to second)` : 'n/a (under 10 minutes with pace and heart rate)'}`,
    `  verdict            ${summary.verdict}: ${summary.advice}`,
  ];
  return lines.join('\n');
}
