/**
 * The watch app without the watch: sensor callbacks in, vibrations, screen
 * and log out, through a `WatchPlatform` the Zepp OS code (app/data-widget.ts)
 * implements with @zos/* and tests implement with stand-ins. The one place
 * that reads the clock is the platform's `nowMs` (the watch clock); timers
 * come from the platform too (the injectable scheduler of the tick, which
 * also drives the stale probe).
 *
 *   sensors ─► Sampler ─1 Hz─► WatchGuard (src guardStep) ─► alerts ─► vibrate, log
 *                                    │                               └► screen
 *                                    └─ stale probe, each tick ─► signal-lost (src/guard/live.ts)
 */
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { createSampler, type WorkoutReading } from './sampler.ts';
import { screenView, type ScreenView } from './screen.ts';
import { createSessionLog } from '../../src/watch-format/session-log.ts';
import { createWatchGuard, isAlert, type AlertKind } from './watch-guard.ts';
import { watchProfileOf } from '../../src/watch-format/watch-profile.ts';

/** The watch records, and the guard judges, one sample a second. */
export const SAMPLE_PERIOD_MS = 1000;

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

  // The stale probe rides on the 1 Hz tick, after the tick's own inputs: a
  // pause is only seen at the tick after it (sampler.ts), so an input dated
  // before the stale moment has always been judged first, as a replay of the
  // log judges it (src/guard/live.ts). Said at the first tick at or after the
  // moment: on it, since readings are dated at ticks.
  const probe = (tickAtMs: number): void => {
    for (let due = guard.nextStaleAtMs(); due !== undefined && due <= tickAtMs; due = guard.nextStaleAtMs()) {
      for (const event of guard.probe(due)) alert(event);
    }
  };

  const render = (): void => platform.render(screenView(guard.last, config, lastAlert));

  const flush = (tickAtMs: number): void => {
    if (stopped) return;
    feed(sampler.tick(tickAtMs, timerSec));
    probe(tickAtMs);
    // Each tick asks again: a timer that did not answer is unknown, not stopped.
    timerSec = undefined;
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
      log.flush();
    },
  };
}
