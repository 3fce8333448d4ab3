/**
 * `kill -9` during every kind of write the command makes: simulate --out,
 * replay --report, calibrate's profile and cache entries, tune --apply. Each
 * writer runs once to the end (what "the new content" is and how long it
 * takes), then again and again, killed at seeded moments spread over that
 * time, most of them near its end where the writes are. Whatever the moment,
 * a target is absent or as it was, or whole new content, never part of
 * either; a temporary file left by the kill is hidden (a dot file named after
 * its target, as simulator/io/atomic.ts makes them), never where a
 * runner looks. Which moment lands where depends on the machine's speed; what
 * is checked does not.
 *
 * PACEGUARD_KILL_CASES sets the kills per writer (default 4).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { encodeActivity } from '../../src/fit/encode.ts';
import { decodeActivity } from '../../src/fit/decode.ts';
import { mulberry32 } from '../../src/random/mulberry32.ts';
import { makeRun, RUN_START_MS } from '../fit/make-run.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';

const KILLS = Number(process.env['PACEGUARD_KILL_CASES'] ?? 4);
const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A temporary file of an atomic write: hidden, named after its target. */
const HIDDEN_TEMP = /^\..+\.tmp$/;
const OLD = 'old content, written before the command ran\n';
/** An old profile: calibrate and tune read the profile they replace (and refuse one they could not keep). */
const OLD_PROFILE = `${JSON.stringify({ easyPace: '5:30', hrCeilingBpm: 140 }, null, 2)}\n`;

interface Writer {
  readonly name: string;
  /** Fills `dir` with inputs and old targets; returns the arguments and the targets (relative to dir). */
  readonly setup: (dir: string) => { readonly args: readonly string[]; readonly targets: readonly string[] };
  /** A target's bytes are whole new content. */
  readonly whole: (target: string, bytes: Uint8Array) => boolean;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const isJson = (bytes: Uint8Array): boolean => {
  try {
    JSON.parse(text(bytes));
    return true;
  } catch {
    return false;
  }
};
const DAY_MS = 86_400_000;
/** Easy runs on different days, every 5 s, long enough for calibration's stretches. */
const runFit = (day: number): Uint8Array =>
  encodeActivity({ inputs: makeRun({ startMs: RUN_START_MS + day * DAY_MS, samplesBefore: 200, samplesAfter: 200, everySec: 5, pauseSec: 60 }) });

function writeRuns(dir: string, count: number): string {
  const runs = path.join(dir, 'runs');
  mkdirSync(runs, { recursive: true });
  for (let day = 0; day < count; day++) writeFileSync(path.join(runs, `run-${day}.fit`), runFit(day));
  return runs;
}

const SCENARIO = {
  runner: { easyPace: '5:30' },
  ceilings: { pace: '6:00', hrBpm: 140 },
  segments: [{ kind: 'run', duration: '20:00', pace: '6:10' }],
};

const WRITERS: readonly Writer[] = [
  {
    name: 'simulate --out',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(SCENARIO));
      writeFileSync(path.join(dir, 'out.fit'), OLD);
      return { args: ['simulate', 'scenario.json', '--out', 'out.fit'], targets: ['out.fit'] };
    },
    whole: (_, bytes) => {
      const decoded = decodeActivity(bytes);
      return decoded.ok && !decoded.warnings.some((warning) => /truncated|CRC|damaged/.test(warning));
    },
  },
  {
    name: 'replay --report',
    setup: (dir) => {
      writeFileSync(path.join(dir, 'run.fit'), runFit(0));
      writeFileSync(path.join(dir, 'report.html'), OLD);
      return { args: ['replay', 'run.fit', '--easy-pace', '6:00', '--report', 'report.html'], targets: ['report.html'] };
    },
    whole: (_, bytes) => text(bytes).trimEnd().endsWith('</html>'),
  },
  {
    name: 'calibrate: profile and cache',
    setup: (dir) => {
      writeRuns(dir, 4);
      writeFileSync(path.join(dir, 'profile.json'), OLD_PROFILE);
      return { args: ['calibrate', 'runs', '--out', 'profile.json', '--cache', 'cache', '--workers', '1'], targets: ['profile.json', 'cache'] };
    },
    whole: (_, bytes) => isJson(bytes),
  },
  {
    name: 'tune --apply',
    setup: (dir) => {
      writeRuns(dir, 2);
      writeFileSync(path.join(dir, 'profile.json'), OLD_PROFILE);
      return { args: ['tune', 'runs', '--profile', 'profile.json', '--apply', '--workers', '1'], targets: ['profile.json', 'profile.json.bak'] };
    },
    whole: (_, bytes) => isJson(bytes),
  },
];

/** Runs the command in `dir`; kills its process group with SIGKILL after `killAfterMs` (never, when undefined). */
function run(dir: string, args: readonly string[], killAfterMs: number | undefined): Promise<{ status: number | null; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve(TEST_BIN), ...args], { cwd: dir, detached: true, stdio: 'ignore' });
    const timer =
      killAfterMs === undefined
        ? setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 60_000)
        : setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), killAfterMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, ms: performance.now() - started });
    });
  });
}

/** Every file under `target` (itself when it is a file), relative to `dir`. */
function filesUnder(dir: string, target: string): string[] {
  const full = path.join(dir, target);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  } catch {
    return [target];
  }
}

/** What is wrong with `dir` after a kill. */
function problemsAfterKill(writer: Writer, dir: string, targets: readonly string[], before: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const target of targets) {
    for (const file of filesUnder(dir, target)) {
      if (HIDDEN_TEMP.test(path.basename(file))) continue;
      const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
      if (text(bytes) === OLD || text(bytes) === OLD_PROFILE) continue;
      if (!writer.whole(file, bytes)) problems.push(`${file} is partial (${bytes.length} bytes)`);
    }
  }
  // Nothing new where a runner looks: the folder's visible entries are those it had, and the targets.
  for (const entry of readdirSync(dir)) {
    if (before.has(entry) || targets.includes(entry) || HIDDEN_TEMP.test(entry)) continue;
    problems.push(`a stray ${entry}`);
  }
  return problems;
}

describe('kill -9 during a write leaves the old content or the whole new one', () => {
  for (const writer of WRITERS) {
    test(
      writer.name,
      async () => {
        const random = mulberry32(WRITERS.indexOf(writer) + 1);
        const fullDir = path.join(root, `${writer.name.replace(/\W+/g, '-')}-full`);
        mkdirSync(fullDir, { recursive: true });
        const full = writer.setup(fullDir);
        const complete = await run(fullDir, full.args, undefined);
        expect(complete.status).toBe(0);
        for (const target of full.targets) {
          for (const file of filesUnder(fullDir, target)) expect(writer.whole(file, new Uint8Array(readFileSync(path.join(fullDir, file)))), file).toBe(true);
        }

        const problems: string[] = [];
        for (let k = 0; k < KILLS; k++) {
          // Most kills near the end, where the writes are; some anywhere.
          const share = k % 3 === 0 ? random() : 0.7 + 0.4 * random();
          const killAfterMs = Math.round(share * complete.ms);
          const dir = path.join(root, `${writer.name.replace(/\W+/g, '-')}-${k}`);
          mkdirSync(dir, { recursive: true });
          const { args, targets } = writer.setup(dir);
          const before = new Set(readdirSync(dir));
          await run(dir, args, killAfterMs);
          problems.push(...problemsAfterKill(writer, dir, targets, before).map((problem) => `killed at ${killAfterMs} ms: ${problem}`));
          // The next write of the same targets, run to its end, clears what the kill left.
          if (k === KILLS - 1) {
            // And one a crash left for sure, whatever this kill's moment did (no process has that id).
            for (const target of targets.filter((t) => !t.endsWith('.bak') && statSync(path.join(fullDir, t)).isFile())) writeFileSync(path.join(dir, path.dirname(target), `.${path.basename(target)}.4194305.0badf00d.tmp`), 'half');
            expect((await run(dir, args, undefined)).status).toBe(0);
            const left = targets.flatMap((target) => [target, path.dirname(target)]).flatMap((t) => filesUnder(dir, t)).filter((f) => HIDDEN_TEMP.test(path.basename(f)));
            problems.push(...[...new Set(left)].map((file) => `${file} left after a complete run`));
          }
        }
        expect(problems).toEqual([]);
      },
      120_000 + KILLS * 30_000,
    );
  }
});
