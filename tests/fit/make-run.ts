/**
 * Fixtures for the FIT tests, made here rather than recorded: smooth runs with
 * every channel, built from a few sine waves so that each value differs from
 * the last (a reader that shifts or drops a record shows up), and hand-written
 * FIT files for what `encodeActivity` deliberately cannot write (several
 * sessions, compressed speed, hr messages, other file types).
 */
import { CrcCalculator, Encoder, Utils } from '@garmin/fitsdk';
import type { Encodable, Mesg } from '@garmin/fitsdk';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';

/** 2024-05-01 06:00:00 UTC. */
export const RUN_START_MS = Date.UTC(2024, 4, 1, 6, 0, 0);

export interface RunShape {
  readonly startMs?: number;
  /** Samples before the pause and after it. */
  readonly samplesBefore?: number;
  readonly samplesAfter?: number;
  /** Pause length; 0 for no pause. */
  readonly pauseSec?: number;
  /** Seconds between samples (1 Hz; smart recording is 4–6). */
  readonly everySec?: number;
  readonly speedMps?: number;
  /** Which channels to fill (all by default). */
  readonly channels?: ReadonlyArray<'hr' | 'speed' | 'distance' | 'position' | 'altitude' | 'cadence'>;
}

const ALL_CHANNELS = ['hr', 'speed', 'distance', 'position', 'altitude', 'cadence'] as const;

/**
 * A run: samples, then (if `pauseSec` > 0) a pause at the last sample's time
 * and a resume at the next sample's time, as watches log them. Defaults: 200
 * samples at 1 Hz, a 90 s pause, 180 more samples (6:20 of running, 7:49
 * elapsed) around 2.9 m/s.
 */
export function makeRun(shape: RunShape = {}): GuardInput[] {
  const startMs = shape.startMs ?? RUN_START_MS;
  const before = shape.samplesBefore ?? 200;
  const after = shape.samplesAfter ?? 180;
  const pauseSec = shape.pauseSec ?? 90;
  const everySec = shape.everySec ?? 1;
  const baseSpeedMps = shape.speedMps ?? 2.9;
  const channels = new Set(shape.channels ?? ALL_CHANNELS);

  const inputs: GuardInput[] = [];
  let distanceM = 0;
  let atMs = startMs;
  for (let i = 0; i < before + after; i++) {
    if (i === before && pauseSec > 0) {
      inputs.push({ kind: 'pause', atMs: atMs - everySec * 1000 });
      atMs += pauseSec * 1000;
      inputs.push({ kind: 'resume', atMs });
    }
    const speedMps = baseSpeedMps + 0.15 * Math.sin(i / 7);
    distanceM += i === 0 ? 0 : speedMps * everySec;
    const sample: { -readonly [K in keyof Sample]: Sample[K] } = { kind: 'sample', atMs };
    if (channels.has('hr')) sample.hrBpm = Math.round(132 + 8 * Math.sin(i / 23));
    if (channels.has('speed')) sample.speedMps = speedMps;
    if (channels.has('distance')) sample.distanceM = distanceM;
    if (channels.has('position')) {
      sample.latDeg = 52.09 + distanceM / 111_000;
      sample.lonDeg = 5.12 + (distanceM / 111_000) * 0.3;
    }
    if (channels.has('altitude')) sample.altitudeM = 4 + 3 * Math.sin(i / 41);
    if (channels.has('cadence')) sample.cadenceSpm = 166 + 2.5 * Math.sin(i / 11);
    inputs.push(sample);
    atMs += everySec * 1000;
  }
  return inputs;
}

export function samplesOf(inputs: readonly GuardInput[]): Sample[] {
  return inputs.filter((input): input is Sample => input.kind === 'sample');
}

/** Epoch ms → FIT seconds. */
export function fitSeconds(atMs: number): number {
  return Math.round((atMs - Utils.FIT_EPOCH_MS) / 1000);
}

/**
 * Writes the given messages, in order, as one FIT file. For shapes
 * `encodeActivity` does not make; the SDK converts profile names ('timer',
 * 'running') to their numbers.
 */
export function writeFit(messages: ReadonlyArray<Encodable<Mesg> & Record<string, unknown>>): Uint8Array {
  const encoder = new Encoder();
  for (const message of messages) encoder.writeMesg(message);
  return encoder.close();
}

/** Message numbers of the FIT profile used by the hand-written files. */
export const MESG = { fileId: 0, session: 18, lap: 19, record: 20, event: 21, hr: 132 } as const;

/**
 * Puts `extra` bytes at the end of a FIT file's data and fixes its header
 * size and both CRCs, so only the extra bytes are wrong.
 */
export function appendToData(fit: Uint8Array, extra: readonly number[]): Uint8Array {
  const dataEnd = fit.byteLength - 2;
  const out = new Uint8Array(fit.byteLength + extra.length);
  out.set(fit.subarray(0, dataEnd));
  out.set(extra, dataEnd);
  const view = new DataView(out.buffer);
  view.setUint32(4, dataEnd + extra.length - 14, true);
  view.setUint16(12, CrcCalculator.calculateCRC(out, 0, 12), true);
  view.setUint16(dataEnd + extra.length, CrcCalculator.calculateCRC(out, 0, dataEnd + extra.length), true);
  return out;
}
