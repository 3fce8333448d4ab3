import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, test } from 'vitest';
import { SampleColumns } from '../../src/samples/columns.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { inputSeriesOf, interleaved } from '../../src/samples/series.ts';

const full: Sample = { kind: 'sample', atMs: 1_700_000_000_000, hrBpm: 131, speedMps: 2.87, distanceM: 12.5, latDeg: 51.5, lonDeg: -0.12, altitudeM: 31.2, cadenceSpm: 162 };

function columnsOf(samples: readonly Sample[], initialRows?: number): SampleColumns {
  const columns = new SampleColumns(initialRows);
  for (const s of samples) columns.push(s.atMs, s.hrBpm, s.speedMps, s.distanceM, s.latDeg, s.lonDeg, s.altitudeM, s.cadenceSpm);
  return columns;
}

describe('SampleColumns: a sample read back is the sample pushed, keys in the same order', () => {
  test.each<[string, Sample]>([
    ['every channel', full],
    ['time alone', { kind: 'sample', atMs: 5 }],
    ['heart rate alone', { kind: 'sample', atMs: 5, hrBpm: 120 }],
    ['no position', { kind: 'sample', atMs: 5, hrBpm: 120, speedMps: 3, distanceM: 10, altitudeM: 4, cadenceSpm: 170 }],
    ['position and cadence', { kind: 'sample', atMs: 5, latDeg: -33.9, lonDeg: 151.2, cadenceSpm: 0 }],
    ['zeros are values', { kind: 'sample', atMs: 0, hrBpm: 0, speedMps: 0, distanceM: 0, latDeg: 0, lonDeg: 0, altitudeM: 0, cadenceSpm: 0 }],
    ['negative zero altitude', { kind: 'sample', atMs: 5, altitudeM: -0 }],
  ])('%s', (_, sample) => {
    const read = columnsOf([sample]).at(0);
    expect(read).toStrictEqual(sample);
    expect(Object.keys(read ?? {})).toEqual(Object.keys(sample));
    expect(Object.is(read?.altitudeM, sample.altitudeM)).toBe(true);
  });

  test('indices count back from the end as an array’s do, and outside the rows there is no sample', () => {
    const samples = [full, { ...full, atMs: full.atMs + 1000 }, { kind: 'sample', atMs: full.atMs + 2000 } as Sample];
    const columns = columnsOf(samples);
    expect(columns.length).toBe(3);
    for (const index of [0, 1, 2, -1, -2, -3, 3, -4, 99]) {
      expect(columns.at(index)).toStrictEqual(samples.at(index));
      expect(columns.atMsAt(index)).toBe(samples.at(index)?.atMs);
    }
  });

  test('rows grow past their first room, and a slice is its own copy', () => {
    const samples = Array.from({ length: 2500 }, (_, i): Sample => ({ ...full, atMs: full.atMs + i * 1000, distanceM: i * 2.9 }));
    const columns = columnsOf(samples, 1);
    expect(Array.from({ length: columns.length }, (_, i) => columns.at(i))).toStrictEqual(samples);
    const part = columns.slice(1000, 1003);
    expect([part.at(0), part.at(1), part.at(2), part.at(3)]).toStrictEqual([...samples.slice(1000, 1003), undefined]);
    columns.push(0, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
    expect(part.length).toBe(3);
    expect(columns.slice(5, 2).length).toBe(0);
  });

  test('the same samples pushed into differently sized rows compare equal once sliced to their size', () => {
    const samples = [full, { ...full, atMs: full.atMs + 1000 }];
    expect(columnsOf(samples, 1).slice(0, 2)).toStrictEqual(columnsOf(samples, 64).slice(0, 2));
  });
});

describe('interleaved: samples with timer events between them, made as they are walked', () => {
  const samples = Array.from({ length: 5 }, (_, i): Sample => ({ kind: 'sample', atMs: i * 1000, hrBpm: 100 + i }));
  const pause: GuardInput = { kind: 'pause', atMs: 1500 };
  const resume: GuardInput = { kind: 'resume', atMs: 3000 };
  const expected: GuardInput[] = [samples[1], pause, resume, samples[3]].filter((x): x is GuardInput => x !== undefined);

  test.each([
    ['an array of samples', samples],
    ['columns', columnsOf(samples)],
  ])('over %s: each event just before its sample, in order; counted; first and last times', (_, series) => {
    const inputs = interleaved(series, 1, 4, [3, 3], [pause, resume]);
    const withSample2 = [expected[0], samples[2], ...expected.slice(1)];
    expect([...inputs]).toStrictEqual(withSample2);
    expect([...inputs]).toStrictEqual(withSample2);
    expect(inputs.toArray()).toStrictEqual(withSample2);
    expect(inputs.count).toBe(5);
    expect([inputs.firstAtMs, inputs.lastAtMs]).toEqual([1000, 3000]);
  });

  test('an event before the first sample is the first input; no samples, no times', () => {
    const first = interleaved(samples, 2, 3, [2], [resume]);
    expect(first.firstAtMs).toBe(3000);
    expect([...first]).toStrictEqual([resume, samples[2]]);
    const none = interleaved(samples, 2, 2, [], []);
    expect([none.count, none.firstAtMs, none.lastAtMs, [...none]]).toEqual([0, undefined, undefined, []]);
  });

  test('RxJS reads a series as the iterable it is (one with a `length` it would index as an array)', async () => {
    const inputs = interleaved(columnsOf(samples), 0, 5, [], []);
    expect(await lastValueFrom(from(inputs).pipe(toArray()))).toStrictEqual(samples);
    const array = inputSeriesOf([...samples]);
    expect(await lastValueFrom(from(array).pipe(toArray()))).toStrictEqual(samples);
    expect([array.count, array.firstAtMs, array.lastAtMs]).toEqual([5, 0, 4000]);
  });
});
