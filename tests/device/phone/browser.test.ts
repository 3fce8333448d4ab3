import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as z from 'zod';
import { decodeActivity } from '../../../src/fit/decode.ts';
import { formatDuration } from '../../../src/fit/format.ts';
import { LOCATION_REFUSED } from '../../../device/phone/src/words.ts';
import { buildPhone } from '../../../device/phone/build.mjs';
import { RECONNECT_DELAYS_MS } from '../../../device/phone/src/live/bluetooth.ts';
import { serveFolder, type Served } from '../../../device/phone/tools/serve.ts';
import { TEST_BIN } from '../../global-setup.ts';
import { tempDir } from '../../support/fixtures.ts';
import { sensorTimeline } from './support/sensor-timeline.ts';
import { STAND_IN_SCRIPT, type StandInConfig } from './support/stand-ins.ts';
import { CHROMIUM, HAVE_CHROMIUM, IN_CI, LAUNCH_ARGS, SCREENSHOTS } from '../../support/chromium.ts';
import { toGpx } from '../../track/make-track.ts';
import { corpusAvailable, corpusPath } from '../../corpus.ts';
import { BUSIEST } from '../../report/busiest.ts';

/**
 * The phone companion (device/phone), built as `npm run build:phone` builds
 * it, served from 127.0.0.1 and driven in Debian's chromium by playwright-core.
 * A recorded run (examples/bad-signal-run.fit, heart-rate ceiling 134: a slow-down, GPS lost in a
 * tunnel, a 50 s heart-rate dropout) is played into the page as real GATT
 * notifications and position fixes (support/stand-ins.ts) on the page's own
 * clock, which playwright's clock API runs 10 s at a time: no real sleeps.
 * What the page says is compared with `paceguard replay --format jsonl` of
 * the same file and profile; the session it stored exports to a FIT file
 * that the command replays to the same events. Screenshots go to
 * .cache/screenshots/phone-*.png.
 */
const RUN = 'examples/bad-signal-run.fit';
/** Spoken kinds: the events that ask something of the runner. */
const SPOKEN = new Set(['slow-down', 'time-up', 'signal-lost', 'tired']);

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`tests/device/phone/live.test.ts skipped: no ${CHROMIUM} here`);

const JsonlEvent = z.object({ kind: z.string(), at: z.number(), repeat: z.number().optional() }).loose();
type JsonlEvent = z.infer<typeof JsonlEvent>;

function replayEvents(fit: string, profile: string): JsonlEvent[] {
  const r = spawnSync(process.execPath, [TEST_BIN, 'replay', fit, '--profile', profile, '--format', 'jsonl'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`replay ${fit}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind?: unknown })
    .filter((e) => e.kind !== 'summary')
    .map((e) => JsonlEvent.parse(e));
}

/** `paceguard replay`'s summary of a file: its jsonl summary line (exact counts, verdict, advice) and its text block (figures as worded). */
const JsonlSummary = z.object({
  kind: z.literal('summary'),
  timerSec: z.number(),
  alerts: z.object({ slowDown: z.number(), repeats: z.number(), signalLost: z.number(), timeUp: z.number(), tired: z.number() }),
  verdict: z.enum(['easy', 'moderate', 'unknown']),
  advice: z.string(),
});
function replaySummary(fit: string, profile: string): { jsonl: z.infer<typeof JsonlSummary>; text: Map<string, string> } {
  const jsonlRun = spawnSync(process.execPath, [TEST_BIN, 'replay', fit, '--profile', profile, '--format', 'jsonl'], { encoding: 'utf8' });
  if (jsonlRun.status !== 0) throw new Error(`replay ${fit}: ${jsonlRun.stderr}`);
  const jsonl = JsonlSummary.parse(JSON.parse(jsonlRun.stdout.trim().split('\n').at(-1) ?? ''));
  const textRun = spawnSync(process.execPath, [TEST_BIN, 'replay', fit, '--profile', profile], { encoding: 'utf8' });
  if (textRun.status !== 0) throw new Error(`replay ${fit}: ${textRun.stderr}`);
  // "  moving time        31:02 (timer 31:40)" → "moving time" → "31:02 (timer 31:40)"
  const block = textRun.stdout.slice(textRun.stdout.lastIndexOf('\nSummary\n'));
  const text = new Map(Array.from(block.matchAll(/^  ([a-z ]+?)\s{2,}(.+)$/gm), (m) => [m[1] ?? '', m[2] ?? '']));
  return { jsonl, text };
}

const StandInLog = z.object({
  spoken: z.array(z.object({ text: z.string(), atMs: z.number() })),
  connects: z.object({ hr: z.number(), rsc: z.number() }),
  connected: z.object({ hr: z.array(z.number()), rsc: z.array(z.number()) }),
  drops: z.object({ hr: z.array(z.number()), rsc: z.array(z.number()) }),
  watches: z.number(),
});
const PageEvents = z.array(z.object({ kind: z.string(), at: z.number() }));
const PAGE_EVENTS_PROBE = String.raw`Array.from(document.querySelectorAll('#live-events tr')).reverse().map((tr) => ({ kind: tr.dataset.kind, at: Number(tr.dataset.at) }))`;

/** The kind a spoken phrase stands for (device/phone/src/live/speech.ts). */
function kindOfPhrase(text: string): string {
  if (text.startsWith('Slow down')) return 'slow-down';
  if (text.startsWith('Time is up')) return 'time-up';
  if (/lost|unreliable/.test(text)) return 'signal-lost';
  if (text.startsWith('Heart rate high')) return 'tired';
  return `unknown: ${text}`;
}

/** The page's time zone: not UTC, so a clock shown in UTC by mistake is caught. */
const PAGE_ZONE = 'Europe/Berlin';

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the phone companion in a real browser (Debian chromium)', () => {
  const dir = tempDir();
  let browser: Browser | undefined;
  let served: Served | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`no ${CHROMIUM}: .ci/run installs Debian's chromium before the tests`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const built = await buildPhone({ outdir: path.resolve('.cache/phone-test'), quiet: true });
    served = await serveFolder(built.outdir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS] });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await served?.close();
  });

  /** A page with no way out: every request but the local server's is aborted and listed. */
  async function open(options: { serviceWorkers: 'allow' | 'block'; width: number; height: number }): Promise<{ context: BrowserContext; page: Page; routed: string[]; errors: string[] }> {
    if (browser === undefined || served === undefined) throw new Error('not set up');
    const origin = served.url;
    const context = await browser.newContext({
      viewport: { width: options.width, height: options.height },
      deviceScaleFactor: 1,
      serviceWorkers: options.serviceWorkers,
      // Dates on screen read the same on every machine.
      locale: 'en-GB',
      timezoneId: PAGE_ZONE,
    });
    contexts.push(context);
    const routed: string[] = [];
    await context.route('**', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || /^(about|data|blob):/.test(url)) return route.continue();
      routed.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return { context, page, routed, errors };
  }

  test('live: GATT notifications and fixes from a recorded run → the same alerts, spoken on time; a dropped strap reconnects; the stored session exports to a FIT file that replays the same', async () => {
    const profile = path.join(dir, 'profile.json');
    // Heart-rate ceiling 134: late in this easy run heart rate sits within 3 bpm of it, which witnesses the
    // GPS's fast readings at 19:20, so the page has a slow-down to speak (against 140 the guard takes them for noise).
    writeFileSync(profile, JSON.stringify({ easyPace: '5:30', hrCeilingBpm: 134, maxDurationMin: 30 }));
    const expected = replayEvents(RUN, profile);
    expect(expected.map((e) => e.kind)).toEqual(expect.arrayContaining(['slow-down', 'signal-lost', 'time-up']));

    const decoded = decodeActivity(readFileSync(RUN));
    if (!decoded.ok) throw new Error(decoded.error);
    const startMs = decoded.info.startMs;
    const ticks = sensorTimeline(decoded.inputs);
    // The file's heart-rate dropout (its longest stretch without heart rate) becomes a strap out of range:
    // from its first silent second to its first reading back.
    let dropout = { fromMs: 0, toMs: 0 };
    let silentFromMs: number | undefined;
    for (const tick of ticks) {
      if (tick.hr === undefined) silentFromMs ??= tick.tMs;
      else if (silentFromMs !== undefined) {
        if (tick.tMs - silentFromMs > dropout.toMs - dropout.fromMs) dropout = { fromMs: silentFromMs, toMs: tick.tMs };
        silentFromMs = undefined;
      }
    }
    dropout = { fromMs: startMs + dropout.fromMs, toMs: startMs + dropout.toMs };
    expect(dropout.toMs - dropout.fromMs).toBe(50_000);
    const config: StandInConfig = { startMs, ticks, dropout };
    const endMs = startMs + (ticks.at(-1)?.tMs ?? 0);

    const { context, page, routed, errors } = await open({ serviceWorkers: 'block', width: 412, height: 915 });
    await context.clock.install({ time: startMs - 60_000 });
    await page.addInitScript({ content: `(${STAND_IN_SCRIPT})(${JSON.stringify(config)})` });
    await page.goto(`${served?.url ?? ''}index.html#live`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.clock.pauseAt(startMs - 30_000);

    await page.setInputFiles('#profile-file', profile);
    await expect.poll(() => page.locator('#live-profile').textContent()).toContain('30 min planned');
    await page.click('#connect-hr');
    await page.click('#connect-rsc');
    await page.waitForSelector('#status-hr[data-status="connected"]');
    await page.waitForSelector('#status-rsc[data-status="connected"]');
    await page.click('#start');
    await page.waitForSelector('#live-screen[data-state="running"]');

    let screenshotTaken = false;
    for (let atMs = startMs - 30_000; atMs < endMs + 5_000; atMs += 10_000) {
      await page.clock.runFor(10_000);
      if (!screenshotTaken && atMs > startMs + 1_170_000) {
        // Just after the slow-down: the alert on screen, the big numbers live.
        await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-live.png'), fullPage: true });
        screenshotTaken = true;
      }
    }
    await page.click('#stop');
    await page.waitForSelector('#live-screen[data-state="stopped"]');
    // On screen without scrolling: the page brings the verdict up to the runner, as Stop left it.
    expect(await page.evaluate(`(() => { const r = document.getElementById('after-run').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; })()`)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-after-stop.png'), fullPage: false });

    const log = StandInLog.parse(await page.evaluate('window.__standIn'));
    const pageEvents = PageEvents.parse(await page.evaluate(PAGE_EVENTS_PROBE));

    // Spoken: the same alerts as the command, in order, each within a second of its time.
    const wanted = expected.filter((e) => SPOKEN.has(e.kind));
    expect(log.spoken.map((s) => kindOfPhrase(s.text))).toEqual(wanted.map((e) => e.kind));
    log.spoken.forEach((s, i) => {
      const atSec = (s.atMs - startMs) / 1000;
      expect(Math.abs(atSec - (wanted[i]?.at ?? Number.NaN)), `${s.text} at ${atSec} s`).toBeLessThanOrEqual(1);
    });
    expect(log.spoken[0]?.text).toBe('Pace signal lost.');
    expect(log.spoken.find((s) => s.text.startsWith('Slow down'))?.text).toMatch(/^Slow down\. [A-Z][a-z]+ [a-z ]+, ceiling six flat$/);

    // Every event the page showed: the command's, at the same second; only the strap's return waits for the reconnection.
    const signalBack = (es: readonly { kind: string; at: number }[]) => es.find((e) => e.kind === 'signal-back' && e.at > 1200)?.at ?? Number.NaN;
    expect(pageEvents.map((e) => e.kind)).toEqual(expected.map((e) => e.kind));
    expect(pageEvents.filter((e) => e.kind !== 'signal-back')).toEqual(expected.filter((e) => e.kind !== 'signal-back').map((e) => ({ kind: e.kind, at: e.at })));
    const lastDelayMs = RECONNECT_DELAYS_MS.at(-1) ?? 0;
    expect(signalBack(pageEvents) - signalBack(expected)).toBeGreaterThanOrEqual(0);
    expect(signalBack(pageEvents) - signalBack(expected)).toBeLessThanOrEqual(lastDelayMs / 1000 + 1);

    // Reconnection: dropped once, refused while out of range, connected again within one backoff step of its return.
    expect(log.drops.hr).toEqual([dropout.fromMs]);
    expect(log.connected.hr).toHaveLength(2);
    const backAtMs = log.connected.hr[1] ?? 0;
    expect(backAtMs).toBeGreaterThanOrEqual(dropout.toMs);
    expect(backAtMs - dropout.toMs).toBeLessThanOrEqual(lastDelayMs);
    expect(log.connects.hr).toBeGreaterThan(3);
    expect(log.connected.rsc).toHaveLength(1);

    // The session in IndexedDB, exported as FIT, replays with the command to exactly what the page said.
    const exportButton = page.locator('#sessions .session-export').first();
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const exported = path.join(dir, download.suggestedFilename());
    await download.saveAs(exported);
    expect(download.suggestedFilename()).toMatch(/^paceguard-\d{8}-\d{4}\.fit$/);
    const replayed = replayEvents(exported, profile);
    expect(replayed.map((e) => ({ kind: e.kind, at: e.at }))).toEqual(pageEvents);
    const back = decodeActivity(readFileSync(exported));
    expect(back.ok && back.info.sampleCount).toBeGreaterThan(decoded.info.sampleCount - 10);

    // After Stop: the verdict and figures `paceguard replay` gives for that exported session, worded as its summary.
    const { jsonl, text } = replaySummary(exported, profile);
    expect(text.get('verdict')).toBe(`${jsonl.verdict}: ${jsonl.advice}`);
    const after = page.locator('#after-run');
    await expect.poll(() => after.isVisible()).toBe(true);
    expect(await after.getAttribute('data-verdict')).toBe(jsonl.verdict);
    expect(await page.locator('#after-advice').textContent()).toBe(jsonl.advice);
    const figure = (id: string) => page.locator(`#after-figures dd[data-figure="${id}"]`).textContent();
    expect(await figure('moving')).toBe(text.get('moving time')?.replace(/ \(timer .*\)$/, ''));
    expect(await figure('under')).toBe(text.get('under the ceiling'));
    const overText = text.get('over the ceiling') ?? '';
    // Replay's "0:35 (pace 0:35, heart rate 0:00, both 0:00)": the page names only the parts that were over.
    const overShown = overText.startsWith('0:00 ')
      ? 'never'
      : overText.replace(/(, )?(pace|heart rate|both) 0:00/g, '').replace('(, ', '(').replace('both ', 'both at once ');
    expect(await figure('over')).toBe(overShown);
    const alertsShown = (await figure('alerts')) ?? '';
    expect(alertsShown.startsWith(`${jsonl.alerts.slowDown} slow-down`)).toBe(true);
    expect(alertsShown.includes(`${jsonl.alerts.signalLost} signal lost`)).toBe(jsonl.alerts.signalLost > 0);
    expect(alertsShown.includes('time up')).toBe(jsonl.alerts.timeUp > 0);
    // Ready for the next run: Start offered again, and "New run" clears the screen.
    expect(await page.locator('#start').isEnabled()).toBe(true);
    expect(await page.locator('#live-alert').textContent()).toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-live-stopped.png'), fullPage: true });

    // The stored session in the list: its date, its length (the timer's) and its verdict; one tap opens it in Replay & tune.
    const row = page.locator('#sessions li').first();
    expect(await page.locator('#sessions li').count()).toBe(1);
    const startedAtMs = Number(await row.getAttribute('data-started-at-ms'));
    expect(Math.abs(startedAtMs - (startMs - 30_000))).toBeLessThan(1000);
    const started = new Date(startedAtMs);
    const when = (await row.locator('.when').textContent()) ?? '';
    // In the page's zone (PAGE_ZONE), as the runner's phone would show it.
    expect(when).toContain(started.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: PAGE_ZONE }));
    expect(when).toContain(started.toLocaleString('en-GB', { day: 'numeric', timeZone: PAGE_ZONE }));
    expect(when).toContain(started.toLocaleString('en-GB', { month: 'short', timeZone: PAGE_ZONE }));
    expect(await row.locator('.length').textContent()).toBe(formatDuration(jsonl.timerSec * 1000));
    // The clock Stop left on screen says the same length as the list and `paceguard replay` (once it showed the last live step's wall time).
    expect(await page.locator('#live-clock').textContent()).toBe(formatDuration(jsonl.timerSec * 1000));
    expect(await row.locator('.verdict-word').textContent()).toBe(jsonl.verdict === 'unknown' ? 'not judged' : jsonl.verdict);
    await row.screenshot({ path: path.join(SCREENSHOTS, 'phone-session-row.png') });
    await page.locator('#sessions').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-sessions.png'), fullPage: false });

    await page.click('#new-run');
    expect(await after.isVisible()).toBe(false);
    expect(await page.locator('#live-events tr').count()).toBe(0);
    expect(await page.locator('#live-screen').getAttribute('data-state')).toBe('idle');
    expect(await page.locator('#live-pace').textContent()).toBe('--:--');

    await row.locator('.session-open').click();
    await page.waitForSelector('#replay-screen:not([hidden])');
    await page.waitForSelector('#replay-screen[data-file]');
    expect(await page.locator('#replay-verdict').getAttribute('data-verdict')).toBe(jsonl.verdict);
    expect(await page.locator('#replay-verdict').textContent()).toContain(jsonl.advice);
    const replayRows = PageEvents.parse(
      await page.evaluate(String.raw`Array.from(document.querySelectorAll('#replay-events tr')).map((tr) => ({ kind: tr.dataset.kind, at: Number(tr.dataset.at) }))`),
    );
    expect(replayRows).toEqual(replayed.map((e) => ({ kind: e.kind, at: e.at })));
    expect(await page.locator('#example').inputValue()).toBe('');
    expect(statSync(path.join(SCREENSHOTS, 'phone-live.png')).size).toBeGreaterThan(10_000);
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  test('replay and tune: an example run drawn like the report, the command\'s events; sliders recompute every alert; the saved profile replays the same', async () => {
    const { page, routed, errors } = await open({ serviceWorkers: 'block', width: 1200, height: 900 });
    await page.goto(`${served?.url ?? ''}index.html#replay`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.setInputFiles('#replay-profile-file', 'examples/runner.json');
    await page.selectOption('#example', 'recovery-run.fit');
    await page.waitForSelector('#replay-screen[data-file="recovery-run.fit"]');

    const rows = async (): Promise<{ kind: string; at: number }[]> =>
      PageEvents.parse(await page.evaluate(String.raw`Array.from(document.querySelectorAll('#replay-events tr')).map((tr) => ({ kind: tr.dataset.kind, at: Number(tr.dataset.at) }))`));
    const markers = async (kind: string): Promise<number[]> =>
      z.array(z.number()).parse(await page.evaluate(`Array.from(document.querySelectorAll('#pace-chart .pg-marker[data-kind="${kind}"]')).map((m) => Number(m.dataset.at))`));
    const ticks = async (): Promise<number[]> =>
      z.array(z.number()).parse(await page.evaluate(`Array.from(document.querySelectorAll('#pace-chart .pg-tick')).map((m) => Number(m.dataset.at))`));
    // One marker per overshoot (its first alert), a tick per repeat: as the report draws them.
    const firstAlerts = (events: readonly JsonlEvent[]): number[] => events.filter((e) => e.kind === 'slow-down' && e.repeat === 0).map((e) => e.at);
    const repeatAlerts = (events: readonly JsonlEvent[]): number[] => events.filter((e) => e.kind === 'slow-down' && (e.repeat ?? 0) > 0).map((e) => e.at);
    // The table folds repeats into their first alert: one row per alert.
    const asShown = (events: readonly JsonlEvent[]): { kind: string; at: number }[] =>
      events.filter((e) => (e.repeat ?? 0) === 0).map((e) => ({ kind: e.kind, at: e.at }));

    const first = replayEvents('examples/recovery-run.fit', 'examples/runner.json');
    expect(await rows()).toEqual(asShown(first));
    expect(await markers('slow-down')).toEqual(firstAlerts(first));
    expect(await ticks()).toEqual(repeatAlerts(first));
    const canvases = await page.locator('#replay-charts canvas').count();
    expect(canvases).toBe(3);

    // Two slider moves: a lower heart-rate ceiling, and a planned duration.
    const slide = async (id: string, value: number): Promise<void> => {
      await page.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); el.value = ${JSON.stringify(String(value))}; el.dispatchEvent(new Event('input')); })()`);
    };
    await slide('hr-ceiling', 128);
    await slide('max-duration', 20);
    expect(await page.locator('#hr-ceiling-value').textContent()).toBe('128 bpm');
    const tuned = await rows();
    // Folded, a lower ceiling can mean fewer, longer overshoots: the rows change, and the command agrees below.
    expect(tuned).not.toEqual(asShown(first));
    expect(tuned).toContainEqual({ kind: 'time-up', at: 1200 });

    // The setting saved as a profile file: the command reads it and says what the page showed.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-profile')]);
    const saved = path.join(dir, 'tuned-profile.json');
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ hrCeilingBpm: 128, maxDurationMin: 20, easyPace: '5:30' });
    const tunedEvents = replayEvents('examples/recovery-run.fit', saved);
    expect(asShown(tunedEvents)).toEqual(tuned);
    expect(await markers('slow-down')).toEqual(firstAlerts(tunedEvents));
    expect(await ticks()).toEqual(repeatAlerts(tunedEvents));

    // A GPX file (a phone app's export of the hilly example) opens too, judged with the same setting.
    const hilly = decodeActivity(new Uint8Array(readFileSync('examples/hilly-run.fit')));
    if (!hilly.ok) throw new Error(hilly.error);
    const gpx = path.join(dir, 'hilly-run.gpx');
    writeFileSync(gpx, toGpx(hilly.inputs));
    await page.setInputFiles('#fit-file', gpx);
    await page.waitForSelector('#replay-screen[data-file="hilly-run.gpx"]');
    expect(await rows()).toEqual(asShown(replayEvents(gpx, saved)));

    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-replay.png'), fullPage: true });
    expect(statSync(path.join(SCREENSHOTS, 'phone-replay.png')).size).toBeGreaterThan(20_000);
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('replay at a phone\'s width (412 px): a clean, a moderate and the busiest corpus run drawn readably; one marker per overshoot, a tick per repeat', async () => {
    const { page, routed, errors } = await open({ serviceWorkers: 'block', width: 412, height: 915 });
    await page.goto(`${served?.url ?? ''}index.html#replay`);
    await page.waitForSelector('html[data-app="ready"]');
    const counts = async (): Promise<{ markers: number; ticks: number; width: number }> =>
      z.object({ markers: z.number(), ticks: z.number(), width: z.number() }).parse(
        await page.evaluate(String.raw`({
          markers: document.querySelectorAll('#pace-chart .pg-marker[data-kind="slow-down"]').length,
          ticks: document.querySelectorAll('#pace-chart .pg-tick').length,
          width: Math.round(document.querySelector('#pace-chart .uplot').getBoundingClientRect().width),
        })`),
      );
    const check = async (events: readonly JsonlEvent[], name: string): Promise<void> => {
      const seen = await counts();
      expect(seen.width).toBeLessThanOrEqual(412);
      expect(seen.markers).toBe(events.filter((e) => e.kind === 'slow-down' && e.repeat === 0).length);
      expect(seen.ticks).toBe(events.filter((e) => e.kind === 'slow-down' && (e.repeat ?? 0) > 0).length);
      await page.screenshot({ path: path.join(SCREENSHOTS, `phone-replay-412-${name}.png`), fullPage: true });
      await page.locator('#pace-chart').screenshot({ path: path.join(SCREENSHOTS, `phone-replay-412-${name}-pace.png`) });
    };

    await page.setInputFiles('#replay-profile-file', 'examples/runner.json');
    await page.selectOption('#example', 'recovery-run.fit');
    await page.waitForSelector('#replay-screen[data-file="recovery-run.fit"]');
    await check(replayEvents('examples/recovery-run.fit', 'examples/runner.json'), 'recovery-run');
    await page.selectOption('#example', 'hilly-run.fit');
    await page.waitForSelector('#replay-screen[data-file="hilly-run.fit"]');
    await check(replayEvents('examples/hilly-run.fit', 'examples/runner.json'), 'hilly-run');

    if (corpusAvailable) {
      const profile = path.join(dir, 'easy-6.json');
      writeFileSync(profile, JSON.stringify({ easyPace: '6:00' }));
      await page.setInputFiles('#replay-profile-file', profile);
      const fit = corpusPath('runs', BUSIEST);
      await page.setInputFiles('#fit-file', fit);
      await page.waitForSelector(`#replay-screen[data-file="${BUSIEST}"]`);
      const events = replayEvents(fit, profile);
      expect(events.filter((e) => (e.repeat ?? 0) > 0).length).toBeGreaterThan(0);
      await check(events, 'busiest');
    } else {
      console.warn(`phone replay at 412 px: no corpus, ${BUSIEST} skipped`);
    }
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('replay: a file that cannot be read clears the run shown before, says what was wrong in one line, and the picker no longer names an example', async () => {
    const { page, routed, errors } = await open({ serviceWorkers: 'block', width: 412, height: 915 });
    await page.goto(`${served?.url ?? ''}index.html#replay`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.selectOption('#example', 'recovery-run.fit');
    await page.waitForSelector('#replay-screen[data-file="recovery-run.fit"]');
    expect(await page.locator('#replay-events tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#replay-verdict').textContent()).not.toBe('');
    expect(await page.locator('#replay-charts canvas').count()).toBe(3);
    expect(await page.locator('#example').inputValue()).toBe('recovery-run.fit');

    const broken = path.join(dir, 'broken.fit');
    writeFileSync(broken, 'this is no activity file, just some words');
    await page.setInputFiles('#fit-file', broken);
    await page.waitForSelector('#replay-status[data-error]');
    const status = (await page.locator('#replay-status').textContent()) ?? '';
    expect(status).toMatch(/^Could not open broken\.fit: \S/);
    expect(status).not.toContain('\n');
    expect(await page.locator('#replay-events tr').count()).toBe(0);
    expect(await page.locator('#replay-verdict').textContent()).toBe('');
    expect(await page.locator('#replay-verdict').isVisible()).toBe(false);
    expect(await page.locator('#replay-charts canvas').count()).toBe(0);
    expect(await page.locator('#replay-screen').getAttribute('data-file')).toBeNull();
    expect(await page.locator('#example').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-replay-refused.png'), fullPage: true });

    // A good file after it: drawn again, and the picker still names no example.
    await page.setInputFiles('#fit-file', 'examples/hilly-run.fit');
    await page.waitForSelector('#replay-screen[data-file="hilly-run.fit"]');
    expect(await page.locator('#replay-status').getAttribute('data-error')).toBeNull();
    expect(await page.locator('#replay-charts canvas').count()).toBe(3);
    expect(await page.locator('#example').inputValue()).toBe('');

    // The evidence sliders say their setting as a wait at a given overshoot, from the guard's own sums (60 s·s/km, allowance 8, so 30 s at 10 over).
    expect(await page.locator('#pace-evidence-value').textContent()).toBe('about 30 s at 10 s/km over');
    expect(await page.locator('#hr-evidence-value').textContent()).toBe('about 8 s at 5 bpm over');
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('replay: when the lazily loaded half of the app cannot be fetched, the file is refused in one line; the next try loads it', async () => {
    const { page, routed } = await open({ serviceWorkers: 'block', width: 412, height: 915 });
    // The FIT SDK, the parsers and the charts are a chunk loaded on first need (device/phone/src/lazy.ts): cut off here.
    await page.route('**/chunks/run-tools-*.js', (route) => route.abort());
    await page.goto(`${served?.url ?? ''}index.html#replay`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.selectOption('#example', 'recovery-run.fit');
    await page.waitForSelector('#replay-status[data-error]');
    expect(await page.locator('#replay-status').textContent()).toBe('Could not open recovery-run.fit: this part of the app is not on the phone yet: reload the page once online');
    expect(await page.locator('#replay-charts canvas').count()).toBe(0);

    await page.unroute('**/chunks/run-tools-*.js');
    await page.selectOption('#example', 'recovery-run.fit');
    await page.waitForSelector('#replay-screen[data-file="recovery-run.fit"]');
    expect(await page.locator('#replay-charts canvas').count()).toBe(3);
    expect(routed).toEqual([]);
  });

  test('live: a refused location permission says what to do in one line, and the run goes on without pace', async () => {
    const { page, routed, errors } = await open({ serviceWorkers: 'block', width: 412, height: 915 });
    const startMs = Date.UTC(2026, 5, 1, 6, 0, 0);
    const config: StandInConfig = { startMs, ticks: [], gpsRefused: true };
    await page.addInitScript({ content: `(${STAND_IN_SCRIPT})(${JSON.stringify(config)})` });
    await page.goto(`${served?.url ?? ''}index.html#live`);
    await page.waitForSelector('html[data-app="ready"]');
    await page.click('#start');
    await page.waitForSelector('#live-screen[data-state="running"]');
    await expect.poll(() => page.locator('#live-note').textContent()).toBe(LOCATION_REFUSED);
    expect(await page.locator('#status-gps').getAttribute('data-status')).toBe('off');
    expect(await page.locator('#status-gps').textContent()).toBe('GPS: off (location not allowed)');
    await page.click('#stop');
    await page.waitForSelector('#live-screen[data-state="stopped"]');
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('installable and offline: a manifest, and a service worker that serves the page and its examples with the network gone', async () => {
    const { context, page, routed, errors } = await open({ serviceWorkers: 'allow', width: 412, height: 915 });
    await page.goto(`${served?.url ?? ''}index.html`);
    await page.waitForSelector('html[data-offline="ready"]');
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    const manifest = z
      .object({ name: z.string(), display: z.literal('standalone'), start_url: z.string(), icons: z.array(z.object({ src: z.string() })).min(1) })
      .parse(await page.evaluate(`fetch(document.querySelector('link[rel="manifest"]').href).then((r) => r.json())`));
    expect(manifest.name).toContain('paceguard');

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-app="ready"]');
    expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await page.click('nav button[data-screen="replay"]');
    await page.selectOption('#example', 'hilly-run.fit');
    await page.waitForSelector('#replay-screen[data-file="hilly-run.fit"]');
    expect(routed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
