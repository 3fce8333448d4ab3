import { decodeHeartRate, HEART_RATE_MEASUREMENT, HEART_RATE_SERVICE } from '../gatt/heart-rate.ts';
import { decodeRsc, RSC_MEASUREMENT, RSC_SERVICE } from '../gatt/rsc.ts';
import type { Reading } from './sampler.ts';
import type { Clock } from './clock.ts';

/**
 * Web Bluetooth to a heart-rate strap or watch (Heart Rate service) and a
 * footpod (Running Speed and Cadence service), with the reconnection a run
 * needs: when the link drops (`gattserverdisconnected`: out of range, a
 * watch that paused its broadcast, a flat battery coming back), it tries
 * again by itself after 1, 2, 4, then every 5 seconds until it is back or
 * the runner stops the run. TypeScript's DOM library has no Web Bluetooth
 * types: the few members used are declared here.
 */

interface GattCharacteristic extends EventTarget {
  readonly value?: DataView | null;
  startNotifications(): Promise<GattCharacteristic>;
}
interface GattService {
  getCharacteristic(uuid: number): Promise<GattCharacteristic>;
}
interface GattServer {
  readonly connected: boolean;
  connect(): Promise<GattServer>;
  disconnect(): void;
  getPrimaryService(uuid: number): Promise<GattService>;
}
export interface BluetoothDeviceLike extends EventTarget {
  readonly id: string;
  readonly name?: string | null;
  readonly gatt?: GattServer | null;
}
interface BluetoothLike {
  requestDevice(options: { filters: { services: number[] }[] }): Promise<BluetoothDeviceLike>;
}

export type SensorKind = 'hr' | 'rsc';
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/** Backoff between reconnection attempts: 1 s, 2 s, 4 s, then 5 s each (a strap back in range is found within 5 s). */
export const RECONNECT_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 5_000];

const SERVICE: Record<SensorKind, number> = { hr: HEART_RATE_SERVICE, rsc: RSC_SERVICE };
const CHARACTERISTIC: Record<SensorKind, number> = { hr: HEART_RATE_MEASUREMENT, rsc: RSC_MEASUREMENT };

export function bluetooth(): BluetoothLike | undefined {
  const nav: Navigator & { bluetooth?: BluetoothLike } = navigator;
  return nav.bluetooth;
}

export interface LinkEvents {
  readonly reading: (reading: Reading) => void;
  readonly status: (status: LinkStatus, detail: string) => void;
  /** A payload the decoder refused: counted and shown, never thrown. */
  readonly fault: (reason: string) => void;
}

export interface SensorLink {
  readonly kind: SensorKind;
  readonly name: string;
  status(): LinkStatus;
  /** Attempts made to reconnect since the start (for the screen and tests). */
  reconnects(): number;
  stop(): void;
}

/** Asks the runner to pick a device offering the service, then keeps it connected. */
export async function pairSensor(kind: SensorKind, clock: Clock, on: LinkEvents): Promise<SensorLink> {
  const bt = bluetooth();
  if (bt === undefined) throw new Error('this browser has no Web Bluetooth (use Chrome on Android, or a desktop Chrome)');
  const device = await bt.requestDevice({ filters: [{ services: [SERVICE[kind]] }] });
  return keepConnected(kind, device, clock, on);
}

function keepConnected(kind: SensorKind, device: BluetoothDeviceLike, clock: Clock, on: LinkEvents): SensorLink {
  let status: LinkStatus = 'connecting';
  let attempt = 0;
  let reconnects = 0;
  let cancelRetry: (() => void) | undefined;
  const set = (next: LinkStatus, detail: string): void => {
    status = next;
    on.status(next, detail);
  };

  const onValue = (event: Event): void => {
    const target = event.target as GattCharacteristic | null;
    const view = target?.value;
    if (view === undefined || view === null) return;
    const payload = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const atMs = clock.nowMs();
    if (kind === 'hr') {
      const m = decodeHeartRate(payload);
      if (m.status !== 'ok') return on.fault(`heart rate: ${m.reason}`);
      // A strap that says it has lost skin contact is not measuring: no reading, so the guard sees the gap.
      if (m.contact !== 'no-contact') on.reading({ source: 'hr', atMs, hrBpm: m.hrBpm });
    } else {
      const m = decodeRsc(payload);
      if (m.status !== 'ok') return on.fault(`footpod: ${m.reason}`);
      on.reading({
        source: 'rsc',
        atMs,
        speedMps: m.speedMps,
        cadenceSpm: m.cadenceSpm,
        ...(m.totalDistanceM !== undefined ? { totalDistanceM: m.totalDistanceM } : {}),
      });
    }
  };

  const connect = async (): Promise<void> => {
    const gatt = device.gatt;
    if (gatt === undefined || gatt === null) throw new Error('the device has no GATT server');
    const server = await gatt.connect();
    const service = await server.getPrimaryService(SERVICE[kind]);
    const characteristic = await service.getCharacteristic(CHARACTERISTIC[kind]);
    characteristic.addEventListener('characteristicvaluechanged', onValue);
    await characteristic.startNotifications();
  };

  const tryConnect = (): void => {
    if (status === 'stopped') return;
    connect().then(
      () => {
        if (status === 'stopped') return device.gatt?.disconnect();
        attempt = 0;
        set('connected', device.name ?? 'sensor');
      },
      () => {
        if (status === 'stopped') return;
        // The browser's reason ("Connection failed for unknown reason.") tells a runner nothing: out of reach is what it means.
        scheduleRetry('out of reach');
      },
    );
  };

  const scheduleRetry = (why: string): void => {
    const delayMs = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5_000;
    attempt++;
    reconnects++;
    set('reconnecting', `${why}; trying again in ${Math.round(delayMs / 1000)} s`);
    cancelRetry = clock.after(delayMs, () => {
      cancelRetry = undefined;
      tryConnect();
    });
  };

  device.addEventListener('gattserverdisconnected', () => {
    if (status === 'stopped') return;
    scheduleRetry('link lost');
  });
  tryConnect();

  return {
    kind,
    name: device.name ?? (kind === 'hr' ? 'heart-rate sensor' : 'footpod'),
    status: () => status,
    reconnects: () => reconnects,
    stop: () => {
      cancelRetry?.();
      set('stopped', 'disconnected');
      device.gatt?.disconnect();
    },
  };
}
