import { beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_BIN } from '../global-setup.ts';
import { stretchesToSamples } from '../support/runs.ts';
import { tempDir, writeFit } from '../support/fixtures.ts';

/**
 * `paceguard … | head -3`: the reader goes away; the command ends quietly with
 * status 0. The run below prints far more than a pipe holds (64 KiB), so the
 * command is still writing when the pipe closes: the EPIPE always happens.
 */
const dir = tempDir();
let longFit = '';
let profile = '';

beforeAll(() => {
  // Six hours a minute per km over the ceiling, a repeat every 10 s: about 2,000 lines.
  longFit = writeFit(dir, 'long.fit', stretchesToSamples([{ seconds: 6 * 3600, paceSecPerKm: 300, hrBpm: 150, cadenceSpm: 170 }]));
  profile = path.join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify({ paceCeiling: '6:00', tuning: { repeatMs: 10_000 } }));
});

/** Starts the command, reads `lines` lines of stdout, closes the pipe, and waits for the end. */
function readThenClose(args: readonly string[], lines: number): Promise<{ read: string[]; status: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TEST_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const read: string[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      if (read.length >= lines) return;
      read.push(line);
      if (read.length === lines) {
        reader.close();
        child.stdout.destroy();
      }
    });
    child.on('close', (status, signal) => resolve({ read, status, signal, stderr }));
  });
}

describe('a closed pipe ends the command quietly with status 0', () => {
  test.each([
    ['text', ['--format', 'text']],
    ['jsonl', ['--format', 'jsonl']],
  ])('replay --format %s | head -3', async (_name, format) => {
    const r = await readThenClose(['replay', longFit, '--profile', profile, ...format], 3);
    expect(r.read).toHaveLength(3);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  });

  // Short outputs may fit in the pipe before it closes; either way: status 0, nothing on stderr.
  test.each([['replay'], ['calibrate'], ['tune'], ['simulate']])('%s --help | head -1', async (command) => {
    const r = await readThenClose([command, '--help'], 1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
