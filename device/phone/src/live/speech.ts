import type { GuardEvent } from '../../../../src/guard/events.ts';

/**
 * What the phone says for an event: a few words, numbers as a runner says
 * them ("Slow down. Five fifty, ceiling six ten"), nothing for events that
 * need no action (back under, signal back), which show on screen only.
 */
export function phraseFor(event: GuardEvent): string | undefined {
  switch (event.kind) {
    case 'slow-down': {
      const ceilingPace = event.paceCeilingSecPerKm;
      const judged = event.gapSecPerKm ?? event.paceSecPerKm;
      if (event.cause === 'pace' && judged !== undefined && ceilingPace !== undefined) {
        return `Slow down. ${capitalise(paceWords(judged))}, ceiling ${paceWords(ceilingPace)}`;
      }
      if (event.cause !== 'pace' && event.hrBpm !== undefined && event.hrCeilingBpm !== undefined) {
        return `Slow down. Heart ${Math.round(event.hrBpm)}, ceiling ${event.hrCeilingBpm}`;
      }
      return 'Slow down.';
    }
    case 'not-recovery':
      return 'This has become a moderate run. Ease right off, or cut it short and rest.';
    case 'time-up':
      return `Time is up. ${Math.round(event.plannedMs / 60_000)} minutes.`;
    case 'signal-lost':
      if (event.sensor === 'hr') return event.reason === 'cadence-lock' ? 'Heart rate unreliable.' : 'Heart rate lost.';
      return 'Pace signal lost.';
    case 'tired':
      return 'Heart rate high for this pace. Cut it short.';
    case 'back-under':
    case 'signal-back':
      return undefined;
  }
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];

/** A whole number 0–59 in words. */
function numberWords(n: number): string {
  if (n < 20) return ONES[n] ?? String(n);
  const tens = TENS[Math.floor(n / 10)] ?? String(n);
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10] ?? ''}`;
}

/** 350 s/km → "five fifty"; 360 → "six flat"; 305 → "five oh five". The first word of a phrase is capitalised by the caller. */
export function paceWords(secPerKm: number): string {
  const whole = Math.round(secPerKm);
  const min = Math.floor(whole / 60);
  const sec = whole % 60;
  const minutes = min < 60 ? numberWords(min) : String(min);
  const seconds = sec === 0 ? 'flat' : sec < 10 ? `oh ${numberWords(sec)}` : numberWords(sec);
  return `${minutes} ${seconds}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
