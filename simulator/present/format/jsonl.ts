import type { Ceilings } from '../../../src/ceiling/ceiling.ts';
import type { GuardEvent } from '../../../src/guard/events.ts';
import type { RunSummary } from '../../../src/summary/summary.ts';
import { roundTo } from '../../../src/report/words.ts';

/**
 * The machine-readable timeline: one JSON object per line. Every event has
 * `kind` (the event names) and `at` (seconds since the first sample); the last
 * line has kind "summary". Other fields keep their units in their names.
 */
export function eventLine(event: GuardEvent, firstAtMs: number): string {
  const { atMs, ...fields } = event;
  const rounded: Record<string, unknown> = { kind: event.kind, at: roundTo((atMs - firstAtMs) / 1000, 3) };
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'kind') rounded[renameMs(key)] = typeof value === 'number' ? roundField(key, value) : value;
  }
  return JSON.stringify(rounded);
}

export function summaryLine(summary: RunSummary, ceilings: Ceilings): string {
  return JSON.stringify({
    kind: 'summary',
    movingSec: roundTo(summary.movingMs / 1000, 1),
    timerSec: roundTo(summary.timerMs / 1000, 1),
    overSec: {
      pace: roundTo(summary.overMs.pace / 1000, 1),
      hr: roundTo(summary.overMs.hr / 1000, 1),
      both: roundTo(summary.overMs.both / 1000, 1),
      total: roundTo(summary.overMs.total / 1000, 1),
    },
    ...(summary.underShare !== undefined ? { underShare: roundTo(summary.underShare, 4) } : {}),
    alerts: summary.alerts,
    ...(summary.decouplingPct !== undefined ? { decouplingPct: roundTo(summary.decouplingPct, 1) } : {}),
    ...(ceilings.paceCeilingSecPerKm !== undefined ? { paceCeilingSecPerKm: ceilings.paceCeilingSecPerKm } : {}),
    ...(ceilings.hrCeilingBpm !== undefined ? { hrCeilingBpm: ceilings.hrCeilingBpm } : {}),
    verdict: summary.verdict,
    advice: summary.advice,
  });
}

/** Durations leave the guard in ms and enter the timeline in seconds, like `at`. */
function renameMs(key: string): string {
  return key.endsWith('Ms') ? `${key.slice(0, -2)}Sec` : key;
}

function roundField(key: string, value: number): number {
  if (key.endsWith('Ms')) return roundTo(value / 1000, 1);
  if (key === 'hrBpm') return Math.round(value);
  return roundTo(value, 1);
}
