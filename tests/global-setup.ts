import { buildCommand } from '../scripts/build.mjs';

/** The command-line tests run the real bundled command, built once here as `npm run build` builds it. */
export const TEST_BIN = '.cache/test-bin/paceguard.js';

export default async function setup(): Promise<void> {
  await buildCommand({ outfile: TEST_BIN });
}
