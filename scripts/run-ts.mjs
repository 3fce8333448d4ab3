// Runs a TypeScript entry point under plain Node: esbuild bundles it (our code
// only; packages stay external) into .cache/, then Node imports the result.
// Used by the benchmark and maintenance scripts; the shipped CLI is built by build.mjs.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [entry, ...rest] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [ARGS…]');
  process.exit(2);
}
const outfile = path.resolve('.cache/run-ts', `${path.basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
