/**
 * `npm run build:watch -- --profile PROFILE.json [--app-id N] [--out DIR]`:
 * the Zepp OS project folder that `zeus preview` / `zeus build` take as it is
 * (default dist/zepp/, gitignored):
 *
 *   app.json                          device/zepp/app.json, with the app id
 *   app.js                            the app shell
 *   data-widget/common/index.js       the Workout Extension page: the guard, bundled and minified
 *   assets/common.r/icon.png          a generated icon (and common.s/ for square screens)
 *   package.json
 *
 * The runner's profile (validated, resolved) is built in: the watch stores it
 * at its first start. Without one the watch could only say "no profile", so
 * the tool asks for one (--profile or --easy-pace) unless told --no-profile
 * (a demo build). The app id is --app-id, else one made from this computer
 * (stable across rebuilds), printed. Prints the bundle's size (minified and
 * gzipped) from esbuild's metafile; the budget is 80 KB minified. The folder
 * is built beside --out and moved into place only when complete.
 * docs/watch.md walks through it.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { firstLine, parseToolArgs, refuse, runTool, type FlagSpec } from './cli.ts';
import { describeWatchProfile, readWatchProfileFile, watchProfileFromJson, type WatchProfileResult } from './profile.ts';

/** The budget the issue sets for the watch bundle, minified. */
export const WATCH_BUNDLE_BUDGET_BYTES = 80 * 1024;
export const WIDGET_PATH = 'data-widget/common/index.js';

/** How the watch's code is bundled: shared with the effort model's measurement build (build-model.ts), so both are measured alike. */
export const WATCH_ESBUILD_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'esm',
  // Zepp OS runs QuickJS; ES2020 is what its engine has had since API 2.
  target: 'es2020',
  minify: true,
  external: ['@zos/*'],
  logLevel: 'silent',
  legalComments: 'none',
};

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
  // Built beside the destination, then moved into place: a failed build leaves the old folder (or none), never half of one.
  const stagingDir = `${outDir}.building-${process.pid}`;
  await rm(stagingDir, { recursive: true, force: true });
  // Made here, not by esbuild, so an unwritable destination is a file-system error (with its code), not a build failure.
  // (The parent recursively, the folder itself not: Node's recursive mkdir spins on a place like /proc that says ENOENT to a new folder.)
  await mkdir(path.dirname(stagingDir), { recursive: true });
  await mkdir(stagingDir);
  try {
    const common = WATCH_ESBUILD_OPTIONS;
    const widget = await build({
      ...common,
      entryPoints: [path.join(root, 'device/zepp/app/data-widget.ts')],
      outfile: path.join(stagingDir, WIDGET_PATH),
      define: { PACEGUARD_BUILD_PROFILE: options.profileText === undefined ? 'undefined' : JSON.stringify(options.profileText) },
      metafile: true,
    });
    await build({ ...common, entryPoints: [path.join(root, 'device/zepp/app/app.ts')], outfile: path.join(stagingDir, 'app.js') });

    const appJson = JSON.parse(await readFile(path.join(root, 'device/zepp/app.json'), 'utf8')) as AppJson;
    if (options.appId !== undefined) appJson.app.appId = options.appId;
    await writeFile(path.join(stagingDir, 'app.json'), `${JSON.stringify(appJson, null, 2)}\n`);
    await writeFile(
      path.join(stagingDir, 'package.json'),
      `${JSON.stringify({ name: 'paceguard-zepp', version: '0.1.0', private: true, description: 'Built by npm run build:watch' }, null, 2)}\n`,
    );
    // One resource folder per build target and screen shape (assets/<target>.<st>), as zeus expects.
    for (const [target, config] of Object.entries(appJson.targets)) {
      for (const platform of config.platforms) {
        const assets = path.join(stagingDir, 'assets', `${target}.${platform.st}`);
        await mkdir(assets, { recursive: true });
        await writeFile(path.join(assets, 'icon.png'), iconPng(124));
      }
    }

    if (widget.metafile === undefined) throw new Error('esbuild gave no metafile');
    const bytes = await readFile(path.join(stagingDir, WIDGET_PATH));
    await rm(outDir, { recursive: true, force: true });
    await rename(stagingDir, outDir);
    const widgetFile = path.join(outDir, WIDGET_PATH);
    return { outDir, widgetFile, minifiedBytes: bytes.length, gzippedBytes: gzipSync(bytes, { level: 9 }).length, metafile: widget.metafile };
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
}

/** The part of device/zepp/app.json the build reads or changes. */
interface AppJson {
  app: { appId: number; appName: string };
  targets: Record<string, { platforms: { st: string }[] }>;
}

export function findRoot(from: string): string {
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

const TOOL = 'build:watch';

/** Zepp's app ids are whole numbers the developer console assigns; the docs give no range, so any positive 32-bit one is taken. */
export const MAX_APP_ID = 4_294_967_295;
/**
 * Where generated ids fall: seven digits like the console's (the docs'
 * examples are 1000000 and 1000089, Zepp's own samples 1047459), in the top
 * of that range, far from the ids seen assigned so far.
 */
export const PERSONAL_APP_ID_MIN = 9_000_000;
export const PERSONAL_APP_ID_MAX = 9_999_999;

export const BUILD_WATCH_HELP = `Usage: npm run build:watch -- --profile FILE [options]

Builds paceguard's Zepp OS watch app (a Workout Extension) with your profile
built in, into a folder that Zepp's zeus tool installs or packages as it is.

  paceguard calibrate ~/runs/                   # makes your profile (or write one by hand)
  npm run build:watch -- --profile ~/.config/paceguard/profile.json
  cd dist/zepp && zeus preview                  # try it: scan the code with the Zepp app
  cd dist/zepp && zeus build                    # or make the installable .zab

Options:
  --profile FILE   your profile: the file paceguard calibrate writes, one
                   written by hand ({"easyPace": "5:30", "hrCeilingBpm": 140}),
                   or one in the watch's format (npm run watch:profile)
  --easy-pace M:SS no profile file: your easy pace per km (the pace ceiling
                   is 0:30 slower), the same as {"easyPace": "M:SS"}
  --no-profile     a demo build with no profile: the watch shows
                   "no profile" and guards nothing
  --app-id N       the app id from the Zepp developer console (1 to
                   ${MAX_APP_ID}); default: one made from this computer's
                   user and host name (${PERSONAL_APP_ID_MIN}-${PERSONAL_APP_ID_MAX}), the same at
                   every build, printed
  --out DIR        where to write the folder (default dist/zepp); an existing
                   folder is replaced only if it is an earlier build
  -h, --help       this text

Exit status: 0 built, 1 built but over the 80 KB bundle budget, 2 bad input
(one line says which flag or file, and what was expected).
See docs/watch.md for installing on a watch.`;

/**
 * The default app id: a hash (FNV-1a) of who builds where, so every rebuild
 * on one computer updates the same app on the watch instead of adding a
 * second one, and two runners are unlikely to share one.
 */
export function personalAppId(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PERSONAL_APP_ID_MIN + (hash % (PERSONAL_APP_ID_MAX - PERSONAL_APP_ID_MIN + 1));
}

function builderSeed(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env['USER'] ?? process.env['USERNAME'] ?? 'runner';
  }
  return `paceguard:${user}@${hostname()}`;
}

const FLAGS: FlagSpec = {
  profile: { type: 'string' },
  'easy-pace': { type: 'string' },
  'no-profile': { type: 'boolean' },
  'app-id': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

async function main(argv: readonly string[]): Promise<number> {
  const args = parseToolArgs(TOOL, argv, FLAGS);
  if (args.kind === 'help') {
    process.stdout.write(`${BUILD_WATCH_HELP}\n`);
    return 0;
  }
  if (args.kind === 'error') return refuse(args.message);
  const flag = (name: string): string | undefined => {
    const value = args.values.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  if (args.positionals.length > 0) return refuse(`${TOOL}: unexpected argument ${args.positionals[0]}; the profile goes after --profile (see --help)`);

  const profileFile = flag('profile');
  const easyPace = flag('easy-pace');
  const noProfile = args.values.get('no-profile') === true;
  const given = [profileFile !== undefined && '--profile', easyPace !== undefined && '--easy-pace', noProfile && '--no-profile'].filter((f) => f !== false);
  if (given.length > 1) return refuse(`${TOOL}: ${given.join(' and ')}: expected one of them`);
  let profile: WatchProfileResult | undefined;
  if (profileFile !== undefined) {
    profile = await readWatchProfileFile(profileFile);
    if (!profile.ok) return refuse(`${TOOL}: ${profileFile}: ${profile.error}`);
  } else if (easyPace !== undefined) {
    profile = watchProfileFromJson({ easyPace });
    if (!profile.ok) return refuse(`${TOOL}: --easy-pace: ${profile.error.replace(/^easyPace: /, '')}`);
  } else if (!noProfile) {
    return refuse(
      `${TOOL}: expected --profile FILE: the watch needs your ceilings (make a profile with paceguard calibrate RUNS…, or give --easy-pace M:SS; --no-profile builds a demo)`,
    );
  }
  if (profile?.ok === true && profile.profile.ceilings.paceCeilingSecPerKm === undefined && profile.profile.ceilings.hrCeilingBpm === undefined) {
    return refuse(`${TOOL}: ${profileFile ?? '--easy-pace'}: no ceiling to guard; expected easyPace, paceCeiling or hrCeilingBpm`);
  }

  const appIdText = flag('app-id');
  let appId: number;
  let appIdOrigin: string;
  if (appIdText !== undefined) {
    appId = /^\d{1,10}$/.test(appIdText) ? Number(appIdText) : Number.NaN;
    if (!(appId >= 1 && appId <= MAX_APP_ID)) {
      return refuse(`${TOOL}: --app-id: expected the whole number the Zepp developer console gave (1 to ${MAX_APP_ID}), got ${appIdText}`);
    }
    appIdOrigin = 'from --app-id';
  } else {
    appId = personalAppId(builderSeed());
    appIdOrigin = 'made from this computer; give --app-id to use the one the Zepp developer console assigns';
  }

  const outText = flag('out') ?? 'dist/zepp';
  if (outText === '') return refuse(`${TOOL}: --out: expected a folder name`);
  const outProblem = await outDirProblem(path.resolve(outText));
  if (outProblem !== undefined) return refuse(`${TOOL}: --out ${outText}: ${outProblem}`);

  let built: WatchBuild;
  try {
    built = await buildWatch({ outDir: outText, ...(profile?.ok === true ? { profileText: JSON.stringify(profile.profile) } : {}), appId });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const why = code === 'ENOENT' ? 'no such place' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code;
      return refuse(`${TOOL}: --out ${outText}: cannot write there (${why})`);
    }
    const esbuildErrors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const first = esbuildErrors?.[0];
    if (first !== undefined) {
      return refuse(`${TOOL}: the watch code did not build: ${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}`);
    }
    return refuse(`${TOOL}: the watch code did not build: ${firstLine(error)}`);
  }

  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const relative = path.relative(process.cwd(), built.outDir);
  const shown = relative === '' ? '.' : relative.startsWith('..') ? built.outDir : relative;
  const withinBudget = built.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES;
  process.stdout.write(
    `Built paceguard for Zepp OS in ${shown}/\n` +
      `  profile: ${profile?.ok === true ? `${profileFile ?? `--easy-pace ${easyPace}`} (${describeWatchProfile(profile.profile)})` : 'none (--no-profile: a demo; the watch shows "no profile" and guards nothing)'}\n` +
      `  app id:  ${appId} (${appIdOrigin})\n` +
      `  bundle:  ${WIDGET_PATH} ${kb(built.minifiedBytes)} minified, ${kb(built.gzippedBytes)} gzipped (budget ${kb(WATCH_BUNDLE_BUDGET_BYTES)} minified: ${withinBudget ? 'PASS' : 'FAIL'})\n` +
      `Next (zeus: npm i -g @zeppos/zeus-cli; see docs/watch.md):\n` +
      `  cd ${shown} && zeus preview    # try it on your watch: scan the QR code with the Zepp app (Developer Mode)\n` +
      `  cd ${shown} && zeus build      # or make the installable .zab package (in ${shown}/dist/)\n`,
  );
  return withinBudget ? 0 : 1;
}

/** Why --out cannot take the build, if it cannot: it is a file, or a folder with something other than an earlier build in it. */
async function outDirProblem(outDir: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return 'is a file; expected a folder to build into';
    return `cannot read it (${code ?? 'error'})`;
  }
  if (entries.length === 0) return undefined;
  try {
    const appJson = JSON.parse(await readFile(path.join(outDir, 'app.json'), 'utf8')) as { app?: { appName?: unknown } };
    if (appJson.app?.appName === 'paceguard') return undefined;
  } catch {
    // no app.json, or not ours: refused below
  }
  return 'holds something other than an earlier paceguard build; expected a new or empty folder (it is replaced)';
}

if (process.argv[1]?.endsWith('build.mjs') === true || process.argv[1]?.endsWith('build.ts') === true) {
  process.exitCode = await runTool(TOOL, () => main(process.argv.slice(2)));
}
