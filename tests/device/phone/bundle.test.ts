import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildPhone, metafilePath } from '../../../device/phone/build.mjs';

/**
 * What the phone page loads before it runs, from the build's esbuild
 * metafile: the live screen, the profile and the guard, and none of the
 * heavy half (the FIT SDK, the GPX/TCX parser, uPlot), which loads on first
 * need (device/phone/src/lazy.ts). Sizes themselves are a benchmark
 * (`npm run bench:bundle`); this holds the split that makes them.
 */
const Metafile = z.object({
  outputs: z.record(
    z.string(),
    z.object({ entryPoint: z.string().optional(), imports: z.array(z.object({ path: z.string(), kind: z.string() })), inputs: z.record(z.string(), z.unknown()) }),
  ),
});

describe('the phone bundle is split: the first load has no FIT SDK, XML parser, uPlot or classic zod', async () => {
  const built = await buildPhone({ outdir: path.resolve('.cache/phone-test-bundle'), quiet: true });
  const meta = Metafile.parse(JSON.parse(readFileSync(metafilePath(built.outdir), 'utf8')));
  const entry = Object.keys(meta.outputs).find((f) => meta.outputs[f]?.entryPoint?.endsWith('device/phone/src/main.ts') === true) ?? '';
  const first: string[] = [];
  const visit = (file: string): void => {
    if (first.includes(file)) return;
    first.push(file);
    for (const i of meta.outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  const inputsOf = (files: readonly string[]): string[] => files.flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
  const lazy = Object.keys(meta.outputs).filter((f) => f.endsWith('.js') && !first.includes(f));

  test('app.js is the entry, and the heavy half is a chunk it imports dynamically', () => {
    expect(path.basename(entry)).toBe('app.js');
    expect(meta.outputs[entry]?.imports.some((i) => i.kind === 'dynamic-import')).toBe(true);
    expect(lazy.length).toBeGreaterThan(0);
  });

  test.each([['@garmin/fitsdk'], ['fast-xml-parser'], ['uplot'], ['zod/v4/classic']])('%s: on first need only', (pkg) => {
    expect(inputsOf(first).filter((f) => f.includes(`node_modules/${pkg}/`))).toEqual([]);
    if (pkg !== 'zod/v4/classic') expect(inputsOf(lazy).some((f) => f.includes(`node_modules/${pkg}/`))).toBe(true);
  });

  test('the service worker caches the chunks too (the app works offline after the first visit)', () => {
    const sw = readFileSync(path.join(built.outdir, 'sw.js'), 'utf8');
    for (const chunk of lazy) expect(sw).toContain(path.relative(built.outdir, chunk.startsWith('/') ? chunk : path.resolve(chunk)));
  });
});
