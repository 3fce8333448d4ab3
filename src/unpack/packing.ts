/**
 * How a file's first bytes say it is packed: gzip, zip or plain. Its own
 * module, without the inflater, so that a command reading a plain file
 * (nearly every one) tells it apart without loading fflate, whose start-up
 * is ~15 ms (simulator/commands/replay/replay-command.ts); ./unpack.ts unpacks the rest.
 */

export type Packing = 'plain' | 'gzip' | 'zip';

export const ZIP_LOCAL_SIG = 0x04034b50;
export const ZIP_END_SIG = 0x06054b50;

/** How a file's first bytes say it is packed. */
export function packingOf(bytes: Uint8Array): Packing {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  // An empty zip is its end record alone.
  if (bytes.length >= 4 && (readU32(bytes, 0) === ZIP_LOCAL_SIG || readU32(bytes, 0) === ZIP_END_SIG)) return 'zip';
  return 'plain';
}

export function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

export function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) | (readU16(bytes, at + 2) << 16)) >>> 0;
}
