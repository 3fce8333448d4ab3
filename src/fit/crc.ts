/**
 * FIT's file CRC: CRC-16 with the reflected polynomial 0xA001 and a zero
 * start (the FIT protocol's own check, which the SDK computes four bits at a
 * time), here a byte at a time from a 256-entry table built at load.
 * tests/fit/crc.test.ts holds it equal to the SDK's CrcCalculator.
 */

const CRC_POLYNOMIAL_REFLECTED = 0xa001;

const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 1) !== 0 ? (crc >>> 1) ^ CRC_POLYNOMIAL_REFLECTED : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/** The CRC of bytes[start, end), continuing from `crc` (0 for a fresh one). */
export function fitCrc(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  let value = crc;
  for (let i = start; i < end; i++) value = (value >>> 8) ^ (TABLE[(value ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  return value;
}
