/**
 * The progress bar of `calibrate` and `tune` (simulator/io/progress.ts),
 * drawn into a fake stream: what a terminal receives, byte for byte, and that
 * a stream that is no terminal receives nothing at all.
 */
import { describe, expect, test } from 'vitest';
import { BAR_CELLS, progressBar, progressText, type ProgressStream } from '../../simulator/io/progress.ts';

const ERASE = '\r\x1b[K';

function fakeStream(isTTY: boolean): ProgressStream & { readonly written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    written,
    write(text) {
      written.push(text);
      return true;
    },
  };
}

/** What a terminal would show after the writes: the text after the last carriage return, with the erase codes applied. */
function screenLine(written: readonly string[]): string {
  const all = written.join('');
  return (all.split('\r').at(-1) ?? '').replace('\x1b[K', '');
}

describe('progressText', () => {
  test.each([
    [0, 247, `files 0/247 ▕${'░'.repeat(20)}▏ 0 %`],
    [120, 247, `files 120/247 ▕${'█'.repeat(9)}${'░'.repeat(11)}▏ 48 %`],
    // 246 of 247 is 99.6 %: rounded down, the bar is full only when every file is done.
    [246, 247, `files 246/247 ▕${'█'.repeat(19)}░▏ 99 %`],
    [247, 247, `files 247/247 ▕${'█'.repeat(20)}▏ 100 %`],
  ])('%i of %i', (count, total, text) => {
    expect(progressText('files', count, total)).toBe(text);
  });

  test('the bar is BAR_CELLS wide and the line fits 80 columns for 100,000 files', () => {
    const text = progressText('files', 99_999, 100_000);
    expect(text.match(/[█░]/g)).toHaveLength(BAR_CELLS);
    expect(text.length).toBeLessThanOrEqual(80);
  });
});

describe('progressBar', () => {
  test('on a terminal: drawn at 0, redrawn in place with \\r on each tick, erased at the end', () => {
    const stream = fakeStream(true);
    const bar = progressBar(stream, 3, 'files');
    bar.tick();
    bar.tick();
    expect(screenLine(stream.written)).toBe(progressText('files', 2, 3));
    bar.tick();
    bar.done();
    expect(stream.written).toEqual([
      `${ERASE}${progressText('files', 0, 3)}`,
      `${ERASE}${progressText('files', 1, 3)}`,
      `${ERASE}${progressText('files', 2, 3)}`,
      `${ERASE}${progressText('files', 3, 3)}`,
      ERASE,
    ]);
    // Nothing is left on the line, and no newline was ever written.
    expect(screenLine(stream.written)).toBe('');
    expect(stream.written.join('')).not.toContain('\n');
  });

  test('a line printed while the bar is up goes above it: bar erased, line, bar again', () => {
    const stream = fakeStream(true);
    const bar = progressBar(stream, 2, 'files');
    bar.tick();
    bar.above(() => stream.write('paceguard: a.fit: warning: file is truncated\n'));
    expect(stream.written.slice(-3)).toEqual([ERASE, 'paceguard: a.fit: warning: file is truncated\n', `${ERASE}${progressText('files', 1, 2)}`]);
  });

  test('after done: ticks draw nothing, done again writes nothing, lines print plainly', () => {
    const stream = fakeStream(true);
    const bar = progressBar(stream, 2, 'files');
    bar.done();
    const before = stream.written.length;
    bar.tick();
    bar.done();
    bar.above(() => stream.write('later\n'));
    expect(stream.written.slice(before)).toEqual(['later\n']);
  });

  test.each([
    ['a pipe or a file (isTTY false)', fakeStream(false), 5],
    ['a stream that says nothing about isTTY', { written: [] as string[], write(t: string) { this.written.push(t); return true; } }, 5],
    ['a terminal, but no file to count', fakeStream(true), 0],
  ])('%s: nothing at all is written', (_, stream, total) => {
    const bar = progressBar(stream, total, 'files');
    bar.tick();
    bar.above(() => undefined);
    bar.done();
    expect(stream.written).toEqual([]);
  });

  test('no stream: nothing drawn, lines still printed', () => {
    const printed: string[] = [];
    const bar = progressBar(undefined, 3, 'files');
    bar.above(() => printed.push('note'));
    bar.tick();
    bar.done();
    expect(printed).toEqual(['note']);
  });
});
