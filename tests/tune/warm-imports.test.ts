/**
 * A warm `tune` (every file from the cache) decodes nothing, so it must not
 * load the decoders or the FIT SDK (918 KB of the bundle): the command's
 * static imports reach neither; the pool imports its tasks' code on the
 * first job (simulator/io/workers/pool.ts). esbuild's metafile gives the
 * import graph; dynamic imports are left out of the walk.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { staticallyReached } from '../support/static-imports.ts';

const ENTRY = 'simulator/commands/tune/command.ts';
let reached = new Set<string>();

beforeAll(async () => {
  reached = await staticallyReached(ENTRY);
}, 60_000);

describe('what a warm tune loads', () => {
  test('the walk reaches the command\'s own modules and the pool (a test that cannot fail is no test)', () => {
    expect(reached.has('simulator/io/workers/pool.ts')).toBe(true);
    expect(reached.has('simulator/commands/tune/score-cache.ts')).toBe(true);
  });

  test('no decoder and no FIT SDK by static imports', () => {
    expect([...reached].filter((f) => f.includes('@garmin/fitsdk') || /^src\/(fit\/decode|track\/recording|tune\/activity)\.ts$/.test(f))).toEqual([]);
  });
});
