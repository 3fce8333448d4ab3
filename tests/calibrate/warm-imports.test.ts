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
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';

const ENTRY = 'simulator/commands/calibrate/command.ts';
let graph: { readonly inputs: Record<string, { readonly imports: readonly { readonly path: string; readonly kind: string }[] }> };

beforeAll(async () => {
  const out = await build({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, splitting: true, outdir: 'out', logLevel: 'silent' });
  graph = out.metafile;
}, 60_000);

/** Every module the entry reaches by static imports alone. */
function staticallyReached(entry: string): Set<string> {
  const reached = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of graph.inputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement' || reached.has(i.path)) continue;
      reached.add(i.path);
      queue.push(i.path);
    }
  }
  return reached;
}

describe('what a warm calibrate loads', () => {
  test("the walk reaches the command's own modules, the cache's version and the pool (a test that cannot fail is no test)", () => {
    const reached = staticallyReached(ENTRY);
    expect(reached.has('simulator/io/workers/pool.ts')).toBe(true);
    expect(reached.has('simulator/commands/calibrate/cache.ts')).toBe(true);
    expect(reached.has('src/calibrate/extract-version.ts')).toBe(true);
  });

  test('no extraction, no decoder and no FIT SDK by static imports', () => {
    const reached = [...staticallyReached(ENTRY)];
    expect(reached.filter((f) => f.includes('@garmin/fitsdk') || /^src\/(fit\/decode|track\/recording|calibrate\/extract)\.ts$/.test(f))).toEqual([]);
  });
});
