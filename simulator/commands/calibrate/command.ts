/**
 * `paceguard calibrate PATH…`: a history of FIT files → the runner's profile.
 *
 * ```
 * paths ─► files (folders walked) ─► bytes ─► sha256 ─┬─ cache hit ─────────────┐
 *                                                     └─ extractActivity (pure) ─┴─► runs ─► calibrate ─► profile (atomic) + report
 * ```
 *
 * Every file that cannot be used is counted by reason, and the counts are
 * one line on stderr (`paceguard: skipped 40 files: 31 not runs …`); with
 * `--verbose` each is also one note (`paceguard: FILE: skipped: …`). None
 * stops the run. A path the runner typed that gives no run is always a
 * note of its own: a typo should not hide in a count. On a terminal, stderr
 * shows a progress bar while the files are read (simulator/io/progress.ts).
 * No usable run at all is one line and exit 2, with nothing written. The per-file step is the pure
 * `extractActivity(bytes)`, run on every core by the pool `tune` uses
 * (`--workers N`; 1: in this thread). A file the cache's stat index knows
 * unchanged (same path, size and mtime) is not even read: its extract is
 * found by the content hash recorded for it (stat-index.ts).
 */
import * as z from 'zod';
import { calibrate, type Calibration, type CalibrationRun } from '../../../src/calibrate/calibrate.ts';
import type { ActivityExtract } from '../../../src/calibrate/extract.ts';
import { calibratedProfile } from '../../../src/profile/calibrated-profile.ts';
import { describeIssue, parseProfileText, Profile } from '../../../src/profile/profile.ts';
import { UsageError } from '../../io/fail.ts';
import { writeProblem } from '../../io/fs-problem.ts';
import { CALIBRATE_HELP } from '../../io/help.ts';
import { foldWarnings, KEEP_PER_KIND } from '../../io/fold-warnings.ts';
import { NO_PROGRESS, progressBar, type Progress, type ProgressStream } from '../../io/progress.ts';
import { writeFileAtomic, writeTarget } from '../../io/atomic.ts';
import { readRegularFile } from '../../io/read-file.ts';
import { openCache } from './cache.ts';
import { collectFiles, countTrackNames } from './files.ts';
import { lookFile, prepareFile, type Look } from './prepare-file.ts';
import { parseCalibrateFlags } from './flags.ts';
import { openStatIndex } from './stat-index.ts';
import { openPool } from '../../io/workers/pool.ts';
import { defaultCacheDir, defaultProfilePath, thisMachine, type Place } from './locations.ts';
import { calibrationReport, fileLine, ignoredLine, skippedLine, type FileCounts } from './report.ts';

export interface Output {
  readonly out: (line: string) => void;
  readonly warn: (line: string) => void;
  /** Where the progress bar goes (drawn only on a terminal); none: no bar. */
  readonly progress?: ProgressStream;
}

export interface CalibrateOutcome {
  readonly profilePath: string;
  readonly calibration: Calibration;
  readonly counts: FileCounts;
  /** Files decoded this time (not served by the cache). */
  readonly decoded: number;
  /** Files whose bytes were read this time (not known unchanged from the cache's file index). */
  readonly read: number;
}

/** Files read ahead per extracting thread. */
const IN_FLIGHT_PER_THREAD = 4;
/**
 * Files whose stat and cached entry are looked up ahead of their turn
 * (prepare-file.ts `lookFile`): a warm run's file-system calls overlap on
 * libuv's threads instead of waiting one after another. Each look holds at
 * most one extract (a few KB).
 */
const LOOK_AHEAD = 32;

export async function calibrateCommand(argv: readonly string[], io: Output, place: Place = thisMachine()): Promise<CalibrateOutcome | undefined> {
  const options = parseCalibrateFlags(argv);
  if (options.help) {
    io.out(CALIBRATE_HELP);
    return undefined;
  }
  if (options.paths.length === 0) throw new UsageError('calibrate: expected FIT, GPX or TCX files or folders (see paceguard calibrate --help)');

  // The target is checked before any work: a profile we could not keep is refused up front.
  const profilePath = options.out ?? defaultProfilePath(place);
  const existing = await readExistingProfile(profilePath);

  // Lines printed while the bar is up erase it first and draw it again after.
  let bar: Progress = NO_PROGRESS;
  const warn = (line: string): void => bar.above(() => io.warn(line));
  // Warnings of one kind beyond the first few are a count (simulator/io/fold-warnings.ts);
  // --verbose lists every one.
  const folded = foldWarnings(warn, options.verbose ? Number.POSITIVE_INFINITY : KEEP_PER_KIND);
  const note = (file: string, text: string): void => folded.warn(`paceguard: ${file}: ${text}`, text);
  const given = new Set(options.paths);
  /** A file that gives no run: counted always (skippedLine); a note with --verbose, or when the runner named that very file. */
  let unlisted = 0;
  const skip = (file: string, text: string): void => {
    if (options.verbose || given.has(file)) note(file, text);
    else unlisted++;
  };
  const listed = await collectFiles(options.paths);
  for (const n of listed.notes) skip(n.file, n.text);

  const cacheDir = options.cacheDir === null ? undefined : (options.cacheDir ?? defaultCacheDir(place));
  const cache = openCache(cacheDir);
  const index = await openStatIndex(cacheDir);
  const counts = { files: listed.files.length, runs: 0, unreadable: listed.notes.length, notRuns: 0, noData: 0, duplicates: 0, ignored: listed.ignored, trackFiles: countTrackNames(listed.files), fromCache: 0 };
  const runs: CalibrationRun[] = [];
  const byContent = new Map<string, string>();
  const byStart = new Map<number, string>();
  let decoded = 0;
  let read = 0;

  /** One file on its way: its extract may still be in a worker. */
  type Pending =
    | { readonly file: string; readonly kind: 'note'; readonly text: string; readonly count: 'unreadable' | 'duplicates' }
    | { readonly file: string; readonly kind: 'extract'; readonly sha256: string; readonly fresh: boolean; readonly extract: Promise<ActivityExtract> };

  // Files are prepared in order (stat, maybe read and hash, cache look-up) and
  // finished in the same order, whatever order the workers answer in: the
  // notes, the duplicates kept and the runs are those of a one-thread run.
  const prepare = async (file: string, looked: Promise<Look<ActivityExtract>>): Promise<Pending> => {
    const prepared = await prepareFile(file, index, cache, byContent, looked);
    if (prepared.kind !== 'cached' || prepared.read) read++;
    switch (prepared.kind) {
      case 'cached':
        return { file, kind: 'extract', sha256: prepared.sha256, fresh: false, extract: Promise.resolve(prepared.value) };
      case 'unreadable':
        return { file, kind: 'note', text: `skipped: ${prepared.why}`, count: 'unreadable' };
      case 'duplicate':
        return { file, kind: 'note', text: `skipped: same content as ${prepared.twin}`, count: 'duplicates' };
      case 'fresh':
        return { file, kind: 'extract', sha256: prepared.sha256, fresh: true, extract: pool.run(prepared.bytes) };
    }
  };

  const finish = async (pending: Pending): Promise<void> => {
    const { file } = pending;
    if (pending.kind === 'note') {
      counts[pending.count]++;
      skip(file, pending.text);
      return;
    }
    const { sha256 } = pending;
    const extract = await pending.extract;
    if (pending.fresh) {
      decoded++;
      if (!(extract.kind === 'skipped' && extract.reason === 'internal-error')) await cache.put(sha256, extract);
    } else {
      counts.fromCache++;
    }
    if (extract.kind === 'skipped') {
      if (extract.reason === 'not-a-run') counts.notRuns++;
      else if (extract.reason === 'no-data') counts.noData++;
      else counts.unreadable++;
      skip(file, `skipped: ${extract.message}`);
      return;
    }
    const sameRun = byStart.get(extract.facts.startMs);
    if (sameRun !== undefined) {
      counts.duplicates++;
      skip(file, `skipped: the same run as ${sameRun} (same start time)`);
      return;
    }
    byStart.set(extract.facts.startMs, file);
    if (extract.damage !== undefined) note(file, `warning: ${extract.damage}`);
    counts.runs++;
    runs.push({
      file,
      sha256,
      facts: extract.facts,
      stretches: extract.stretches,
      ...(extract.response === undefined ? {} : { response: extract.response }),
      cadenceBlocks: extract.cadenceBlocks,
    });
  };

  const pool = openPool({ kind: 'calibrate-extract' }, options.workers);
  bar = progressBar(io.progress, listed.files.length, 'files');
  try {
    // A few files per thread in flight keeps every worker busy while bounding the bytes held in memory.
    const window = pool.threads * IN_FLIGHT_PER_THREAD;
    const inFlight: Pending[] = [];
    const files = listed.files;
    const looks: Promise<Look<ActivityExtract>>[] = [];
    const lookUpTo = (end: number): void => {
      for (let k = looks.length; k < Math.min(end, files.length); k++) looks.push(lookFile(files[k] as string, index, cache));
    };
    for (const [k, file] of files.entries()) {
      lookUpTo(k + 1 + LOOK_AHEAD);
      inFlight.push(await prepare(file, looks[k] as Promise<Look<ActivityExtract>>));
      while (inFlight.length > window) {
        await finish(inFlight.shift() as Pending);
        bar.tick();
      }
    }
    for (const pending of inFlight) {
      await finish(pending);
      bar.tick();
    }
  } finally {
    bar.done();
    await pool.close();
  }
  folded.end();
  const skipped = skippedLine(counts, unlisted === 0);
  if (skipped !== undefined) io.warn(`paceguard: ${skipped}`);
  const indexFailure = await index.save();
  if (indexFailure !== undefined) io.warn(`paceguard: ${indexFailure}`);
  if (cache.damageNote !== undefined) io.warn(`paceguard: ${cache.damageNote}`);
  if (cache.failure !== undefined) io.warn(`paceguard: ${cache.failure}`);

  const restHrBpm = options.restHrBpm ?? existing.restHrBpm;
  const result = calibrate(runs, {
    ...(restHrBpm === undefined ? {} : { restHrBpm }),
    ...(existing.recoveryMarginSecPerKm === undefined ? {} : { recoveryMarginSecPerKm: existing.recoveryMarginSecPerKm }),
    ...(existing.maxHrBpm === undefined ? {} : { knownMaxHrBpm: existing.maxHrBpm }),
  });
  if (!result.ok) {
    const ignored = ignoredLine(counts);
    throw new UsageError(`calibrate: no usable runs (${fileLine(counts)}${ignored === undefined ? '' : `; ${ignored}`}): ${result.error}; nothing written`);
  }
  const calibration = result.calibration;
  for (const warning of calibration.warnings) io.warn(`paceguard: warning: ${warning}`);

  const profile = calibratedProfile(calibration, existing);
  const checked = Profile.safeParse(z.encode(Profile, profile));
  // A calibration the schema refuses is our bug, not the runner's input.
  if (!checked.success) throw new Error(`the calibrated profile does not validate: ${describeIssue(checked.error)}`);
  try {
    await writeFileAtomic(profilePath, `${JSON.stringify(z.encode(Profile, profile), null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`${profilePath}: cannot write the profile (${writeProblem(error)}); nothing written`);
  }

  for (const text of calibrationReport(calibration, counts)) io.out(text);
  io.out('');
  io.out(`Profile written to ${profilePath}`);
  return { profilePath, calibration, counts, decoded, read };
}

/** The profile already at the target: its own settings are kept. Missing is fine; unreadable or invalid is refused. */
async function readExistingProfile(file: string): Promise<Profile> {
  // Only a regular file is ever replaced: a folder, device or named pipe is refused before any work.
  await writeTarget(file).catch((error: unknown) => {
    throw new UsageError(`${file}: cannot write the profile (${writeProblem(error)}); nothing written`);
  });
  const read = await readRegularFile(file);
  if (!read.ok) {
    // Not there (or a parent is not a folder: the write will say so): nothing to keep.
    if (read.missing) return {};
    throw new UsageError(`${file}: existing profile: ${read.why}`);
  }
  const text = new TextDecoder().decode(read.bytes);
  const parsed = parseProfileText(text);
  if (parsed.ok) return parsed.profile;
  throw new UsageError(
    'notJson' in parsed
      ? `${file}: existing profile is not valid JSON (${parsed.notJson}); fix or remove it, or give --out`
      : `${file}: existing profile: ${parsed.issue}; fix or remove it, or give --out`,
  );
}
