import { asyncScheduler, Subject, type SchedulerLike, type Subscription } from 'rxjs';
import type { GuardConfig } from '../../../../src/guard/config.ts';
import type { GuardEvent } from '../../../../src/guard/events.ts';
import type { GuardStep } from '../../../../src/guard/step.ts';
import { liveGuardSteps } from '../../../../src/guard/watchdog.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';
import type { Clock } from './clock.ts';
import { addReading, CLOSE_GRACE_MS, closeDue, INITIAL_SAMPLER_STATE, type PaceSource, type Reading, type SamplerState, type Source } from './sampler.ts';
import type { SessionStore } from './session-store.ts';

/**
 * One live run: readings → one Sample a second (sampler.ts) → stored, then
 * into the guard, exactly as `paceguard replay` feeds it, plus the stale
 * probe (src/guard/watchdog.ts) so that a run whose every sensor falls silent
 * still hears "signal lost" when it goes stale. Inputs are stored before the
 * guard sees them, and probes never enter the guard's state, so the session
 * exported as a FIT file replays to the same events at the same times.
 */
export interface LiveSession {
  readonly sessionId: number;
  push(reading: Reading): void;
  pause(): void;
  resume(): void;
  paused(): boolean;
  stop(): Promise<void>;
}

export interface LiveSessionOptions {
  readonly config: GuardConfig;
  readonly profileText: string;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly paceFrom: PaceSource;
  /** Sources connected now: a second closes as soon as all of them have reported. */
  readonly connected: () => readonly Source[];
  readonly onStep: (step: GuardStep) => void;
  readonly onEvent: (event: GuardEvent) => void;
  readonly scheduler?: SchedulerLike;
}

/**
 * A second's sample comes out between its second's first reading and 1.25 s
 * after the second began: the stale probe waits that much more, so that a
 * sample dated before the stale moment is always judged before it.
 */
const SAMPLE_LATE_MS = 1000 + CLOSE_GRACE_MS;

export async function startLiveSession(options: LiveSessionOptions): Promise<LiveSession> {
  const { config, store, clock } = options;
  const sessionId = await store.startSession(clock.nowMs(), options.profileText);
  const input$ = new Subject<GuardInput>();
  const subscription: Subscription = input$
    .pipe(liveGuardSteps(config, options.scheduler ?? asyncScheduler, SAMPLE_LATE_MS))
    .subscribe((out) => {
      if (out.kind === 'input') options.onStep(out.step);
      for (const event of out.events) {
        store.appendEvent(sessionId, event);
        options.onEvent(event);
      }
    });

  let sampler: SamplerState = INITIAL_SAMPLER_STATE;
  let isPaused = false;
  let cancelClose: (() => void) | undefined;

  let lastAtMs = Number.NEGATIVE_INFINITY;
  const feed = (input: GuardInput): void => {
    lastAtMs = input.atMs;
    store.appendInput(sessionId, input);
    input$.next(input);
  };
  const emit = (samples: readonly GuardInput[]): void => {
    for (const sample of samples) feed(sample);
    cancelClose?.();
    cancelClose = undefined;
    const openAtMs = sampler.openAtMs;
    if (openAtMs !== undefined) {
      cancelClose = clock.after(Math.max(0, openAtMs + 1000 + CLOSE_GRACE_MS - clock.nowMs()), () => {
        cancelClose = undefined;
        const step = closeDue(sampler, clock.nowMs());
        sampler = step.state;
        emit(step.samples);
      });
    }
  };

  return {
    sessionId,
    push: (reading) => {
      if (isPaused) return;
      const step = addReading(sampler, reading, options.connected(), options.paceFrom);
      sampler = step.state;
      emit(step.samples);
    },
    pause: () => {
      if (isPaused) return;
      const step = closeDue(sampler, Number.MAX_SAFE_INTEGER);
      sampler = step.state;
      emit(step.samples);
      isPaused = true;
      feed({ kind: 'pause', atMs: clock.nowMs() });
    },
    resume: () => {
      if (!isPaused) return;
      isPaused = false;
      feed({ kind: 'resume', atMs: clock.nowMs() });
    },
    paused: () => isPaused,
    stop: async () => {
      const step = closeDue(sampler, Number.MAX_SAFE_INTEGER);
      sampler = step.state;
      emit(step.samples);
      cancelClose?.();
      // The run's end is stored as its timer stopping: what a silence before it
      // said live (a probe), the replay of the stored session says too.
      if (!isPaused) feed({ kind: 'pause', atMs: Math.max(clock.nowMs(), lastAtMs) });
      input$.complete();
      subscription.unsubscribe();
      await store.settled();
    },
  };
}
