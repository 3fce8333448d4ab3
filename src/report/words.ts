import type { Ceilings } from '../ceiling/ceiling.ts';
import type { GuardEvent } from '../guard/events.ts';
import { formatDuration } from '../fit/format.ts';
import { formatPace } from '../samples/pace.ts';

/**
 * The words every output shares: the text timeline (simulator/present/format), the
 * HTML report and the phone's screens. Platform-free: the local clock uses
 * ECMAScript's Intl with a zone handed in, never the machine's clock.
 */

/** The ceilings in words: the timeline's "Ceiling:" line. */
export function ceilingLine(ceilings: Ceilings): string {
  const pace =
    ceilings.paceCeilingSecPerKm !== undefined
      ? `pace ${formatPace(ceilings.paceCeilingSecPerKm)} /km (${ceilings.paceSource})`
      : 'no pace ceiling';
  const hr = ceilings.hrCeilingBpm !== undefined ? `heart rate ${ceilings.hrCeilingBpm} bpm (${ceilings.hrSource})` : 'no heart-rate ceiling';
  return `Ceiling: ${pace}, ${hr}`;
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

/** Rounds to `digits` decimals; the report rounds its event times with it too, so they read as jsonl's `at`. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** "UTC" when no zone is given or the zone is unknown to Intl. */
export function knownTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined || timeZone === '') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Parts of an instant in a zone: date "YYYY-MM-DD", time of day "HH:MM:SS" (24 h). */
export function localParts(atMs: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(atMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}:${part('second')}` };
}
