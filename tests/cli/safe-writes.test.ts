/**
 * Writes replace only regular files; reads take only regular files. A folder,
 * a device or a named pipe (FIFO) given as an output is refused with one
 * line and exit 2, and is still there, as it was, afterwards (`simulate --out
 * /dev/full` as root once replaced the device node with a FIT file). Given
 * as an input, it is refused at once instead of hanging (a FIFO waits for a
 * writer, /dev/zero never ends). A symbolic link is written through: the
 * file it points to gets the new content, the link stays a link.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../simulator/io/atomic.ts';
import { NotRegularFileError } from '../../simulator/io/file-kind.ts';
import { readInputFile } from '../../simulator/io/read-file.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir, writeFit } from '../support/fixtures.ts';
import { IS_ROOT } from '../support/other-user.ts';
import { stretchesToSamples } from '../support/runs.ts';

const dir = tempDir();
const fifo = path.join(dir, 'pipe');
const folder = path.join(dir, 'folder');
/** A device node of our own (the null device's numbers), made only as root: never a real /dev entry at risk. */
const device = path.join(dir, 'device');
const scenario = path.resolve('examples/scenarios/clean-recovery.json');
const profile = path.join(dir, 'profile.json');
let runFit = '';

beforeAll(() => {
  mkdirSync(folder);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  if (IS_ROOT) expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
  writeFileSync(profile, JSON.stringify({ easyPace: '5:30', hrCeilingBpm: 145 }));
  runFit = writeFit(dir, 'run.fit', stretchesToSamples([{ seconds: 900, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166 }]));
});

function runBin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const home = path.join(dir, 'home');
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000, // a read of a FIFO would otherwise hang the suite
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function kindOf(file: string): string {
  const s = lstatSync(file);
  return s.isFIFO() ? 'fifo' : s.isCharacterDevice() ? 'device' : s.isDirectory() ? 'folder' : s.isSymbolicLink() ? 'link' : s.isFile() ? 'file' : 'other';
}

const specials = (): [string, string, RegExp][] => [
  ['a named pipe', fifo, /is a named pipe \(FIFO\), expected a regular file/],
  ['a folder', folder, /is a folder, expected a file/],
  ...(IS_ROOT ? [['a device', device, /is a device, expected a regular file/] as [string, string, RegExp]] : []),
];

describe('writeFileAtomic replaces only regular files', () => {
  test.each(specials())('%s is refused and left as it was', async (_name, target, message) => {
    const before = kindOf(target);
    const error: unknown = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotRegularFileError);
    expect((error as Error).message).toMatch(message);
    expect(kindOf(target)).toBe(before);
  });

  test('a link to a missing file is refused', async () => {
    const link = path.join(dir, 'dangling');
    symlinkSync(path.join(dir, 'nowhere', 'x.json'), link);
    await expect(writeFileAtomic(link, 'x')).rejects.toThrow('is a link to a file that does not exist');
    expect(kindOf(link)).toBe('link');
  });

  test('a link is written through: the file it names gets the content, the link stays', async () => {
    const real = path.join(dir, 'real.json');
    const link = path.join(dir, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(kindOf(link)).toBe('link');
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  test('a replaced file keeps its permissions; a new file is made', async () => {
    const kept = path.join(dir, 'private.json');
    writeFileSync(kept, 'old');
    chmodSync(kept, 0o600);
    await writeFileAtomic(kept, 'new');
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    const fresh = path.join(dir, 'sub', 'fresh.json');
    await writeFileAtomic(fresh, 'new');
    expect(readFileSync(fresh, 'utf8')).toBe('new');
  });
});

describe('readInputFile takes only regular files', () => {
  test.each([
    ...specials(),
    ['/dev/zero', '/dev/zero', /^\/dev\/zero: is a device, expected a regular file$/],
  ])('%s is refused at once', async (_name, file, message) => {
    await expect(readInputFile(file)).rejects.toThrow(message);
  });
});

describe('every command: a special file as output or input is one line, exit 2, left as it was', () => {
  const cases = (): [string, string, (target: string) => string[], (target: string) => RegExp][] => {
    const rows: [string, string, (target: string) => string[], (target: string) => RegExp][] = [];
    for (const [name, target] of specials()) {
      rows.push([`simulate --out ${name}`, target, (t) => ['simulate', scenario, '--out', t], (t) => new RegExp(`^paceguard: ${t}: is .*; nothing written$`)]);
      rows.push([`replay --report ${name}`, target, (t) => ['replay', runFit, '--profile', profile, '--report', t], (t) => new RegExp(`^paceguard: --report ${t}: is `)]);
      rows.push([`calibrate --out ${name}`, target, (t) => ['calibrate', runFit, '--no-cache', '--out', t], (t) => new RegExp(`^paceguard: ${t}: cannot write the profile \\(is .*\\); nothing written$`)]);
      rows.push([`tune --apply --out ${name}`, target, (t) => ['tune', runFit, '--profile', profile, '--apply', '--out', t], (t) => new RegExp(`^paceguard: ${t}: cannot write the profile \\(is .*\\); nothing written$`)]);
      rows.push([`replay of ${name}`, target, (t) => ['replay', t, '--easy-pace', '5:30'], (t) => new RegExp(`^paceguard: ${t}: is `)]);
      rows.push([`replay --profile ${name}`, target, (t) => ['replay', runFit, '--profile', t], (t) => new RegExp(`^paceguard: ${t}: is `)]);
      rows.push([`simulate of ${name}`, target, (t) => ['simulate', t, '--out', path.join(dir, 'never.fit')], (t) => new RegExp(`^paceguard: ${t}: is `)]);
    }
    return rows;
  };
  test.each(cases())('%s', (_name, target, args, message) => {
    const before = kindOf(target);
    const r = runBin(args(target));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message(target));
    expect(kindOf(target)).toBe(before);
  });

  test('calibrate skips a named pipe among its files instead of waiting on it', () => {
    const r = runBin(['calibrate', fifo, '--no-cache', '--out', path.join(dir, 'calibrated.json')]);
    expect(r.stderr).toContain(`paceguard: ${fifo}: skipped: is a named pipe (FIFO), expected a regular file`);
    expect(r.status).toBe(2); // no usable run
  });
});
