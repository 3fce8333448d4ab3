/**
 * The screen fits every watch the app declares: device/zepp/app.json's
 * platforms are round ("st": "r") and square ("st": "s") screens, and the
 * six lines (device/zepp/layout.ts) fit each screen a Workout Extension can
 * run on, from Zepp's device list (docs.zepp.com, Device Basic Information:
 * API_LEVEL 3.6 or later; screen shape, resolution, corner radius). The
 * built bundle, in QuickJS, draws them where the layout says.
 *
 * Text widths are estimates: the system font's metrics are not published, so
 * a glyph counts as a share of the font size by kind (Helvetica-like
 * proportions, rounded up): narrow (space : . · / - i l) 0.33, lowercase
 * 0.55, digits and + 0.56, capitals 0.67, m and M and W 0.85.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DESIGN_ROWS, DESIGN_WIDTH_PX, screenLayout, type ScreenSize } from '../../../device/zepp/layout.ts';
import { loadWatch } from './harness.ts';
import { watchBuild } from './runs.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Screen extends ScreenSize {
  readonly name: string;
  /** Corner radius of a square screen, px (the device list's "screen radius"). */
  readonly cornerPx: number;
}

/** Every screen size among the device list's watches with API_LEVEL 3.6 or later. */
const SCREENS: readonly Screen[] = [
  { name: 'round 480 (Balance, Cheetah Pro, T-Rex 3)', widthPx: 480, heightPx: 480, shape: 'round', cornerPx: 0 },
  { name: 'round 466 (GTR 4, Active 2 round)', widthPx: 466, heightPx: 466, shape: 'round', cornerPx: 0 },
  { name: 'round 454 (Cheetah round, T-Rex Ultra)', widthPx: 454, heightPx: 454, shape: 'round', cornerPx: 0 },
  { name: 'round 416 (Falcon)', widthPx: 416, heightPx: 416, shape: 'round', cornerPx: 0 },
  { name: 'square 390 x 450 (Active, Cheetah Square, GTS 4, Bip 6)', widthPx: 390, heightPx: 450, shape: 'square', cornerPx: 86 },
];

/** The longest text each line can show (device/zepp/screen.ts, and the no-profile note on the alert line). */
const WIDEST_TEXTS: readonly (readonly string[])[] = [
  ['--:-- /km', '10:00 /km'],
  ['no pace ceiling', 'ceiling 10:00'],
  ['-- bpm', '188 bpm'],
  ['no hr ceiling', 'ceiling 188'],
  ['no profile: rebuild', 'SLOW DOWN · pace + hr', 'TIRED · cut it short', 'GPS LOST (cadence)', 'TIME UP · head home'],
  ['1:59:59 / 2:00:00', '--:-- / 40:00'],
];

function textWidthPx(text: string, sizePx: number): number {
  let em = 0;
  for (const c of text) {
    if (' :.·/-il()'.includes(c)) em += 0.33;
    else if ('mMW'.includes(c)) em += 0.85;
    else if (/[0-9+]/.test(c)) em += 0.56;
    else if (/[A-Z]/.test(c)) em += 0.67;
    else em += 0.55;
  }
  return em * sizePx;
}

/** The visible span [left, right] of the screen on row y. */
function visibleAt(screen: Screen, y: number): [number, number] {
  if (screen.shape === 'round') {
    const r = screen.widthPx / 2;
    const half = Math.sqrt(Math.max(0, r * r - (y - r) ** 2));
    return [r - half, r + half];
  }
  const c = screen.cornerPx;
  const fromEdge = Math.min(y, screen.heightPx - y);
  const inset = fromEdge >= c ? 0 : c - Math.sqrt(c * c - (c - fromEdge) ** 2);
  return [inset, screen.widthPx - inset];
}

describe.each(SCREENS)('$name', (screen) => {
  const rows = screenLayout(screen);

  test('six boxes inside the screen, top to bottom, none overlapping', () => {
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.x).toBeGreaterThanOrEqual(0);
      expect(row.y).toBeGreaterThanOrEqual(0);
      expect(row.x + row.w).toBeLessThanOrEqual(screen.widthPx);
      expect(row.y + row.h).toBeLessThanOrEqual(screen.heightPx);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.y).toBeGreaterThanOrEqual(rows[i - 1]!.y + rows[i - 1]!.h);
  });

  test.each(WIDEST_TEXTS.map((texts, i) => [i, texts] as const))('line %i: its longest texts fit the box and the visible screen', (i, texts) => {
    const row = rows[i]!;
    const centrePx = row.x + row.w / 2;
    for (const text of texts) {
      const widthPx = textWidthPx(text, row.textSizePx);
      expect(widthPx, text).toBeLessThanOrEqual(row.w);
      expect(row.textSizePx, text).toBeLessThanOrEqual(row.h);
      for (const y of [row.y, row.y + row.h]) {
        const [left, right] = visibleAt(screen, y);
        expect(centrePx - widthPx / 2, `${text} at y ${y}`).toBeGreaterThanOrEqual(left);
        expect(centrePx + widthPx / 2, `${text} at y ${y}`).toBeLessThanOrEqual(right);
      }
    }
  });
});

test('on the design screen the layout is the design; on others it is scaled as px() scales', () => {
  expect(screenLayout({ widthPx: DESIGN_WIDTH_PX, heightPx: DESIGN_WIDTH_PX, shape: 'round' })).toEqual(DESIGN_ROWS);
  const square = screenLayout({ widthPx: 390, heightPx: 450, shape: 'square' });
  // px(70) on a 390 px screen is ceil(70 * 390 / 480) = 57 (px(440) = 358, px(140) = 114), and the 390 px block sits 30 px down in the 450 px screen.
  expect(square[0]).toEqual({ x: 33, y: 30 + 57, w: 358 - 33, h: 114 - 57, textSizePx: 46 });
});

test('app.json declares the screen shapes tested here, at the design width the layout uses', () => {
  const appJson = JSON.parse(readFileSync(path.join(ROOT, 'device/zepp/app.json'), 'utf8')) as {
    targets: Record<string, { platforms: { st: string }[]; designWidth: number }>;
  };
  const targets = Object.values(appJson.targets);
  expect(targets).toHaveLength(1);
  expect(targets[0]!.platforms.map((p) => p.st).sort()).toEqual(['r', 's']);
  expect(targets[0]!.designWidth).toBe(DESIGN_WIDTH_PX);
  expect(new Set(SCREENS.map((s) => s.shape))).toEqual(new Set(['round', 'square']));
});

describe('the built bundle draws the layout for the screen it is on', () => {
  let widgetFile = '';
  beforeAll(async () => {
    widgetFile = (await watchBuild()).widgetFile;
  });

  test.each(SCREENS.map((s) => [s.name, s] as const))('%s', async (_name, screen) => {
    const watch = await loadWatch({ widgetFile, profileText: '', screen });
    try {
      watch.start(Date.UTC(2024, 5, 1, 6));
      const drawn = watch.screen().map((w) => w.box);
      expect(drawn).toEqual(screenLayout(screen).map((r) => ({ x: r.x, y: r.y, w: r.w, h: r.h, textSize: r.textSizePx })));
    } finally {
      watch.dispose();
    }
  });
});
