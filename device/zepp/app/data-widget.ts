/// <reference types="@zeppos/device-types" />
/**
 * The Workout Extension page (Zepp OS API 3.6+): a `DataWidget` shown inside
 * the watch's own Workout app. Only this file touches @zos/*; the app itself
 * is ../watch-app.ts.
 *
 * Sources (docs.zepp.com, device API reference; @zeppos/device-types):
 * - heart rate: `HeartRate.onCurrentChange` + `getCurrent()` (data:user.hd.heart_rate);
 * - GPS fixes: `Geolocation.start/onChange`, `getStatus() === 'A'`, `getLatitude/getLongitude({ format: 'DD' })` (device:os.geolocation);
 * - the workout's speed, distance, cadence, altitude and timer: `getSportData({ type })` of @zos/app-access (data:user.hd.workout);
 * - units: `getDistanceUnit()` of @zos/settings;
 * - alerts: `Vibrator.start({ mode })` with the VIBRATOR_SCENE_* modes of @zos/sensor;
 * - profile: LocalStorage of @zos/storage (device:os.local_storage); session log: @zos/fs in the app's /data.
 */
import { getSportData } from '@zos/app-access';
import { getDeviceInfo, SCREEN_SHAPE_SQUARE } from '@zos/device';
import { closeSync, O_APPEND, O_CREAT, O_WRONLY, openSync, writeSync } from '@zos/fs';
import {
  Geolocation,
  HeartRate,
  Time,
  Vibrator,
  VIBRATOR_SCENE_DURATION,
  VIBRATOR_SCENE_DURATION_LONG,
  VIBRATOR_SCENE_NOTIFICATION,
  VIBRATOR_SCENE_STRONG_REMINDER,
  VIBRATOR_SCENE_TIMER,
} from '@zos/sensor';
import { DISTANCE_UNIT_IMPERIAL, getDistanceUnit } from '@zos/settings';
import { LocalStorage } from '@zos/storage';
import { align, createWidget, prop, widget } from '@zos/ui';
import type { GuardConfig } from '../../../src/guard/config.ts';
import { screenLayout } from '../layout.ts';
import type { ScreenView } from '../screen.ts';
import type { AlertKind } from '../watch-guard.ts';
import { startWatchApp, type WatchApp } from '../watch-app.ts';
import { checkWatchProfile, WATCH_PROFILE_STORAGE_KEY } from '../../../src/watch-format/watch-profile.ts';
import { altitudeMOf, distanceMOf, durationSecOf, speedMpsOf, sportDataNumber, sportDataText, type DistanceUnit } from '../watch-units.ts';

/** The profile written into the build by `npm run build:watch -- --profile FILE`, if any (JSON text). */
declare const PACEGUARD_BUILD_PROFILE: string | undefined;

/**
 * One pattern per alert, told apart by feel: slow-down is the strongest and
 * most frequent (four pulses in 1.2 s), time-up one long buzz, signal-lost the
 * notification double tap, tired a single 0.6 s buzz, not-recovery the
 * alarm clock's long buzzes (0.5 s each, stopped after NOT_RECOVERY_BUZZ_MS):
 * the longest of all, once, so that the runner feels this is the last word on
 * the overshoot (the screen says the words).
 */
const PATTERN_OF: Record<AlertKind, number> = {
  'slow-down': VIBRATOR_SCENE_STRONG_REMINDER,
  'not-recovery': VIBRATOR_SCENE_TIMER,
  'time-up': VIBRATOR_SCENE_DURATION_LONG,
  'signal-lost': VIBRATOR_SCENE_NOTIFICATION,
  tired: VIBRATOR_SCENE_DURATION,
};

/** VIBRATOR_SCENE_TIMER buzzes until stopped: about three of its 0.5 s buzzes. */
const NOT_RECOVERY_BUZZ_MS = 1_500;

const LOG_PATH = 'paceguard-session.log';

interface Line {
  readonly widget: ReturnType<typeof createWidget>;
}

let app: WatchApp | undefined;
let logFd: number | undefined;
let stopSensors: (() => void) | undefined;

DataWidget({
  build() {
    const config = loadConfig();
    const lines = drawScreen(config === undefined);
    if (config === undefined) return;
    const time = new Time();
    const vibrator = new Vibrator();
    const unit: DistanceUnit = getDistanceUnit() === DISTANCE_UNIT_IMPERIAL ? 'imperial' : 'metric';
    logFd = openLog();
    const watch = startWatchApp(
      {
        nowMs: () => time.getTime(),
        setTimer: (callback, delayMs) => setTimeout(() => boundary(callback), delayMs) as unknown as number,
        clearTimer: (id) => clearTimeout(id),
        requestWorkout: () => requestWorkout(unit),
        vibrate: (kind) => {
          vibrator.start({ mode: PATTERN_OF[kind] });
          if (kind === 'not-recovery') setTimeout(() => vibrator.stop(), NOT_RECOVERY_BUZZ_MS);
        },
        render: (view) => drawView(lines, view),
        appendLog: (text) => appendLog(logFd, text),
      },
      config,
    );
    app = watch;

    const heartRate = new HeartRate();
    const onHeartRate = (): void => boundary(() => watch.onHeartRate(heartRate.getCurrent()));
    heartRate.onCurrentChange(onHeartRate);
    const geolocation = new Geolocation();
    const onFix = (): void =>
      boundary(() => {
        if (geolocation.getStatus() !== 'A') return; // 'V': no valid fix
        watch.onPosition(geolocation.getLatitude({ format: 'DD' }), geolocation.getLongitude({ format: 'DD' }));
      });
    geolocation.start();
    geolocation.onChange(onFix);
    stopSensors = () => {
      heartRate.offCurrentChange(onHeartRate);
      geolocation.offChange(onFix);
      geolocation.stop();
      if (logFd !== undefined) closeSync(logFd);
      logFd = undefined;
    };
  },
  onDestroy() {
    boundary(() => app?.stop());
    stopSensors?.();
    app = undefined;
  },
});

/** Polls the workout app; each answer feeds the app as it comes. */
function requestWorkout(unit: DistanceUnit): void {
  const ask = (type: string, use: (data: string) => void): void => {
    getSportData({ type }, (result) => boundary(() => (result.code === 0 ? use(result.data) : undefined)));
  };
  ask('duration', (data) => app?.onWorkoutTimer(durationSecOf(sportDataText(data, 'duration'))));
  ask('speed', (data) => app?.onWorkout({ ...defined('speedMps', speedMpsOf(sportDataNumber(data, 'speed'), unit)) }));
  ask('distance', (data) => app?.onWorkout({ ...defined('distanceM', distanceMOf(sportDataNumber(data, 'distance'), unit)) }));
  ask('cadence', (data) => app?.onWorkout({ ...defined('cadenceSpm', sportDataNumber(data, 'cadence')) }));
  ask('altitude', (data) => app?.onWorkout({ ...defined('altitudeM', altitudeMOf(sportDataNumber(data, 'altitude'), unit)) }));
}

function defined<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/**
 * The profile from the watch's storage; the one built in, the first time
 * (and kept in storage from then on). The check is the cheap one: the full
 * profile was validated where the watch profile was made.
 */
function loadConfig(): GuardConfig | undefined {
  const storage = new LocalStorage();
  const stored: unknown = storage.getItem(WATCH_PROFILE_STORAGE_KEY);
  const fromStorage = stored === undefined || stored === null || stored === '' ? undefined : checkWatchProfile(stored);
  if (fromStorage?.ok === true) return fromStorage.config;
  const built = typeof PACEGUARD_BUILD_PROFILE === 'string' ? checkWatchProfile(PACEGUARD_BUILD_PROFILE) : undefined;
  if (built?.ok !== true) return undefined;
  storage.setItem(WATCH_PROFILE_STORAGE_KEY, PACEGUARD_BUILD_PROFILE);
  return built.config;
}

function openLog(): number | undefined {
  try {
    return openSync({ path: LOG_PATH, flag: O_WRONLY | O_CREAT | O_APPEND });
  } catch {
    return undefined; // no log is no reason to stop guarding
  }
}

function appendLog(fd: number | undefined, text: string): void {
  if (fd === undefined) return;
  const bytes = new Uint8Array(text.length);
  // The log is ASCII (numbers, kinds, the profile's JSON): one byte a character.
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0x7f;
  writeSync({ fd, buffer: bytes.buffer });
}

/**
 * Everything the platform calls goes through here: a fault in one reading
 * never takes the guard down. It is written to the session log (an `x` line)
 * for the maintainer; the tests require there are none.
 */
function boundary(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    appendLog(logFd, `x${message.replace(/\n/g, ' ')}\n`);
  }
}

// ---------------------------------------------------------------------------
// The screen: six lines of text on black, big where it matters, placed for
// this watch's screen (round or square) by ../layout.ts.

function drawScreen(noProfile: boolean): Line[] {
  const { width, height, screenShape } = getDeviceInfo();
  const rows = screenLayout({ widthPx: width, heightPx: height, shape: screenShape === SCREEN_SHAPE_SQUARE ? 'square' : 'round' });
  const lines = rows.map((row) => ({
    widget: createWidget(widget.TEXT, {
      x: row.x,
      y: row.y,
      w: row.w,
      h: row.h,
      color: 0xffffff,
      text_size: row.textSizePx,
      align_h: align.CENTER_H,
      align_v: align.CENTER_V,
      text: '',
    }),
  }));
  if (noProfile) lines[4]?.widget.setProperty(prop.MORE, { text: 'no profile: rebuild' });
  return lines;
}

function drawView(lines: readonly Line[], view: ScreenView): void {
  const texts: readonly [string, number][] = [
    [view.paceText, view.paceColour],
    [view.paceCeilingText, 0x8e8e93],
    [view.hrText, view.hrColour],
    [view.hrCeilingText, 0x8e8e93],
    [view.alertText, view.alertColour],
    [view.timeText, 0xffffff],
  ];
  texts.forEach(([text, colour], i) => lines[i]?.widget.setProperty(prop.MORE, { text, color: colour }));
}
