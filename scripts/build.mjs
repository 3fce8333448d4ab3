// Builds the `paceguard` command into dist/paceguard.js: one self-contained ESM
// file (dependencies bundled), so an installed copy needs nothing else.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({
  entryPoints: ['simulator/cli/main.ts'],
  outfile: 'dist/paceguard.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { PACEGUARD_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  legalComments: 'linked',
});
