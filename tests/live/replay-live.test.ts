import { describe, expect, test } from 'vitest';
import { replayCommand } from '../../simulator/commands/replay/replay-command.ts';
import { HIDE_CURSOR, SHOW_CURSOR } from '../../simulator/present/live/screen.ts';
import type { RunSummary } from '../../src/summary/summary.ts';
import { fakeTerminal, SGR_PATTERN, type FakeTerminal } from './support.ts';

/**
 * `paceguard replay` choosing between the live view and plain lines, driven
 * through the injected terminal: the shipped example run and profile.
 */
const RUN = ['examples/recovery-run.fit', '--profile', 'examples/runner.json'];

interface Replayed {
  /** Everything written, in order: io.out lines and the terminal's own writes. */
  readonly output: string;
  readonly warn: readonly string[];
  readonly summary: RunSummary | undefined;
}

async function replay(args: readonly string[], terminal?: FakeTerminal, during?: () => void): Promise<Replayed> {
  const chunks: string[] = [];
  const warn: string[] = [];
  if (terminal !== undefined) {
    const write = terminal.write;
    Object.assign(terminal, {
      write: (text: string) => {
        chunks.push(text);
        write(text);
        during?.();
      },
    });
  }
  const summary = await replayCommand(args, {
    out: (line) => void chunks.push(`${line}\n`),
    warn: (line) => void warn.push(line),
    ...(terminal !== undefined ? { terminal } : {}),
  });
  return { output: chunks.join(''), warn, summary };
}

/** What stays on a terminal: escapes out; a line redrawn after `\r` replaces what was before it. */
function screenText(output: string): string {
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

describe('plain lines wherever the live view cannot be drawn: the same bytes as before', () => {
  test.each([
    ['text to a pipe', [], { isTTY: false }],
    ['text to a dumb terminal', [], { isTTY: true, env: { TERM: 'dumb' } }],
    ['jsonl to a terminal', ['--format', 'jsonl'], { isTTY: true }],
    ['jsonl to a pipe', ['--format', 'jsonl'], { isTTY: false }],
  ])('%s', async (_name, extra, options) => {
    const without = await replay([...RUN, ...extra]);
    const withTerminal = await replay([...RUN, ...extra], fakeTerminal(options));
    expect(withTerminal.output).toBe(without.output);
    expect(withTerminal.output).not.toMatch(/\x1b/);
    expect(withTerminal.summary).toEqual(without.summary);
  });
});

describe('the live view on a terminal', () => {
  test('keeps the text timeline and the summary of the plain output, around its block', async () => {
    const plain = await replay(RUN);
    const live = await replay(RUN, fakeTerminal({ env: { NO_COLOR: '1' } }));
    const plainLines = plain.output.split('\n');
    const header = plainLines.slice(0, 5).join('\n');
    const events = plainLines.filter((line) => /^\s+\d+:\d\d {2}[a-z-]+ /.test(line));
    const summary = plain.output.slice(plain.output.indexOf('\nSummary\n'));
    // A slow-down with its repeat a minute later folded into its line, and back-under.
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.join('\n')).toMatch(/slow-down .* \(x\d over \d+:\d\d\)$/m);
    const text = screenText(live.output);
    expect(text.startsWith(header)).toBe(true);
    let from = 0;
    for (const line of events) {
      const at = text.indexOf(`${line}\n`, from);
      expect(at, line).toBeGreaterThan(from);
      from = at;
    }
    expect(text.endsWith(summary)).toBe(true);
    // The final frame stays above the summary.
    expect(text).toMatch(/ 34:59 of 34:59 .*\n(.*\n){3} \[#+\]  100 % done\r\n\nSummary\n/);
    expect(live.summary).toEqual(plain.summary);
  });

  test('NO_COLOR: cursor movement, no colour; the cursor hidden then shown again before the summary', async () => {
    const { output } = await replay(RUN, fakeTerminal({ env: { NO_COLOR: '1' } }));
    expect(output).not.toMatch(SGR_PATTERN);
    expect(output.indexOf(HIDE_CURSOR)).toBeGreaterThan(0);
    expect(output.indexOf(SHOW_CURSOR)).toBeGreaterThan(output.lastIndexOf(HIDE_CURSOR));
    expect(output.indexOf(SHOW_CURSOR)).toBeLessThan(output.indexOf('Summary'));
  });

  test('colour when NO_COLOR is unset', async () => {
    const { output } = await replay(RUN, fakeTerminal());
    expect(output).toMatch(SGR_PATTERN);
  });

  test('the width the terminal reports is kept', async () => {
    const { output } = await replay(RUN, fakeTerminal({ columns: 40, env: { NO_COLOR: '1' } }));
    // The last frame: the final paint's last five lines (the event lines above it are the timeline's own).
    const block = screenText(output.slice(output.lastIndexOf('\x1b[J') + 3, output.indexOf(SHOW_CURSOR))).trimEnd().split('\n').slice(-5).join('\n');
    for (const line of block.split('\n')) expect(line.replace('\r', '').length).toBeLessThanOrEqual(39);
    expect(block).toMatch(/^34:59 under\n/);
  });

  test('Ctrl-C stops the replay and prints the summary so far', async () => {
    const terminal = fakeTerminal({ env: { NO_COLOR: '1' } });
    // 35 minutes at 100 times real time is 21 s: Ctrl-C comes once two frames are on screen.
    let frames = 0;
    const { output, summary } = await replay([...RUN, '--speed', '100'], terminal, () => {
      if (++frames === 2) setTimeout(() => terminal.pressCtrlC(), 0);
    });
    const writesAtEnd = terminal.written.length;
    const text = screenText(output);
    const stopped = /\nStopped at (\d+):(\d\d) of 34:59 \(Ctrl-C\): the summary so far\nSummary\n/.exec(text);
    expect(stopped).not.toBeNull();
    expect(text).toMatch(/\] +\d+ % stopped\r\n\nStopped at/);
    expect(text).toMatch(/verdict\s+(easy|moderate|unknown): /);
    // The summary is of the steps seen so far: less than the whole run's timer, and the clock where it stopped.
    expect(summary?.timerMs).toBeLessThan(2_000_000);
    expect(Math.round((summary?.timerMs ?? 0) / 1000)).toBeLessThanOrEqual(Number(stopped?.[1]) * 60 + Number(stopped?.[2]) + 1);
    expect(terminal.listeners()).toEqual({ resize: 0, interrupt: 0 });
    // The replay really stopped: nothing more is drawn.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(terminal.written).toHaveLength(writesAtEnd);
  });

  test('an error while live still gives the cursor back', async () => {
    const terminal = fakeTerminal();
    let calls = 0;
    Object.assign(terminal, {
      columns: () => {
        if (++calls === 1) throw new Error('terminal went away');
        return 80;
      },
    });
    const chunks: string[] = [];
    Object.assign(terminal, { write: (text: string) => void chunks.push(text) });
    await expect(replayCommand(RUN, { out: () => undefined, warn: () => undefined, terminal })).rejects.toThrow('terminal went away');
    expect(chunks.join('').endsWith(SHOW_CURSOR)).toBe(true);
    expect(terminal.listeners()).toEqual({ resize: 0, interrupt: 0 });
  });
});
