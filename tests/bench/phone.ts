import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { parseScenarioText } from '../../simulator/synth/scenario-file/load.ts';
import { simulateScenario } from '../../simulator/synth/scenario-file/simulate.ts';
import { serveFolder } from '../../device/phone/tools/serve.ts';
import { figures } from '../../simulator/bench/figures.ts';

/**
 * `npm run bench:phone`: how long the replay screen takes, in Debian's
 * chromium, to recompute every alert of a 2-hour run after a slider move
 * (target: under 100 ms). The run is made here by the scenario simulator
 * (2 h at 1 s: easy running with six surges over the ceiling, a hill, poor
 * GPS), opened on the built page, then the heart-rate and pace ceiling
 * sliders are moved ROUNDS times. Per move, measured in the page with
 * performance.now():
 *   recompute   the guard over all inputs, the summary and the charts' data
 *               (what the screen shows as "recomputed in")
 *   to redrawn  from the input event to the charts, markers and table
 *               redrawn (after uPlot's deferred draw: one macrotask later)
 * The figures are written into docs/phone.md (block `phone`), as printed.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROUNDS = 40;
const TARGET_MS = 100;

const SCENARIO = {
  description: 'bench: 2 h easy with six 3-minute surges over the ceiling',
  seed: 11,
  ceilings: { pace: '6:00', hrBpm: 140 },
  terrain: { rollingAmplitudePct: 2, rollingWavelengthM: 1600 },
  segments: [
    { kind: 'run', duration: '10:00', pace: '6:40' },
    {
      kind: 'repeat',
      times: 6,
      segments: [
        { kind: 'run', duration: '15:00', pace: '6:30' },
        { kind: 'run', duration: '3:00', ceilingOffsetSecPerKm: -20 },
      ],
    },
    { kind: 'run', duration: '2:00', pace: '6:40' },
  ],
  noise: { gps: 'poor', multipathPerHour: 4 },
};

if (!existsSync(CHROMIUM)) {
  console.error(`bench:phone needs ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}
const loaded = parseScenarioText(JSON.stringify(SCENARIO), 'bench');
if (!loaded.ok) throw new Error(loaded.error);
const fit = simulateScenario(loaded, SCENARIO.seed).bytes;

// Loaded at run time, not bundled: build.mjs finds its sources next to itself.
const { say, write } = figures();
const builder = path.resolve('device/phone/build.mjs');
const { buildPhone } = (await import(pathToFileURL(builder).href)) as typeof import('../../device/phone/build.mjs');
const built = await buildPhone({ outdir: path.resolve('.cache/phone-bench'), quiet: true });
const served = await serveFolder(built.outdir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: 'block' });
  await context.route('**', (route) => (route.request().url().startsWith(served.url) ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${served.url}index.html#replay`);
  await page.waitForSelector('html[data-app="ready"]');
  await page.setInputFiles('#fit-file', { name: 'bench-2h.fit', mimeType: 'application/octet-stream', buffer: Buffer.from(fit) });
  await page.waitForSelector('#replay-screen[data-file="bench-2h.fit"]');
  const facts = z
    .object({ events: z.number(), status: z.string() })
    .parse(
      await page.evaluate(
        `({ events: Number(document.getElementById('replay-screen').dataset.events), status: document.getElementById('replay-status').textContent })`,
      ),
    );

  const MOVE = String.raw`async ([id, value]) => {
    const el = document.getElementById(id);
    const t0 = performance.now();
    el.value = String(value);
    el.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const redrawnMs = performance.now() - t0;
    const screen = document.getElementById('replay-screen');
    return { computeMs: Number(screen.dataset.computeMs), redrawnMs, events: Number(screen.dataset.events) };
  }`;
  const Move = z.object({ computeMs: z.number(), redrawnMs: z.number(), events: z.number() });
  const moves: z.infer<typeof Move>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [id, value] = i % 2 === 0 ? ['hr-ceiling', 130 + (i % 14)] : ['pace-ceiling', 330 + 5 * (i % 10)];
    moves.push(Move.parse(await page.evaluate(`(${MOVE})(${JSON.stringify([id, value])})`)));
  }
  const stats = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] ?? Number.NaN;
    return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms`;
  };
  const version = browser.version();
  const p95Compute = [...moves.map((m) => m.computeMs)].sort((a, b) => a - b)[Math.round(0.95 * (moves.length - 1))] ?? Number.NaN;
  say(`phone replay screen, chromium ${version}, ${ROUNDS} slider moves on a 2-hour run (${facts.status.split(' · ')[0] ?? ''}; ${Math.min(...moves.map((m) => m.events))}–${Math.max(...moves.map((m) => m.events))} events a setting):`);
  say(`  recompute (guard + summary + chart data)   ${stats(moves.map((m) => m.computeMs))}`);
  say(`  slider move to redrawn screen              ${stats(moves.map((m) => m.redrawnMs))}`);
  say(`  bundle: app.js ${(built.sizes['app.js'] / 1024).toFixed(0)} KB, ${built.files.length} files ${(built.sizes.total / 1024).toFixed(0)} KB in all`);
  say(`target: every alert recomputed within ${TARGET_MS} ms (p95): ${p95Compute < TARGET_MS ? 'PASS' : 'FAIL'} (${p95Compute.toFixed(1)} ms)`);
} finally {
  await browser.close();
  await served.close();
}
await write('docs/phone.md', 'phone', 'npm run bench:phone');
