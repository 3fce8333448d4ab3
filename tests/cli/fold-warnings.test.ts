import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { calibrateCommand } from '../../simulator/commands/calibrate/command.ts';
import { foldWarnings, kindOf } from '../../simulator/io/fold-warnings.ts';
import { tempDir } from '../support/fixtures.ts';

describe('warnings of one kind are folded', () => {
  test('the first few of each kind, then one count per kind, in the order kinds came', () => {
    const printed: string[] = [];
    const folded = foldWarnings((line) => printed.push(line), 2);
    for (let i = 1; i <= 10_000; i++) folded.warn(`paceguard: /runs/${i}.fit: skipped: not a FIT file`, 'skipped: not a FIT file');
    folded.warn('paceguard: /runs/x.fit: skipped: same content as /runs/1.fit', 'skipped: same content as /runs/1.fit');
    folded.warn('paceguard: /runs/y.fit: skipped: same content as /runs/2.fit', 'skipped: same content as /runs/2.fit');
    folded.warn('paceguard: /runs/z.fit: skipped: same content as /runs/3.fit', 'skipped: same content as /runs/3.fit');
    folded.end();
    expect(printed).toEqual([
      'paceguard: /runs/1.fit: skipped: not a FIT file',
      'paceguard: /runs/2.fit: skipped: not a FIT file',
      'paceguard: /runs/x.fit: skipped: same content as /runs/1.fit',
      'paceguard: /runs/y.fit: skipped: same content as /runs/2.fit',
      'paceguard: … and 9,998 more lines like "skipped: not a FIT file"',
      'paceguard: … and 1 more line like "skipped: same content as /runs/1.fit"',
    ]);
  });

  test.each([
    ['dropped 3 records without a timestamp', 'dropped 12 records without a timestamp', true],
    ['skipped: same content as /a/b.fit', 'skipped: same content as C:\\runs\\c.fit', true],
    ['skipped: not a FIT file', 'skipped: not a run (cycling)', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(kindOf(a) === kindOf(b)).toBe(same);
  });

  test('calibrate on a folder of many files that are not FIT: one line counting them, then the refusal; --verbose lists every one', async () => {
    const folder = path.join(tempDir(), 'junk');
    mkdirSync(folder);
    const n = 40;
    for (let i = 0; i < n; i++) writeFileSync(path.join(folder, `${String(i).padStart(2, '0')}.fit`), `not a FIT file, just text ${i}\n`); // each different: no duplicates
    const calibrateJunk = async (...flags: string[]): Promise<string[]> => {
      const warn: string[] = [];
      const error: unknown = await calibrateCommand([folder, '--no-cache', '--workers', '1', '--out', path.join(folder, '..', 'p.json'), ...flags], {
        out: () => undefined,
        warn: (line) => warn.push(line),
      }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/^calibrate: no usable runs/);
      return warn;
    };
    expect(await calibrateJunk()).toEqual([`paceguard: skipped ${n} files: ${n} unreadable — see --verbose`]);
    const verbose = await calibrateJunk('--verbose');
    expect(verbose).toHaveLength(n + 1);
    expect(verbose.slice(0, n).every((line) => line.startsWith(`paceguard: ${folder}/`) && line.endsWith(': skipped: not a FIT file (no FIT file header)'))).toBe(true);
    expect(verbose.at(-1)).toBe(`paceguard: skipped ${n} files: ${n} unreadable`);
  });
});
