import { describe, expect, test } from 'vitest';
import { decodeHeartRate, type HeartRateResult } from '../../../device/phone/src/gatt/heart-rate.ts';
import { decodeRsc, type RscResult } from '../../../device/phone/src/gatt/rsc.ts';
import { encodeHeartRate, encodeRsc } from '../../../device/phone/src/gatt/encode.ts';

/**
 * The GATT decoders on hand-written byte vectors, laid out as the Bluetooth
 * GATT Specification Supplement gives Heart Rate Measurement (0x2A37) and
 * RSC Measurement (0x2A53); then the encoders the stand-in sensors use,
 * round-tripped through them.
 */

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('Heart Rate Measurement (0x2A37)', () => {
  test.each<[string, Uint8Array, HeartRateResult]>([
    ['uint8 value, contact not supported', bytes(0x00, 0x48), { status: 'ok', hrBpm: 72, contact: 'not-supported', rrIntervalsMs: [] }],
    ['bit 1 alone: still "not supported" (bit 2 is the support bit)', bytes(0x02, 0x48), { status: 'ok', hrBpm: 72, contact: 'not-supported', rrIntervalsMs: [] }],
    ['supported, no contact', bytes(0x04, 0x48), { status: 'ok', hrBpm: 72, contact: 'no-contact', rrIntervalsMs: [] }],
    ['supported, in contact', bytes(0x06, 0x8c), { status: 'ok', hrBpm: 140, contact: 'in-contact', rrIntervalsMs: [] }],
    ['uint16 value, little-endian', bytes(0x01, 0x2c, 0x01), { status: 'ok', hrBpm: 300, contact: 'not-supported', rrIntervalsMs: [] }],
    ['uint16 value that fits a byte', bytes(0x01, 0x8c, 0x00), { status: 'ok', hrBpm: 140, contact: 'not-supported', rrIntervalsMs: [] }],
    ['energy expended', bytes(0x08, 0x8c, 0x10, 0x27), { status: 'ok', hrBpm: 140, contact: 'not-supported', energyExpendedKj: 10_000, rrIntervalsMs: [] }],
    ['one RR interval of 1024/1024 s', bytes(0x16, 0x8c, 0x00, 0x04), { status: 'ok', hrBpm: 140, contact: 'in-contact', rrIntervalsMs: [1000] }],
    [
      'everything: uint16, contact, energy, two RR intervals',
      bytes(0x1f, 0x8c, 0x00, 0x01, 0x00, 0x00, 0x02, 0x00, 0x03),
      { status: 'ok', hrBpm: 140, contact: 'in-contact', energyExpendedKj: 1, rrIntervalsMs: [500, 750] },
    ],
    ['reserved bits 5-7 are ignored', bytes(0xe0, 0x48), { status: 'ok', hrBpm: 72, contact: 'not-supported', rrIntervalsMs: [] }],
    ['no RR flag: trailing bytes are ignored', bytes(0x00, 0x48, 0x99), { status: 'ok', hrBpm: 72, contact: 'not-supported', rrIntervalsMs: [] }],
    ['value 0 decodes (the guard drops it, not the decoder)', bytes(0x00, 0x00), { status: 'ok', hrBpm: 0, contact: 'not-supported', rrIntervalsMs: [] }],
  ])('%s', (_name, payload, expected) => {
    expect(decodeHeartRate(payload)).toEqual(expected);
  });

  test.each<[string, Uint8Array, 'truncated' | 'malformed', RegExp]>([
    ['empty', bytes(), 'truncated', /no flags byte/],
    ['flags only', bytes(0x00), 'truncated', /uint8 heart rate, but 0 byte/],
    ['uint16 value cut to one byte', bytes(0x01, 0x8c), 'truncated', /uint16 heart rate, but 1 byte/],
    ['energy flagged, one byte of it', bytes(0x08, 0x8c, 0x10), 'truncated', /energy expended/],
    ['RR flagged, none sent', bytes(0x10, 0x8c), 'truncated', /RR intervals .* none follow/],
    ['RR flagged, odd byte count', bytes(0x10, 0x8c, 0x00, 0x04, 0x01), 'malformed', /two bytes each, but 3 byte/],
  ])('%s: a clear status, no throw', (_name, payload, status, reason) => {
    const result = decodeHeartRate(payload);
    expect(result.status).toBe(status);
    expect('reason' in result ? result.reason : '').toMatch(reason);
  });

  test('every prefix of every byte string up to 4 bytes decodes to a value, never a throw', () => {
    for (let flags = 0; flags < 256; flags++) {
      for (const tail of [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5]]) {
        const result = decodeHeartRate(bytes(flags, ...tail));
        expect(['ok', 'truncated', 'malformed']).toContain(result.status);
      }
    }
  });

  test('encodeHeartRate round-trips through the decoder', () => {
    const payload = encodeHeartRate({ hrBpm: 141, contact: true, energyExpendedKj: 250, rrIntervalsMs: [425.78125, 1000] });
    expect(decodeHeartRate(payload)).toEqual({ status: 'ok', hrBpm: 141, contact: 'in-contact', energyExpendedKj: 250, rrIntervalsMs: [425.78125, 1000] });
    expect(decodeHeartRate(encodeHeartRate({ hrBpm: 255 }))).toMatchObject({ hrBpm: 255 });
    expect(encodeHeartRate({ hrBpm: 255 })).toEqual(bytes(0x00, 0xff));
    expect(decodeHeartRate(encodeHeartRate({ hrBpm: 256 }))).toMatchObject({ hrBpm: 256 });
  });
});

describe('RSC Measurement (0x2A53)', () => {
  test.each<[string, Uint8Array, RscResult]>([
    ['speed and cadence, walking', bytes(0x00, 0x00, 0x03, 0x78), { status: 'ok', speedMps: 3, cadenceSpm: 120, running: false }],
    ['running: 2.5 m/s is 640/256', bytes(0x04, 0x80, 0x02, 0xaa), { status: 'ok', speedMps: 2.5, cadenceSpm: 170, running: true }],
    ['one unit of speed is 1/256 m/s', bytes(0x04, 0x01, 0x00, 0xaa), { status: 'ok', speedMps: 1 / 256, cadenceSpm: 170, running: true }],
    ['stride length in cm', bytes(0x05, 0x00, 0x03, 0xaa, 0x6e, 0x00), { status: 'ok', speedMps: 3, cadenceSpm: 170, running: true, strideLengthM: 1.1 }],
    [
      'total distance in dm, uint32 little-endian',
      bytes(0x06, 0x00, 0x03, 0xaa, 0x39, 0x30, 0x00, 0x00),
      { status: 'ok', speedMps: 3, cadenceSpm: 170, running: true, totalDistanceM: 1234.5 },
    ],
    [
      'stride then distance, distance with the top bit set',
      bytes(0x07, 0x00, 0x03, 0xaa, 0x6e, 0x00, 0xff, 0xff, 0xff, 0xff),
      { status: 'ok', speedMps: 3, cadenceSpm: 170, running: true, strideLengthM: 1.1, totalDistanceM: 429_496_729.5 },
    ],
    ['reserved bits ignored, trailing bytes ignored', bytes(0xf8, 0x00, 0x03, 0xaa, 0x01), { status: 'ok', speedMps: 3, cadenceSpm: 170, running: false }],
  ])('%s', (_name, payload, expected) => {
    expect(decodeRsc(payload)).toEqual(expected);
  });

  test.each<[string, Uint8Array, RegExp]>([
    ['empty', bytes(), /no flags byte/],
    ['no cadence', bytes(0x04, 0x00, 0x03), /3 bytes after the flags, 2 follow/],
    ['stride flagged, cut short', bytes(0x05, 0x00, 0x03, 0xaa, 0x6e), /stride length/],
    ['distance flagged, cut short', bytes(0x02, 0x00, 0x03, 0xaa, 0x39, 0x30, 0x00), /total distance/],
    ['stride and distance flagged, only the stride sent', bytes(0x03, 0x00, 0x03, 0xaa, 0x6e, 0x00), /total distance/],
  ])('%s: truncated, no throw', (_name, payload, reason) => {
    const result = decodeRsc(payload);
    expect(result.status).toBe('truncated');
    expect('reason' in result ? result.reason : '').toMatch(reason);
  });

  test('encodeRsc round-trips through the decoder at the fields\' resolution', () => {
    const payload = encodeRsc({ speedMps: 2.789, cadenceSpm: 171, strideLengthM: 0.98, totalDistanceM: 3320.8 });
    const decoded = decodeRsc(payload);
    expect(decoded).toMatchObject({ status: 'ok', cadenceSpm: 171, running: true, strideLengthM: 0.98, totalDistanceM: 3320.8 });
    expect(decoded.status === 'ok' ? Math.abs(decoded.speedMps - 2.789) : 1).toBeLessThanOrEqual(1 / 512);
  });
});
