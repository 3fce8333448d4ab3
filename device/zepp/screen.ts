/**
 * The one glanceable screen, as data: what each line says and its colour.
 * The watch code draws it with @zos/ui; tests read it directly.
 *
 *        5:42 /km          pace, coloured against the pace ceiling
 *       ceiling 6:00
 *        138 bpm           heart rate, coloured against its ceiling
 *       ceiling 140
 *     SLOW DOWN · pace     the last alert
 *      31:20 / 40:00       timer against the planned duration
 */
import { formatDuration } from '../../src/fit/format.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import { formatPace } from '../../src/samples/pace.ts';

/** Colours (0xRRGGBB) a runner reads at a glance; grey is "no reading". */
export const COLOUR_UNDER = 0x30d158;
export const COLOUR_NEAR = 0xffcc00;
export const COLOUR_OVER = 0xff453a;
export const COLOUR_NONE = 0x8e8e93;
export const COLOUR_TEXT = 0xffffff;

/** Within this of a ceiling (s/km, bpm) the value shows amber: close, not over. */
export const NEAR_PACE_SEC_PER_KM = 10;
export const NEAR_HR_BPM = 3;

export interface ScreenView {
  readonly paceText: string;
  readonly paceColour: number;
  readonly paceCeilingText: string;
  readonly hrText: string;
  readonly hrColour: number;
  readonly hrCeilingText: string;
  readonly alertText: string;
  readonly alertColour: number;
  readonly timeText: string;
}

export function screenView(step: GuardStep | undefined, config: GuardConfig, lastAlert: GuardEvent | undefined): ScreenView {
  const c = step?.conditioned;
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  const speed = c?.gapSpeedMps ?? c?.speedMps;
  const paceSecPerKm = speed !== undefined && speed > 0 && c?.moving === true ? 1000 / speed : undefined;
  const overPace = step?.overshoot === 'pace' || step?.overshoot === 'both';
  const overHr = step?.overshoot === 'hr' || step?.overshoot === 'both';
  return {
    paceText: paceSecPerKm !== undefined ? `${formatPace(paceSecPerKm)} /km` : '--:-- /km',
    paceColour: colourOf(paceSecPerKm === undefined || paceCeilingSecPerKm === undefined ? undefined : paceCeilingSecPerKm - paceSecPerKm, NEAR_PACE_SEC_PER_KM, overPace),
    paceCeilingText: paceCeilingSecPerKm !== undefined ? `ceiling ${formatPace(paceCeilingSecPerKm)}` : 'no pace ceiling',
    hrText: c?.hrBpm !== undefined ? `${Math.round(c.hrBpm)} bpm` : '-- bpm',
    hrColour: colourOf(c?.hrBpm === undefined || hrCeilingBpm === undefined ? undefined : c.hrBpm - hrCeilingBpm, NEAR_HR_BPM, overHr),
    hrCeilingText: hrCeilingBpm !== undefined ? `ceiling ${hrCeilingBpm}` : 'no hr ceiling',
    alertText: alertText(lastAlert),
    alertColour: lastAlert === undefined ? COLOUR_NONE : lastAlert.kind === 'back-under' || lastAlert.kind === 'signal-back' ? COLOUR_UNDER : COLOUR_OVER,
    timeText: `${formatDuration(c?.timerMs ?? 0)}${config.plannedMs !== undefined ? ` / ${formatDuration(config.plannedMs)}` : ''}`,
  };
}

/** `excess` > 0 is over the ceiling; the guard's own overshoot wins, so colour and alert never disagree. */
function colourOf(excess: number | undefined, near: number, guardSaysOver: boolean): number {
  if (guardSaysOver) return COLOUR_OVER;
  if (excess === undefined) return COLOUR_NONE;
  return excess > -near ? COLOUR_NEAR : COLOUR_UNDER;
}

function alertText(event: GuardEvent | undefined): string {
  if (event === undefined) return 'easy does it';
  switch (event.kind) {
    case 'slow-down':
      return `SLOW DOWN · ${event.cause === 'both' ? 'pace + hr' : event.cause}`;
    case 'not-recovery':
      return 'NOT RECOVERY · ease off';
    case 'back-under':
      return 'back under';
    case 'time-up':
      return 'TIME UP · head home';
    case 'signal-lost':
      return `${event.sensor === 'hr' ? 'HR' : 'GPS'} LOST${event.reason === 'cadence-lock' ? ' (cadence)' : ''}`;
    case 'signal-back':
      return `${event.sensor === 'hr' ? 'HR' : 'GPS'} back`;
    case 'tired':
      return 'TIRED · cut it short';
  }
}
