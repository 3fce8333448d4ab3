/**
 * A warm `tune` (every file from the cache) decodes nothing, so it must not
 * load the decoders or the FIT SDK (918 KB of the bundle): the command's
 * static imports reach neither; the pool imports its tasks' code on the
 * first job (simulator/io/workers/pool.ts). esbuild's metafile gives the
 * import graph; dynamic imports are left out of the walk.
 */
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';

const ENTRY = 'simulator/commands/tune/command.ts';
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

describe('what a warm tune loads', () => {
  test('the walk reaches the command\'s own modules and the pool (a test that cannot fail is no test)', () => {
    const reached = staticallyReached(ENTRY);
    expect(reached.has('simulator/io/workers/pool.ts')).toBe(true);
    expect(reached.has('simulator/commands/tune/score-cache.ts')).toBe(true);
  });

  test('no decoder and no FIT SDK by static imports', () => {
    const reached = [...staticallyReached(ENTRY)];
    expect(reached.filter((f) => f.includes('@garmin/fitsdk') || /^src\/(fit\/decode|track\/recording|tune\/activity)\.ts$/.test(f))).toEqual([]);
  });
});
