/**
 * Any activity file a runner's export holds, told apart by its content, not
 * its name (a Strava export renames nothing consistently, and the extract
 * cache keys on bytes alone): XML whose root element is `gpx` or
 * `TrainingCenterDatabase` is read by decodeTrack; everything else goes to
 * the FIT reader, whose messages for what is not FIT stay as they were (a
 * FIT file starts with its header size, 12 or 14, never with '<').
 *
 * ```
 * bytes ─► starts with '<'? ─ no ───► decodeActivityLean, else decodeActivity (FIT)
 *                           └ yes ─► root <gpx> ───────────► decodeTrack(bytes, 'gpx')
 *                                    root <TrainingCenterDatabase> ─► decodeTrack(bytes, 'tcx')
 *                                    other ─► "XML, but neither GPX nor TCX"
 * ```
 */
import { decodeActivity, type DecodeResult } from '../fit/decode.ts';
import { decodeActivityLean } from '../fit/decode-lean.ts';
import { decodeTrack, type TrackFormat } from './decode.ts';
import { GPX_ROOT } from './gpx.ts';
import { TCX_ROOT } from './tcx.ts';
import { looksLikeXml } from './looks-like-xml.ts';

export type RecordingFormat = 'fit' | TrackFormat;

/** How much of a file is looked at for its root element: declarations and comments before it are short. */
const HEAD_BYTES = 8192;

/** `<?…?>` declarations, `<!-- … -->` comments and `<!DOCTYPE …>` before the root, then the root's (prefixed) name. */
const ROOT_ELEMENT = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/;

/** The root element's local name, when the bytes start as XML and it is found in the first few kilobytes. */
export function xmlRootName(bytes: Uint8Array): string | undefined {
  if (!looksLikeXml(bytes)) return undefined;
  const head = new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES));
  return ROOT_ELEMENT.exec(head)?.[2];
}

/** Which reader a file's bytes are for; undefined for XML that is neither GPX nor TCX. */
export function recordingFormat(bytes: Uint8Array): RecordingFormat | undefined {
  if (!looksLikeXml(bytes)) return 'fit';
  const root = xmlRootName(bytes);
  if (root === GPX_ROOT) return 'gpx';
  if (root === TCX_ROOT) return 'tcx';
  return undefined;
}

/** Reads a FIT, GPX or TCX activity. Never throws. */
export function decodeRecording(bytes: Uint8Array): DecodeResult {
  const format = recordingFormat(bytes);
  // An ordinary FIT file without the SDK's own pass (the same result to the byte, tests/fit/lean-read.test.ts).
  if (format === 'fit') return decodeActivityLean(bytes) ?? decodeActivity(bytes);
  if (format !== undefined) return decodeTrack(bytes, format);
  const root = xmlRootName(bytes);
  return {
    ok: false,
    error: `XML, but neither GPX nor TCX (${root === undefined ? 'no root element found' : `its root element is <${root}>`}): expected <${GPX_ROOT}> or <${TCX_ROOT}>`,
  };
}
