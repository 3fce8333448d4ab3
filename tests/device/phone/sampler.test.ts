import { readFileSync } from 'node:fs';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, test } from 'vitest';
import { configFromProfile } from '../../../src/profile/profile.ts';
import { decodeActivity } from '../../../src/fit/decode.ts';
import { paceGuard } from '../../../src/guard/pipeline.ts';
import type { GuardEvent } from '../../../src/guard/events.ts';
import type { GuardInput, Sample } from '../../../src/samples/sample.ts';
import { decodeHeartRate } from '../../../device/phone/src/gatt/heart-rate.ts';
import { decodeRsc } from '../../../device/phone/src/gatt/rsc.ts';
import { addReading, closeDue, INITIAL_SAMPLER_STATE, type Reading, type SamplerState, type Source } from '../../../device/phone/src/live/sampler.ts';
import { paceWords, phraseFor } from '../../../device/phone/src/live/speech.ts';
import { sensorTimeline } from './support/sensor-timeline.ts';

const ALL: readonly Source[] = ['hr', 'rsc', 'gps'];

function run(readings: readonly Reading[], connected: readonly Source[] = ALL): Sample[] {
  let state: SamplerState = INITIAL_SAMPLER_STATE;
  const out: Sample[] = [];
  for (const r of readings) {
    const step = addReading(state, r, connected, 'gps');
    state = step.state;
    out.push(...step.samples);
  }
  out.push(...closeDue(state, Number.MAX_SAFE_INTEGER).samples);
  return out;
}

describe('sampler: readings to one Sample a second', () => {
  test('a second closes as soon as every connected source has reported', () => {
    let state = INITIAL_SAMPLER_STATE;
    const a = addReading(state, { source: 'hr', atMs: 1000, hrBpm: 130 }, ALL, 'gps');
    expect(a.samples).toEqual([]);
    state = a.state;
    const b = addReading(state, { source: 'gps', atMs: 1200, latDeg: 52, lonDeg: 5, altitudeM: 3, speedMps: 2.8 }, ALL, 'gps');
    expect(b.samples).toEqual([]);
    const c = addReading(b.state, { source: 'rsc', atMs: 1400, speedMps: 3, cadenceSpm: 170 }, ALL, 'gps');
    expect(c.samples).toEqual([{ kind: 'sample', atMs: 1000, hrBpm: 130, latDeg: 52, lonDeg: 5, altitudeM: 3, speedMps: 2.8, cadenceSpm: 170 }]);
    // Late: the second is closed.
    expect(addReading(c.state, { source: 'hr', atMs: 1900, hrBpm: 131 }, ALL, 'gps').samples).toEqual([]);
  });

  test('a missing source: the second closes when the next one starts, or after the grace time', () => {
    const samples = run([
      { source: 'hr', atMs: 5000, hrBpm: 120 },
      { source: 'hr', atMs: 6000, hrBpm: 121 },
    ]);
    expect(samples.map((s) => [s.atMs, s.hrBpm])).toEqual([[5000, 120], [6000, 121]]);
    const open = addReading(INITIAL_SAMPLER_STATE, { source: 'hr', atMs: 7000, hrBpm: 1 }, ALL, 'gps').state;
    expect(closeDue(open, 8249).samples).toEqual([]);
    expect(closeDue(open, 8250).samples).toHaveLength(1);
  });

  test('footpod pace: speed and distance from the footpod, GPS speed ignored', () => {
    const step = addReading(
      addReading(INITIAL_SAMPLER_STATE, { source: 'gps', atMs: 0, latDeg: 1, lonDeg: 2, speedMps: 9 }, ['gps', 'rsc'], 'footpod').state,
      { source: 'rsc', atMs: 10, speedMps: 3, cadenceSpm: 170, totalDistanceM: 12.5 },
      ['gps', 'rsc'],
      'footpod',
    );
    expect(step.samples).toEqual([{ kind: 'sample', atMs: 0, latDeg: 1, lonDeg: 2, speedMps: 3, cadenceSpm: 170, distanceM: 12.5 }]);
  });

  test('a recorded run sent as GATT bytes and fixes, sampled again, gives the guard the same events as the file', async () => {
    const decoded = decodeActivity(readFileSync('examples/bad-signal-run.fit'));
    if (!decoded.ok) throw new Error(decoded.error);
    const built = configFromProfile({ easyPace: 330, hrCeilingBpm: 140, maxDurationMin: 30 });
    if (!built.ok) throw new Error(built.error);
    const startMs = decoded.info.startMs;
    const readings: Reading[] = [];
    for (const tick of sensorTimeline(decoded.inputs)) {
      const atMs = startMs + tick.tMs;
      if (tick.hr !== undefined) {
        const hr = decodeHeartRate(Uint8Array.from(tick.hr));
        if (hr.status === 'ok') readings.push({ source: 'hr', atMs, hrBpm: hr.hrBpm });
      }
      if (tick.rsc !== undefined) {
        const rsc = decodeRsc(Uint8Array.from(tick.rsc));
        if (rsc.status === 'ok') readings.push({ source: 'rsc', atMs, speedMps: rsc.speedMps, cadenceSpm: rsc.cadenceSpm });
      }
      if (tick.gps !== undefined) {
        const { latDeg, lonDeg, altitudeM, speedMps } = tick.gps;
        readings.push({ source: 'gps', atMs, latDeg, lonDeg, ...(altitudeM !== null ? { altitudeM } : {}), ...(speedMps !== null ? { speedMps } : {}) });
      }
    }
    const events = async (inputs: readonly GuardInput[]): Promise<GuardEvent[]> =>
      lastValueFrom(from(inputs).pipe(paceGuard(built.config), toArray()));
    const fromFile = await events(decoded.inputs);
    const live = await events(run(readings));
    expect(fromFile.map((e) => e.kind)).toContain('signal-lost');
    expect(live.map((e) => [e.kind, e.atMs])).toEqual(fromFile.map((e) => [e.kind, e.atMs]));
  });
});

describe('spoken phrases', () => {
  test.each([
    [350, 'five fifty'],
    [360, 'six flat'],
    [305, 'five oh five'],
    [370, 'six ten'],
    [419.6, 'seven flat'],
  ])('%s s/km is "%s"', (secPerKm, words) => {
    expect(paceWords(secPerKm)).toBe(words);
  });

  test('one short phrase per event that needs action; none for the all-clear', () => {
    expect(phraseFor({ kind: 'slow-down', atMs: 0, cause: 'pace', repeat: 0, gapSecPerKm: 350, paceCeilingSecPerKm: 370 })).toBe(
      'Slow down. Five fifty, ceiling six ten',
    );
    expect(phraseFor({ kind: 'slow-down', atMs: 0, cause: 'hr', repeat: 0, hrBpm: 146.4, hrCeilingBpm: 140 })).toBe('Slow down. Heart 146, ceiling 140');
    expect(phraseFor({ kind: 'not-recovery', atMs: 0, cause: 'pace', movingOverMs: 300_000 })).toBe(
      'This has become a moderate run. Ease right off, or cut it short and rest.',
    );
    expect(phraseFor({ kind: 'time-up', atMs: 0, plannedMs: 1_800_000 })).toBe('Time is up. 30 minutes.');
    expect(phraseFor({ kind: 'signal-lost', atMs: 0, sensor: 'hr', reason: 'no-data' })).toBe('Heart rate lost.');
    expect(phraseFor({ kind: 'signal-lost', atMs: 0, sensor: 'pace', reason: 'no-data' })).toBe('Pace signal lost.');
    expect(phraseFor({ kind: 'back-under', atMs: 0, overForMs: 1 })).toBeUndefined();
  });
});
