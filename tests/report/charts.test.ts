import { describe, expect, test } from 'vitest';
import type { ReportData } from '../../src/report/collect.ts';
import { chartSpecs, drawCeiling, markerLeftPx, OVER_BAND, OVERSHOOT, shadeOver, type Canvas2D, type Plot } from '../../src/report/charts.ts';

/**
 * The charts' shared drawing code (src/report/charts.ts), which the report and
 * the phone both draw with, against a canvas that records its calls: a plot
 * area 100 px wide from x 10, 200 px high from y 20; time 0–1000 s across it,
 * values 0–100 up it (a larger value higher, as heart rate; the pace axis runs
 * the other way in uPlot, which valToPos hides from this code).
 */
type Call = [string, ...unknown[]];

function recordingPlot(xMin = 0, xMax = 1000): { plot: Plot; calls: Call[]; fills: () => { style: unknown; rect: number[] }[] } {
  const calls: Call[] = [];
  const ctx: Canvas2D = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: '',
    textBaseline: '',
    save: () => calls.push(['save']),
    restore: () => calls.push(['restore']),
    beginPath: () => calls.push(['beginPath']),
    rect: (...a) => calls.push(['rect', ...a]),
    clip: () => calls.push(['clip']),
    fillRect: (...a) => calls.push(['fillRect', ctx.fillStyle, ...a]),
    moveTo: (...a) => calls.push(['moveTo', ...a]),
    lineTo: (...a) => calls.push(['lineTo', ...a]),
    stroke: () => calls.push(['stroke']),
    setLineDash: (s) => calls.push(['setLineDash', ...s]),
    measureText: (text) => ({ width: text.length * 6 }),
    fillText: (...a) => calls.push(['fillText', ...a]),
  };
  const bbox = { left: 10, top: 20, width: 100, height: 200 };
  const plot: Plot = {
    ctx,
    bbox,
    scales: { x: { min: xMin, max: xMax } },
    valToPos: (value, scaleKey) =>
      scaleKey === 'x' ? bbox.left + ((value - xMin) / (xMax - xMin)) * bbox.width : bbox.top + bbox.height - (value / 100) * bbox.height,
  };
  const fills = () => calls.filter((c) => c[0] === 'fillRect').map((c) => ({ style: c[1], rect: c.slice(2) as number[] }));
  return { plot, calls, fills };
}

const DATA = {
  overshoots: [
    { fromSec: 100, toSec: 300, cause: 'pace' },
    { fromSec: 500, toSec: 500.5, cause: 'hr' },
    { fromSec: 700, toSec: 800, cause: 'both' },
  ],
  ceilings: { paceSecPerKm: 360, hrBpm: 50, text: '', paceLabel: 'ceiling 6:00 /km', hrLabel: 'ceiling 50 bpm' },
  series: { tSec: [0, 1], gapSecPerKm: [null, 350], paceSecPerKm: [null, 355], hrBpm: [null, null] },
  markers: [],
  ticks: [],
} as unknown as ReportData;

describe('shadeOver: the over side of the ceiling tinted, the guard\'s overshoots of the chart\'s causes shaded', () => {
  test.each([
    // [x offset into the plot, width] per overshoot: 100–300 s is 10 px in, 20 px wide; the half-second one a pixel.
    ['pace chart (pace, both)', ['pace', 'both'] as const, [[10, 20], [70, 10]]],
    ['heart-rate chart (hr, both)', ['hr', 'both'] as const, [[50, 1], [70, 10]]],
  ])('%s', (_name, causes, overshoots) => {
    const { plot, fills } = recordingPlot();
    shadeOver(plot, DATA, 'bpm', 50, causes);
    // The band: from the top of the plot down to the ceiling's y (50 of 100: the middle, y 120).
    expect(fills()[0]).toEqual({ style: OVER_BAND, rect: [10, 20, 100, 100] });
    // One rectangle per overshoot of those causes, at least a pixel wide, the full height.
    expect(fills().slice(1)).toEqual(overshoots.map(([x, w]) => ({ style: OVERSHOOT, rect: [(x ?? 0) + 10, 20, w, 200] })));
  });

  test('no ceiling: no band, the overshoots still shaded (the elevation chart)', () => {
    const { plot, fills } = recordingPlot();
    shadeOver(plot, DATA, 'm', undefined, ['pace', 'hr', 'both']);
    expect(fills().map((f) => f.style)).toEqual([OVERSHOOT, OVERSHOOT, OVERSHOOT]);
  });
});

describe('drawCeiling: a dashed line and its label on a card, above the line or under it at the top', () => {
  test.each([
    // value, pixel ratio → line y, label card top
    ['mid-plot: the label above the line', 50, 1, 120.5, 120.5 - 16 - 3],
    ['near the top: the label under the line', 99, 1, 22.5, 22.5 + 3],
    ['at 2 px per CSS pixel: the card twice as tall', 50, 2, 120.5, 120.5 - 32 - 6],
  ])('%s', (_name, value, px, lineY, cardTop) => {
    const { plot, calls, fills } = recordingPlot();
    drawCeiling(plot, 'bpm', value, 'ceiling 140 bpm', px);
    expect(calls).toContainEqual(['moveTo', 10, lineY]);
    expect(calls).toContainEqual(['lineTo', 110, lineY]);
    expect(calls).toContainEqual(['setLineDash', 6 * px, 4 * px]);
    const card = fills()[0];
    expect(card?.rect[1]).toBe(cardTop);
    expect(calls.find((c) => c[0] === 'fillText')?.[1]).toBe('ceiling 140 bpm');
  });

  test.each([
    ['off the plot (the axis range left it out)', 150],
    ['no ceiling', undefined],
  ])('%s: nothing drawn', (_name, value) => {
    const { plot, calls } = recordingPlot();
    drawCeiling(plot, 'bpm', value, 'x', 1);
    expect(calls).toEqual([]);
  });
});

describe('markerLeftPx: a marker inside the zoom is placed by its time, outside it is off', () => {
  test.each([
    [0, 1000, 500, 60],
    [0, 1000, 0, 10],
    [200, 400, 300, 60],
    [200, 400, 100, undefined],
    [200, 400, 401, undefined],
  ])('zoom %d–%d s, marker at %d s → %s px', (min, max, atSec, left) => {
    const { plot } = recordingPlot(min, max);
    expect(markerLeftPx(plot, atSec)).toBe(left);
  });
});

describe('chartSpecs: the three charts, read from the data at draw time', () => {
  test('ids, scales, markers, and what each says when the run has none of it', () => {
    const specs = chartSpecs(() => DATA, () => 1);
    expect(specs.map((s) => [s.id, s.scaleKey, s.markers, s.hasData(DATA), s.empty])).toEqual([
      ['pace-chart', 'pace', true, true, 'No pace in this file.'],
      ['hr-chart', 'bpm', true, false, 'No heart rate in this file.'],
      ['elevation-chart', 'm', false, false, 'No altitude in this file.'],
    ]);
  });

  test('the pace axis runs faster-up over the collected range; a new run\'s range is read on the next draw', () => {
    let data = { ...DATA, paceRangeSecPerKm: [300, 420] } as ReportData;
    const pace = chartSpecs(() => data, () => 1)[0];
    const scale = pace?.options.scales['pace'];
    const { plot } = recordingPlot();
    expect(scale?.dir).toBe(-1);
    expect(scale?.range?.(plot, 0, 1)).toEqual([300, 420]);
    data = { ...DATA, paceRangeSecPerKm: [280, 400] } as ReportData;
    expect(scale?.range?.(plot, 0, 1)).toEqual([280, 400]);
    expect(pace?.options.series.map((s) => s.value(plot, 345))).toEqual(['5:45', '5:45 /km', '5:45 /km']);
    expect(pace?.options.series[1]?.value(plot, null)).toBe('--:-- /km');
  });
});
