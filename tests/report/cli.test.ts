import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const run = ['replay', 'examples/recovery-run.fit', '--profile', 'examples/runner.json'];

describe('paceguard replay --report', () => {
  test('writes one page with the libraries inlined and nothing left beside it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', 'run.html');
    const r = runBin([...run, '--report', file]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Report written to ${file}`);
    expect(readdirSync(path.dirname(file))).toEqual(['run.html']);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('https://github.com/leeoniya/uPlot');
    // Self-contained: no script, style sheet or image is fetched from anywhere.
    expect(html).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)=/i);
  });

  test.each([
    ['a folder', (dir: string) => dir, /--report .*: is a folder, expected a file$/],
    ['a path through a file', () => path.resolve('examples/runner.json', 'run.html'), /--report .*run\.html: cannot write it \(part of the path is a file, not a folder\)$/],
    ['an empty name', () => '', /--report: expected a file name, like run\.html/],
  ])('%s is one line and exit status 2', (_name, target, message) => {
    const r = runBin([...run, '--format', 'jsonl', '--report', target(tempDir())]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  test('a folder is refused before anything is printed', () => {
    expect(runBin([...run, '--report', tempDir()]).stdout).toBe('');
  });

  test('--help documents it', () => {
    expect(runBin(['replay', '--help']).stdout).toMatch(/--report FILE\s+also write the run as one self-contained HTML page/);
  });
});
