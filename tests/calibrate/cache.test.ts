/** The per-file extract cache: keyed by content, checked when read, never a reason to fail. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../simulator/io/atomic.ts';
import { openCache, sha256Hex } from '../../simulator/commands/calibrate/cache.ts';
import { EXTRACT_VERSION, type ActivityExtract } from '../../src/calibrate/extract.ts';
import { DELAY_GRID_SEC, TAU_GRID_SEC } from '../../src/calibrate/response.ts';
import { tempDir } from '../support/fixtures.ts';

const RUN: ActivityExtract = {
  kind: 'run',
  facts: { startMs: 1_700_000_000_000, timerMs: 2_400_000, movingMs: 2_300_000, medianMovingSpeedMps: 3, hrMs: 2_400_000, peakHrBpm: 150 },
  stretches: [{ atTimerMs: 780_000, durationMs: 600_000, gapSpeedMps: 3.01, gapSeMps: 0.02, hrBpm: 138, gradePct: 0.1 }],
  response: { points: 400, speedSpreadMps: 0.8, logMse: Array.from({ length: TAU_GRID_SEC.length * DELAY_GRID_SEC.length }, (_, i) => 2 + i / 1000) },
  cadenceBlocks: [{ speedMps: 3.02, speedSeMps: 0.03, cadenceSpm: 170 }],
};
const SHA = sha256Hex(new TextEncoder().encode('a run'));

describe('extract cache', () => {
  test('the key is the SHA-256 of the bytes', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('what is put is got back, from a folder named by the extract version', async () => {
    const dir = tempDir();
    const cache = openCache(dir);
    expect(await cache.get(SHA)).toBeUndefined();
    await cache.put(SHA, RUN);
    expect(await openCache(dir).get(SHA)).toEqual(RUN);
    expect(readdirSync(dir)).toEqual([`extracts-v${EXTRACT_VERSION}`]);
    expect(cache.failure).toBeUndefined();
  });

  test.each([
    ['not JSON', 'half a {'],
    ['JSON of the wrong shape', '{ "kind": "run", "facts": {} }'],
    ['an unknown field (a newer format)', JSON.stringify({ ...RUN, extra: 1 })],
    ['a start of 1e308 ms', JSON.stringify({ ...RUN, facts: { ...RUN.facts, startMs: 1e308 } })],
    ['a start of -1e308 ms', JSON.stringify({ ...RUN, facts: { ...RUN.facts, startMs: -1e308 } })],
    ['a timer of 47 years', JSON.stringify({ ...RUN, facts: { ...RUN.facts, timerMs: 47 * 365 * 86_400_000 } })],
    ['100 000 stretches', JSON.stringify({ ...RUN, stretches: Array.from({ length: 100_000 }, () => RUN.stretches[0]) })],
    ['a message with newlines', JSON.stringify({ kind: 'skipped', reason: 'unreadable', message: 'one\ntwo' })],
  ])('an entry that is %s is a miss, not an error, and said once', async (_name, text) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, `extracts-v${EXTRACT_VERSION}`, SHA.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dir, `extracts-v${EXTRACT_VERSION}`, SHA.slice(0, 2), `${SHA}.json`), text);
    const cache = openCache(dir);
    expect(await cache.get(SHA)).toBeUndefined();
    expect(await cache.get(SHA)).toBeUndefined();
    expect(cache.misses).toBe(2);
    expect(cache.damaged).toBe(1);
    expect(cache.damageNote).toMatch(/extracts-v\d+: 1 damaged cache entry was dropped and rebuilt from the files$/);
    // Rebuilt: the fresh extract replaces it.
    await cache.put(SHA, RUN);
    expect(await openCache(dir).get(SHA)).toEqual(RUN);
  });

  test('a missing entry is a plain miss, not damage', async () => {
    const cache = openCache(tempDir());
    expect(await cache.get(SHA)).toBeUndefined();
    expect(cache.damaged).toBe(0);
    expect(cache.damageNote).toBeUndefined();
  });

  test('a cache that cannot be written says why once, and calibration goes on without it', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'not a folder');
    const cache = openCache(blocker);
    await cache.put(SHA, RUN);
    await cache.put(SHA, RUN);
    expect(cache.failure).toMatch(/: cannot write the cache \((ENOTDIR|EEXIST)\): continuing without it$/);
  });

  test('no cache at all: every get misses, every put is nothing', async () => {
    const cache = openCache(undefined);
    await cache.put(SHA, RUN);
    expect(await cache.get(SHA)).toBeUndefined();
  });
});

describe('atomic write', () => {
  test('replaces the file whole and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'deep', 'profile.json');
    await writeFileAtomic(file, 'old\n');
    await writeFileAtomic(file, 'new\n');
    expect(readdirSync(path.dirname(file))).toEqual(['profile.json']);
  });

  test('a failed write leaves the old file and no temporary file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'target');
    mkdirSync(target);
    // Renaming a file over a folder fails after the temporary file is written.
    await expect(writeFileAtomic(target, 'text')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
  });
});
