import type { Ceilings } from '../../../src/ceiling/ceiling.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import type { RunSummary } from '../../../src/summary/summary.ts';

/**
 * What the phone's screens call things, in a runner's words rather than the
 * guard's names. An event kind the phone does not know yet (a new one added
 * to the guard) still shows, as its name in words: "not-recovery" reads
 * "Not recovery".
 */
const EVENT_WORDS: Readonly<Record<string, string>> = {
  'slow-down': 'Slow down',
  'back-under': 'Back under',
  'time-up': 'Time is up',
  'signal-lost': 'Signal lost',
  'signal-back': 'Signal back',
  tired: 'Tired',
};

export function eventWords(kind: string): string {
  const known = EVENT_WORDS[kind];
  if (known !== undefined) return known;
  const spaced = kind.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The verdict as a heading: what the run was. */
export function verdictWords(verdict: RunSummary['verdict']): string {
  switch (verdict) {
    case 'easy':
      return 'Easy: a recovery run';
    case 'moderate':
      return 'Moderate: harder than recovery';
    case 'unknown':
      return 'Not enough to judge';
  }
}

/** The verdict in a word, for a list row. */
export function verdictShort(verdict: RunSummary['verdict']): string {
  switch (verdict) {
    case 'easy':
      return 'easy';
    case 'moderate':
      return 'moderate';
    case 'unknown':
      return 'not judged';
  }
}

const PACE_FROM: Readonly<Record<Ceilings['paceSource'], string>> = { given: 'as set', 'easy-pace': 'from your easy pace', none: '' };
const HR_FROM: Readonly<Record<Ceilings['hrSource'], string>> = {
  given: 'as set',
  'hr-reserve': 'from your resting and maximum heart rate',
  'hr-max': 'from your maximum heart rate',
  none: '',
};

/** The ceilings a run is guarded by, and where each came from, in words. */
export function ceilingWords(c: Ceilings): string {
  const pace = c.paceCeilingSecPerKm !== undefined ? `pace ${formatPace(c.paceCeilingSecPerKm)} /km (${PACE_FROM[c.paceSource]})` : 'no pace ceiling';
  const hr = c.hrCeilingBpm !== undefined ? `heart rate ${c.hrCeilingBpm} bpm (${HR_FROM[c.hrSource]})` : 'no heart-rate ceiling';
  return `Ceilings: ${pace}, ${hr}`;
}

/** What a refused location permission asks of the runner: the one line shown. */
export const LOCATION_REFUSED =
  'Location is blocked for this page: allow location for this site in the browser settings, or run without pace (heart rate only).';
