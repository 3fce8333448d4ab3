/**
 * `decodeActivity`: a FIT activity read through Garmin's SDK (./sdk-read.ts,
 * with its lean record scan), for any file the SDK can read, damaged ones
 * included. What it makes of the messages is ./activity.ts's, shared with the
 * SDK-free reader (./decode-lean.ts) that a replay of an ordinary file uses.
 *
 * @example
 * const result = decodeActivity(bytes);
 * if (!result.ok) console.error(`${file}: ${result.error}`);
 * else for (const input of result.inputs) guard.next(input);
 */
import { decodeActivityWith, type DecodeResult } from './activity.ts';
import { readFit } from './sdk-read.ts';

export * from './activity.ts';

/** Reads a FIT activity. Never throws. */
export function decodeActivity(bytes: Uint8Array): DecodeResult {
  // readFit always answers; the fallback is for the type, and says so if it ever did not.
  return decodeActivityWith(bytes, (fit, onRecord) => readFit(fit, { onRecord })) ?? { ok: false, error: 'could not read the file' };
}
