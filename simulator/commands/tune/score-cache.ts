/**
 * `tune`'s per-file scores, cached: a file's outcome under a plan (the
 * profile's config and the grid's candidates) depends on its bytes, the plan
 * and the code that scored it, and on nothing else. So an entry is named by
 * the file's SHA-256 in a folder named by the other two:
 *
 * ```
 * CACHE_DIR/tune-v1/<plan and code hash, 16 hex>/ab/ab34…ef.json   { "kind": "run", "startMs": …, "score": … }
 * ```
 *
 * A new profile setting, a new grid or a new build of paceguard is a new
 * folder: nothing scored by other rules is ever read. The code is known by
 * the hash of the running bundle (dist/paceguard.js, which workers run too;
 * from TypeScript sources, this module's own file). The mechanism (atomic
 * entries, bounds, damaged entries rebuilt) is simulator/io/cache/entry-cache.ts;
 * the bounds are what a run can hold (src/fit/limits.ts). Numbers survive
 * JSON exactly, so a warm table is the cold one.
 *
 * Each --apply, profile edit or new build starts a new folder, so the
 * folders are bounded: after a run, only the PLANS_KEPT most recently used
 * stay (a runner switching between a few profiles keeps each warm).
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS, RUN_SPAN_MAX_MS, SAMPLES_PER_SECOND_MAX } from '../../../src/fit/limits.ts';
import type { ActivityOutcome, TunePlan } from '../../../src/tune/activity.ts';
import { openEntryCache, sha256Hex, type EntryCache } from '../../io/cache/entry-cache.ts';

/** Bumped when an entry's shape changes. */
export const TUNE_CACHE_VERSION = 1;
/** Hex digits of the plan-and-code hash that name an entry's folder: 64 bits, no collision among a runner's plans. */
const PLAN_HASH_HEX = 16;
/** Plan folders kept (the one in use and the most recently used others); about 0.5 MB each for a year of running. */
export const PLANS_KEPT = 4;

const within = (min: number, max: number): z.ZodNumber => z.number().min(min).max(max);
const TimeMs = within(0, RUN_SPAN_MAX_MS);
/** At most one slow-down per input. */
const ALERTS_MAX = (RUN_SPAN_MAX_MS / 1000) * SAMPLES_PER_SECOND_MAX;
/** One line of plain text (the command prints it as one), of a sane length. */
const Message = z.string().max(1000).regex(/^[^\u0000-\u001f\u007f]*$/);

/** The cached outcome of a plan with `candidates` settings: an edge (a file), checked before it is believed. */
function outcomeSchema(candidates: number): z.ZodType<ActivityOutcome> {
  const Figures = z.strictObject({ alerts: z.number().int().min(0).max(ALERTS_MAX), caughtMs: TimeMs, overMs: TimeMs });
  const Score = z.strictObject({
    runClass: z.enum(['easy', 'not-easy', 'between']),
    movingMs: TimeMs,
    referenceOverMs: TimeMs,
    figures: z.array(Figures).length(candidates),
  });
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('run'), startMs: within(PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS), damage: Message.exactOptional(), score: Score }),
    z.strictObject({ kind: z.literal('skipped'), reason: z.enum(['unreadable', 'not-a-run', 'no-data', 'internal-error']), message: Message }),
  ]);
}

let codeHash: string | undefined;
/** The running code's hash: the bundle's (or, from sources, this file's); read once. */
export function codeVersion(): string {
  codeHash ??= sha256Hex(readFileSync(fileURLToPath(import.meta.url)));
  return codeHash;
}

/** Names the scores of one plan by one build: equal plans give equal hashes (configs are built in one order). */
export function planHash(plan: TunePlan, code: string = codeVersion()): string {
  return sha256Hex(new TextEncoder().encode(JSON.stringify({ code, base: plan.base, candidates: plan.candidates }))).slice(0, PLAN_HASH_HEX);
}

export interface ScoreCache extends EntryCache<ActivityOutcome> {
  /** Marks this plan's folder used now and removes all but the PLANS_KEPT most recently used; a failure is text, never thrown. */
  prune(): Promise<string | undefined>;
}

/** The scores of `plan` cached under `dir` (undefined: no cache), keyed by each file's SHA-256. */
export function openScoreCache(dir: string | undefined, plan: TunePlan, code?: string): ScoreCache {
  const plans = dir === undefined ? undefined : path.join(dir, `tune-v${TUNE_CACHE_VERSION}`);
  const root = plans === undefined ? undefined : path.join(plans, planHash(plan, code));
  const entries = openEntryCache(root, outcomeSchema(plan.candidates.length));
  return Object.assign(entries, {
    async prune(): Promise<string | undefined> {
      if (plans === undefined || root === undefined) return undefined;
      try {
        await mkdir(root, { recursive: true });
        const now = new Date();
        await utimes(root, now, now);
        const names = (await readdir(plans)).filter((name) => new RegExp(`^[0-9a-f]{${PLAN_HASH_HEX}}$`).test(name));
        const used = await Promise.all(names.map(async (name) => ({ name, atMs: (await stat(path.join(plans, name))).mtimeMs })));
        used.sort((a, b) => b.atMs - a.atMs || a.name.localeCompare(b.name));
        for (const { name } of used.slice(PLANS_KEPT)) await rm(path.join(plans, name), { recursive: true, force: true });
        return undefined;
      } catch (error) {
        return `${plans}: cannot tidy the cache (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): continuing`;
      }
    },
  });
}
