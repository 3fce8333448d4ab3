import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TEST_BIN } from '../global-setup.ts';
import { IN_CI } from '../support/chromium.ts';
import { tempDir } from '../support/fixtures.ts';

/**
 * The live view in a real pseudo-terminal: the bundled command runs inside a
 * detached 80x24 tmux session (a private server socket per test, killed
 * afterwards), and the test reads the screen with capture-pane, as a person
 * would look at it. Waits poll the screen with generous limits rather than
 * sleeping a fixed time, so a loaded machine makes them slower, not flaky.
 */
const TMUX = '/usr/bin/tmux';
const HAVE_TMUX = existsSync(TMUX);
// Locally a missing tmux skips these tests with a message; in CI (.ci/run installs it) it is a failure.
if (!HAVE_TMUX && !IN_CI) console.warn(`tests/live/tmux.test.ts: ${TMUX} not found; the pseudo-terminal tests are skipped`);

/** The shipped example at 50 times real time: 35 minutes in about 42 s. */
const EXAMPLE_RUN = [process.execPath, TEST_BIN, 'replay', 'examples/recovery-run.fit', '--profile', 'examples/runner.json', '--speed', '50'];
/**
 * A shipped scenario, simulated to FIT first: 35 minutes with a 4-minute drift
 * over its 6:00 /km ceiling (heart-rate ceiling 140), at 50 times real time.
 */
const SCENARIO = 'examples/scenarios/drifts-too-fast.json';
const scenarioRun = path.join(tempDir(), 'drifts-too-fast.fit');
const SCENARIO_RUN = [process.execPath, TEST_BIN, 'replay', scenarioRun, '--pace-ceiling', '6:00', '--hr-ceiling', '140', '--speed', '50'];

beforeAll(() => {
  if (HAVE_TMUX) execFileSync(process.execPath, [TEST_BIN, 'simulate', SCENARIO, '--out', scenarioRun], { encoding: 'utf8' });
});
/** Whole-run limit: 42 s on an idle machine; a loaded one may take much longer. */
const RUN_LIMIT_MS = 150_000;

let socket: string | undefined;

function tmux(...args: string[]): string {
  if (socket === undefined) throw new Error('no tmux server started');
  return execFileSync(TMUX, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 20_000 });
}

/**
 * Starts the command in an 80x24 pane. The shell traps SIGINT (a trap with a
 * command, so the command itself still gets Ctrl-C) and stays alive after it,
 * to print the exit status and keep the screen up for the last captures.
 */
function start(command: readonly string[]): void {
  socket = `paceguard-live-${process.pid}-${Date.now()}`;
  const script = `trap : INT; ${command.map(quote).join(' ')}; echo EXIT:$?; sleep 120`;
  tmux('new-session', '-d', '-s', 'live', '-x', '80', '-y', '24', '-c', process.cwd(), `sh -c ${quote(script)}`);
}

/** The visible screen, a line wrapped by the terminal joined back into one (-J), trailing blanks off. */
function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-t', 'live')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Polls the screen until `found` returns something, or fails after `limitMs` showing the last screen. */
async function waitFor<T>(what: string, found: (screen: string) => T | undefined, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last = '';
  for (;;) {
    last = screen();
    const value = found(last);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${limitMs / 1000} s for ${what}; the screen:\n${last}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The run clock of the live block, in seconds, when one is on screen. */
function clockSec(text: string): number | undefined {
  const match = /^ (\d+):(\d\d) of \d+:\d\d /m.exec(text);
  return match === null ? undefined : Number(match[1]) * 60 + Number(match[2]);
}

function exitStatus(text: string): number | undefined {
  const match = /^EXIT:(\d+)$/m.exec(text);
  return match === null ? undefined : Number(match[1]);
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

afterEach(() => {
  if (socket === undefined) return;
  try {
    tmux('kill-server');
  } catch {
    // Already gone: the server ends with its last session.
  }
  socket = undefined;
});

describe.skipIf(!HAVE_TMUX && !IN_CI)('paceguard replay --speed 50 in an 80x24 terminal (tmux)', () => {
  test(
    `a shipped scenario (${SCENARIO}): the clock advances in place, and the final screen holds the last frame and the summary with its verdict`,
    async () => {
      start(SCENARIO_RUN);
      const first = await waitFor('the live block', clockSec, 60_000);
      const later = await waitFor('the clock to advance', (s) => {
        const now = clockSec(s);
        return now !== undefined && now > first ? now : undefined;
      }, 60_000);
      expect(later).toBeGreaterThan(first);
      // Drawn in place: one live block on the screen, however many frames went by.
      expect(screen().match(/^ \d+:\d\d of \d+:\d\d /gm)).toHaveLength(1);

      const status = await waitFor('the command to end', exitStatus, RUN_LIMIT_MS);
      const final = screen();
      expect(status, final).toBe(0);
      expect(final).toMatch(/^ 34:59 of 34:59 /m);
      expect(final).toMatch(/\] +100 % done$/m);
      expect(final).toMatch(/^Summary$/m);
      expect(final).toMatch(/^ {2}verdict {12}moderate: This was a moderate run rather than a recovery/m);
      // The wide layout, each line on one row of the 80 (a wider one would wrap onto the next row).
      expect(final).toMatch(/^ pace {3}\d+:\d\d \/km grade-adjusted, \d+:\d\d \/km recorded +ceiling 6:00 \/km +(under|near|OVER)$/m);
      expect(final).toMatch(/^ heart {2}\d+ bpm +ceiling 140 bpm +(under|near|OVER)$/m);
    },
    RUN_LIMIT_MS + 60_000,
  );

  test(
    'the shipped example run: a resize redraws at the new width; Ctrl-C mid-run: the summary so far, the cursor back, exit status 130',
    async () => {
      start(EXAMPLE_RUN);
      await waitFor('the clock past 2:00', (s) => ((clockSec(s) ?? 0) >= 120 ? true : undefined), 90_000);
      tmux('resize-window', '-t', 'live', '-x', '50', '-y', '24');
      // 50 columns: the medium layout, drawn once, whole on its rows.
      await waitFor('the medium layout', (s) => (/^ pace {2}\S+ \(\S+ rec\.\) +ceiling 6:00( +\w+)?$/m.test(s) ? true : undefined), 30_000);
      expect(screen().match(/^ pace /gm)).toHaveLength(1);
      tmux('send-keys', '-t', 'live', 'C-c');
      const status = await waitFor('the command to end', exitStatus, 60_000);
      const final = screen();
      expect(status, final).toBe(130);
      const stopped = /^Stopped at (\d+):(\d\d) of 34:59 \(Ctrl-C\): the summary so far$/m.exec(final);
      expect(stopped, final).not.toBeNull();
      const stoppedSec = Number(stopped?.[1]) * 60 + Number(stopped?.[2]);
      expect(stoppedSec).toBeGreaterThanOrEqual(120);
      expect(stoppedSec).toBeLessThan(34 * 60 + 59);
      expect(final).toMatch(/\] +\d+ % stopped$/m);
      expect(final).toMatch(/^Summary$/m);
      expect(final).toMatch(/^ {2}moving time {8}\d+:\d\d/m);
      expect(final).toMatch(/^ {2}verdict {12}(easy|moderate|unknown): /m);
      // The cursor is visible again (tmux's pane flag), so the shell after it is usable.
      expect(tmux('display-message', '-p', '-t', 'live', '#{cursor_flag}').trim()).toBe('1');
    },
    180_000,
  );
});
