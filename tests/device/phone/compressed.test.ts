import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as z from 'zod';
import { buildPhone } from '../../../device/phone/build.mjs';
import { serveFolder, type Served } from '../../../device/phone/tools/serve.ts';
import { encodeActivity } from '../../../src/fit/encode.ts';
import { makeRun } from '../../fit/make-run.ts';
import { TEST_BIN } from '../../global-setup.ts';
import { CHROMIUM, HAVE_CHROMIUM, IN_CI, LAUNCH_ARGS } from '../../support/chromium.ts';
import { tempDir } from '../../support/fixtures.ts';
import { tcxActivity, toGpx, toTcx } from '../../track/make-track.ts';

/**
 * The phone's Replay screen (device/phone, built as `npm run build:phone`
 * builds it, in Debian's chromium) opening exports as Strava and Garmin
 * Connect give them: `.fit.gz`, `.gpx.gz`, `.tcx.gz` and a Garmin zip, made
 * here from one run (tests/fit/make-run.ts, tests/track/make-track.ts)
 * packed with fflate. Each shows exactly the events of its plain file, and
 * those are the command's (`paceguard replay --format jsonl`).
 */
if (!HAVE_CHROMIUM && !IN_CI) console.warn(`tests/device/phone/compressed.test.ts skipped: no ${CHROMIUM} here`);

const PageEvents = z.array(z.object({ kind: z.string(), at: z.number() }));
const JsonlEvent = z.object({ kind: z.string(), at: z.number(), repeat: z.number().optional() }).loose();

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the phone\'s Replay screen opens gzipped and zipped exports (Debian chromium)', () => {
  const dir = tempDir();
  const run = makeRun({ samplesBefore: 1200, samplesAfter: 600 });
  const profile = path.join(dir, 'profile.json');
  let browser: Browser | undefined;
  let served: Served | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  const routed: string[] = [];

  const write = (name: string, bytes: Uint8Array): string => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`no ${CHROMIUM}: .ci/run installs Debian's chromium before the tests`);
    writeFileSync(profile, JSON.stringify({ paceCeiling: '6:30', hrCeilingBpm: 130 }));
    const built = await buildPhone({ outdir: path.resolve('.cache/phone-test-compressed'), quiet: true });
    served = await serveFolder(built.outdir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS] });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: 'block' });
    const origin = served.url;
    await context.route('**', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || /^(about|data|blob):/.test(url)) return route.continue();
      routed.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${origin}index.html#replay`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.setInputFiles('#replay-profile-file', profile);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Opens a file with the picker; the events the screen lists. */
  async function shown(file: string): Promise<{ kind: string; at: number }[]> {
    if (page === undefined) throw new Error('not set up');
    await page.setInputFiles('#fit-file', file);
    await page.waitForSelector(`#replay-screen[data-file="${path.basename(file)}"]`);
    return PageEvents.parse(await page.evaluate(String.raw`Array.from(document.querySelectorAll('#replay-events tr')).map((tr) => ({ kind: tr.dataset.kind, at: Number(tr.dataset.at) }))`));
  }

  function commandEvents(file: string): { kind: string; at: number }[] {
    const r = spawnSync(process.execPath, [TEST_BIN, 'replay', file, '--profile', profile, '--format', 'jsonl'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`replay ${file}: ${r.stderr}`);
    return r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind?: unknown })
      .filter((e) => e.kind !== 'summary')
      .map((e) => JsonlEvent.parse(e))
      // The screen folds repeats into their first alert (src/report/fold.ts): one row per alert.
      .filter((e) => (e.repeat ?? 0) === 0)
      .map((e) => ({ kind: e.kind, at: e.at }));
  }

  test('the picker accepts .gz and .zip', async () => {
    expect(await page?.getAttribute('#fit-file', 'accept')).toBe('.fit,.gpx,.tcx,.gz,.zip');
  });

  test.each<[string, 'fit' | 'gpx' | 'tcx', (bytes: Uint8Array) => Uint8Array]>([
    ['run.fit.gz', 'fit', (b) => gzipSync(b)],
    ['run.gpx.gz', 'gpx', (b) => gzipSync(b)],
    ['run.tcx.gz', 'tcx', (b) => gzipSync(b)],
    ['12345678901.zip', 'fit', (b) => zipSync({ '12345678901_ACTIVITY.fit': b })],
  ])('%s shows exactly the events of the plain file, and the command\'s', async (name, format, pack) => {
    const bytes =
      format === 'fit' ? encodeActivity({ inputs: run }) : new TextEncoder().encode(format === 'gpx' ? toGpx(run) : toTcx(tcxActivity(run)));
    const plainFile = write(`plain.${format}`, bytes);
    const plain = await shown(plainFile);
    expect(plain.some((e) => e.kind === 'slow-down')).toBe(true);
    expect(plain).toEqual(commandEvents(plainFile));
    const packed = await shown(write(name, pack(bytes)));
    expect(packed).toEqual(plain);
    expect(await page?.locator('#replay-status').textContent()).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: `));
    expect(errors).toEqual([]);
    expect(routed).toEqual([]);
  });

  test('a zip with two runs: the screen says so in one line', async () => {
    if (page === undefined) throw new Error('not set up');
    const fit = encodeActivity({ inputs: run });
    await page.setInputFiles('#fit-file', write('two.zip', zipSync({ 'a.fit': fit, 'b.fit': fit })));
    await expect.poll(() => page?.locator('#replay-status').textContent()).toBe(
      'Could not open two.zip: a zip with 2 activity files in it (a.fit, b.fit): paceguard reads one activity per zip; unzip it and give the one you mean',
    );
  });
});
