import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { decodeActivity } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import { guardSteps } from '../../src/guard/pipeline.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import type { Sample } from '../../src/samples/sample.ts';
import { addStep, emptySummary, finishSummary } from '../../src/summary/summary.ts';
import { addReportStep, emptyReport, finishReport, REPORT_MAX_POINTS, type ReportData } from '../../src/report/collect.ts';
import { downsample } from '../../src/report/downsample.ts';
import { buildReport, jsonForScript } from '../../simulator/present/report/template.ts';
import { formatDuration } from '../../src/fit/format.ts';
import { START_MS, stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

/** "HH:MM:SS" of an instant at a fixed offset from UTC (hours). */
function clockAt(atMs: number, offsetHours: number): string {
  return new Date(atMs + offsetHours * 3_600_000).toISOString().slice(11, 19);
}

const MARKUP = '<img src=x onerror=alert(1)><script>window.__pwned=1</script>';
const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166, altitudeStepM: 0.02 });
const fast = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 320, hrBpm: 134, cadenceSpm: 172, altitudeStepM: -0.02 });

interface Replayed {
  readonly report: ReportData;
  readonly steps: readonly GuardStep[];
  readonly firstAtMs: number;
  readonly overTotalMs: number;
}

/** The replay command's path without the command: encode, decode, step, fold. */
async function replay(samples: readonly Sample[], config: GuardConfig, maxPoints?: number, productName?: string, timeZone?: string): Promise<Replayed> {
  const decoded = decodeActivity(encodeActivity({ inputs: samples, ...(productName !== undefined ? { productName } : {}), developerFieldNames: ['stryd power'] }));
  if (!decoded.ok) throw new Error(decoded.error);
  const steps = await lastValueFrom(from(decoded.inputs).pipe(guardSteps(config), toArray()));
  const acc = emptyReport();
  const summaryAcc = emptySummary();
  for (const step of steps) {
    addReportStep(acc, step);
    addStep(summaryAcc, step);
  }
  const summary = finishSummary(summaryAcc, config);
  const report = finishReport(acc, {
    file: 'run.fit',
    info: decoded.info,
    inputs: decoded.inputs,
    warnings: decoded.warnings,
    config,
    summary,
    ...(maxPoints !== undefined ? { maxPoints } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  });
  return { report, steps, firstAtMs: decoded.inputs[0]?.atMs ?? 0, overTotalMs: summary.overMs.total };
}

/** The events as `--format jsonl` prints them: kind and `at` (s since the first sample, 3 decimals). */
function jsonlEvents(steps: readonly GuardStep[], firstAtMs: number): { kind: string; at: number }[] {
  return steps.flatMap((s) => s.events.map((e) => ({ kind: e.kind, at: Math.round(e.atMs - firstAtMs) / 1000 })));
}

const config = testConfig({ pace: 360, hr: 140 });

describe('report data: collected from the guard steps', () => {
  test('every event is one entry, in order, at the time jsonl gives it; slow-downs include repeats', async () => {
    const { report, steps, firstAtMs } = await replay(stretchesToSamples([easy(600), fast(200), easy(400), fast(100), easy(300)]), config);
    const events = jsonlEvents(steps, firstAtMs);
    expect(report.events.map((e) => ({ kind: e.kind, at: e.atSec }))).toEqual(events);
    const slowDowns = report.events.filter((e) => e.kind === 'slow-down');
    expect(slowDowns.length).toBeGreaterThanOrEqual(4);
    expect(slowDowns.filter((e) => e.repeat === 0)).toHaveLength(2);
    expect(slowDowns.every((e) => e.cause === 'pace' && /^over on pace; ceiling 6:00 \/km/.test(e.note))).toBe(true);
  });

  test('shaded stretches are the guard\'s overshoots: first slow-down to back-under, the time the summary counts', async () => {
    const { report, overTotalMs } = await replay(stretchesToSamples([easy(600), fast(200), easy(600)]), config);
    const first = report.events.find((e) => e.kind === 'slow-down');
    const back = report.events.find((e) => e.kind === 'back-under');
    expect(report.overshoots).toEqual([{ fromSec: first?.atSec, toSec: back?.atSec, cause: 'pace' }]);
    const shadedSec = report.overshoots.reduce((sum, o) => sum + o.toSec - o.fromSec, 0);
    expect(Math.abs(shadedSec - overTotalMs / 1000)).toBeLessThanOrEqual(1);
  });

  test('series: paces from the conditioned speeds, the ceiling inside the axis ranges, elevation from the file', async () => {
    const { report } = await replay(stretchesToSamples([easy(600), fast(200), easy(600)]), config);
    expect(report.series.tSec).toHaveLength(1400);
    expect(report.pointCount).toBe(1400);
    const gaps = report.series.gapSecPerKm.filter((v): v is number => v !== null);
    expect(Math.min(...gaps)).toBeGreaterThan(300);
    expect(Math.max(...gaps)).toBeLessThan(420);
    const [paceLo, paceHi] = report.paceRangeSecPerKm ?? [0, 0];
    expect(paceLo).toBeLessThan(320);
    expect(paceHi).toBeGreaterThan(390);
    const [hrLo, hrHi] = report.hrRangeBpm ?? [0, 0];
    expect(hrLo).toBeLessThan(128);
    expect(hrHi).toBeGreaterThan(140);
    expect(report.elevation?.altitudeM.some((v) => v !== null)).toBe(true);
    expect(report.ceilings).toMatchObject({ paceSecPerKm: 360, hrBpm: 140 });
    expect(report.developerFieldNames).toEqual(['stryd power']);
  });

  test('repeats fold into their first alert: one row and one marker per overshoot, a tick per repeat; the header counts as the summary', async () => {
    const { report } = await replay(stretchesToSamples([easy(600), fast(400), easy(400), fast(100), easy(300)]), config);
    const slowDowns = report.events.filter((e) => e.kind === 'slow-down');
    const firsts = slowDowns.filter((e) => e.repeat === 0);
    const repeats = slowDowns.filter((e) => e.repeat !== 0);
    expect(repeats.length).toBeGreaterThanOrEqual(2); // at 1 and 3 min; not-recovery at 5 min ends the repeats
    const rows = report.rows.filter((r) => r.kind === 'slow-down');
    expect(rows.map((r) => r.atSec)).toEqual(firsts.map((e) => e.atSec));
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(slowDowns.length);
    const long = rows[0];
    const overshoot = report.overshoots[0];
    expect(long?.label).toBe(`slow-down ×${long?.count ?? 0} over ${formatDuration(((overshoot?.toSec ?? 0) - (overshoot?.fromSec ?? 0)) * 1000)}`);
    expect(report.markers.filter((m) => m.kind === 'slow-down').map((m) => m.atSec)).toEqual(firsts.map((e) => e.atSec));
    expect(report.ticks.map((t) => t.atSec)).toEqual(repeats.map((e) => e.atSec));
    // Every event is a row or a tick, once.
    expect(report.rows.length + report.ticks.length).toBe(report.events.length);
    expect(report.alertsText).toBe(`${firsts.length} slow-down alerts (+${repeats.length} repeats)`);
    expect(report.summary.find((f) => f.label === 'alerts')?.value).toMatch(new RegExp(`^${firsts.length} slow-down \\(\\+${repeats.length} repeats\\)`));
  });

  test('the pace axis covers the moving paces and the ceiling: a stop and a walk do not stretch it', async () => {
    const stop: Stretch = { seconds: 120, paceSecPerKm: 0, hrBpm: 110, cadenceSpm: 0 };
    const walk: Stretch = { seconds: 150, paceSecPerKm: 840, hrBpm: 112, cadenceSpm: 110 };
    const { report } = await replay(stretchesToSamples([easy(500), stop, easy(300), walk, easy(400), fast(60), easy(300)]), config);
    const plotted = report.series.paceSecPerKm.filter((v): v is number => v !== null);
    // The guard's own judgement leaves the stop out; the walk (above its minimum moving speed) is still plotted…
    expect(plotted.length).toBeLessThan(report.series.tSec.length);
    expect(Math.max(...plotted)).toBeGreaterThan(700);
    // …but the axis ends well before it: the running and the ceiling fill the chart.
    const [lo, hi] = report.paceRangeSecPerKm ?? [0, 0];
    expect(lo).toBeLessThanOrEqual(320);
    expect(hi).toBeGreaterThanOrEqual(390);
    expect(hi).toBeLessThan(480);
    expect(hi - lo).toBeLessThan(180);
  });

  test('clock times in the zone handed in, named; UTC when none or unknown', async () => {
    const samples = stretchesToSamples([easy(600), fast(200), easy(300)]);
    const ny = (await replay(samples, config, undefined, undefined, 'America/New_York')).report;
    // 1 700 000 000 000 ms is 2023-11-14 22:13:20 UTC: 17:13:20 in New York (EST).
    expect(ny.startedAt).toBe('2023-11-14 17:13 (America/New_York)');
    expect(ny.timeZone).toBe('America/New_York');
    const first = ny.rows[0];
    expect(first?.localClock).toBe(clockAt(START_MS + (first?.atSec ?? 0) * 1000, -5));
    const utc = (await replay(samples, config, undefined, undefined, 'Not/AZone')).report;
    expect(utc.startedAt).toBe('2023-11-14 22:13 (UTC)');
    expect(utc.rows[0]?.localClock).toBe(clockAt(START_MS + (first?.atSec ?? 0) * 1000, 0));
  });

  test('a three-hour run is thinned to the cap, keeps every event and the fastest and slowest moments', async () => {
    const surges = Array.from({ length: 9 }, () => [easy(1000), fast(180)]).flat();
    const samples = stretchesToSamples([...surges, easy(600)]);
    const full = await replay(samples, config, 20_000);
    const thin = await replay(samples, config);
    expect(full.report.pointCount).toBe(samples.length);
    expect(thin.report.pointCount).toBeLessThanOrEqual(REPORT_MAX_POINTS);
    expect(thin.report.sampleCount).toBe(samples.length);
    expect(thin.report.events).toEqual(full.report.events);
    expect(thin.report.events.filter((e) => e.kind === 'slow-down').length).toBeGreaterThanOrEqual(18);
    const values = (r: ReportData): number[] => r.series.gapSecPerKm.filter((v): v is number => v !== null);
    expect(Math.min(...values(thin.report))).toBe(Math.min(...values(full.report)));
    expect(Math.max(...values(thin.report))).toBe(Math.max(...values(full.report)));
  });
});

describe('downsample: min/max per stretch of time', () => {
  test.each([
    ['the documented example', [0, 1, 2, 3, 4, 5, 6, 7], [5, 9, 4, 6, 6, 2, 7, 6], 4, [0, 3, 4, 7], [9, 4, 2, 7]],
    ['short series are kept whole', [0, 1, 2], [1, null, 3], 4, [0, 1, 2], [1, null, 3]],
    ['a stretch without values stays a gap', [0, 1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, null, null, null, null], 4, [0, 3, 4, 7], [1, 4, null, null]],
  ])('%s', (_name, tSec, values, maxPoints, outT, outValues) => {
    const result = downsample({ tSec, columns: [values] }, maxPoints);
    expect(result.tSec).toEqual(outT);
    expect(result.columns[0]).toEqual(outValues);
  });

  test('never more points than asked for', () => {
    const tSec = Array.from({ length: 10_001 }, (_, i) => i * 0.7);
    const result = downsample({ tSec, columns: [tSec.map((t) => Math.sin(t))] }, 1000);
    expect(result.tSec.length).toBeLessThanOrEqual(1000);
    expect(result.tSec).toEqual([...result.tSec].sort((a, b) => a - b));
  });
});

describe('buildReport: text from the file never becomes markup', () => {
  test('markup in the product name and the file name stays inside the JSON block, escaped; scripts are pinned by hash', async () => {
    const { report } = await replay(stretchesToSamples([easy(400), fast(150), easy(300)]), config, undefined, MARKUP);
    const data: ReportData = { ...report, file: `${MARKUP}.fit` };
    const html = buildReport(data);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).toContain('\\u003cscript>window.__pwned=1\\u003c/script>');
    expect(html.match(/<script\b/g)).toHaveLength(3);
    const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1];
    expect(json).toBeDefined();
    expect(JSON.parse(json ?? '')).toEqual(JSON.parse(JSON.stringify(data)));
    // Every inline script that runs is named in the policy by its hash; nothing else may run or load.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(2);
    for (const script of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  test.each([
    ['</script>', '\\u003c/script>'],
    ['<!--', '\\u003c!--'],
    ['\u2028', '\\u2028'],
  ])('jsonForScript escapes %j', (text, escaped) => {
    const json = jsonForScript({ text });
    expect(json).toContain(escaped);
    expect(JSON.parse(json)).toEqual({ text });
  });
});
