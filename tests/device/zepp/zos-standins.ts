/**
 * Stand-ins for the @zos/* modules the watch bundle imports, and the globals
 * a Zepp OS page gets (DataWidget, App, setTimeout…), as JavaScript source
 * that runs *inside* QuickJS next to the bundle. Only what the app uses is
 * implemented; everything is driven by a virtual clock that the host moves
 * with `__zos.play(frames)`.
 *
 * The world the sensors report is the simulator's: frames of a replayed run
 * (tests/device/zepp/frames.ts), delivered at their instant before the timers
 * due at that instant run, as the watch's sensor callbacks come before the
 * app's next tick looks at them.
 */

/** Vibrator modes as numbers the vibration log carries; the app maps kinds to them. */
export const VIBRATOR_MODES = {
  VIBRATOR_SCENE_SHORT_LIGHT: 0,
  VIBRATOR_SCENE_SHORT_MIDDLE: 1,
  VIBRATOR_SCENE_SHORT_STRONG: 2,
  VIBRATOR_SCENE_DURATION: 3,
  VIBRATOR_SCENE_DURATION_LONG: 4,
  VIBRATOR_SCENE_STRONG_REMINDER: 5,
  VIBRATOR_SCENE_NOTIFICATION: 6,
  VIBRATOR_SCENE_CALL: 7,
  VIBRATOR_SCENE_TIMER: 8,
} as const;

/** Globals and the virtual world; evaluated once before the bundle. */
export const PRELUDE = `
globalThis.__zos = (() => {
  const timers = [];           // { id, dueMs, seq, fn, everyMs }
  let seq = 0, nextId = 1, now = 0;
  const hrCallbacks = [], geoCallbacks = [];
  let record = null;           // the frame whose readings are current (at its instant only)
  let timerMs = 0, timerRunning = true, timerSinceMs = 0;
  const storage = {};
  const screen = [];
  // The screen getDeviceInfo reports (a 480 x 480 round one unless a test says otherwise); screenShape 1 round, 0 square.
  const device = { width: 480, height: 480, screenShape: 1 };
  let widget = null;

  function insert(t) { timers.push(t); }
  function runDue(untilMs, inclusive) {
    for (;;) {
      let best = -1;
      for (let i = 0; i < timers.length; i++) {
        const t = timers[i];
        if (inclusive ? t.dueMs > untilMs : t.dueMs >= untilMs) continue;
        if (best < 0 || t.dueMs < timers[best].dueMs || (t.dueMs === timers[best].dueMs && t.seq < timers[best].seq)) best = i;
      }
      if (best < 0) return;
      const t = timers[best];
      timers.splice(best, 1);
      if (t.dueMs > now) now = t.dueMs;
      if (t.everyMs !== undefined) { t.dueMs += t.everyMs; t.seq = seq++; insert(t); }
      t.fn();
    }
  }
  globalThis.setTimeout = (fn, ms) => { const id = nextId++; insert({ id, dueMs: now + Math.max(0, ms || 0), seq: seq++, fn }); return id; };
  globalThis.setInterval = (fn, ms) => { const id = nextId++; insert({ id, dueMs: now + ms, seq: seq++, fn, everyMs: ms }); return id; };
  globalThis.clearTimeout = globalThis.clearInterval = (id) => { const i = timers.findIndex((t) => t.id === id); if (i >= 0) timers.splice(i, 1); };
  globalThis.DataWidget = (option) => { widget = option; };
  globalThis.App = () => {};
  globalThis.console = { log: () => {} };

  function workoutTimerSec() {
    const ms = timerMs + (timerRunning ? now - timerSinceMs : 0);
    return Math.floor(ms / 1000);
  }
  function clock(sec) {
    const h = Math.floor(sec / 3600), m = Math.floor((sec % 3600) / 60), s = sec % 60;
    return (h > 0 ? h + ':' + (m < 10 ? '0' : '') + m : '' + m) + ':' + (s < 10 ? '0' : '') + s;
  }

  return {
    get now() { return now; },
    hrCallbacks, geoCallbacks, storage, screen, device,
    current(field) { return record !== null && record[0] === now ? record : null; },
    sportData(type) {
      if (type === 'duration') return { code: 0, data: JSON.stringify([{ duration: clock(workoutTimerSec()), name: 'Duration' }]) };
      const r = this.current();
      const index = { speed: 3, distance: 4, cadence: 5, altitude: 6 }[type];
      const value = r === null || index === undefined ? null : r[index];
      if (value === null || value === undefined) return { code: 1, data: '' };
      return { code: 0, data: JSON.stringify([{ [type]: value, name: type }]) };
    },
    start(atMs) {
      now = atMs; timerSinceMs = atMs; timerMs = 0; timerRunning = true;
      widget.build();
    },
    /**
     * frames: [atMs, kind, hr, speed, distance, cadence, altitude, lat, lon]
     * kind 0 sample, 1 pause, 2 resume. Frames at one instant are applied
     * together, then the timers due at that instant run.
     */
    play(frames) {
      for (let i = 0; i < frames.length; i++) {
        const f = frames[i];
        const at = f[0];
        runDue(at, false);
        now = at;
        if (f[1] === 1) { if (timerRunning) { timerMs += now - timerSinceMs; timerRunning = false; } }
        else if (f[1] === 2) { if (!timerRunning) { timerRunning = true; timerSinceMs = now; } }
        else {
          record = f;
          if (f[2] !== null) { for (const cb of hrCallbacks.slice()) cb(); }
          if (f[7] !== null) { for (const cb of geoCallbacks.slice()) cb(); }
        }
        const next = frames[i + 1];
        if (next === undefined || next[0] !== at) runDue(at, true);
      }
    },
    /** Moves the clock with no sensor readings (a silent world). */
    advance(untilMs) { runDue(untilMs, true); if (untilMs > now) now = untilMs; },
    destroy() { if (widget.onDestroy) widget.onDestroy(); },
    timerCount() { return timers.length; },
  };
})();
`;

const SENSOR = `
const z = globalThis.__zos;
${Object.entries(VIBRATOR_MODES)
  .map(([name, value]) => `export const ${name} = ${value};`)
  .join('\n')}
export class Time { getTime() { return z.now; } }
export class HeartRate {
  getCurrent() { const r = z.current(); return r === null ? 0 : r[2]; }
  getLast() { return this.getCurrent(); }
  onCurrentChange(cb) { z.hrCallbacks.push(cb); }
  offCurrentChange(cb) { const i = z.hrCallbacks.indexOf(cb); if (i >= 0) z.hrCallbacks.splice(i, 1); }
}
export class Geolocation {
  start() {} stop() {}
  getStatus() { const r = z.current(); return r !== null && r[7] !== null ? 'A' : 'V'; }
  getLatitude() { const r = z.current(); return r === null ? 0 : r[7]; }
  getLongitude() { const r = z.current(); return r === null ? 0 : r[8]; }
  onChange(cb) { z.geoCallbacks.push(cb); }
  offChange(cb) { const i = z.geoCallbacks.indexOf(cb); if (i >= 0) z.geoCallbacks.splice(i, 1); }
}
export class Vibrator {
  // Out to the host at once, like the log: the memory figures are the app's, not the stand-in's record of it.
  start(option) { globalThis.__hostVibrate(z.now, option && option.mode !== undefined ? option.mode : 1); }
  stop() {} setMode() {}
}
`;

const APP_ACCESS = `
export function getSportData(options, callback) { callback(globalThis.__zos.sportData(options.type)); return true; }
`;

const SETTINGS = `
export const DISTANCE_UNIT_METRIC = 0;
export const DISTANCE_UNIT_IMPERIAL = 1;
export function getDistanceUnit() { return 0; }
`;

const STORAGE = `
const z = globalThis.__zos;
export class LocalStorage {
  getItem(key, fallback) { return key in z.storage ? z.storage[key] : fallback; }
  setItem(key, value) { z.storage[key] = value; }
  removeItem(key) { delete z.storage[key]; }
  clear() {}
}
export const localStorage = new LocalStorage();
`;

/** Writes go straight out to the host (__hostLog), so the log never sits in the engine's memory. */
const FS = `
export const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_APPEND = 8, O_CREAT = 64;
export function openSync() { return 3; }
export function closeSync() { return 0; }
export function writeSync(option) {
  const bytes = new Uint8Array(option.buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  globalThis.__hostLog(text);
  return bytes.length;
}
`;

const UI = `
const z = globalThis.__zos;
export const widget = { TEXT: 1, FILL_RECT: 2, IMG: 3, SPORT_DATA: 4 };
export const prop = { MORE: 1, TEXT: 2 };
export const align = { CENTER_H: 1, CENTER_V: 2, LEFT: 3, RIGHT: 4 };
export function createWidget(type, options) {
  const index = z.screen.length;
  z.screen.push({ text: options && options.text !== undefined ? options.text : '', color: options ? options.color : 0, box: options ? { x: options.x, y: options.y, w: options.w, h: options.h, textSize: options.text_size } : null });
  return { setProperty(p, value) { if (value && value.text !== undefined) z.screen[index].text = value.text; if (value && value.color !== undefined) z.screen[index].color = value.color; return true; } };
}
`;

/** Shape constants as the device reports them (numbers; which number is which is the stand-in's choice, the app only compares). */
const DEVICE = `
const z = globalThis.__zos;
export const SCREEN_SHAPE_SQUARE = 0;
export const SCREEN_SHAPE_ROUND = 1;
export function getDeviceInfo() { return { width: z.device.width, height: z.device.height, screenShape: z.device.screenShape, deviceName: 0, keyNumber: 1, deviceSource: 0, keyType: '', deviceColor: 0, uuid: '' }; }
`;

export const STANDIN_MODULES: Readonly<Record<string, string>> = {
  '@zos/device': DEVICE,
  '@zos/sensor': SENSOR,
  '@zos/app-access': APP_ACCESS,
  '@zos/settings': SETTINGS,
  '@zos/storage': STORAGE,
  '@zos/fs': FS,
  '@zos/ui': UI,
};
