/**
 * `npm run build:watch [-- --profile PROFILE.json] [--app-id N] [--out DIR]`:
 * the Zepp OS project folder that `zeus` packages as it is (default
 * dist/zepp/, gitignored):
 *
 *   app.json                          device/zepp/app.json (+ --app-id)
 *   app.js                            the app shell
 *   data-widget/common/index.js       the Workout Extension page: the guard, bundled and minified
 *   assets/common.r/icon.png          a generated icon
 *   package.json
 *
 * With --profile, the runner's profile (validated, resolved) is built in: the
 * watch stores it at its first start. Prints the bundle's size (minified and
 * gzipped) from esbuild's metafile; the budget is 80 KB minified.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync, gzipSync } from 'node:zlib';
import { readWatchProfileFile } from './profile.ts';

/** The budget the issue sets for the watch bundle, minified. */
export const WATCH_BUNDLE_BUDGET_BYTES = 80 * 1024;
export const WIDGET_PATH = 'data-widget/common/index.js';

export interface WatchBuild {
  readonly outDir: string;
  readonly widgetFile: string;
  readonly minifiedBytes: number;
  readonly gzippedBytes: number;
  readonly metafile: Metafile;
}

export interface WatchBuildOptions {
  readonly outDir: string;
  /** The watch profile's JSON text, built in. */
  readonly profileText?: string;
  readonly appId?: number;
}

export async function buildWatch(options: WatchBuildOptions): Promise<WatchBuild> {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const root = findRoot(here);
  const outDir = path.resolve(options.outDir);
  const common: BuildOptions = {
    bundle: true,
    format: 'esm',
    // Zepp OS runs QuickJS; ES2020 is what its engine has had since API 2.
    target: 'es2020',
    minify: true,
    external: ['@zos/*'],
    logLevel: 'warning',
    legalComments: 'none',
  };
  const widget = await build({
    ...common,
    entryPoints: [path.join(root, 'device/zepp/app/data-widget.ts')],
    outfile: path.join(outDir, WIDGET_PATH),
    define: { PACEGUARD_BUILD_PROFILE: options.profileText === undefined ? 'undefined' : JSON.stringify(options.profileText) },
    metafile: true,
  });
  await build({ ...common, entryPoints: [path.join(root, 'device/zepp/app/app.ts')], outfile: path.join(outDir, 'app.js') });

  const appJson = JSON.parse(await readFile(path.join(root, 'device/zepp/app.json'), 'utf8')) as { app: { appId: number } };
  if (options.appId !== undefined) appJson.app.appId = options.appId;
  await writeFile(path.join(outDir, 'app.json'), `${JSON.stringify(appJson, null, 2)}\n`);
  await writeFile(
    path.join(outDir, 'package.json'),
    `${JSON.stringify({ name: 'paceguard-zepp', version: '0.1.0', private: true, description: 'Built by npm run build:watch' }, null, 2)}\n`,
  );
  await mkdir(path.join(outDir, 'assets/common.r'), { recursive: true });
  await writeFile(path.join(outDir, 'assets/common.r/icon.png'), iconPng(124));

  if (widget.metafile === undefined) throw new Error('esbuild gave no metafile');
  const widgetFile = path.join(outDir, WIDGET_PATH);
  const bytes = await readFile(widgetFile);
  return { outDir, widgetFile, minifiedBytes: bytes.length, gzippedBytes: gzipSync(bytes, { level: 9 }).length, metafile: widget.metafile };
}

function findRoot(from: string): string {
  // device/zepp/tools → the repository root, also when bundled into .cache/run-ts/.
  return from.includes(`${path.sep}device${path.sep}zepp`) ? path.resolve(from, '../../..') : process.cwd();
}

/** The biggest inputs of the widget bundle, from esbuild's metafile. */
export function largestInputs(metafile: Metafile, count: number): { path: string; bytes: number }[] {
  const outputs = Object.values(metafile.outputs);
  const inputs = new Map<string, number>();
  for (const output of outputs) {
    for (const [file, info] of Object.entries(output.inputs)) inputs.set(file, (inputs.get(file) ?? 0) + info.bytesInOutput);
  }
  return [...inputs.entries()]
    .map(([file, bytes]) => ({ path: file, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

/** A square PNG: a green disc on black, the guard's "easy" colour. */
function iconPng(size: number): Uint8Array {
  const rows: number[] = [];
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x++) {
      const inside = (x + 0.5 - r) ** 2 + (y + 0.5 - r) ** 2 <= (r - 2) ** 2;
      rows.push(inside ? 0x30 : 0, inside ? 0xd1 : 0, inside ? 0x58 : 0, inside ? 255 : 0);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    strict: true,
    options: { profile: { type: 'string' }, 'app-id': { type: 'string' }, out: { type: 'string' } },
  });
  let profileText: string | undefined;
  if (values.profile !== undefined) {
    const result = await readWatchProfileFile(values.profile);
    if (!result.ok) {
      process.stderr.write(`paceguard: ${values.profile}: ${result.error}\n`);
      return 2;
    }
    profileText = JSON.stringify(result.profile);
  }
  const appId = values['app-id'] === undefined ? undefined : Number(values['app-id']);
  if (appId !== undefined && !Number.isInteger(appId)) {
    process.stderr.write('paceguard: --app-id: expected the whole number the Zepp developer console gave\n');
    return 2;
  }
  const built = await buildWatch({
    outDir: values.out ?? 'dist/zepp',
    ...(profileText !== undefined ? { profileText } : {}),
    ...(appId !== undefined ? { appId } : {}),
  });
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `Zepp OS project in ${path.relative(process.cwd(), built.outDir) || '.'}/ (package it with: cd ${path.relative(process.cwd(), built.outDir)} && zeus build)\n` +
      `${WIDGET_PATH}: ${kb(built.minifiedBytes)} minified, ${kb(built.gzippedBytes)} gzipped (budget ${kb(WATCH_BUNDLE_BUDGET_BYTES)} minified: ${built.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES ? 'PASS' : 'FAIL'})\n` +
      `profile built in: ${profileText === undefined ? 'none (the watch reads LocalStorage "paceguard.profile")' : values.profile}\n`,
  );
  return built.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES ? 0 : 1;
}

if (process.argv[1]?.endsWith('build.mjs') === true || process.argv[1]?.endsWith('build.ts') === true) {
  process.exitCode = await main();
}
