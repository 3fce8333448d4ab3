/**
 * The phone app's weight, by package, from esbuild's metafile:
 *   npm run bench:bundle
 * Builds the app as `npm run build:phone` does (as a subprocess: simulator/
 * never imports device/), reads the metafile it writes
 * (.cache/phone-meta.json) and the files it made (device/phone/dist/), and
 * prints app.js minified, what the page loads before it runs (gzipped, as a
 * server sends it) and what waits for first need, each by package, with
 * PASS/FAIL against issue #21's targets. The figures go into
 * docs/benchmarks.md (block `phone-bundle`). Sizes are exact and do not
 * depend on the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as z from 'zod';
import { writeDocBlock } from './write-doc.ts';

/** Issue #21: app.js at most 500 KB minified. */
const APP_JS_MAX_BYTES = 500 * 1024;
/** Issue #21: everything the page needs at first load at most 200 KB gzipped. */
const FIRST_LOAD_GZIP_MAX_BYTES = 200 * 1024;
/** gzip's default level, what a web server typically sends. */
const GZIP_LEVEL = 6;

const ROOT = path.resolve('.');
const DIST = path.join(ROOT, 'device/phone/dist');
const META = path.join(ROOT, '.cache/phone-meta.json');
const COMMAND = 'npm run bench:bundle';

/** What index.html loads besides the script (device/phone/static/index.html), and the service worker main.ts registers. */
const PAGE_FILES = ['index.html', 'style.css', 'uPlot.min.css', 'manifest.webmanifest', 'icon.svg', 'sw.js'];

/** The part of esbuild's metafile read here. */
const Metafile = z.object({
  outputs: z.record(
    z.string(),
    z.object({
      bytes: z.number(),
      entryPoint: z.string().optional(),
      imports: z.array(z.object({ path: z.string(), kind: z.string() })),
      inputs: z.record(z.string(), z.object({ bytesInOutput: z.number() })),
    }),
  ),
});
type Metafile = z.infer<typeof Metafile>;

const built = spawnSync(process.execPath, ['device/phone/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`bench:bundle: npm run build:phone failed: ${built.stderr.trim().split('\n')[0] ?? ''}`);
  process.exit(1);
}
const meta = Metafile.parse(JSON.parse(readFileSync(META, 'utf8')));
const js = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
const entry = js.find((f) => meta.outputs[f]?.entryPoint?.endsWith('device/phone/src/main.ts') === true);
if (entry === undefined) throw new Error('the metafile has no output for device/phone/src/main.ts');
const first = staticallyLoaded(meta, entry);
const later = js.filter((f) => !first.includes(f));

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const fileBytes = (file: string): Buffer => readFileSync(path.isAbsolute(file) ? file : path.join(ROOT, file));
const gz = (file: string): number => gzipSync(fileBytes(file), { level: GZIP_LEVEL }).length;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const appBytes = meta.outputs[entry]?.bytes ?? 0;
const firstFiles = [...first, ...PAGE_FILES.map((f) => path.join(DIST, f))];
const firstGzip = sum(firstFiles.map(gz));
const firstMin = sum(firstFiles.map((f) => fileBytes(f).length));
const laterMin = sum(later.map((f) => meta.outputs[f]?.bytes ?? 0));
const laterGzip = sum(later.map(gz));

const lines = [
  `phone app (device/phone), built as npm run build:phone builds it; sizes from esbuild's metafile, gzip level ${GZIP_LEVEL}`,
  `app.js minified                ${kb(appBytes).padStart(10)}   target at most ${kb(APP_JS_MAX_BYTES)}: ${appBytes <= APP_JS_MAX_BYTES ? 'PASS' : 'FAIL'}`,
  `first load, gzipped            ${kb(firstGzip).padStart(10)}   target at most ${kb(FIRST_LOAD_GZIP_MAX_BYTES)}: ${firstGzip <= FIRST_LOAD_GZIP_MAX_BYTES ? 'PASS' : 'FAIL'}`,
  `  (${kb(firstMin)} as files: app.js, the ${first.length - 1} chunk(s) it imports, ${PAGE_FILES.join(', ')})`,
  `on first need (Stop, Replay)   ${kb(laterMin).padStart(10)}   ${kb(laterGzip)} gzipped, ${later.length} chunk(s)`,
  `all JavaScript, minified       ${kb(sum(js.map((f) => meta.outputs[f]?.bytes ?? 0))).padStart(10)}   (app.js and every chunk)`,
  '',
  `at first load, by package:   ${byPackage(meta, first)}`,
  `on first need, by package:   ${byPackage(meta, later)}`,
];
console.log(lines.join('\n'));
await writeDocBlock(path.join(ROOT, 'docs/benchmarks.md'), 'phone-bundle', COMMAND, ['```', ...lines, '```'].join('\n'));
console.log(`\nwritten to docs/benchmarks.md (block phone-bundle)`);

/** An output and every chunk it imports statically, transitively: what loads before it runs (a dynamic import waits for first need). */
function staticallyLoaded(m: Metafile, from: string): string[] {
  const seen: string[] = [];
  const visit = (file: string): void => {
    const output = m.outputs[file];
    if (output === undefined || seen.includes(file)) return;
    seen.push(file);
    for (const i of output.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(from);
  return seen;
}

/** Minified bytes each package puts into the outputs (paceguard: the project's own code), largest first. */
function byPackage(m: Metafile, outputs: readonly string[]): string {
  const bytes = new Map<string, number>();
  for (const file of outputs) {
    for (const [input, info] of Object.entries(m.outputs[file]?.inputs ?? {})) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'paceguard';
      bytes.set(name, (bytes.get(name) ?? 0) + info.bytesInOutput);
    }
  }
  return [...bytes]
    .filter(([, b]) => b >= 512)
    .sort((a, b) => b[1] - a[1])
    .map(([name, b]) => `${name} ${(b / 1024).toFixed(0)} KB`)
    .join(', ');
}
