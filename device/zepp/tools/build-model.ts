/**
 * The watch app with the effort model's step in it instead of today's guard,
 * built to be measured, not shipped (issue #19: "the watch runs the same
 * step, bundle still ≤ 80 KB minified, memory flat over 6 h in QuickJS").
 * The same entry and esbuild options as the shipped widget (build.ts), with
 * one module swapped by an esbuild plugin: watch-app.ts's guard
 * (./watch-guard.ts, today's step) becomes ../watch-model-guard.ts (the
 * model's). Everything else, sensors to vibrations, is the shipped code, so
 * the size and memory measured are those the model would cost on the watch.
 *
 * ```ts
 * const built = await buildModelWatch({ outDir: '.cache/bench-watch-model', profileText });
 * built.minifiedBytes; // against WATCH_BUNDLE_BUDGET_BYTES
 * ```
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { findRoot, WATCH_ESBUILD_OPTIONS, WIDGET_PATH } from './build.ts';

export interface ModelWatchBuild {
  readonly widgetFile: string;
  readonly minifiedBytes: number;
  readonly gzippedBytes: number;
  readonly metafile: Metafile;
}

/** The module the plugin swaps, as watch-app.ts imports it, and what it becomes. */
const SHIPPED_GUARD_IMPORT = './watch-guard.ts';
const MODEL_GUARD_FILE = 'device/zepp/watch-model-guard.ts';

/** Only the widget (the page that runs the guard) is built: the app shell and assets are the shipped build's. */
export async function buildModelWatch(options: { readonly outDir: string; readonly profileText?: string }): Promise<ModelWatchBuild> {
  const root = findRoot(path.dirname(new URL(import.meta.url).pathname));
  const outDir = path.resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  let swapped = 0;
  const swapGuard: Plugin = {
    name: 'paceguard-model-guard',
    setup(builder) {
      builder.onResolve({ filter: /\/watch-guard\.ts$/ }, (args) => {
        if (args.path !== SHIPPED_GUARD_IMPORT || path.basename(args.importer) !== 'watch-app.ts') return undefined;
        swapped++;
        return { path: path.join(root, MODEL_GUARD_FILE) };
      });
    },
  };
  const widgetFile = path.join(outDir, WIDGET_PATH);
  const result = await build({
    ...WATCH_ESBUILD_OPTIONS,
    entryPoints: [path.join(root, 'device/zepp/app/data-widget.ts')],
    outfile: widgetFile,
    define: { PACEGUARD_BUILD_PROFILE: options.profileText === undefined ? 'undefined' : JSON.stringify(options.profileText) },
    plugins: [swapGuard],
    metafile: true,
  });
  // A renamed import would leave today's guard in silently: then nothing here measures the model.
  if (swapped !== 1) throw new Error(`build-model: expected watch-app.ts to import ${SHIPPED_GUARD_IMPORT} once, swapped ${swapped}`);
  if (result.metafile === undefined) throw new Error('esbuild gave no metafile');
  const bytes = await readFile(widgetFile);
  return { widgetFile, minifiedBytes: bytes.length, gzippedBytes: gzipSync(bytes, { level: 9 }).length, metafile: result.metafile };
}
