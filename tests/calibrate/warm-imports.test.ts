/**
 * A warm `calibrate` (every file from the cache) decodes nothing, so it must
 * not load extraction, the decoders or the FIT SDK (918 KB of the bundle):
 * the command's static imports reach none of them (the cache takes the
 * extract's version from src/calibrate/extract-version.ts, not extract.ts);
 * the pool imports its tasks' code on the first job
 * (simulator/io/workers/pool.ts). esbuild's metafile gives the import graph;
 * dynamic imports are left out of the walk. tests/tune/warm-imports.test.ts
 * holds `tune` to the same.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { staticallyReached } from '../support/static-imports.ts';

const ENTRY = 'simulator/commands/calibrate/command.ts';
let reached = new Set<string>();

beforeAll(async () => {
  reached = await staticallyReached(ENTRY);
}, 60_000);

describe('what a warm calibrate loads', () => {
  test("the walk reaches the command's own modules, the cache's version and the pool (a test that cannot fail is no test)", () => {
    expect(reached.has('simulator/io/workers/pool.ts')).toBe(true);
    expect(reached.has('simulator/commands/calibrate/cache.ts')).toBe(true);
    expect(reached.has('src/calibrate/extract-version.ts')).toBe(true);
  });

  test('no extraction, no decoder and no FIT SDK by static imports', () => {
    expect([...reached].filter((f) => f.includes('@garmin/fitsdk') || /^src\/(fit\/decode|track\/recording|calibrate\/extract)\.ts$/.test(f))).toEqual([]);
  });
});
