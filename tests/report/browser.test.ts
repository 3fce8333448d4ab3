import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as z from 'zod';
import { encodeActivity } from '../../src/fit/encode.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';
import { stretchesToSamples, type Stretch } from '../support/runs.ts';
import { CHROMIUM, HAVE_CHROMIUM, IN_CI, LAUNCH_ARGS, SCREENSHOTS } from '../support/chromium.ts';
import { corpusAvailable, corpusPath } from '../corpus.ts';
import { BUSIEST } from './busiest.ts';

/**
 * The HTML report (`paceguard replay --report`) rendered in a real headless
 * browser: Debian's chromium, driven by playwright-core (which never
 * downloads a browser of its own). Reports are written by the bundled command
 * (tests/global-setup.ts), as a user would get them; alert counts are checked
 * against what the same command prints with `--format jsonl`. Screenshots go
 * to .cache/screenshots/ for a person to look at.
 *
 * Locally, without /usr/bin/chromium, this file is skipped with one message;
 * in CI (.ci/run installs chromium) a missing browser is a failure.
 */

if (!corpusAvailable) console.warn(`tests/report/browser.test.ts: no corpus, the busiest-run report (${BUSIEST}) is skipped`);

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`tests/report/browser.test.ts skipped: no ${CHROMIUM} here (apt-get install chromium); CI installs it and runs these tests.`);
}

/** Series colours as browser-script.ts draws them: proof that a line, not only axes, reached the canvas. */
const LINE_RGB: Record<string, readonly [number, number, number]> = {
  'pace-chart': [0x1f, 0x5f, 0xbf],
  'hr-chart': [0xc2, 0x41, 0x0c],
  'elevation-chart': [0x6b, 0x7f, 0x4f],
};
const MARKUP = '<img src=x onerror=alert(1)><script>window.__pwned=1</script>';
const FIELD_MARKUP = '<svg onload=window.__pwned=3>';
const FILE_MARKUP = '<img src=x onerror=window.__pwned=2>.fit';

// ---------------------------------------------------------------------------
// Probes: JavaScript run in the page. Kept as text (this project's TypeScript
// has no DOM types, on purpose); what they return is checked with zod.

const ChartPixels = z.object({ width: z.number(), height: z.number(), inked: z.number(), line: z.number() });
type ChartPixels = z.infer<typeof ChartPixels>;

const CHART_PIXELS_PROBE = String.raw`(lineRgb) => {
  const result = {};
  for (const figure of document.querySelectorAll('figure.chart')) {
    const canvas = figure.querySelector('canvas');
    const box = figure.querySelector('.uplot');
    if (!canvas || !box) continue;
    const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const [r, g, b] = lineRgb[figure.id] || [0, 0, 0];
    let inked = 0, line = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      inked++;
      if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 40) line++;
    }
    const rect = box.getBoundingClientRect();
    result[figure.id] = { width: Math.round(rect.width), height: Math.round(rect.height), inked, line };
  }
  return result;
}`;

const Markers = z.object({ ats: z.array(z.number()), inside: z.array(z.boolean()) });
type Markers = z.infer<typeof Markers>;

const MARKERS_PROBE = String.raw`(id, kind) => {
  const over = document.querySelector('#' + id + ' .u-over');
  const width = over ? over.getBoundingClientRect().width : 0;
  const markers = Array.from(document.querySelectorAll('#' + id + ' .pg-marker[data-kind="' + kind + '"]'));
  return {
    ats: markers.map((m) => Number(m.dataset.at)),
    inside: markers.map((m) => !m.classList.contains('off') && m.offsetLeft >= 0 && m.offsetLeft <= width && m.offsetHeight > 50),
  };
}`;

const MARKER_STYLE_PROBE = String.raw`(kind) => {
  const style = getComputedStyle(document.querySelector('#pace-chart .pg-marker[data-kind="' + kind + '"]'));
  return style.borderLeftStyle + ' ' + style.borderLeftColor;
}`;

const Seen = z.object({
  pwned: z.undefined(),
  images: z.number(),
  scripts: z.number(),
  file: z.string(),
  title: z.string(),
  device: z.array(z.string()),
  details: z.string(),
});

const SEEN_PROBE = String.raw`({
  pwned: window.__pwned,
  images: document.querySelectorAll('img, svg').length,
  scripts: document.scripts.length,
  file: document.getElementById('file').textContent,
  title: document.title,
  device: Array.from(document.querySelectorAll('#device dd')).map((dd) => dd.textContent),
  details: document.getElementById('file-details').textContent,
})`;

/** What an attacker would try if markup got into the page after all: an image with a handler, a script element. */
const INJECT_PROBE = String.raw`(() => {
  document.body.insertAdjacentHTML('beforeend', '<img src="https://example.invalid/x.png" onerror="window.__pwned=4">');
  const script = document.createElement('script');
  script.textContent = 'window.__pwned = 5;';
  document.body.appendChild(script);
})()`;

/** The zone the command runs in: set, so the report's clock times are the same on every machine. */
const TZ = 'Europe/Berlin';

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Times (`at`, s) of the slow-down events `--format jsonl` prints, repeats included. */
function slowDownsInJsonl(stdout: string): number[] {
  return alertsInJsonl(stdout).map((e) => e.at);
}

/** The slow-down events `--format jsonl` prints: time and repeat number (0 for an overshoot's first alert). */
function alertsInJsonl(stdout: string): { at: number; repeat: number }[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; at?: number; repeat?: number })
    .filter((e) => e.kind === 'slow-down')
    .map((e) => ({ at: e.at ?? Number.NaN, repeat: e.repeat ?? Number.NaN }));
}

const Rows = z.array(z.object({ kind: z.string(), at: z.number(), count: z.number(), cells: z.array(z.string()) }));

const ROWS_PROBE = String.raw`Array.from(document.querySelectorAll('#events tr[data-kind]')).map((tr) => ({
  kind: tr.dataset.kind, at: Number(tr.dataset.at), count: Number(tr.dataset.count),
  cells: Array.from(tr.children).map((td) => td.textContent),
}))`;

const Range = z.tuple([z.number(), z.number()]);

interface Opened {
  readonly page: Page;
  /** Requests for anything but the report itself (file:, about:, data:), whether or not they got out. */
  readonly requests: string[];
  /** Those that reached the router, i.e. would have gone to the network (each is aborted). */
  readonly routed: string[];
  /** Why a request failed, by URL ('csp': the page's own policy stopped it before it left). */
  readonly failures: Record<string, string>;
  readonly errors: string[];
  readonly dialogs: string[];
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the HTML report in a real browser (Debian chromium)', () => {
  const dir = tempDir();
  const runner = 'examples/runner.json';
  let browser: Browser | undefined;
  const open: Page[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`no ${CHROMIUM}: .ci/run installs Debian's chromium before the tests`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function openReport(file: string, width = 1200): Promise<Opened> {
    if (browser === undefined) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    open.push(page);
    const requests: string[] = [];
    const routed: string[] = [];
    const failures: Record<string, string> = {};
    const errors: string[] = [];
    const dialogs: string[] = [];
    const local = (url: string): boolean => /^(file|about|data):/.test(url);
    await context.route('**', async (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      routed.push(url);
      return route.abort();
    });
    page.on('request', (request) => {
      if (!local(request.url())) requests.push(request.url());
    });
    page.on('requestfailed', (request) => {
      failures[request.url()] = request.failure()?.errorText ?? 'unknown';
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(path.resolve(file)).href);
    await page.waitForSelector('html[data-report="ready"]', { timeout: 15_000 });
    return { page, requests, routed, failures, errors, dialogs };
  }

  /** Per chart: its uPlot size, and how many canvas pixels are inked, and in the series' own colour. */
  async function chartPixels(page: Page): Promise<Record<string, ChartPixels>> {
    return z.record(z.string(), ChartPixels).parse(await page.evaluate(`(${CHART_PIXELS_PROBE})(${JSON.stringify(LINE_RGB)})`));
  }

  /** Alert markers over one chart: their times, and whether each sits inside the plot. */
  async function markersIn(page: Page, chartId: string, kind: string): Promise<Markers> {
    return Markers.parse(await page.evaluate(`(${MARKERS_PROBE})(${JSON.stringify(chartId)}, ${JSON.stringify(kind)})`));
  }

  /** Repeat ticks over one chart: their times. */
  async function ticksIn(page: Page, chartId: string): Promise<number[]> {
    return z.array(z.number()).parse(await page.evaluate(`Array.from(document.querySelectorAll('#${chartId} .pg-tick')).map((t) => Number(t.dataset.at))`));
  }

  /** The value axis as the chart drew it (min, max). */
  async function drawnRange(page: Page, chartId: string): Promise<[number, number]> {
    const text = z.string().parse(await page.locator(`#${chartId}`).getAttribute('data-y-range'));
    return Range.parse(text.split(',').map(Number));
  }

  /**
   * Alerts as a runner sees them, checked against the command's jsonl: one
   * marker per overshoot (its first alert) on both charts, a tick per repeat,
   * one table row per overshoot counting its repeats; the header's count is
   * the summary's.
   */
  async function checkAlerts(page: Page, jsonlStdout: string): Promise<{ firsts: number; repeats: number }> {
    const alerts = alertsInJsonl(jsonlStdout);
    const firsts = alerts.filter((a) => a.repeat === 0).map((a) => a.at);
    const repeats = alerts.filter((a) => a.repeat > 0).map((a) => a.at);
    for (const chartId of ['pace-chart', 'hr-chart']) {
      const markers = await markersIn(page, chartId, 'slow-down');
      expect(markers.ats, chartId).toEqual(firsts);
      expect(markers.inside.every(Boolean), chartId).toBe(true);
      expect(await ticksIn(page, chartId), chartId).toEqual(repeats);
    }
    const rows = Rows.parse(await page.evaluate(ROWS_PROBE)).filter((r) => r.kind === 'slow-down');
    expect(rows.map((r) => r.at)).toEqual(firsts);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(alerts.length);
    for (const row of rows) {
      expect(row.cells[2]).toMatch(row.count > 1 ? new RegExp(`^slow-down ×${row.count} over \\d+:\\d\\d$`) : /^slow-down$/);
      // Run time, then the local clock.
      expect(row.cells[0]).toMatch(/^\d+:\d\d(:\d\d)?$/);
      expect(row.cells[1]).toMatch(/^\d\d:\d\d:\d\d$/);
    }
    // A folded overshoot lasts what its back-under says (the cause may change on the way: pace, then both).
    const all = Rows.parse(await page.evaluate(ROWS_PROBE));
    all.forEach((row, i) => {
      const next = all[i + 1];
      if (row.kind === 'slow-down' && row.count > 1 && next?.kind === 'back-under') {
        expect(next.cells[3]).toBe(`under the ceiling again after ${/over (\d+:\d\d)$/.exec(row.cells[2] ?? '')?.[1] ?? '?'}`);
      }
    });
    const summary = JSON.parse(jsonlStdout.trim().split('\n').at(-1) ?? '{}') as { alerts: { slowDown: number; repeats: number } };
    expect(summary.alerts).toMatchObject({ slowDown: firsts.length, repeats: repeats.length });
    const header = (await page.locator('#run-facts').textContent()) ?? '';
    expect(header).toContain(`${firsts.length} slow-down alert${firsts.length === 1 ? '' : 's'}`);
    if (repeats.length > 0) expect(header).toContain(`(+${repeats.length} repeat${repeats.length === 1 ? '' : 's'})`);
    expect(header).toContain(`(${TZ})`);
    expect(await page.locator('#zone').textContent()).toBe(TZ);
    return { firsts: firsts.length, repeats: repeats.length };
  }

  async function markerStyle(page: Page, kind: string): Promise<string> {
    return z.string().parse(await page.evaluate(`(${MARKER_STYLE_PROBE})(${JSON.stringify(kind)})`));
  }

  async function screenshot(page: Page, name: string): Promise<string> {
    const file = path.join(SCREENSHOTS, `report-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(file).size).toBeGreaterThan(20_000);
    return file;
  }

  /** The same report on a phone's screen (412 px): drawn without errors, the ceiling line labelled; a screenshot to look at. */
  async function phoneWidthScreenshot(report: string, name: string): Promise<void> {
    const { page, errors } = await openReport(report, 412);
    const charts = await chartPixels(page);
    for (const [id, chart] of Object.entries(charts)) expect(chart.width, id).toBeLessThanOrEqual(412);
    await screenshot(page, `${name}-412`);
    // The pace chart alone, at full size: where the ceiling label must stay readable.
    await page.locator('#pace-chart').screenshot({ path: path.join(SCREENSHOTS, `report-${name}-412-pace.png`) });
    expect(errors).toEqual([]);
  }

  async function checkExample(name: string, format: 'text' | 'jsonl'): Promise<void> {
    const fit = `examples/${name}.fit`;
    const jsonl = runBin(['replay', fit, '--profile', runner, '--format', 'jsonl']);
    expect(jsonl.status).toBe(0);
    const slowDowns = slowDownsInJsonl(jsonl.stdout);
    expect(slowDowns.length).toBeGreaterThan(0);

    const report = path.join(dir, `${name}.html`);
    const run = runBin(['replay', fit, '--profile', runner, '--format', format, '--report', report]);
    expect(run.status).toBe(0);
    if (format === 'jsonl') expect(run.stdout).toBe(jsonl.stdout);
    else expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`Report written to ${report}`);

    const { page, requests, routed, errors, dialogs } = await openReport(report);
    // The charts draw: each uPlot sized, its canvas inked, with its series' colour.
    const charts = await chartPixels(page);
    expect(Object.keys(charts).sort()).toEqual(['elevation-chart', 'hr-chart', 'pace-chart']);
    for (const [id, chart] of Object.entries(charts)) {
      expect(chart.width, id).toBeGreaterThan(600);
      expect(chart.height, id).toBeGreaterThan(100);
      expect(chart.inked, id).toBeGreaterThan(chart.width * 20);
      expect(chart.line, id).toBeGreaterThan(200);
    }
    // One marker per overshoot, a tick per repeat, one folded row per overshoot: the command's alerts, as the summary counts them.
    await checkAlerts(page, jsonl.stdout);
    // The pace axis holds the ceiling; GAP is explained before the chart uses the word.
    const [lo, hi] = await drawnRange(page, 'pace-chart');
    expect(lo).toBeLessThan(360);
    expect(hi).toBeGreaterThan(360);
    expect(await page.locator('#gap-note').textContent()).toMatch(/^GAP is grade-adjusted pace: the flat pace of the same effort/);
    // The summary and its verdict, as the command gave them.
    const summary = JSON.parse(jsonl.stdout.trim().split('\n').at(-1) ?? '{}') as { verdict: string; advice: string };
    expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe(summary.verdict);
    expect(await page.locator('#advice').textContent()).toBe(summary.advice);

    await screenshot(page, name);
    await phoneWidthScreenshot(report, name);
    expect(requests).toEqual([]);
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }

  test('examples/recovery-run.fit (--format text): charts draw, a marker for every slow-down in jsonl, no request', async () => {
    await checkExample('recovery-run', 'text');
  });

  test('examples/hilly-run.fit (--format jsonl): the same, and stdout stays the jsonl', async () => {
    await checkExample('hilly-run', 'jsonl');
  });

  test('a run with a stop and a walk: the pace axis holds the running and the ceiling, not the stopped or walking paces', async () => {
    // Easy at 7:00 /km on the flat, under the 6:30 ceiling; one surge at 5:20 over it.
    const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 420, hrBpm: 128, cadenceSpm: 166, altitudeStepM: 0 });
    const samples = stretchesToSamples([
      easy(500),
      { seconds: 150, paceSecPerKm: 0, hrBpm: 105, cadenceSpm: 0 },
      easy(400),
      { seconds: 180, paceSecPerKm: 900, hrBpm: 110, cadenceSpm: 110 },
      easy(300),
      { seconds: 90, paceSecPerKm: 320, hrBpm: 134, cadenceSpm: 172 },
      easy(400),
    ]);
    const fit = path.join(dir, 'stops.fit');
    writeFileSync(fit, encodeActivity({ inputs: samples }));
    const report = path.join(dir, 'stops.html');
    const args = ['replay', fit, '--easy-pace', '6:00', '--hr-ceiling', '140'];
    expect(runBin([...args, '--report', report]).status).toBe(0);
    const ceiling = (JSON.parse(runBin([...args, '--format', 'jsonl']).stdout.trim().split('\n').at(-1) ?? '{}') as { paceCeilingSecPerKm: number }).paceCeilingSecPerKm;
    const { page, errors } = await openReport(report);
    const [lo, hi] = await drawnRange(page, 'pace-chart');
    expect(lo).toBeLessThan(Math.min(ceiling, 320));
    expect(hi).toBeGreaterThan(Math.max(ceiling, 420));
    // Standing (no pace) and walking at 15:00 /km stay off the axis: it ends before 8:30 /km.
    expect(hi).toBeLessThan(510);
    await screenshot(page, 'stops');
    expect(errors).toEqual([]);
  });

  test.skipIf(!corpusAvailable)('the busiest corpus run at --easy-pace 6:00: one marker per overshoot, its repeats as ticks, the table folded; the pace axis holds the ceiling', async () => {
    const fit = corpusPath('runs', BUSIEST);
    const args = ['replay', fit, '--easy-pace', '6:00'];
    const jsonl = runBin([...args, '--format', 'jsonl']);
    expect(jsonl.status).toBe(0);
    const report = path.join(dir, 'busiest.html');
    expect(runBin([...args, '--report', report]).status).toBe(0);
    const { page, errors, routed } = await openReport(report);
    const { firsts, repeats } = await checkAlerts(page, jsonl.stdout);
    // Repeats back off, so a long overshoot has a few (2 here), folded into its first alert's row.
    expect(firsts).toBeGreaterThan(0);
    expect(repeats).toBeGreaterThan(0);
    expect(jsonl.stdout).toContain('"kind":"not-recovery"');
    const summary = JSON.parse(jsonl.stdout.trim().split('\n').at(-1) ?? '{}') as { paceCeilingSecPerKm: number };
    const [lo, hi] = await drawnRange(page, 'pace-chart');
    expect(lo).toBeLessThan(summary.paceCeilingSecPerKm);
    expect(hi).toBeGreaterThan(summary.paceCeilingSecPerKm);
    expect(hi).toBeLessThan(900);
    await screenshot(page, 'busiest');
    await phoneWidthScreenshot(report, 'busiest');
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a file whose strings hold markup: shown as text, no script runs, nothing injected; events of other kinds look different', async () => {
    const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166, altitudeStepM: 0.03 });
    // Over long enough (5:40) for not-recovery, 5 min of moving time after the first slow-down.
    const samples = stretchesToSamples([easy(400), { seconds: 340, paceSecPerKm: 320, hrBpm: 134, cadenceSpm: 172 }, easy(500)]);
    const fit = path.join(dir, FILE_MARKUP);
    writeFileSync(fit, encodeActivity({ inputs: samples, productName: MARKUP, developerFieldNames: [FIELD_MARKUP, 'cadence (app)'] }));
    const report = path.join(dir, 'markup.html');
    const args = ['replay', fit, '--easy-pace', '5:30', '--hr-ceiling', '140', '--max-duration', '15'];
    const run = runBin([...args, '--report', report]);
    expect(run.status).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/<img|<svg|<script>window/);

    const { page, requests, routed, errors, dialogs } = await openReport(report);
    const seen = Seen.parse(await page.evaluate(SEEN_PROBE));
    expect(seen.pwned).toBeUndefined();
    expect(seen.images).toBe(0);
    expect(seen.scripts).toBe(3);
    expect(seen.file).toBe(fit);
    expect(seen.title).toBe(`paceguard report: ${fit}`);
    expect(seen.device).toContain(MARKUP);
    expect(seen.details).toContain(FIELD_MARKUP);
    expect(dialogs).toEqual([]);

    // Alerts and the other events: one slow-down marker per jsonl slow-down; time-up drawn unlike a slow-down.
    const jsonl = runBin([...args, '--format', 'jsonl']);
    await checkAlerts(page, jsonl.stdout);
    const slowDown = await markerStyle(page, 'slow-down');
    expect(await markerStyle(page, 'time-up')).not.toBe(slowDown);
    expect(await markerStyle(page, 'back-under')).not.toBe(slowDown);
    expect(jsonl.stdout).toContain('"kind":"not-recovery"');
    expect(await markerStyle(page, 'not-recovery')).not.toBe(slowDown);

    await screenshot(page, 'markup');
    expect(requests).toEqual([]);
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('defence in depth: markup put into the page anyway neither runs nor loads (Content Security Policy)', async () => {
    const report = path.join(dir, 'recovery-run-csp.html');
    expect(runBin(['replay', 'examples/recovery-run.fit', '--profile', runner, '--report', report]).status).toBe(0);
    const { page, routed, failures } = await openReport(report);
    await page.evaluate(INJECT_PROBE);
    await page.waitForTimeout(200);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    // The browser names the image request and stops it itself: it never reaches the network layer.
    expect(routed).toEqual([]);
    expect(failures).toEqual({ 'https://example.invalid/x.png': 'csp' });
  });
});
