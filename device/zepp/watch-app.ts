/**
 * The watch app without the watch: sensor callbacks in, vibrations, screen
 * and log out, through a `WatchPlatform` the Zepp OS code (app/data-widget.ts)
 * implements with @zos/* and tests implement with stand-ins. The one place
 * that reads the clock is the platform's `nowMs` (the watch clock); timers
 * come from the platform too (the injectable scheduler of the tick and of the
 * stale probe).
 *
 *   sensors ─► Sampler ─1 Hz─► WatchGuard (src guardStep) ─► alerts ─► vibrate, log
 *                                    │                               └► screen
 *                                    └─ stale probe timer ─► signal-lost (src/guard/live.ts)
 */
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { createSampler, type WorkoutReading } from './sampler.ts';
import { screenView, type ScreenView } from './screen.ts';
import { createSessionLog } from './session-log.ts';
import { createWatchGuard, isAlert, type AlertKind } from './watch-guard.ts';
import { watchProfileOf } from './watch-profile.ts';

/** The watch records, and the guard judges, one sample a second. */
export const SAMPLE_PERIOD_MS = 1000;

/**
 * How late an input can reach the guard after its own time: a pause is only
 * seen at the tick after it (sampler.ts). The stale probe waits that long
 * past the stale moment, so that a pause dated before it is judged first, as
 * a replay of the log judges it (src/guard/live.ts).
 */
export const INPUT_LATE_MS = SAMPLE_PERIOD_MS;

export interface WatchPlatform {
  /** The watch clock, epoch ms. */
  nowMs(): number;
  setTimer(callback: () => void, delayMs: number): number;
  clearTimer(id: number): void;
  /** Ask the workout app for speed, distance, cadence, altitude and its timer; answers come back through onWorkout / onWorkoutTimer. */
  requestWorkout(): void;
  vibrate(kind: AlertKind): void;
  render(view: ScreenView): void;
  appendLog(text: string): void;
}

export interface WatchApp {
  onHeartRate(hrBpm: unknown): void;
  onPosition(latDeg: unknown, lonDeg: unknown): void;
  onWorkout(reading: WorkoutReading): void;
  onWorkoutTimer(timerSec: number | undefined): void;
  /** The workout ended or the widget is destroyed: flush, stop the timers. */
  stop(): void;
}

export function startWatchApp(platform: WatchPlatform, config: GuardConfig): WatchApp {
  const sampler = createSampler();
  const guard = createWatchGuard(config);
  const log = createSessionLog((text) => platform.appendLog(text));
  log.start(watchProfileOf(config));
  const startAtMs = platform.nowMs();
  let ticks = 0;
  let timerSec: number | undefined;
  let lastAlert: GuardEvent | undefined;
  let tickTimer: number | undefined;
  let probeTimer: number | undefined;
  let stopped = false;

  const alert = (event: GuardEvent): void => {
    if (isAlert(event)) {
      platform.vibrate(event.kind);
      log.alert(event, platform.nowMs());
    }
    lastAlert = event;
  };

  const feed = (inputs: readonly GuardInput[]): void => {
    for (const input of inputs) {
      log.input(input);
      for (const event of guard.push(input).events) alert(event);
    }
  };

  const armProbe = (): void => {
    if (probeTimer !== undefined) platform.clearTimer(probeTimer);
    probeTimer = undefined;
    const dueAtMs = guard.nextStaleAtMs();
    if (dueAtMs === undefined || stopped) return;
    probeTimer = platform.setTimer(() => {
      probeTimer = undefined;
      for (const event of guard.probe(dueAtMs)) alert(event);
      armProbe();
      render();
    }, Math.max(0, dueAtMs + INPUT_LATE_MS - platform.nowMs()));
  };

  const render = (): void => platform.render(screenView(guard.last, config, lastAlert));

  const flush = (tickAtMs: number): void => {
    if (stopped) return;
    feed(sampler.tick(tickAtMs, timerSec));
    // Each tick asks again: a timer that did not answer is unknown, not stopped.
    timerSec = undefined;
    armProbe();
    render();
  };

  const tick = (): void => {
    if (stopped) return;
    const tickAtMs = startAtMs + ticks * SAMPLE_PERIOD_MS;
    ticks++;
    platform.requestWorkout();
    // Answers that come back at once (they do on the watch) belong to this tick.
    platform.setTimer(() => flush(tickAtMs), 0);
    // Aligned to the start, so the ticks do not drift with the work they do.
    tickTimer = platform.setTimer(tick, Math.max(0, startAtMs + ticks * SAMPLE_PERIOD_MS - platform.nowMs()));
  };
  tickTimer = platform.setTimer(tick, 0);
  render();

  return {
    onHeartRate(hrBpm) {
      sampler.heartRate(hrBpm);
    },
    onPosition(latDeg, lonDeg) {
      sampler.position(latDeg, lonDeg);
    },
    onWorkout(reading) {
      sampler.workout(reading);
    },
    onWorkoutTimer(sec) {
      timerSec = sec;
    },
    stop() {
      if (stopped) return;
      feed(sampler.finish());
      // The run's end is logged as its timer stopping: what a silence before it
      // said live (a probe), the replay of the log says too.
      const lastAtMs = guard.lastAtMs;
      if (lastAtMs !== undefined && guard.last?.conditioned.paused !== true) feed([{ kind: 'pause', atMs: Math.max(platform.nowMs(), lastAtMs) }]);
      stopped = true;
      if (tickTimer !== undefined) platform.clearTimer(tickTimer);
      if (probeTimer !== undefined) platform.clearTimer(probeTimer);
      log.flush();
    },
  };
}
