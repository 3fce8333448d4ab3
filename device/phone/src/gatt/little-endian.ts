/** Multi-byte GATT fields are little-endian: the byte at `at` is the low one. */
export function uint16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}
