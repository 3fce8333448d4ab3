/**
 * Every kind of input the command reads, as one table row each: valid inputs
 * made by the project itself (the SDK's Encoder, tests/track/make-track.ts,
 * the watch's own log writer, the shipped examples' shapes), hostile inputs
 * that once broke it (issue #18's fuzzer findings, kept as regressions), how
 * to mutate its bytes, and the command that reads it, with the files that
 * command writes. A new kind (a gzipped or zipped recording, say) is one more
 * row in {@link INPUT_KINDS}: fuzz.test.ts runs whatever the table holds.
 */
import { gzipSync, gunzipSync, unzipSync, zipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSessionLog } from '../../src/watch-format/session-log.ts';
import { watchProfileFromJson } from '../../device/zepp/tools/profile.ts';
import { checkWatchProfile, watchProfileOf } from '../../src/watch-format/watch-profile.ts';
import { sha256Hex } from '../../simulator/commands/calibrate/cache.ts';
import { EXTRACT_VERSION, extractActivity } from '../../src/calibrate/extract.ts';
import { decodeActivity } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { fitSeconds, makeRun, MESG, RUN_START_MS, writeFit as writeMessages } from '../fit/make-run.ts';
import { tcxActivity, toGpx, toTcx } from '../track/make-track.ts';
import { BINARY_MUTATIONS, fixFitCrcs, mutate, TEXT_MUTATIONS, type Mutated } from './mutate.ts';
import { mulberry32, type Random } from '../../src/random/mulberry32.ts';
import { UNPACKED_LIMIT_BYTES } from '../../src/unpack/unpack.ts';
import { gzipBomb } from '../support/bytes.ts';

/** One file the command writes, and how to tell it is whole. */
export interface Output {
  readonly file: string;
  /** The file as the command wrote it is complete (not cut short). */
  readonly complete: (bytes: Uint8Array) => boolean;
}

export interface Command {
  readonly args: readonly string[];
  readonly outputs: readonly Output[];
  /** Checks after the run, beyond the common ones; a returned string is the failure. */
  readonly check?: (status: number) => string | undefined;
}

export interface InputKind {
  readonly name: string;
  /** Valid inputs to mutate. */
  readonly seeds: () => readonly Uint8Array[];
  /** Inputs that once broke the command: each runs once, unmutated, before the random cases. */
  readonly hostile: () => ReadonlyArray<{ readonly label: string; readonly bytes: Uint8Array }>;
  readonly mutate: (bytes: Uint8Array, random: Random) => Mutated;
  /** Writes what the command needs into `dir` (the input as `file`) and says how to run it. */
  readonly command: (dir: string, input: Uint8Array) => { readonly file: string; readonly command: Command };
  /** Exit status 2 is a refusal the runner may see; false for inputs the command must always get past (its own cache). */
  readonly mayRefuse: boolean;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const asText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A short run: 4 min, a 90 s pause, 3 min (every channel). */
const shortRun = (): GuardInput[] => makeRun({ samplesBefore: 240, samplesAfter: 180 });
/** The same run every 5 s, as smart recording logs it. */
const smartRun = (): GuardInput[] => makeRun({ samplesBefore: 60, samplesAfter: 50, everySec: 5 });

/** Replays FILE with a ceiling given by flags; with `report`, an HTML report too. */
function replayCommand(dir: string, name: string, input: Uint8Array, report: boolean): { file: string; command: Command } {
  const file = path.join(dir, name);
  writeFileSync(file, input);
  const html = path.join(dir, 'report.html');
  return {
    file,
    command: {
      args: ['replay', file, '--easy-pace', '6:00', '--hr-ceiling', '150', ...(report ? ['--report', html] : [])],
      outputs: report ? [{ file: html, complete: (bytes) => asText(bytes.subarray(-200)).trimEnd().endsWith('</html>') }] : [],
    },
  };
}

const fitMutate = (bytes: Uint8Array, random: Random): Mutated => {
  const mutated = mutate(bytes, random, BINARY_MUTATIONS);
  // Half the cases reach the decoder as intact files (the lean path), half as damaged ones (the SDK's).
  if (random() < 0.5) return { bytes: fixFitCrcs(mutated.bytes), steps: [...mutated.steps, 'crc-fixed'] };
  return mutated;
};

/**
 * Records mostly a second apart, one in ten jumping up to two years ahead,
 * and timer events at random 32-bit times: the shape of the fuzzer's 17 KB
 * file that claimed a 47-year timer.
 */
function scrambledTimes(records: number): Uint8Array {
  const random = mulberry32(5);
  const start = fitSeconds(RUN_START_MS);
  const messages: Array<Parameters<typeof writeMessages>[0][number]> = [{ mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin', timeCreated: start }];
  let timestamp = start;
  for (let i = 0; i < records; i++) {
    timestamp += random() < 0.1 ? Math.floor(random() * 2 ** 26) : 1;
    if (random() < 0.05) {
      messages.push({ mesgNum: MESG.event, timestamp: Math.floor(random() * 2 ** 32), event: 'timer', eventType: random() < 0.5 ? 'start' : 'stopAll' });
    }
    messages.push({ mesgNum: MESG.record, timestamp, heartRate: 130, speed: 2.9, distance: i * 2.9 });
  }
  return writeMessages(messages);
}

/** A FIT run whose timestamps are scrambled by `scramble`, CRCs valid. */
function scrambledFit(scramble: (i: number, atMs: number) => number): Uint8Array {
  return encodeActivity({ inputs: shortRun().map((input, i) => ({ ...input, atMs: scramble(i, input.atMs) })) });
}

// -- session logs

function watchConfig() {
  const profile = watchProfileFromJson({ easyPace: '6:00', hrCeilingBpm: 150 });
  if (!profile.ok) throw new Error(profile.error);
  const checked = checkWatchProfile(profile.profile);
  if (!checked.ok) throw new Error(checked.error);
  return checked.config;
}

function sessionLog(inputs: readonly GuardInput[]): string {
  let out = '';
  const log = createSessionLog((chunk) => (out += chunk));
  log.start(watchProfileOf(watchConfig()));
  for (const input of inputs) log.input(input);
  log.flush();
  return out;
}

// -- scenarios and profiles

const SCENARIO = {
  description: 'fuzz seed: short, with a stop, hills and sensor faults',
  seed: 7,
  runner: { easyPace: '5:30' },
  ceilings: { pace: '6:00', hrBpm: 140 },
  segments: [
    { kind: 'run', duration: '2:00', pace: '6:20' },
    { kind: 'stop', duration: 30, timer: 'auto-pause' },
    { kind: 'repeat', times: 2, segments: [{ kind: 'run', duration: 60, pace: '5:40', gradePct: 4 }, { kind: 'stop', duration: 20 }] },
  ],
  noise: { gps: 'city', tunnels: [{ at: 30, duration: 20 }], hrDropouts: [{ at: 100, duration: 15 }] },
};

const PROFILE = { easyPace: '5:30', hrCeilingBpm: 140, maxDurationMin: 40 };

// -- the calibration cache

/** The cache entry calibrate keeps for a file (simulator/commands/calibrate/cache.ts), as text. */
function cacheEntryText(fit: Uint8Array): string {
  return `${JSON.stringify(extractActivity(fit))}\n`;
}

/** A run long enough for calibration's stretches (30 min, every 5 s). */
let calibrationFitMemo: Uint8Array | undefined;
function calibrationFit(): Uint8Array {
  calibrationFitMemo ??= encodeActivity({ inputs: makeRun({ samplesBefore: 200, samplesAfter: 200, everySec: 5, pauseSec: 60 }) });
  return calibrationFitMemo;
}

const MAX_DOUBLE_ENTRY = (sign: number): Uint8Array => {
  const entry = JSON.parse(cacheEntryText(calibrationFit())) as { facts: { startMs: number } };
  entry.facts.startMs = sign * 1e308;
  return text(JSON.stringify(entry));
};

/** Packings of a recording, as runners' exports come: Strava's `.gz`, Garmin Connect's one-run `.zip`. */
const PACKINGS = {
  gz: { pack: (bytes: Uint8Array): Uint8Array => gzipSync(bytes), unpack: (bytes: Uint8Array): Uint8Array => gunzipSync(bytes) },
  zip: {
    pack: (bytes: Uint8Array, inner = 'run'): Uint8Array => zipSync({ [`12345678901_ACTIVITY.${inner}`]: bytes }),
    unpack: (bytes: Uint8Array): Uint8Array => Object.values(unzipSync(bytes))[0] ?? new Uint8Array(0),
  },
} as const;

/**
 * A recording kind, packed: the same seeds gzipped or zipped; half the cases
 * mutate the packed bytes (a damaged download), half the recording inside
 * before packing it (a damaged file, well packed).
 */
function packed(plain: InputKind, packing: keyof typeof PACKINGS, inner: string): InputKind {
  const { pack, unpack } = PACKINGS[packing];
  const packOne = (bytes: Uint8Array): Uint8Array => (packing === 'zip' ? PACKINGS.zip.pack(bytes, inner) : pack(bytes));
  return {
    name: `${plain.name}.${packing}`,
    mayRefuse: true,
    seeds: () => plain.seeds().map(packOne),
    hostile: () => [
      // Inflated to 3 GB, it took 9 GB of memory and ended "internal error: data is too long".
      { label: 'a bomb past the inflate limit', bytes: packing === 'gz' ? gzipBomb(UNPACKED_LIMIT_BYTES + 8 * 1024 * 1024, text('<?xml version="1.0"?>'), 0x20) : packOne(new Uint8Array(UNPACKED_LIMIT_BYTES + 1)) },
      { label: 'packed twice', bytes: packOne(packOne(plain.seeds()[0] ?? new Uint8Array(0))) },
    ],
    mutate: (bytes, random) => {
      if (random() < 0.5) return mutate(bytes, random, BINARY_MUTATIONS);
      const inside = plain.mutate(unpack(bytes), random);
      return { bytes: packOne(inside.bytes), steps: [...inside.steps, `re-${packing}`] };
    },
    command: (dir, input) => replayCommand(dir, `run.${inner}.${packing}`, input, false),
  };
}

const PLAIN_KINDS: readonly InputKind[] = [
  {
    name: 'fit',
    mayRefuse: true,
    seeds: () => [encodeActivity({ inputs: shortRun() }), encodeActivity({ inputs: smartRun() })],
    hostile: () => [
      // Decades in 17 KB: time jumps of up to two years and scrambled timer events, CRC valid (took 19 s and 2.7 GB).
      { label: 'scrambled timestamps', bytes: scrambledTimes(1400) },
      { label: 'a 40-year jump', bytes: scrambledFit((i, atMs) => (i < 200 ? atMs : atMs + 40 * 365 * 86_400_000)) },
      { label: 'every record at one instant', bytes: scrambledFit(() => RUN_START_MS) },
      {
        // The SDK (21.217) throws a TypeError inside read() for this record.
        label: 'the SDK throws',
        bytes: writeMessages([
          { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
          { mesgNum: MESG.record, timestamp: fitSeconds(RUN_START_MS) + 500, compressedSpeedDistance: [44, 1, 0], distance: 10 },
        ]),
      },
    ],
    mutate: fitMutate,
    command: (dir, input) => replayCommand(dir, 'run.fit', input, true),
  },
  {
    name: 'gpx',
    mayRefuse: true,
    seeds: () => [text(toGpx(shortRun())), text(toGpx(smartRun()))],
    hostile: () => [
      { label: 'year 9999', bytes: text(toGpx(shortRun()).replace(/<time>2024/, '<time>9999')) },
      { label: 'every point at one instant', bytes: text(toGpx(shortRun().map((input) => ({ ...input, atMs: RUN_START_MS })))) },
    ],
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => replayCommand(dir, 'run.gpx', input, false),
  },
  {
    name: 'tcx',
    mayRefuse: true,
    seeds: () => [text(toTcx(tcxActivity(shortRun()))), text(toTcx([tcxActivity(smartRun()), tcxActivity(shortRun())]))],
    hostile: () => [{ label: 'year 0001', bytes: text(toTcx(tcxActivity(shortRun())).replace(/<Time>2024/g, '<Time>0001')) }],
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => replayCommand(dir, 'run.tcx', input, false),
  },
  {
    name: 'session-log',
    mayRefuse: true,
    seeds: () => [text(sessionLog(shortRun()))],
    hostile: () => {
      const log = sessionLog(shortRun());
      const [head = '', ...rest] = log.split(/(?<=\nt\d+\n)/);
      return [
        // One input 8.64e15 ms after the last (hung).
        { label: 'a jump to the end of time', bytes: text(log.replace(/\ns1000,/, '\ns8640000000000000,')) },
        // A million samples at one instant (hung).
        { label: 'a million samples at one instant', bytes: text(head + 's0,140,2.9\n'.repeat(1_000_000) + rest.join('')) },
      ];
    },
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => replayCommand(dir, 'session.log', input, false),
  },
  {
    name: 'profile',
    mayRefuse: true,
    seeds: () => [text(`${JSON.stringify(PROFILE, null, 2)}\n`)],
    hostile: () => [{ label: 'an absurd ceiling', bytes: text(JSON.stringify({ ...PROFILE, hrCeilingBpm: 1e308 })) }],
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => {
      const file = path.join(dir, 'profile.json');
      writeFileSync(file, input);
      const run = path.join(dir, 'run.fit');
      writeFileSync(run, encodeActivity({ inputs: smartRun() }));
      return { file, command: { args: ['replay', run, '--profile', file], outputs: [] } };
    },
  },
  {
    name: 'scenario',
    mayRefuse: true,
    seeds: () => [text(`${JSON.stringify(SCENARIO, null, 2)}\n`)],
    hostile: () => [
      // Ended "internal error: … needs at least one sample", exit 1.
      {
        label: 'auto-paused stops alone',
        bytes: text(JSON.stringify({ runner: SCENARIO.runner, ceilings: SCENARIO.ceilings, segments: [{ kind: 'stop', duration: 60, timer: 'auto-pause' }] })),
      },
    ],
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => {
      const file = path.join(dir, 'scenario.json');
      writeFileSync(file, input);
      const out = path.join(dir, 'out.fit');
      return {
        file,
        command: {
          args: ['simulate', file, '--out', out],
          outputs: [{ file: out, complete: (bytes) => isWholeFit(bytes) }],
        },
      };
    },
  },
  {
    name: 'cache',
    // The cache is the command's own: a damaged entry is dropped and rebuilt, never a refusal.
    mayRefuse: false,
    seeds: () => [text(cacheEntryText(calibrationFit()))],
    hostile: () => {
      const entry = JSON.parse(cacheEntryText(calibrationFit())) as { kind: string; stretches: unknown[] };
      const stretch = entry.stretches[0] ?? { atTimerMs: 0, durationMs: 180_000, gapSpeedMps: 2.9, gapSeMps: 0.05, hrBpm: 135 };
      return [
        // Ended "internal error: Invalid time value".
        { label: 'startMs 1e308', bytes: MAX_DOUBLE_ENTRY(1) },
        { label: 'startMs -1e308', bytes: MAX_DOUBLE_ENTRY(-1) },
        // Hung calibrate.
        { label: '100 k stretches', bytes: text(JSON.stringify({ ...entry, stretches: Array.from({ length: 100_000 }, () => stretch) })) },
        // Made multi-line errors.
        { label: 'a message with newlines', bytes: text(JSON.stringify({ kind: 'skipped', reason: 'unreadable', message: 'one\ntwo\nthree\nfour' })) },
      ];
    },
    mutate: (bytes, random) => mutate(bytes, random, TEXT_MUTATIONS),
    command: (dir, input) => {
      const runs = path.join(dir, 'runs');
      mkdirSync(runs, { recursive: true });
      const fit = calibrationFit();
      writeFileSync(path.join(runs, 'run.fit'), fit);
      const sha = sha256Hex(fit);
      const entryDir = path.join(dir, 'cache', `extracts-v${EXTRACT_VERSION}`, sha.slice(0, 2));
      mkdirSync(entryDir, { recursive: true });
      const file = path.join(entryDir, `${sha}.json`);
      writeFileSync(file, input);
      const profile = path.join(dir, 'profile.json');
      const rebuilt = cacheEntryText(fit);
      return {
        file,
        command: {
          args: ['calibrate', runs, '--cache', path.join(dir, 'cache'), '--out', profile, '--workers', '1'],
          outputs: [{ file: profile, complete: (bytes) => isJson(bytes) }],
          // The entry was used as it was (it passed the checks) or rebuilt from the file.
          check: () => {
            const now = readText(file);
            return now === asText(input) || now === rebuilt ? undefined : 'the cache entry is neither the one given nor the rebuilt one';
          },
        },
      };
    },
  },
];

const plainKind = (name: string): InputKind => {
  const kind = PLAIN_KINDS.find((k) => k.name === name);
  if (kind === undefined) throw new Error(`no input kind ${name}`);
  return kind;
};

export const INPUT_KINDS: readonly InputKind[] = [
  ...PLAIN_KINDS,
  packed(plainKind('fit'), 'gz', 'fit'),
  packed(plainKind('gpx'), 'gz', 'gpx'),
  packed(plainKind('tcx'), 'gz', 'tcx'),
  packed(plainKind('fit'), 'zip', 'fit'),
];

function isWholeFit(bytes: Uint8Array): boolean {
  const decoded = decodeActivity(bytes);
  return decoded.ok && !decoded.warnings.some((warning) => /truncated|CRC|damaged|SDK/.test(warning));
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(asText(bytes));
    return true;
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
