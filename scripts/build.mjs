// Builds the `paceguard` command into dist/paceguard.js: one self-contained ESM
// file (dependencies bundled), so an installed copy needs nothing else. The
// tests build the same bundle elsewhere (tests/global-setup.ts calls
// buildCommand) so that they run what `npm run build` makes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const COMMAND_BUNDLE = 'dist/paceguard.js';

export async function buildCommand({ outfile = COMMAND_BUNDLE } = {}) {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  // The HTML report (`replay --report`) inlines uPlot: the files of simulator/report/assets.ts, carried in the bundle.
  const packageText = (file) => readFileSync(createRequire(import.meta.url).resolve(file), 'utf8');
  const uplot = { js: packageText('uplot/dist/uPlot.iife.min.js'), css: packageText('uplot/dist/uPlot.min.css'), license: packageText('uplot/LICENSE') };
  // …and the charts' shared code (src/report/charts.ts) as the report page's script: CHART_CODE in simulator/report/assets.ts.
  const charts = await build({
    entryPoints: ['src/report/charts.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'paceguardCharts',
    target: 'es2017',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  const chartCode = charts.outputFiles[0]?.text ?? '';
  await build({
    entryPoints: ['simulator/cli/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { PACEGUARD_VERSION: JSON.stringify(version), PACEGUARD_UPLOT: JSON.stringify(uplot), PACEGUARD_CHART_CODE: JSON.stringify(chartCode) },
    logLevel: 'warning',
    legalComments: 'linked',
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCommand();
