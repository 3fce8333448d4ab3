import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import type { GuardConfig } from '../../../src/guard/config.ts';
import type { GuardStep } from '../../../src/guard/step.ts';
import { formatDuration } from '../../../src/fit/format.ts';
import { timelineFolder } from '../format/text.ts';
import type { ReplaySpeed } from '../../io/paced.ts';
import { renderFrame } from './frame.ts';
import { liveScreen } from './screen.ts';
import { initialLiveState, nearMargins, stepLive, type LivePhase, type LiveState } from './state.ts';

/**
 * The live replay view: the guard's steps in, a block redrawn in place on the
 * terminal, and the text timeline's event lines scrolling above it (so the
 * history stays on screen and in the scrollback, exactly as the plain output
 * has it).
 *
 * Redraws are throttled by wall time, here in the simulator, never in src/:
 * at most one every FRAME_INTERVAL_MS whatever the replay speed; a step that
 * arrives sooner is drawn by a frame scheduled for the end of the interval,
 * so the screen is never more than one interval behind. Event lines wait for
 * that same frame. The final frame is always drawn, at `close`.
 */

/** At most ten frames a second: smooth for a clock, and no flicker or load at --speed 1000. */
export const FRAME_INTERVAL_MS = 100;
/** Width assumed when the terminal does not say (a terminal that reports 0 or nothing). */
export const DEFAULT_COLUMNS = 80;

/** What the view needs of a terminal; the command line passes the real one, tests a fake. */
export interface LiveTerminal {
  /** Whether the output is a terminal at all: anything else gets the plain timeline. */
  readonly isTTY: boolean;
  /** Its width in columns now (undefined or 0 when unknown); read again at every frame. */
  columns(): number | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
  /** Calls `listener` whenever the terminal is resized; returns the unsubscribe. */
  onResize(listener: () => void): () => void;
  /** Calls `listener` on Ctrl-C (SIGINT) while registered; returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void;
}

/**
 * The live view needs a terminal that moves its cursor: a TTY whose TERM is
 * not `dumb` (Emacs shells, some CI logs).
 */
export function canDrawLive(terminal: LiveTerminal | undefined): terminal is LiveTerminal {
  return terminal !== undefined && terminal.isTTY && terminal.env['TERM'] !== 'dumb';
}

/** https://no-color.org: NO_COLOR set to anything but the empty string turns colour off. */
export function colorAllowed(env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR'];
  return noColor === undefined || noColor === '';
}

export interface LiveView {
  push(step: GuardStep): void;
  /** Calls `listener` on Ctrl-C while registered; returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void;
  /**
   * Draws the final frame (whatever the throttle says), leaves it on screen
   * and shows the cursor again. Call it in a `finally`; a second call does nothing.
   */
  close(phase: Exclude<LivePhase, 'playing'>): void;
  /** After Ctrl-C, the line that heads the summary so far: where the replay stopped. */
  stoppedLine(): string;
}

export interface LiveReplay {
  readonly config: GuardConfig;
  /** The run's first and last input's time (the view's clock and its end). */
  readonly firstAtMs: number;
  readonly lastAtMs: number;
  readonly speed: ReplaySpeed;
}

/** The view on `terminal`, or undefined when it cannot draw one (then the caller prints plain lines). */
export function openLiveView(
  terminal: LiveTerminal | undefined,
  replay: LiveReplay,
  scheduler: SchedulerLike = asyncScheduler,
): LiveView | undefined {
  if (!canDrawLive(terminal)) return undefined;
  const { firstAtMs, lastAtMs } = replay;
  let state: LiveState = initialLiveState({
    ceilings: replay.config.ceilings,
    near: nearMargins(replay.config.tuning),
    speed: replay.speed,
    firstAtMs,
    lastAtMs,
  });
  const color = colorAllowed(terminal.env);
  const screen = liveScreen((text) => terminal.write(text));
  let log: string[] = [];
  // The scrolled timeline is the plain one: an overshoot's repeats folded into its first line, which
  // scrolls up when the overshoot ends; until then the block below shows the alert as it is said.
  const timeline = timelineFolder(firstAtMs);
  let lastStepAtMs = firstAtMs;
  let pending: Subscription | undefined;
  let lastPaintMs = Number.NEGATIVE_INFINITY;
  let seenStep = false;
  let closed = false;

  const columns = (): number => {
    const reported = terminal.columns();
    return reported !== undefined && reported > 0 ? reported : DEFAULT_COLUMNS;
  };
  const paint = (): void => {
    pending?.unsubscribe();
    pending = undefined;
    lastPaintMs = scheduler.now();
    const width = columns();
    // One column spare: a line that fills the last column leaves some
    // terminals waiting to wrap, and the next cursor move lands a row off.
    screen.paint(log, renderFrame(state, { columns: Math.max(1, width - 1), color }), width);
    log = [];
  };
  const request = (): void => {
    if (closed || !seenStep || pending !== undefined) return;
    const waitMs = lastPaintMs + FRAME_INTERVAL_MS - scheduler.now();
    if (waitMs <= 0) paint();
    else pending = scheduler.schedule(paint, waitMs);
  };
  const offResize = terminal.onResize(request);

  return {
    push(step) {
      seenStep = true;
      state = stepLive(state, step);
      lastStepAtMs = step.conditioned.atMs;
      for (const event of step.events) log.push(...timeline.push(event, step.conditioned));
      request();
    },
    onInterrupt: (listener) => terminal.onInterrupt(listener),
    close(phase) {
      if (closed) return;
      closed = true;
      offResize();
      try {
        state = { ...state, phase };
        log.push(...timeline.end(lastStepAtMs));
        paint();
      } finally {
        screen.release();
      }
    },
    stoppedLine: () =>
      `Stopped at ${formatDuration(state.elapsedMs)} of ${formatDuration(state.totalMs)} (Ctrl-C): the summary so far`,
  };
}
