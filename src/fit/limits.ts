/**
 * How much time and how many samples one run may hold, whatever the file
 * says. Every reader (FIT here, GPX and TCX in src/track, the watch's session
 * log in device/zepp) passes its samples, in time order, through one
 * {@link crowdGate} and one {@link runWindow}: work downstream (the guard's watchdog ticks through the
 * run's time, its windows hold the samples of a few minutes) is then bounded
 * by the input's size, never by its timestamps' values. docs/limits.md says
 * what a runner sees past each limit.
 *
 * ```
 * samples (non-decreasing atMs) ─► crowdGate ─► runWindow ─► the samples read
 *                                   │             └─ outside the RUN_SPAN_MAX_MS holding the most samples: left out
 *                                   └─ more than SAMPLES_PER_SECOND_MAX within one second: dropped
 * ```
 */
import { formatDuration, plural } from './format.ts';

/**
 * The longest time a run's samples may span, first to last. Long ultras take
 * up to ~50 h (UTMB's cut-off is 46.5 h, Spartathlon's 36 h), and a watch
 * that sets its clock mid-run can jump days (corpus: an Edge 1000 jumped 8.5
 * days; the jump is read as a pause). Two weeks covers both; a file spanning
 * more has damaged timestamps (the fuzzer's scrambled FIT spanned 47 years),
 * and the two weeks of it holding the most samples are read. The guard's
 * work grows with the span (its watchdog ticks through it, paused or not):
 * a 600-sample run with a 13.9-day gap replays in the time and memory of one
 * without it (85 MB), while decades of scrambled time took 19 s and 2.7 GB.
 */
export const RUN_SPAN_MAX_MS = 14 * 24 * 3_600_000;

/**
 * The most samples kept within any one second. Watches record at 1 Hz or
 * slower (two records in one second happen at a lap or a timer stop), phone
 * apps at up to a few Hz. Beyond this the extra samples carry no new
 * information for a guard that looks at seconds, and a million samples at one
 * instant would fill its windows without end: they are dropped, and said.
 */
export const SAMPLES_PER_SECOND_MAX = 5;

/**
 * Times a recording can plausibly carry (epoch ms): from the GPS epoch
 * (1980-01-06) to 2200-01-01. FIT timestamps cannot leave this range (32-bit
 * seconds from 1989 end in 2126); GPX and TCX times or a session log's
 * numbers can, and a time outside it is read as no time (GPX, TCX) or refused
 * (session log).
 */
export const PLAUSIBLE_FROM_MS = Date.UTC(1980, 0, 6);
export const PLAUSIBLE_UNTIL_MS = Date.UTC(2200, 0, 1);

export function isPlausibleTimeMs(atMs: number): boolean {
  return Number.isFinite(atMs) && atMs >= PLAUSIBLE_FROM_MS && atMs < PLAUSIBLE_UNTIL_MS;
}

/**
 * Drops samples crowded more than {@link SAMPLES_PER_SECOND_MAX} into one
 * second. Call `admit` in time order (non-decreasing `atMs`); a sample it
 * refuses must not be used. O(1) a sample.
 */
export interface CrowdGate {
  admit(atMs: number): boolean;
  /** Samples refused so far. */
  readonly crowded: number;
}

export function crowdGate(): CrowdGate {
  // The last SAMPLES_PER_SECOND_MAX kept times, as a ring.
  const recent: number[] = [];
  let next = 0;
  let crowded = 0;
  return {
    admit(atMs) {
      if (recent.length < SAMPLES_PER_SECOND_MAX) {
        recent.push(atMs);
        return true;
      }
      if (atMs - (recent[next] as number) < 1000) {
        crowded++;
        return false;
      }
      recent[next] = atMs;
      next = (next + 1) % SAMPLES_PER_SECOND_MAX;
      return true;
    },
    get crowded() {
      return crowded;
    },
  };
}

/** The part of a timeline that is read: samples [lo, hi). */
export interface RunWindow {
  readonly lo: number;
  readonly hi: number;
  /** First sample to last of the whole timeline. */
  readonly claimedSpanMs: number;
  /** Samples outside [lo, hi). */
  readonly leftOut: number;
}

/**
 * The {@link RUN_SPAN_MAX_MS} of a timeline (non-decreasing `atMs`) that
 * holds the most samples, starting at the timeline's first sample or at one
 * after a gap longer than the limit: a watch that set its clock days off
 * by weeks keeps the bulk of its run, and scrambled timestamps keep their
 * largest plausible stretch. Linear: the windows never overlap.
 */
export function runWindow(times: { readonly length: number; at(index: number): { readonly atMs: number } | undefined }): RunWindow {
  const n = times.length;
  const atMs = (i: number): number => times.at(i)?.atMs ?? NaN;
  if (n === 0) return { lo: 0, hi: 0, claimedSpanMs: 0, leftOut: 0 };
  const claimedSpanMs = atMs(n - 1) - atMs(0);
  if (claimedSpanMs <= RUN_SPAN_MAX_MS) return { lo: 0, hi: n, claimedSpanMs, leftOut: 0 };
  let best = { lo: 0, hi: 0 };
  let start = 0;
  while (start < n) {
    const endMs = atMs(start) + RUN_SPAN_MAX_MS;
    let end = start + 1;
    while (end < n && atMs(end) <= endMs) end++;
    if (end - start > best.hi - best.lo) best = { lo: start, hi: end };
    // The next window starts after the next gap longer than the limit (samples before it are left out).
    start = end;
    while (start < n && atMs(start) - atMs(start - 1) <= RUN_SPAN_MAX_MS) start++;
  }
  return { ...best, claimedSpanMs, leftOut: n - (best.hi - best.lo) };
}

const HOUR_MS = 3_600_000;
const YEAR_MS = 365.25 * 24 * HOUR_MS;

/** "72 h", "40 years": a span too long for a run, in the unit that reads. */
function spanText(ms: number): string {
  if (ms >= 2 * YEAR_MS) return `${Math.round(ms / YEAR_MS)} years`;
  if (ms >= 4 * 24 * HOUR_MS) return `${Math.round(ms / (24 * HOUR_MS))} days`;
  if (ms >= 2 * HOUR_MS) return `${Math.round(ms / HOUR_MS)} h`;
  return formatDuration(ms);
}

/** The warnings for what the limits left out, in a runner's words; `noun` is 'record', 'track point' or 'sample'. */
export function limitWarnings(crowd: CrowdGate, window: RunWindow, noun: string): string[] {
  const warnings: string[] = [];
  if (crowd.crowded > 0) {
    warnings.push(`dropped ${plural(crowd.crowded, noun)} crowded more than ${SAMPLES_PER_SECOND_MAX} into one second`);
  }
  if (window.leftOut > 0) {
    warnings.push(
      `its times span ${spanText(window.claimedSpanMs)}, more than the ${spanText(RUN_SPAN_MAX_MS)} a run can last ` +
        `(damaged timestamps?): using the ${spanText(RUN_SPAN_MAX_MS)} with the most ${noun}s, ${plural(window.leftOut, noun)} outside it left out`,
    );
  }
  return warnings;
}
