// Builds the `paceguard` command into dist/: the entry dist/paceguard.js and
// the chunks it loads on demand (dist/chunks/; `replay` apart, in
// dist/replay.js and dist/replay-chunks/), dependencies bundled, so an
// installed copy needs nothing else. Each command loads only what it uses
// (esbuild's code splitting, ESM only; simulator/cli/main.ts imports each
// command with `import()`): `replay` never parses calibrate, tune, simulate,
// the XML parser or the report's inlined charting unless asked for them,
// which was about 90 ms of a one-hour replay's 230 ms when all of it was one
// 2.5 MB file. The tests build the same bundle elsewhere
// (tests/global-setup.ts calls buildCommand) so that they run what
// `npm run build` makes.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIT_TABLE_FILE, writeFitTable } from './fit-table.mjs';

export const COMMAND_BUNDLE = 'dist/paceguard.js';

/**
 * RxJS's package sends Node to its CommonJS build, which a bundler cannot
 * tree-shake: all 338 KB of it was parsed at every start. Its ES2015 module
 * build (the package's own `es2015` export) is the same code as modules, so
 * only the operators the guard uses are bundled.
 */
const rxjsAsModules = {
  name: 'rxjs-as-modules',
  setup(build) {
    const esm = path.join(path.dirname(createRequire(import.meta.url).resolve('rxjs/package.json')), 'dist/esm/index.js');
    build.onResolve({ filter: /^rxjs$/ }, () => ({ path: esm }));
  },
};

/** Where the on-demand chunks go, beside the entry; emptied before each build so no stale chunk ships. */
const CHUNK_DIR = 'chunks';

/**
 * `replay` is a bundle of its own (simulator/cli/replay-main.ts → replay.js,
 * its chunks in replay-chunks/), which the entry imports as an outside file:
 * built with the other commands, the code they share with it was cut into
 * many small chunks, and a one-hour replay loaded 23 modules, each with its
 * cost in Node's loader; apart, it loads about ten (issue #21).
 */
const REPLAY_SOURCE = 'simulator/cli/replay-main.ts';
const REPLAY_BUNDLE = 'replay';
const REPLAY_CHUNK_DIR = 'replay-chunks';
const replayApart = {
  name: 'replay-apart',
  setup(build) {
    build.onResolve({ filter: /\/replay-main\.ts$/ }, () => ({ path: `./${REPLAY_BUNDLE}.js`, external: true }));
  },
};

export async function buildCommand({ outfile = COMMAND_BUNDLE } = {}) {
  // The FIT field table a replay reads ordinary files with, without the SDK: rewritten when the installed SDK's profile says otherwise.
  if (writeFitTable()) console.warn(`${FIT_TABLE_FILE}: rewritten from the installed @garmin/fitsdk's Profile`);
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  // The HTML report (`replay --report`) inlines uPlot: the files of simulator/present/report/assets.ts, carried in the report's chunk.
  const packageText = (file) => readFileSync(createRequire(import.meta.url).resolve(file), 'utf8');
  const uplot = { js: packageText('uplot/dist/uPlot.iife.min.js'), css: packageText('uplot/dist/uPlot.min.css'), license: packageText('uplot/LICENSE') };
  // …and the charts' shared code (src/report/charts.ts) as the report page's script: CHART_CODE in simulator/present/report/assets.ts.
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
  const outdir = path.dirname(outfile);
  const common = {
    outdir,
    entryNames: '[name]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { PACEGUARD_VERSION: JSON.stringify(version), PACEGUARD_UPLOT: JSON.stringify(uplot), PACEGUARD_CHART_CODE: JSON.stringify(chartCode) },
    logLevel: 'warning',
    legalComments: 'linked',
  };
  for (const dir of [CHUNK_DIR, REPLAY_CHUNK_DIR]) rmSync(path.join(outdir, dir), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { [path.basename(outfile, '.js')]: 'simulator/cli/main.ts' },
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [rxjsAsModules, replayApart],
  });
  await build({
    ...common,
    entryPoints: { [REPLAY_BUNDLE]: REPLAY_SOURCE },
    chunkNames: `${REPLAY_CHUNK_DIR}/[name]-[hash]`,
    plugins: [rxjsAsModules],
  });
  // Node asks, for every module it loads, which package it belongs to (to learn it is ES), walking up from its folder
  // to the nearest package.json: one beside the chunks ends that walk at its first step for each of them (issue #21).
  for (const dir of [CHUNK_DIR, REPLAY_CHUNK_DIR]) writeFileSync(path.join(outdir, dir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCommand();
