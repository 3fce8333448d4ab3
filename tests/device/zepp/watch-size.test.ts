/** It fits on a watch: the Workout Extension bundle within 80 KB minified (esbuild's metafile), gzipped printed too. */
import { expect, test } from 'vitest';
import { largestInputs, WATCH_BUNDLE_BUDGET_BYTES } from '../../../device/zepp/tools/build.ts';
import { watchBuild } from './runs.ts';

test('the watch bundle is at most 80 KB minified, with no zod and no Node in it', async () => {
  const built = await watchBuild();
  const inputs = Object.keys(built.metafile.inputs);
  console.log(
    `watch bundle: ${built.minifiedBytes} bytes minified, ${built.gzippedBytes} gzipped; largest inputs: ` +
      largestInputs(built.metafile, 5)
        .map((i) => `${i.path} ${i.bytes}`)
        .join(', '),
  );
  expect(built.minifiedBytes).toBeLessThanOrEqual(WATCH_BUNDLE_BUDGET_BYTES);
  expect(inputs.filter((file) => file.includes('node_modules/zod') || file.startsWith('node:'))).toEqual([]);
  expect(inputs).toContain('src/guard/step.ts');
});
