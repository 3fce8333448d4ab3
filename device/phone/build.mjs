// Builds the phone companion (device/phone) into device/phone/dist/: static
// files only, served by any web server (a PWA needs https or localhost).
//   node device/phone/build.mjs        (npm run build:phone)
// The app and its service worker are bundled by esbuild; uPlot's style sheet,
// the manifest, the icon and the shipped example runs are copied; the service
// worker gets the file list and a version (a hash of every file) so an
// installed app updates when a new build is served. The app is split: app.js
// is what the page needs to open (the live screen, the profile, the guard);
// the FIT SDK, the GPX/TCX parser and uPlot sit in chunks/ loaded on first
// need (src/lazy.ts). Bundle sizes come from esbuild's metafile: printed, and
// the metafile written to .cache/phone-meta.json (other output folders:
// `<outdir>.meta.json`) for `npm run bench:bundle` (simulator/bench/phone-bundle.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const PHONE_DIST = path.join(HERE, 'dist');

/** Example runs offered on the replay screen (and the profile they were made for). */
const EXAMPLES = ['recovery-run.fit', 'hilly-run.fit', 'bad-signal-run.fit', 'runner.json'];

/** What both bundles (the page's app, its service worker) are built with. */
const BROWSER_BUNDLE = { bundle: true, platform: 'browser', target: ['chrome100', 'safari15'], minify: true, metafile: true, logLevel: 'warning' };

export async function buildPhone({ outdir = PHONE_DIST, quiet = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(path.join(outdir, 'examples'), { recursive: true });
  const app = await build({
    entryPoints: [{ in: path.join(HERE, 'src/main.ts'), out: 'app' }],
    outdir,
    ...BROWSER_BUNDLE,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    legalComments: 'linked',
  });
  mkdirSync(path.dirname(metafilePath(outdir)), { recursive: true });
  writeFileSync(metafilePath(outdir), JSON.stringify(app.metafile));

  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), path.join(outdir, 'uPlot.min.css'));
  for (const file of ['style.css', 'manifest.webmanifest', 'icon.svg']) copyFileSync(path.join(HERE, 'static', file), path.join(outdir, file));
  for (const file of EXAMPLES) copyFileSync(path.join(ROOT, 'examples', file), path.join(outdir, 'examples', file));
  const options = EXAMPLES.filter((f) => f.endsWith('.fit'))
    .map((f) => `<option value="${f}">${f.replace(/\.fit$/, '').replace(/-/g, ' ')}</option>`)
    .join('');
  const html = readFileSync(path.join(HERE, 'static/index.html'), 'utf8').replace('<!-- EXAMPLES -->', options);
  writeFileSync(path.join(outdir, 'index.html'), html);

  const files = listFiles(outdir).filter((f) => !f.endsWith('.map'));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(path.join(outdir, f)));
  const version = hash.digest('hex').slice(0, 12);
  const sw = await build({
    entryPoints: [path.join(HERE, 'src/sw.ts')],
    outfile: path.join(outdir, 'sw.js'),
    ...BROWSER_BUNDLE,
    format: 'iife',
    define: { PHONE_VERSION: JSON.stringify(version), PHONE_FILES: JSON.stringify(['./', ...files]) },
  });

  const sizes = {
    'app.js': statSync(path.join(outdir, 'app.js')).size,
    'sw.js': statSync(path.join(outdir, 'sw.js')).size,
    total: files.reduce((sum, f) => sum + statSync(path.join(outdir, f)).size, 0),
  };
  if (!quiet) {
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`phone app built in ${path.relative(ROOT, outdir)}/ (version ${version}): app.js ${kb(sizes['app.js'])}, sw.js ${kb(sizes['sw.js'])}, ${files.length} files ${kb(sizes.total)} in all`);
    const chunks = files.filter((f) => f.startsWith('chunks/') && f.endsWith('.js'));
    console.log(`  and ${chunks.length} chunks (${kb(chunks.reduce((sum, f) => sum + statSync(path.join(outdir, f)).size, 0))}); what loads when, by package: npm run bench:bundle`);
  }
  void sw;
  return { outdir, version, files, sizes };
}

/** Where a build's esbuild metafile goes: never in its output folder (the service worker would serve it). */
export function metafilePath(outdir) {
  return path.resolve(outdir) === PHONE_DIST ? path.join(ROOT, '.cache/phone-meta.json') : `${path.resolve(outdir)}.meta.json`;
}

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildPhone();
