/** src/fit/crc.ts against the SDK's own CrcCalculator, on seeded random bytes and on a whole file. */
import { CrcCalculator } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { fitCrc } from '../../src/fit/crc.ts';

function seededBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

test.each([
  [0, 1],
  [1, 2],
  [12, 3],
  [4096, 4],
])('%i random bytes: the SDK CRC', (length, seed) => {
  const bytes = seededBytes(length, seed);
  expect(fitCrc(bytes, 0, length)).toBe(CrcCalculator.calculateCRC(bytes, 0, length));
});

test('a part of the bytes, and continued from an earlier CRC', () => {
  const bytes = seededBytes(1000, 9);
  expect(fitCrc(bytes, 100, 900)).toBe(CrcCalculator.calculateCRC(bytes, 100, 900));
  expect(fitCrc(bytes, 500, 1000, fitCrc(bytes, 0, 500))).toBe(CrcCalculator.calculateCRC(bytes, 0, 1000));
});

test('a whole FIT file checks to zero with its own CRC', () => {
  const bytes = new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../examples/recovery-run.fit')));
  expect(fitCrc(bytes, 0, bytes.byteLength)).toBe(0);
});
