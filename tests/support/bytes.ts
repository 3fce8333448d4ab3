import { Gzip } from 'fflate';

/** The byte arrays one after another, as one. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * A gzip of `prefix` then `totalBytes` of `fill`, compressed a MiB at a time,
 * so a bomb of gigabytes is made without holding them: a few kilobytes out.
 */
export function gzipBomb(totalBytes: number, prefix: Uint8Array = new Uint8Array(0), fill = 0): Uint8Array {
  const parts: Uint8Array[] = [];
  const gz = new Gzip({ level: 9 }, (chunk) => parts.push(chunk));
  gz.push(prefix, totalBytes <= 0);
  const block = new Uint8Array(1024 * 1024).fill(fill);
  for (let left = totalBytes; left > 0; left -= block.length) gz.push(block.subarray(0, Math.min(block.length, left)), left <= block.length);
  return concatBytes(...parts);
}
