import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

/** The command-line tests run the real bundled command, built once here as `npm run build` would. */
export const TEST_BIN = '.cache/test-bin/paceguard.js';

export default async function setup(): Promise<void> {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await build({
    entryPoints: ['simulator/cli/main.ts'],
    outfile: TEST_BIN,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { PACEGUARD_VERSION: JSON.stringify(version) },
    logLevel: 'warning',
  });
}
