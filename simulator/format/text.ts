import type { Ceilings } from '../../src/ceiling/ceiling.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import { formatPace } from '../../src/samples/pace.ts';
import type { Conditioned } from '../../src/signal/condition.ts';
import type { RunSummary } from '../../src/summary/summary.ts';
import { formatDuration } from '../../src/fit/format.ts';

/** The readable timeline: run clock, event, pace, heart rate, ceiling; then the summary. */

export function ceilingLine(ceilings: Ceilings): string {
  const pace =
    ceilings.paceCeilingSecPerKm !== undefined
      ? `pace ${formatPace(ceilings.paceCeilingSecPerKm)} /km (${ceilings.paceSource})`
      : 'no pace ceiling';
  const hr = ceilings.hrCeilingBpm !== undefined ? `heart rate ${ceilings.hrCeilingBpm} bpm (${ceilings.hrSource})` : 'no heart-rate ceiling';
  return `Ceiling: ${pace}, ${hr}`;
}

export function timelineHeader(): string {
  return `${'clock'.padStart(8)}  ${'event'.padEnd(12)} ${'pace'.padStart(6)} ${'GAP'.padStart(6)} ${'HR'.padStart(4)}  note`;
}

export function timelineLine(event: GuardEvent, now: Conditioned, firstAtMs: number): string {
  const pace = now.speedMps !== undefined && now.speedMps > 0 ? formatPace(1000 / now.speedMps) : '--:--';
  const gap = now.gapSpeedMps !== undefined && now.gapSpeedMps > 0 ? formatPace(1000 / now.gapSpeedMps) : '--:--';
  const hr = now.hrBpm !== undefined ? Math.round(now.hrBpm).toString() : '--';
  return `${formatDuration(event.atMs - firstAtMs).padStart(8)}  ${event.kind.padEnd(12)} ${pace.padStart(6)} ${gap.padStart(6)} ${hr.padStart(4)}  ${note(event)}`;
}

/** What an event means, in words: the timeline's last column (and the report's). */
export function note(event: GuardEvent): string {
  switch (event.kind) {
    case 'slow-down': {
      const over = event.cause === 'both' ? 'pace and heart rate' : event.cause === 'hr' ? 'heart rate' : 'pace';
      const ceilings = [
        event.paceCeilingSecPerKm !== undefined ? `${formatPace(event.paceCeilingSecPerKm)} /km` : undefined,
        event.hrCeilingBpm !== undefined ? `${event.hrCeilingBpm} bpm` : undefined,
      ].filter((c) => c !== undefined);
      return `over on ${over}; ceiling ${ceilings.join(', ')}${event.repeat > 0 ? ` (repeat ${event.repeat})` : ''}`;
    }
    case 'not-recovery':
      return `over for ${formatDuration(event.movingOverMs)}: this has become a moderate run; ease right off, or cut it short and rest`;
    case 'back-under':
      return `under the ceiling again after ${formatDuration(event.overForMs)}`;
    case 'time-up':
      return `planned ${formatDuration(event.plannedMs)} reached: time to stop`;
    case 'signal-lost':
      return `${event.sensor === 'hr' ? 'heart rate' : 'pace'} lost${event.reason === 'cadence-lock' ? ' (sensor reading the step rate)' : ''}`;
    case 'signal-back':
      return `${event.sensor === 'hr' ? 'heart rate' : 'pace'} back`;
    case 'tired':
      return `heart rate ${Math.round(event.excessBpm)} bpm above your usual at this pace: you may be tired; cut the run short, or rest`;
  }
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
