import type { SensorTick } from './sensor-timeline.ts';

/**
 * Stand-ins for what a phone has and a headless browser lacks, injected into
 * the page before its scripts (page.addInitScript), all on the page's own
 * clock (playwright's clock API drives it, so a 35-minute run takes seconds
 * and every timer fires in order):
 *
 * - `navigator.bluetooth`: two devices, a heart-rate strap (service 0x180D)
 *   and a footpod (0x1814), whose characteristics notify the real GATT bytes
 *   of the timeline at `startMs + tMs`. The strap can drop out: at `dropout.fromMs`
 *   it fires `gattserverdisconnected`, refuses to connect until `dropout.toMs`,
 *   then notifies again from the moment it is reconnected.
 * - `navigator.geolocation`: watchPosition delivers the timeline's fixes, or,
 *   with `gpsRefused`, the error a browser gives when location is not allowed.
 * - `speechSynthesis`: records what would have been said, and when.
 *
 * Kept as text (this project's TypeScript has no DOM types outside
 * device/phone); what it records is read back with zod in the tests.
 */
export interface StandInConfig {
  readonly startMs: number;
  readonly ticks: readonly SensorTick[];
  readonly dropout?: { readonly fromMs: number; readonly toMs: number };
  readonly gpsRefused?: boolean;
}

export const STAND_IN_SCRIPT = String.raw`(cfg) => {
  const T = cfg.startMs;
  const log = { spoken: [], connects: { hr: 0, rsc: 0 }, connected: { hr: [], rsc: [] }, drops: { hr: [], rsc: [] }, watches: 0 };
  window.__standIn = log;

  class Utterance { constructor(text) { this.text = text; this.rate = 1; } }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: { speak(u) { log.spoken.push({ text: u.text, atMs: Date.now() }); }, cancel() {}, getVoices() { return []; } },
  });

  function device(kind) {
    const dev = new EventTarget();
    dev.id = 'stand-in-' + kind;
    dev.name = kind === 'hr' ? 'Stand-in strap' : 'Stand-in footpod';
    const characteristic = new EventTarget();
    characteristic.value = null;
    let timers = [];
    let connected = false;
    const cancel = () => { timers.forEach((t) => clearTimeout(t)); timers = []; };
    const outOfRange = () => kind === 'hr' && cfg.dropout && Date.now() >= cfg.dropout.fromMs && Date.now() < cfg.dropout.toMs;
    const schedule = () => {
      cancel();
      const now = Date.now();
      for (const tick of cfg.ticks) {
        const bytes = tick[kind];
        const at = T + tick.tMs;
        if (!bytes || at < now) continue;
        timers.push(setTimeout(() => {
          characteristic.value = new DataView(new Uint8Array(bytes).buffer);
          characteristic.dispatchEvent(new Event('characteristicvaluechanged'));
        }, at - now));
      }
      if (kind === 'hr' && cfg.dropout && cfg.dropout.fromMs >= now) {
        timers.push(setTimeout(() => {
          cancel();
          connected = false;
          log.drops[kind].push(Date.now());
          dev.dispatchEvent(new Event('gattserverdisconnected'));
        }, cfg.dropout.fromMs - now));
      }
    };
    const server = {
      get connected() { return connected; },
      connect() {
        log.connects[kind]++;
        if (outOfRange()) return Promise.reject(new DOMException('Connection failed for unknown reason.', 'NetworkError'));
        connected = true;
        log.connected[kind].push(Date.now());
        return Promise.resolve(server);
      },
      disconnect() { cancel(); connected = false; },
      getPrimaryService() { return Promise.resolve({ getCharacteristic() { return Promise.resolve(characteristic); } }); },
    };
    characteristic.startNotifications = () => { schedule(); return Promise.resolve(characteristic); };
    dev.gatt = server;
    return dev;
  }
  const devices = { 0x180d: device('hr'), 0x1814: device('rsc') };
  Object.defineProperty(navigator, 'bluetooth', {
    configurable: true,
    value: { requestDevice(options) { return Promise.resolve(devices[options.filters[0].services[0]]); } },
  });

  let gpsTimers = [];
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      watchPosition(success, error) {
        log.watches++;
        if (cfg.gpsRefused) {
          // A GeolocationPositionError as Chrome gives it when the site may not have location.
          setTimeout(() => error({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'User denied Geolocation' }), 0);
          return 1;
        }
        const now = Date.now();
        for (const tick of cfg.ticks) {
          const at = T + tick.tMs;
          if (!tick.gps || at < now) continue;
          const g = tick.gps;
          gpsTimers.push(setTimeout(() => success({
            timestamp: at,
            coords: { latitude: g.latDeg, longitude: g.lonDeg, altitude: g.altitudeM, speed: g.speedMps, accuracy: 4, altitudeAccuracy: null, heading: null },
          }), at - now));
        }
        return 1;
      },
      clearWatch() { gpsTimers.forEach((t) => clearTimeout(t)); gpsTimers = []; },
      getCurrentPosition() {},
    },
  });
}`;
