import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UPLOT_FILES } from '../simulator/report/assets.ts';

/** The command-line tests run the real bundled command, built once here as `npm run build` would. */
export const TEST_BIN = '.cache/test-bin/paceguard.js';

export default async function setup(): Promise<void> {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const packageText = (file: string): string => readFileSync(createRequire(import.meta.url).resolve(file), 'utf8');
  const uplot = { js: packageText(UPLOT_FILES.js), css: packageText(UPLOT_FILES.css), license: packageText(UPLOT_FILES.license) };
  await build({
    entryPoints: ['simulator/cli/main.ts'],
    outfile: TEST_BIN,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { PACEGUARD_VERSION: JSON.stringify(version), PACEGUARD_UPLOT: JSON.stringify(uplot) },
    logLevel: 'warning',
  });
}
