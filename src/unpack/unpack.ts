/**
 * Compressed exports, undone: bytes in, the activity's plain bytes out, told
 * apart by content whatever the file is called (Strava's bulk export is
 * mostly `.fit.gz`, Garmin Connect's "Export Original" a `.zip` holding one
 * FIT file). Never throws; every refusal is one readable sentence.
 *
 * ```
 * bytes ─► 1f 8b (gzip)? ──────► inflate (bounded) ─┐
 *        ─► PK 03 04 (zip)? ───► the one activity ──┼─► compressed again? ─► refused (one level only)
 *        │                        entry, inflated    │                    └► plain bytes
 *        │                        (bounded)          │
 *        └► anything else ─────────────────────────────► plain bytes, unchanged (FIT, GPX, TCX, a watch log, an empty file)
 * ```
 *
 * The bound: inflation is streamed (fflate's `Gunzip` and `Inflate`, fed a
 * few kilobytes of compressed input at a time) and stopped as soon as the
 * output passes UNPACKED_LIMIT_BYTES, so a bomb costs at most the limit plus
 * one step's output, never its whole inflated size. A zip entry's declared
 * size is checked first but never trusted.
 *
 * Zip rules: the central directory is read (not the local headers, which a
 * streaming writer leaves without sizes); directories, macOS resource forks
 * (`__MACOSX/`, `._name`) are passed over; entries named `.fit`, `.gpx` or
 * `.tcx` (any case, `.gz` after it too) are activities, and there must be
 * exactly one. Entries stored or deflated only, not encrypted, not ZIP64.
 * CRCs are not checked here: the FIT reader checks its own, and damaged
 * deflate data fails to inflate.
 */
import { Gunzip, Inflate } from 'fflate';
import { packingOf, readU16, readU32, ZIP_END_SIG, ZIP_LOCAL_SIG, type Packing } from './packing.ts';

export { packingOf, type Packing } from './packing.ts';

/**
 * The most an activity may inflate to: 50 MiB. Measured (docs/input-files.md):
 * the largest sane activity, 50 h at one point a second, is 5.4 MB as FIT,
 * 42 MB as GPX and 85 MB as TCX; reading XML costs 14–18 times its size in
 * memory and about 0.35 s of CPU per MB, so a replay of 50 MiB of GPX peaks
 * under 0.9 GB and 18 s of CPU (the target: any input in ≤ 1 GB and ≤ 30 s).
 * The 50 h GPX fits; a TCX fits up to about 29 h at 1 s.
 */
export const UNPACKED_LIMIT_BYTES = 50 * 1024 * 1024;

/** Compressed bytes pushed per step: a deflate stream inflates at most ~1032 times, so one step yields at most ~8 MB. */
const STEP_BYTES = 8 * 1024;

export type UnpackProblem =
  /** It inflates past the limit (or its zip entry says it would). */
  | 'too-large'
  /** Cut short or corrupt compressed data, or a zip without its directory. */
  | 'damaged'
  /** A zip with no activity in it, or several. */
  | 'zip-contents'
  /** A zip entry paceguard cannot read: encrypted, ZIP64, another compression method. */
  | 'zip-entry'
  /** Compressed data inside compressed data. */
  | 'nested';

export type Unpacked =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly packing: Packing;
      /** The zip entry that was read, as named inside the zip. */
      readonly entry?: string;
    }
  | {
      readonly ok: false;
      readonly problem: UnpackProblem;
      readonly error: string;
      /** For 'too-large': how many bytes had been inflated when inflation stopped (the limit plus at most one step). */
      readonly stoppedAtBytes?: number;
    };

export interface UnpackOptions {
  /** The bound on the inflated size (default UNPACKED_LIMIT_BYTES; tests use small ones). */
  readonly limitBytes?: number;
}

/** The activity's plain bytes, whatever packing they came in. Never throws. */
export function unpack(bytes: Uint8Array, options: UnpackOptions = {}): Unpacked {
  const limitBytes = options.limitBytes ?? UNPACKED_LIMIT_BYTES;
  const packing = packingOf(bytes);
  if (packing === 'plain') return { ok: true, bytes, packing };
  const inner = packing === 'gzip' ? gunzipBounded(bytes, limitBytes) : unzipActivity(bytes, limitBytes);
  if (!inner.ok) return inner;
  const again = packingOf(inner.bytes);
  if (again !== 'plain') {
    const what = inner.entry === undefined ? `the ${packing} file` : `${inner.entry} in the zip`;
    return {
      ok: false,
      problem: 'nested',
      error: `${what} is itself ${again === 'gzip' ? 'gzipped' : 'a zip'}: paceguard unpacks one level only; unpack the outer file first`,
    };
  }
  return inner;
}

/** The limit in the runner's words. */
export function limitText(limitBytes: number): string {
  const mib = limitBytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB` : `${limitBytes} bytes`;
}

function tooLarge(limitBytes: number, stoppedAtBytes: number): Unpacked {
  const limit = limitText(limitBytes);
  return { ok: false, problem: 'too-large', error: `inflates past ${limit}; paceguard reads activities up to ${limit} uncompressed`, stoppedAtBytes };
}

interface FlateStream {
  push(chunk: Uint8Array, final?: boolean): void;
}

type Inflated = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly stoppedAtBytes: number } | { readonly ok: false; readonly damage: string };

/**
 * Feeds `input` to a streaming inflater a step at a time, keeping its output
 * until it passes `limitBytes`; then it stops feeding, so the rest is never
 * inflated. The one place fflate's exceptions (damaged data) are caught.
 */
function inflateBounded(open: (ondata: (chunk: Uint8Array) => void) => FlateStream, input: Uint8Array, limitBytes: number): Inflated {
  const chunks: Uint8Array[] = [];
  let totalBytes = 0;
  const stream = open((chunk) => {
    if (chunk.length === 0 || totalBytes > limitBytes) return;
    totalBytes += chunk.length;
    // Past the limit the output is only counted: nothing more is kept.
    if (totalBytes <= limitBytes) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < input.length; at += STEP_BYTES) {
      stream.push(input.subarray(at, at + STEP_BYTES), false);
      if (totalBytes > limitBytes) return { ok: false, stoppedAtBytes: totalBytes };
    }
    stream.push(new Uint8Array(0), true);
  } catch (error) {
    return { ok: false, damage: error instanceof Error ? error.message : String(error) };
  }
  if (totalBytes > limitBytes) return { ok: false, stoppedAtBytes: totalBytes };
  const out = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}

function gunzipBounded(bytes: Uint8Array, limitBytes: number): Unpacked {
  const inflated = inflateBounded((ondata) => new Gunzip((chunk) => ondata(chunk)), bytes, limitBytes);
  if (inflated.ok) return { ok: true, bytes: inflated.bytes, packing: 'gzip' };
  if ('damage' in inflated) return { ok: false, problem: 'damaged', error: `gzip data cut short or damaged (${inflated.damage}): expected a whole .gz file` };
  return tooLarge(limitBytes, inflated.stoppedAtBytes);
}

// ── zip ────────────────────────────────────────────────────────────────────

const ZIP_CENTRAL_SIG = 0x02014b50;
/** End-of-central-directory record without its comment. */
const ZIP_END_BYTES = 22;
/** The comment after it is at most this long, so the record is found within the last 64 KiB. */
const ZIP_COMMENT_MAX_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
/** What a zip calls an activity: the names paceguard reads (a gzipped one is refused as nested once unzipped). */
const ACTIVITY_ENTRY = /\.(fit|gpx|tcx)(\.gz)?$/i;
/** How many names an error lists before "…". */
const NAMES_SHOWN = 5;

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedBytes: number;
  readonly declaredBytes: number;
  readonly localOffset: number;
}

/** The central directory's entries, or why there is none to read. */
function zipEntries(bytes: Uint8Array): { readonly ok: true; readonly entries: ZipEntry[] } | { readonly ok: false; readonly error: string } {
  let end = -1;
  const lowest = Math.max(0, bytes.length - ZIP_END_BYTES - ZIP_COMMENT_MAX_BYTES);
  for (let at = bytes.length - ZIP_END_BYTES; at >= lowest; at--) {
    if (readU32(bytes, at) === ZIP_END_SIG) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, error: 'a zip file cut short or damaged (its central directory is missing): expected a whole .zip file' };
  const count = readU16(bytes, end + 10);
  const directoryAt = readU32(bytes, end + 16);
  const entries: ZipEntry[] = [];
  let at = directoryAt;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== ZIP_CENTRAL_SIG) {
      return { ok: false, error: 'a damaged zip file (its central directory is broken): expected a whole .zip file' };
    }
    const nameBytes = readU16(bytes, at + 28);
    const extraBytes = readU16(bytes, at + 30);
    const commentBytes = readU16(bytes, at + 32);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameBytes)),
      flags: readU16(bytes, at + 8),
      method: readU16(bytes, at + 10),
      compressedBytes: readU32(bytes, at + 20),
      declaredBytes: readU32(bytes, at + 24),
      localOffset: readU32(bytes, at + 42),
    });
    at += 46 + nameBytes + extraBytes + commentBytes;
  }
  return { ok: true, entries };
}

/** Folders and what macOS adds to the zips it makes: never an activity. */
function isNoise(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('._') || base === '';
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown}, … ${names.length - NAMES_SHOWN} more` : shown;
}

function unzipActivity(bytes: Uint8Array, limitBytes: number): Unpacked {
  const listed = zipEntries(bytes);
  if (!listed.ok) return { ok: false, problem: 'damaged', error: listed.error };
  const files = listed.entries.filter((e) => !isNoise(e.name));
  const activities = files.filter((e) => ACTIVITY_ENTRY.test(e.name));
  if (activities.length !== 1) {
    const error =
      files.length === 0
        ? 'an empty zip: expected one FIT, GPX or TCX file in it'
        : activities.length === 0
          ? `a zip with no FIT, GPX or TCX file in it (it holds ${listNames(files.map((e) => e.name))})`
          : `a zip with ${activities.length} activity files in it (${listNames(activities.map((e) => e.name))}): paceguard reads one activity per zip; unzip it and give the one you mean`;
    return { ok: false, problem: 'zip-contents', error };
  }
  const entry = activities[0];
  if (entry === undefined) return { ok: false, problem: 'zip-contents', error: 'an empty zip: expected one FIT, GPX or TCX file in it' };
  const name = entry.name;
  if ((entry.flags & 1) !== 0) return { ok: false, problem: 'zip-entry', error: `${name} in the zip is encrypted: paceguard cannot read it` };
  if (entry.compressedBytes === 0xffffffff || entry.declaredBytes === 0xffffffff || entry.localOffset === 0xffffffff) {
    return { ok: false, problem: 'zip-entry', error: `${name} in the zip is a ZIP64 entry (over 4 GB): paceguard reads activities up to ${limitText(limitBytes)} uncompressed` };
  }
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    return { ok: false, problem: 'zip-entry', error: `${name} in the zip is compressed with method ${entry.method}: paceguard reads stored and deflated zip entries` };
  }
  if (entry.declaredBytes > limitBytes) return tooLarge(limitBytes, 0);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || readU32(bytes, local) !== ZIP_LOCAL_SIG) {
    return { ok: false, problem: 'damaged', error: `a damaged zip file (${name} is not where its directory says): expected a whole .zip file` };
  }
  const dataAt = local + 30 + readU16(bytes, local + 26) + readU16(bytes, local + 28);
  if (dataAt + entry.compressedBytes > bytes.length) {
    return { ok: false, problem: 'damaged', error: `a zip file cut short (${name} ends past the end of the file): expected a whole .zip file` };
  }
  const data = bytes.subarray(dataAt, dataAt + entry.compressedBytes);
  if (entry.method === STORED) {
    if (data.length > limitBytes) return tooLarge(limitBytes, 0);
    return { ok: true, bytes: data, packing: 'zip', entry: name };
  }
  const inflated = inflateBounded((ondata) => new Inflate((chunk) => ondata(chunk)), data, limitBytes);
  if (inflated.ok) return { ok: true, bytes: inflated.bytes, packing: 'zip', entry: name };
  if ('damage' in inflated) return { ok: false, problem: 'damaged', error: `${name} in the zip is cut short or damaged (${inflated.damage}): expected a whole .zip file` };
  return tooLarge(limitBytes, inflated.stoppedAtBytes);
}
