/**
 * A FIT activity read the cheap way first: an ordinary file (one intact FIT
 * file that ./lean-read.ts reads as the SDK does) never loads the SDK; any
 * other goes to ./decode.ts's decodeActivity, the SDK imported then. Either
 * way the result is the one decodeActivity gives, to the byte
 * (tests/fit/lean-read.test.ts).
 *
 * ```
 * bytes ─► lean read ─┬─► ./activity.ts ─► result
 *                     └─ the SDK's to read ─► import('./decode.ts') ─► decodeActivity ─► result
 * ```
 */
import { decodeActivityWith, type DecodeResult } from './activity.ts';
import { readFitLean } from './lean-read.ts';

/** decodeActivity's result for a file the lean reader reads, without the SDK; undefined for any other. Never throws. */
export function decodeActivityLean(bytes: Uint8Array): DecodeResult | undefined {
  return decodeActivityWith(bytes, readFitLean);
}

/** decodeActivity's result for any file, the SDK loaded only for a file that needs it. Never rejects. */
export async function decodeFit(bytes: Uint8Array): Promise<DecodeResult> {
  const lean = decodeActivityLean(bytes);
  if (lean !== undefined) return lean;
  const { decodeActivity } = await import('./decode.ts');
  return decodeActivity(bytes);
}
