/**
 * The watch's session log: what the guard saw (every input, exactly) and
 * what it said (every alert, with the watch-clock time it vibrated). Text,
 * one line each, appended to a file on the watch in small batches so that
 * memory stays flat however long the run; about 30 bytes a second.
 *
 *   paceguard-watch-log 1                    format and version
 *   c{"paceguardWatch":1,…}                  the watch profile it ran with
 *   t1718000000000                           the first input's time (epoch ms)
 *   s1000,142,2.915,1234.56,,,,172           a sample: ms since the previous input,
 *                                            then hr, speed, distance, lat, lon, altitude, cadence
 *   p0 / r61000                              pause / resume, ms since the previous input
 *   !slow-down,754000,754000,pace            an alert: kind, event time and vibration time
 *                                            (ms since t), then its cause or sensor
 *   xmessage                                 an exception caught at the watch's boundary
 *
 * Numbers are written as JavaScript writes them (shortest exact form), so
 * reading the log back gives the very inputs the guard saw: `paceguard
 * replay SESSION.log --profile P` says what the watch said (simulator/commands/watch-log).
 */
import type { GuardEvent } from '../guard/events.ts';
import type { GuardInput, Sample } from '../samples/sample.ts';
import { checkWatchProfile, type WatchProfile } from './watch-profile.ts';
import type { GuardConfig } from '../guard/config.ts';
import { isPlausibleTimeMs, PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS } from '../fit/limits.ts';

export const SESSION_LOG_MAGIC = 'paceguard-watch-log 1';

const SAMPLE_FIELDS = ['hrBpm', 'speedMps', 'distanceM', 'latDeg', 'lonDeg', 'altitudeM', 'cadenceSpm'] as const;

export interface SessionLogWriter {
  start(profile: WatchProfile): void;
  input(input: GuardInput): void;
  alert(event: GuardEvent, vibratedAtMs: number): void;
  /** Hands the buffered lines to the sink. */
  flush(): void;
}

/**
 * Lines are buffered and handed to `sink` every `batchLines` lines (and on
 * flush): a bounded buffer, whatever the run's length.
 */
export function createSessionLog(sink: (text: string) => void, batchLines = 64): SessionLogWriter {
  let lines: string[] = [];
  let originAtMs: number | undefined;
  let lastAtMs = 0;
  const push = (line: string): void => {
    lines.push(line);
    if (lines.length >= batchLines) flush();
  };
  const flush = (): void => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    sink(text);
  };
  return {
    start(profile) {
      push(SESSION_LOG_MAGIC);
      push(`c${JSON.stringify(profile)}`);
    },
    input(input) {
      if (originAtMs === undefined) {
        originAtMs = input.atMs;
        lastAtMs = input.atMs;
        push(`t${input.atMs}`);
      }
      const dtMs = input.atMs - lastAtMs;
      lastAtMs = input.atMs;
      if (input.kind === 'pause') push(`p${dtMs}`);
      else if (input.kind === 'resume') push(`r${dtMs}`);
      else if (input.kind === 'sample') push(`s${dtMs}${sampleFields(input)}`);
    },
    alert(event, vibratedAtMs) {
      const origin = originAtMs ?? event.atMs;
      const detail = event.kind === 'slow-down' ? event.cause : event.kind === 'signal-lost' ? event.sensor : '';
      push(`!${event.kind},${event.atMs - origin},${vibratedAtMs - origin}${detail === '' ? '' : `,${detail}`}`);
    },
    flush,
  };
}

function sampleFields(sample: Sample): string {
  let text = '';
  let pendingCommas = '';
  for (const field of SAMPLE_FIELDS) {
    const value = sample[field];
    pendingCommas += ',';
    if (value === undefined) continue;
    text += `${pendingCommas}${String(value)}`;
    pendingCommas = '';
  }
  return text;
}

export interface LoggedAlert {
  readonly kind: GuardEvent['kind'];
  readonly atMs: number;
  readonly vibratedAtMs: number;
  readonly detail?: string;
}

export type ParsedSessionLog =
  | {
      readonly ok: true;
      readonly config: GuardConfig;
      readonly profile: unknown;
      readonly inputs: GuardInput[];
      readonly alerts: LoggedAlert[];
      /** Exceptions the watch caught at its boundary (`x` lines): none in a healthy session. */
      readonly faults: string[];
    }
  | { readonly ok: false; readonly error: string };

/** A function, not a constant: the watch, which only writes logs, keeps none of this. */
const implausibleTime = (): string =>
  `the time is outside ${new Date(PLAUSIBLE_FROM_MS).getUTCFullYear()}–${new Date(PLAUSIBLE_UNTIL_MS).getUTCFullYear() - 1} (a damaged log)`;

export function isSessionLog(text: string): boolean {
  return text.startsWith(SESSION_LOG_MAGIC);
}

/** The log's text → its inputs and alerts, or the first bad line, named by number. */
export function parseSessionLog(text: string): ParsedSessionLog {
  const lines = text.split('\n');
  if (lines[0] !== SESSION_LOG_MAGIC) return { ok: false, error: `line 1: expected "${SESSION_LOG_MAGIC}"` };
  let profile: unknown;
  let config: GuardConfig | undefined;
  let atMs: number | undefined;
  const inputs: GuardInput[] = [];
  const alerts: LoggedAlert[] = [];
  const faults: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const tag = line[0];
    const body = line.slice(1);
    const where = `line ${i + 1}`;
    if (tag === 'c') {
      try {
        profile = JSON.parse(body);
      } catch {
        return { ok: false, error: `${where}: the profile is not valid JSON` };
      }
      const checked = checkWatchProfile(profile);
      if (!checked.ok) return { ok: false, error: `${where}: ${checked.error}` };
      config = checked.config;
    } else if (tag === 't') {
      atMs = Number(body);
      if (!Number.isFinite(atMs)) return { ok: false, error: `${where}: expected the start time in ms` };
      if (!isPlausibleTimeMs(atMs)) return { ok: false, error: `${where}: ${implausibleTime()}` };
    } else if (tag === 's' || tag === 'p' || tag === 'r') {
      if (atMs === undefined) return { ok: false, error: `${where}: an input before the start time` };
      const fields = body.split(',');
      const dtMs = Number(fields[0]);
      if (!Number.isFinite(dtMs) || dtMs < 0) return { ok: false, error: `${where}: expected ms since the previous input` };
      atMs += dtMs;
      // A damaged number can put the run in the year 275760: refused here, before any time arithmetic.
      if (!isPlausibleTimeMs(atMs)) return { ok: false, error: `${where}: ${implausibleTime()}` };
      if (tag === 'p') inputs.push({ kind: 'pause', atMs });
      else if (tag === 'r') inputs.push({ kind: 'resume', atMs });
      else {
        const sample: { -readonly [K in keyof Sample]: Sample[K] } = { kind: 'sample', atMs };
        for (let f = 0; f < SAMPLE_FIELDS.length; f++) {
          const raw = fields[f + 1];
          if (raw === undefined || raw === '') continue;
          const value = Number(raw);
          if (!Number.isFinite(value)) return { ok: false, error: `${where}: ${SAMPLE_FIELDS[f]} is not a number` };
          sample[SAMPLE_FIELDS[f] as (typeof SAMPLE_FIELDS)[number]] = value;
        }
        inputs.push(sample);
      }
    } else if (tag === 'x') {
      faults.push(body);
    } else if (tag === '!') {
      const [kind, at, vibrated, detail] = body.split(',');
      const origin = inputs[0]?.atMs ?? atMs ?? 0;
      if (kind === undefined || at === undefined || vibrated === undefined) return { ok: false, error: `${where}: expected kind, time and vibration time` };
      alerts.push({
        kind: kind as GuardEvent['kind'],
        atMs: origin + Number(at),
        vibratedAtMs: origin + Number(vibrated),
        ...(detail !== undefined ? { detail } : {}),
      });
    } else {
      return { ok: false, error: `${where}: unknown line` };
    }
  }
  if (config === undefined) return { ok: false, error: 'no profile line (c…)' };
  return { ok: true, config, profile, inputs, alerts, faults };
}
