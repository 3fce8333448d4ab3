/**
 * The file side of calibration: which files a history is (folders walked
 * recursively), their bytes (gzip and zip undone by content, src/unpack:
 * Strava exports hold `.fit.gz`, `.gpx.gz`, `.tcx.gz`, Garmin Connect's
 * "Export Original" a `.zip` with one FIT file),
 * and one-line reasons for what cannot be read. Nothing here throws for a
 * bad file or folder: each becomes a note and the walk goes on.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { readRegularFile } from '../../io/read-file.ts';
import path from 'node:path';
import { unpack } from '../../../src/unpack/unpack.ts';
import { readProblem } from '../../io/fs-problem.ts';

/** FIT files, gzipped or not (Garmin exports `.fit`, Strava `.fit.gz`). */
export const FIT_NAME = /\.fit(\.gz)?$/i;

/** GPX and TCX files, gzipped or not, in any case (Strava exports `.gpx`, `.tcx.gz`; some devices `.TCX`). */
export const TRACK_NAME = /\.(gpx|tcx)(\.gz)?$/i;

/** Zip files (Garmin Connect's "Export Original": one FIT file inside). */
export const ZIP_NAME = /\.zip$/i;

/**
 * Names read from folders: FIT, GPX, TCX and zip. Whether a file is packed,
 * and which reader it gets, is decided by its content (src/unpack,
 * src/track/recording.ts), not its name.
 */
export function isActivityName(name: string): boolean {
  return FIT_NAME.test(name) || TRACK_NAME.test(name) || ZIP_NAME.test(name);
}

/** How many of these files are named as GPX or TCX (for the report's count of what was read). */
export function countTrackNames(files: readonly string[]): number {
  return files.filter((file) => TRACK_NAME.test(file)).length;
}

export interface Note {
  readonly file: string;
  readonly text: string;
}

export interface FileList {
  /** Files to read, in a stable order (sorted within each folder, arguments in the order given). */
  readonly files: string[];
  /** Paths that could not be listed or read. */
  readonly notes: Note[];
  /** Files in folders whose names are not FIT, GPX or TCX (JSON, photos…): left alone, counted. */
  readonly ignored: number;
}

/** Files named on the command line are read whatever their name; in folders, only FIT, GPX and TCX names. */
export async function collectFiles(paths: readonly string[]): Promise<FileList> {
  const list: FileList = { files: [], notes: [], ignored: 0 };
  const seenDirs = new Set<string>();
  let ignored = 0;
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    let entries;
    try {
      real = await realpath(dir);
      // A link back up the tree would walk for ever: each folder once.
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      list.notes.push({ file: dir, text: `skipped: ${readProblem(error, 'folder')}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = (await stat(full)).isDirectory();
        } catch (error) {
          if (isActivityName(entry.name)) list.notes.push({ file: full, text: `skipped: ${readProblem(error)}` });
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isActivityName(entry.name)) list.files.push(full);
      else ignored++;
    }
  };
  for (const given of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(given)).isDirectory();
    } catch (error) {
      list.notes.push({ file: given, text: `skipped: ${readProblem(error, 'file or folder')}` });
      continue;
    }
    if (isDir) await walk(given);
    else list.files.push(given);
  }
  return { ...list, ignored };
}

export type Bytes = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly why: string };

/** A file's activity bytes: gunzipped or unzipped when its content says so (src/unpack), whatever its name. */
export async function readActivityBytes(file: string): Promise<Bytes> {
  // A device or named pipe in the list would hang the read: refused like an unreadable file.
  const read = await readRegularFile(file);
  if (!read.ok) return { ok: false, why: read.why };
  const unpacked = unpack(read.bytes);
  return unpacked.ok ? { ok: true, bytes: unpacked.bytes } : { ok: false, why: unpacked.error };
}

