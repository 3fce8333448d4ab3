import { createHash } from 'node:crypto';
import { chartAssets, chartCode, type ChartAssets } from './assets.ts';
import { BROWSER_SCRIPT } from './browser-script.ts';
import type { ReportData } from '../../../src/report/collect.ts';
import { MARKER_CSS } from '../../../src/report/marker-style.ts';

/**
 * The report as one HTML file that needs nothing else to be viewed: uPlot's
 * script and style sheet inlined, the run's data as JSON in a
 * `<script type="application/json">`, and the page's own script
 * (browser-script.ts) that draws it.
 *
 * Nothing from the FIT file is written into the markup. The data goes in as
 * JSON with every `<` escaped (so no `</script>` or `<!--` can end the block),
 * and the page sets text with `textContent`, never as HTML. A Content
 * Security Policy allows only the two scripts written here (by hash), no
 * request of any kind, and no inline event handler: even markup that got in
 * would neither run nor fetch.
 */
export function buildReport(data: ReportData, assets: ChartAssets = chartAssets()): string {
  const chartScript = `/*! uPlot, inlined by paceguard.\n${checkComment(assets.license)}*/\n${checkInline(assets.js, 'script')}`;
  // The charts' shared drawing code (src/report/charts.ts, as the phone draws), then the page's own script, its thin uPlot/DOM adapter.
  const pageScript = `${checkInline(chartCode(), 'script')}\n${BROWSER_SCRIPT}`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(chartScript)} ${sha256(pageScript)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="paceguard">
<title>paceguard report</title>
<style>${checkInline(assets.css, 'style')}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
  <p class="brand">paceguard · recovery run report</p>
  <h1 id="file"></h1>
  <p id="run-facts" class="muted"></p>
</header>
<noscript><p class="warning">This report draws its charts with JavaScript: allow scripts for this file to see them.</p></noscript>
<main>
  <section id="verdict" class="verdict">
    <p class="verdict-word" id="verdict-word"></p>
    <p id="advice"></p>
  </section>
  <section class="facts">
    <div><h2>Summary</h2><dl id="summary"></dl></div>
    <div><h2>Ceilings and file</h2><p id="ceilings"></p><dl id="device"></dl></div>
  </section>
  <section class="charts">
    <h2>The run</h2>
    <ul class="key" id="key">
      <li><span class="swatch swatch-band"></span>over the ceiling</li>
      <li><span class="swatch swatch-overshoot"></span>overshoot the guard held (slow-down to back-under)</li>
      <li><span class="marker-glyph marker-slow-down"></span>slow-down (its repeats: small ticks at the top)</li>
      <li><span class="marker-glyph marker-not-recovery"></span>not a recovery run any more</li>
      <li><span class="marker-glyph marker-back-under"></span>back under</li>
      <li><span class="marker-glyph marker-time-up"></span>time up</li>
      <li><span class="marker-glyph marker-signal-lost"></span>signal lost / back</li>
      <li><span class="marker-glyph marker-tired"></span>tired</li>
    </ul>
    <p class="muted">Drag across a chart to zoom in; double-click to zoom out.</p>
    <figure class="chart" id="pace-chart" data-chart="pace"><figcaption>Pace (min/km; faster is higher)</figcaption><p class="muted caption-note" id="gap-note"><b>GAP</b> is grade-adjusted pace: the flat pace of the same effort (uphill counts as faster); the pale line is pace as recorded. Stopped stretches are gaps.</p><div class="plot"></div></figure>
    <figure class="chart" id="hr-chart" data-chart="hr"><figcaption>Heart rate (bpm)</figcaption><div class="plot"></div></figure>
    <figure class="chart" id="elevation-chart" data-chart="elevation"><figcaption>Elevation (m)</figcaption><div class="plot"></div></figure>
    <p id="thinned" class="muted"></p>
  </section>
  <section>
    <h2>What the guard said</h2>
    <table class="events"><thead><tr><th>run time</th><th>clock (<span id="zone"></span>)</th><th>event</th><th>note</th></tr></thead><tbody id="events"></tbody></table>
  </section>
  <section id="file-notes">
    <h2>About the file</h2>
    <dl id="file-details"></dl>
  </section>
</main>
<footer class="muted">Made by paceguard. Charts drawn with uPlot (MIT licence, in this file's source).</footer>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${chartScript}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}

/**
 * JSON that can sit inside a `<script>` element: `<` becomes `\u003c` (still
 * the same JSON string), so the text cannot close the element or open a
 * comment; U+2028 and U+2029 are escaped as well, for any reader that takes
 * the block as JavaScript.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Inlined library text must not end its own element early; a release that did would be a packaging bug, not a user's. */
function checkInline(text: string, element: 'script' | 'style'): string {
  if (new RegExp(`</${element}`, 'i').test(text)) throw new Error(`report: the inlined ${element} contains </${element}`);
  return text;
}

function checkComment(text: string): string {
  if (text.includes('*/')) throw new Error('report: the inlined licence contains */');
  return text;
}

/** The page's own look: quiet, readable, printable. */
const PAGE_CSS = `
:root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee6; --over: rgba(220, 53, 69, 0.10); --overshoot: rgba(220, 53, 69, 0.22);
  --slow: #c8102e; --under: #1f8a4c; --time: #6f42c1; --signal: #7a8290; --tired: #d97706; --gap: #1f5fbf; --pace: #8fb3e8; --hr: #c2410c; --alt: #6b7f4f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
.brand { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
h1 { margin: 4px 0; font-size: 24px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 22px 0 8px; }
.muted { color: var(--muted); }
.verdict { border-radius: 8px; padding: 12px 16px; margin-top: 12px; border: 1px solid var(--line); }
.verdict-word { margin: 0; font-weight: 700; font-size: 20px; }
.verdict p:last-child { margin: 4px 0 0; }
.verdict[data-verdict="easy"] { background: #eaf7ef; border-color: #9fd8b5; }
.verdict[data-verdict="moderate"] { background: #fdecee; border-color: #f1aab3; }
.verdict[data-verdict="unknown"] { background: #f3f4f6; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
@media (max-width: 760px) { .facts { grid-template-columns: 1fr; } }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.key { list-style: none; padding: 0; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; }
.key li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 18px; height: 12px; border: 1px solid var(--line); }
.swatch-band { background: var(--over); }
.swatch-overshoot { background: var(--overshoot); }
.chart { margin: 10px 0 18px; }
.chart figcaption { font-weight: 600; font-size: 14px; margin-bottom: 2px; }
.chart[hidden] { display: none; }
.caption-note { margin: 0 0 4px; font-size: 13px; }
${MARKER_CSS}
.marker-glyph { display: inline-block; width: 12px; height: 12px; position: relative; }
.marker-glyph::before { content: ""; position: absolute; left: 5px; top: 0; bottom: 0; border-left: 2px solid currentColor; }
.marker-not-recovery::before { left: 3px; border-left: 6px double currentColor; }
.marker-slow-down { color: var(--slow); } .marker-not-recovery { color: var(--slow); } .marker-back-under { color: var(--under); } .marker-time-up { color: var(--time); }
.marker-signal-lost { color: var(--signal); } .marker-tired { color: var(--tired); }
table.events { border-collapse: collapse; width: 100%; font-size: 14px; }
table.events th, table.events td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
table.events td:nth-child(-n+2) { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.events tr[data-kind="slow-down"] td:nth-child(3) { color: var(--slow); font-weight: 600; }
table.events td:nth-child(3) { overflow-wrap: normal; }
/* A phone's width: each event on two lines (times and event, then its note), nothing broken mid-word. */
@media (max-width: 600px) {
  table.events tr { display: grid; grid-template-columns: 4.5em 6em 1fr; column-gap: 12px; border-bottom: 1px solid var(--line); padding: 4px 0; }
  table.events th, table.events td { border: 0; padding: 0; }
  table.events th:nth-child(4) { display: none; }
  table.events td:nth-child(3) { white-space: nowrap; }
  table.events td:nth-child(4) { grid-column: 1 / -1; color: var(--muted); }
}
table.events tr[data-kind="not-recovery"] td { color: var(--slow); font-weight: 600; }
.warning { color: #8a4b00; }
footer { margin: 28px auto 24px; font-size: 13px; }
.uplot { font-family: inherit; }
`;
