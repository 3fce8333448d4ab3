/**
 * `paceguard tune PATH…`: replays the runner's history through the guard
 * with each setting of a small grid (src/tune/grid.ts), prints what each
 * would have done, recommends one (src/tune/recommend.ts) and, with
 * `--apply`, writes it into the profile atomically.
 *
 * ```
 * paths ─► files (calibrate's walk) ─► stat ─┬─ known unchanged (stat index) ─► cached scores ──────────────┐
 *                                            └─ bytes ─► sha256 (duplicates out) ─┬─ cached scores ──────────┤
 *                                                                                  └─ scorer (worker threads) ┴─► per-run scores ─► table
 * ```
 *
 * Each file's scores are cached by its content, the plan and the code
 * (score-cache.ts), beside calibrate's extracts and sharing its file index
 * (calibrate/stat-index.ts): a second tune of an unchanged history reads no
 * file and starts no thread.
 *
 * Bad input as in calibrate: every file that cannot be used is one note on
 * stderr and a count, none stops the run; no usable run is one line and
 * exit 2, nothing written; a bad profile is one line and exit 2.
 */
import { access } from 'node:fs/promises';
import * as z from 'zod';
import { configFromProfile, describeIssue, Profile } from '../../../src/profile/profile.ts';
import type { RunScore } from '../../../src/tune/score.ts';
import { candidateConfig, profileWith, tuneGrid } from '../../../src/profile/tune-candidates.ts';
import { countRuns, recommend, settingRows, type Recommendation, type SettingRow } from '../../../src/tune/recommend.ts';
import type { ActivityOutcome } from '../../../src/tune/activity.ts';
import { writeFileAtomic, writeTarget } from '../../io/atomic.ts';
import { writeProblem } from '../../io/fs-problem.ts';
import { readRegularFile } from '../../io/read-file.ts';
import { profileChanges } from './changes.ts';
import { collectFiles, countTrackNames } from '../calibrate/files.ts';
import { prepareFile } from '../calibrate/prepare-file.ts';
import { defaultCacheDir, defaultProfilePath, thisMachine, type Place } from '../calibrate/locations.ts';
import { openStatIndex } from '../calibrate/stat-index.ts';
import { fileLine, ignoredLine, type FileCounts } from '../calibrate/report.ts';
import { UsageError } from '../../io/fail.ts';
import { TUNE_HELP } from '../../io/help.ts';
import { foldWarnings } from '../../io/fold-warnings.ts';
import { loadProfile } from '../../io/load-profile.ts';
import { parseTuneFlags } from './flags.ts';
import { openScoreCache } from './score-cache.ts';
import { openScorer } from '../../io/workers/pool.ts';
import { progressBar, type ProgressStream } from '../../io/progress.ts';
import { tooFewWarning, tuneReport, type Evidence } from './report.ts';

export interface Output {
  readonly out: (line: string) => void;
  readonly warn: (line: string) => void;
  /** Where the progress bar goes (drawn only on a terminal); none: no bar. */
  readonly progress?: ProgressStream;
}

export interface TuneOutcome {
  readonly rows: readonly SettingRow[];
  readonly recommendation: Recommendation;
  readonly runs: readonly RunScore[];
  readonly counts: FileCounts;
  /** The table as printed (stdout lines). */
  readonly lines: readonly string[];
  /** Where the profile was written, with --apply. */
  readonly written?: string;
  readonly threads: number;
  /** Files whose scores came from the cache, and files whose bytes were read this time. */
  readonly fromCache: number;
  readonly read: number;
}

export async function tuneCommand(argv: readonly string[], io: Output, place: Place = thisMachine()): Promise<TuneOutcome | undefined> {
  const options = parseTuneFlags(argv);
  if (options.help) {
    io.out(TUNE_HELP);
    return undefined;
  }
  if (options.paths.length === 0) throw new UsageError('tune: expected FIT, GPX or TCX files or folders (see paceguard tune --help)');

  const profilePath = options.profile ?? defaultProfilePath(place);
  if (options.profile === undefined && !(await exists(profilePath))) {
    throw new UsageError(`tune: no profile at ${profilePath}: run 'paceguard calibrate' first, or give --profile FILE`);
  }
  const profile = await loadProfile(profilePath);
  const target = options.out ?? profilePath;
  // Only a regular file (or a new one) is replaced: a folder, device or named pipe is refused before any work.
  if (options.apply) {
    await writeTarget(target).catch((error: unknown) => {
      throw new UsageError(`${target}: cannot write the profile (${writeProblem(error)}); nothing written`);
    });
  }
  const base = configFromProfile(profile);
  if (!base.ok) throw new UsageError(`${profilePath}: ${base.error}`);
  const candidates = tuneGrid(profile);
  const plan = { base: base.config, candidates: candidates.map((c) => candidateConfig(profile, c)) };

  // Many files skipped for one reason are a few notes and a count (simulator/io/fold-warnings.ts).
  const folded = foldWarnings(io.warn);
  const note = (file: string, text: string): void => folded.warn(`paceguard: ${file}: ${text}`, text);
  const listed = await collectFiles(options.paths);
  for (const n of listed.notes) note(n.file, n.text);
  const counts = { files: listed.files.length, runs: 0, unreadable: listed.notes.length, notRuns: 0, noData: 0, duplicates: 0, ignored: listed.ignored, trackFiles: countTrackNames(listed.files), fromCache: 0 };

  const cacheDir = options.cacheDir === null ? undefined : (options.cacheDir ?? defaultCacheDir(place));
  const cache = openScoreCache(cacheDir, plan);
  const index = await openStatIndex(cacheDir);

  // Files are prepared here, in order (stat, maybe read and hash, cache look-up), and
  // the misses scored on the pool; at most a few per thread wait in memory.
  type Slot =
    | { readonly file: string; readonly early: string }
    | { readonly file: string; readonly sha256: string; readonly fresh: boolean; readonly outcome: Promise<ActivityOutcome> };
  const slots: Slot[] = [];
  const byContent = new Map<string, string>();
  const scorer = openScorer(plan, options.workers);
  let read = 0;
  const prepare = async (file: string): Promise<Slot> => {
    const prepared = await prepareFile(file, index, cache, byContent);
    if (prepared.kind !== 'cached' || prepared.read) read++;
    switch (prepared.kind) {
      case 'cached':
        return { file, sha256: prepared.sha256, fresh: false, outcome: Promise.resolve(prepared.value) };
      case 'unreadable':
        counts.unreadable++;
        return { file, early: `skipped: ${prepared.why}` };
      case 'duplicate':
        counts.duplicates++;
        return { file, early: `skipped: same content as ${prepared.twin}` };
      case 'fresh':
        return { file, sha256: prepared.sha256, fresh: true, outcome: scorer.score(prepared.bytes) };
    }
  };
  const bar = progressBar(io.progress, listed.files.length, 'files');
  const inFlight = new Set<Promise<unknown>>();
  try {
    for (const file of listed.files) {
      const slot = await prepare(file);
      slots.push(slot);
      if ('early' in slot) {
        bar.tick();
        continue;
      }
      const tracked = slot.outcome.finally(() => {
        inFlight.delete(tracked);
        bar.tick();
      });
      inFlight.add(tracked);
      if (inFlight.size >= 2 * scorer.threads) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    bar.done();
    await scorer.close();
  }

  const runs: RunScore[] = [];
  const byStart = new Map<number, string>();
  for (const slot of slots) {
    if ('early' in slot) {
      note(slot.file, slot.early);
      continue;
    }
    const outcome = await slot.outcome;
    if (!slot.fresh) counts.fromCache++;
    // An internal error is our bug, not the file's: it is tried again next time.
    else if (!(outcome.kind === 'skipped' && outcome.reason === 'internal-error')) await cache.put(slot.sha256, outcome);
    if (outcome.kind === 'skipped') {
      if (outcome.reason === 'not-a-run') counts.notRuns++;
      else if (outcome.reason === 'no-data') counts.noData++;
      else counts.unreadable++;
      note(slot.file, `skipped: ${outcome.message}`);
      continue;
    }
    const sameRun = byStart.get(outcome.startMs);
    if (sameRun !== undefined) {
      counts.duplicates++;
      note(slot.file, `skipped: the same run as ${sameRun} (same start time)`);
      continue;
    }
    byStart.set(outcome.startMs, slot.file);
    if (outcome.damage !== undefined) note(slot.file, `warning: ${outcome.damage}`);
    counts.runs++;
    runs.push(outcome.score);
  }
  folded.end();
  const indexProblem = await index.save();
  if (indexProblem !== undefined) io.warn(`paceguard: ${indexProblem}`);
  if (cache.damageNote !== undefined) io.warn(`paceguard: ${cache.damageNote}`);
  if (cache.failure !== undefined) io.warn(`paceguard: ${cache.failure}`);
  else {
    const pruneProblem = await cache.prune();
    if (pruneProblem !== undefined) io.warn(`paceguard: ${pruneProblem}`);
  }
  const ignored = ignoredLine(counts);
  if (runs.length === 0) {
    throw new UsageError(`tune: no usable runs (${fileLine(counts)}${ignored === undefined ? '' : `; ${ignored}`}); nothing written`);
  }

  const rows = settingRows(runs, candidates);
  const recommendation = recommend(rows);
  const evidence: Evidence = { runs: runs.length, movingMs: runs.reduce((sum, r) => sum + r.movingMs, 0) };
  const lines = tuneReport(base.config, countRuns(runs), `${fileLine(counts)}${ignored === undefined ? '' : `; ${ignored}`}`, rows, recommendation, evidence);
  // As calibrate says it, under the file counts; the table is the same either way.
  if (counts.fromCache > 0) lines.splice(2, 0, `  ${counts.fromCache} of ${counts.files} read from the cache`);
  for (const line of lines) io.out(line);
  const thin = tooFewWarning(evidence);
  if (thin !== undefined) io.warn(`paceguard: warning: ${thin}`);

  const done = { rows, recommendation, runs, counts, lines, threads: scorer.threads, fromCache: counts.fromCache, read };
  if (!options.apply) return done;
  const chosen = (rows[recommendation.index] as SettingRow).candidate;
  const encoded = z.encode(Profile, profileWith(profile, chosen));
  const checked = Profile.safeParse(encoded);
  // Every grid value is inside the schema's bounds: a refusal here is our bug.
  if (!checked.success) throw new Error(`the tuned profile does not validate: ${describeIssue(checked.error)}`);
  // The file being replaced is kept beside it first (written atomically too), so the runner can go back.
  const backup = await keepPrevious(target);
  try {
    await writeFileAtomic(target, `${JSON.stringify(encoded, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`${target}: cannot write the profile (${writeProblem(error)}); nothing written`);
  }
  const changes = profileChanges(z.encode(Profile, profile), encoded);
  io.out('');
  if (changes.length === 0) io.out('No field changed: the profile already holds the recommended setting.');
  else {
    io.out(`Changed${target === profilePath ? '' : ` from ${profilePath}`}:`);
    for (const change of changes) io.out(`  ${change}`);
  }
  if (backup !== undefined) io.out(`Previous profile kept in ${backup}`);
  io.out(`Profile written to ${target}`);
  return { ...done, written: target };
}

/** Copies the file about to be replaced to FILE.bak (atomically); undefined when there is none yet. */
async function keepPrevious(target: string): Promise<string | undefined> {
  const previous = await readRegularFile(target);
  if (!previous.ok) {
    if (previous.missing) return undefined;
    throw new UsageError(`${target}: cannot read the profile to keep a copy (${previous.why}); nothing written`);
  }
  const backup = `${target}.bak`;
  try {
    await writeFileAtomic(backup, previous.bytes);
  } catch (error) {
    throw new UsageError(`${backup}: cannot keep the previous profile there (${writeProblem(error)}); nothing written`);
  }
  return backup;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
