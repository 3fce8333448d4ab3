import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * uPlot's script, its style sheet and its licence: inlined into every report,
 * so that the page needs no network to draw. The bundled command carries them
 * as a constant (scripts/build.mjs and tests/global-setup.ts define
 * PACEGUARD_UPLOT from node_modules/uplot); unbundled (vitest, scripts) they
 * are read from node_modules once.
 *
 * Likewise the charts' shared code (src/report/charts.ts, which the phone
 * draws with too), bundled for the page as a script that sets the global
 * `paceguardCharts`: defined as PACEGUARD_CHART_CODE by scripts/build.mjs,
 * bundled here with esbuild when unbundled.
 */
export interface ChartAssets {
  readonly js: string;
  readonly css: string;
  readonly license: string;
}

declare const PACEGUARD_UPLOT: ChartAssets | undefined;
declare const PACEGUARD_CHART_CODE: string | undefined;

/** How the charts' shared code is bundled for the report's page; scripts/build.mjs bundles it with the same options. */
export const CHART_CODE = { entry: 'src/report/charts.ts', globalName: 'paceguardCharts', target: 'es2017' } as const;

/** The files, as package paths; build.mjs reads the same ones. */
export const UPLOT_FILES = { js: 'uplot/dist/uPlot.iife.min.js', css: 'uplot/dist/uPlot.min.css', license: 'uplot/LICENSE' } as const;

let cached: ChartAssets | undefined;
let cachedChartCode: string | undefined;

/** src/report/charts.ts as a page script that sets `paceguardCharts` (ES2017, minified). */
export function chartCode(): string {
  if (typeof PACEGUARD_CHART_CODE !== 'undefined' && PACEGUARD_CHART_CODE !== undefined) return PACEGUARD_CHART_CODE;
  if (cachedChartCode === undefined) {
    // Only unbundled (tests, scripts), where esbuild, a development dependency, is installed.
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const built = esbuild.buildSync({
      entryPoints: [path.join(root, CHART_CODE.entry)],
      bundle: true,
      format: 'iife',
      globalName: CHART_CODE.globalName,
      target: CHART_CODE.target,
      minify: true,
      write: false,
      logLevel: 'warning',
    });
    cachedChartCode = built.outputFiles[0]?.text ?? '';
  }
  return cachedChartCode;
}

export function chartAssets(): ChartAssets {
  if (typeof PACEGUARD_UPLOT !== 'undefined' && PACEGUARD_UPLOT !== undefined) return PACEGUARD_UPLOT;
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const read = (file: string): string => readFileSync(require.resolve(file), 'utf8');
    cached = { js: read(UPLOT_FILES.js), css: read(UPLOT_FILES.css), license: read(UPLOT_FILES.license) };
  }
  return cached;
}
