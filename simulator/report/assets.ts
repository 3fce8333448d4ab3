import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * uPlot's script, its style sheet and its licence: inlined into every report,
 * so that the page needs no network to draw. The bundled command carries them
 * as a constant (scripts/build.mjs and tests/global-setup.ts define
 * PACEGUARD_UPLOT from node_modules/uplot); unbundled (vitest, scripts) they
 * are read from node_modules once.
 */
export interface ChartAssets {
  readonly js: string;
  readonly css: string;
  readonly license: string;
}

declare const PACEGUARD_UPLOT: ChartAssets | undefined;

/** The files, as package paths; build.mjs reads the same ones. */
export const UPLOT_FILES = { js: 'uplot/dist/uPlot.iife.min.js', css: 'uplot/dist/uPlot.min.css', license: 'uplot/LICENSE' } as const;

let cached: ChartAssets | undefined;

export function chartAssets(): ChartAssets {
  if (typeof PACEGUARD_UPLOT !== 'undefined' && PACEGUARD_UPLOT !== undefined) return PACEGUARD_UPLOT;
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const read = (file: string): string => readFileSync(require.resolve(file), 'utf8');
    cached = { js: read(UPLOT_FILES.js), css: read(UPLOT_FILES.css), license: read(UPLOT_FILES.license) };
  }
  return cached;
}
