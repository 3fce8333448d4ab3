/**
 * The modules an entry reaches by static imports alone (dynamic `import()`s
 * left out of the walk), from esbuild's metafile: what a command loads before
 * it decides to load more. Used to hold warm `tune` and `calibrate` to loading
 * no decoder and no FIT SDK.
 */
import { build } from 'esbuild';

export async function staticallyReached(entry: string): Promise<Set<string>> {
  const out = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, splitting: true, outdir: 'out', logLevel: 'silent' });
  const reached = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of out.metafile.inputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement' || reached.has(i.path)) continue;
      reached.add(i.path);
      queue.push(i.path);
    }
  }
  return reached;
}
