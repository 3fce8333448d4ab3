import type { GuardEvent } from '../../src/guard/events.ts';
import { formatPace } from '../../src/samples/pace.ts';
import type { Conditioned } from '../../src/signal/condition.ts';
import type { RunSummary } from '../../src/summary/summary.ts';
import { formatDuration } from '../../src/fit/format.ts';
import { note } from '../../src/report/words.ts';

/** The event and ceiling words live in src/report/words.ts: the report and the phone use them too. */
export { ceilingLine, note } from '../../src/report/words.ts';

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
