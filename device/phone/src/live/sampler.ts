import type { Sample } from '../../../../src/samples/sample.ts';

/**
 * Sensor readings in, one Sample a second out: the phone's version of a
 * watch's 1 s recording, so that a live run and the FIT file it exports give
 * the guard the same inputs.
 *
 * Readings are gathered in a bucket per whole second of their arrival time;
 * the bucket becomes a Sample dated at that second when every source that is
 * connected has reported (no waiting when all is well), when a reading for a
 * later second arrives, or when the app's timer calls `closeDue` a little
 * after the second has passed (a silent source never holds the run up). A
 * second reading of the same source inside an open second replaces the
 * first; one that comes after its second was closed is dropped.
 *
 *   hr       --h-------h-------h--       (three seconds, all sources on)
 *   gps      ---g-------g--------g-
 *   rsc      --r--------r-------r--
 *   samples  ---S--------S--------S       (each as the last source reports)
 *
 * Which source gives the pace is the runner's choice: the phone's GPS
 * (speed from the position fix, positions always kept) or a footpod (its
 * speed and total distance). Cadence always comes from the footpod.
 */

export type Source = 'hr' | 'rsc' | 'gps';
export type PaceSource = 'gps' | 'footpod';

export type Reading =
  | { readonly source: 'hr'; readonly atMs: number; readonly hrBpm: number }
  | {
      readonly source: 'rsc';
      readonly atMs: number;
      readonly speedMps: number;
      readonly cadenceSpm: number;
      readonly totalDistanceM?: number;
    }
  | {
      readonly source: 'gps';
      readonly atMs: number;
      readonly latDeg: number;
      readonly lonDeg: number;
      readonly altitudeM?: number;
      /** The fix's own speed (Doppler), when the phone gives one. */
      readonly speedMps?: number;
    };

/** How long after a second has passed its bucket is closed even with a source missing. */
export const CLOSE_GRACE_MS = 250;

type Fields = { -readonly [K in keyof Sample]?: Sample[K] };

export interface SamplerState {
  /** The open second (ms, a multiple of 1000), if any. */
  readonly openAtMs: number | undefined;
  readonly fields: Readonly<Fields>;
  readonly reported: readonly Source[];
  /** The last second made into a Sample: readings for it or earlier are late. */
  readonly closedAtMs: number | undefined;
}

export const INITIAL_SAMPLER_STATE: SamplerState = { openAtMs: undefined, fields: {}, reported: [], closedAtMs: undefined };

export interface SamplerStep {
  readonly state: SamplerState;
  readonly samples: readonly Sample[];
}

/** Adds one reading; `connected` lists the sources that are expected to report every second. */
export function addReading(state: SamplerState, reading: Reading, connected: readonly Source[], paceFrom: PaceSource): SamplerStep {
  const secondMs = Math.floor(reading.atMs / 1000) * 1000;
  if (state.closedAtMs !== undefined && secondMs <= state.closedAtMs) return { state, samples: [] };
  const samples: Sample[] = [];
  let current = state;
  if (current.openAtMs !== undefined && secondMs > current.openAtMs) {
    const closed = close(current);
    samples.push(...closed.samples);
    current = closed.state;
  }
  const fields: Fields = { ...current.fields, ...fieldsOf(reading, paceFrom) };
  const reported = current.reported.includes(reading.source) ? current.reported : [...current.reported, reading.source];
  current = { ...current, openAtMs: secondMs, fields, reported };
  if (connected.length > 0 && connected.every((source) => reported.includes(source))) {
    const closed = close(current);
    samples.push(...closed.samples);
    current = closed.state;
  }
  return { state: current, samples };
}

/** Closes the open second if it ended more than CLOSE_GRACE_MS before `nowMs`. */
export function closeDue(state: SamplerState, nowMs: number): SamplerStep {
  if (state.openAtMs === undefined || nowMs < state.openAtMs + 1000 + CLOSE_GRACE_MS) return { state, samples: [] };
  return close(state);
}

function close(state: SamplerState): SamplerStep {
  if (state.openAtMs === undefined) return { state, samples: [] };
  const sample: Sample = { kind: 'sample', atMs: state.openAtMs, ...state.fields };
  return { state: { openAtMs: undefined, fields: {}, reported: [], closedAtMs: state.openAtMs }, samples: [sample] };
}

function fieldsOf(reading: Reading, paceFrom: PaceSource): Fields {
  switch (reading.source) {
    case 'hr':
      return { hrBpm: reading.hrBpm };
    case 'rsc':
      return {
        cadenceSpm: reading.cadenceSpm,
        ...(paceFrom === 'footpod' ? { speedMps: reading.speedMps } : {}),
        ...(paceFrom === 'footpod' && reading.totalDistanceM !== undefined ? { distanceM: reading.totalDistanceM } : {}),
      };
    case 'gps':
      return {
        latDeg: reading.latDeg,
        lonDeg: reading.lonDeg,
        ...(reading.altitudeM !== undefined ? { altitudeM: reading.altitudeM } : {}),
        ...(paceFrom === 'gps' && reading.speedMps !== undefined ? { speedMps: reading.speedMps } : {}),
      };
  }
}
