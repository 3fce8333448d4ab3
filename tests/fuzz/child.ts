/**
 * The real bundled command as a child process, measured: wall time, exit
 * status and its peak memory (resident set, as the kernel counts it), read by
 * GNU time (`/usr/bin/time -f %M`, Debian's `time` package; .ci/run installs
 * it). Without GNU time the memory is not measured, and the test says so.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TEST_BIN } from '../global-setup.ts';

export const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);

export interface ChildRun {
  /** Exit status; null when a signal ended it (the timeout's SIGKILL included). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak resident set in KB; undefined without GNU time. */
  readonly peakKb: number | undefined;
  readonly timedOut: boolean;
}

/**
 * Runs `paceguard ARGS` in `cwd`, killed after `timeoutMs`. Output beyond a
 * few hundred KB is not kept (a runaway printer must not fill the test's memory).
 */
export function runCommand(args: readonly string[], cwd: string, timeoutMs: number): Promise<ChildRun> {
  const bin = path.resolve(TEST_BIN);
  const timeFile = path.join(cwd, '.peak-kb');
  const [command, commandArgs] = HAS_GNU_TIME
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  const started = performance.now();
  return new Promise((resolve) => {
    // Its own process group, so that a timeout kills GNU time and the command under it alike.
    const child = spawn(command, commandArgs, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    const keep = (text: string, chunk: Buffer): string => (text.length > 200_000 ? text : text + chunk.toString('utf8'));
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let peakKb: number | undefined;
      if (HAS_GNU_TIME) {
        const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
        // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
        const figure = Number(lines.at(-1));
        peakKb = Number.isFinite(figure) ? figure : undefined;
        rmSync(timeFile, { force: true });
      }
      // GNU time reports the command's status as its own (and 128+N for a signal).
      const bySignal = status !== null && status > 128 && HAS_GNU_TIME ? status : undefined;
      resolve({ status: bySignal === undefined ? status : null, signal, stdout, stderr, wallMs, peakKb, timedOut });
    });
  });
}

/** Runs `jobs` with at most `concurrency` at a time, in order of start. */
export async function pool<T>(jobs: ReadonlyArray<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}
