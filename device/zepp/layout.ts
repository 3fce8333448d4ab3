/**
 * Where the screen's six lines go (./screen.ts says what they say), for the
 * screen the watch has: round (480 x 480 down to 416 x 416) or square
 * (390 x 450). Drawn once for a 480 px round screen, the app's designWidth;
 * on any other screen every coordinate and font size is scaled by
 * width / 480, rounded up, as Zepp OS's own `px()` does
 * (docs.zepp.com, Screen Adaptation: `Math.ceil(x / designWidth * DEVICE_WIDTH)`),
 * and on a taller-than-wide square screen the block is centred vertically.
 * The scaled block is a width x width square, so it fits a square screen
 * with room to spare, and a round one exactly as it fits the 480 design.
 * Pure, so a test checks it against every screen in the device list.
 */

export type ScreenShape = 'round' | 'square';

export interface ScreenSize {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly shape: ScreenShape;
}

export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly textSizePx: number;
}

/** device/zepp/app.json's designWidth: the round screen the rows were drawn for. */
export const DESIGN_WIDTH_PX = 480;

/** The rows on the 480 px design, top to bottom: pace, its ceiling, heart rate, its ceiling, last alert, time. */
export const DESIGN_ROWS: readonly TextBox[] = [
  { x: 40, y: 70, w: 400, h: 70, textSizePx: 56 },
  { x: 40, y: 140, w: 400, h: 34, textSizePx: 26 },
  { x: 40, y: 180, w: 400, h: 70, textSizePx: 56 },
  { x: 40, y: 250, w: 400, h: 34, textSizePx: 26 },
  { x: 40, y: 300, w: 400, h: 50, textSizePx: 32 }, // 32, not 34: "SLOW DOWN · pace + hr" must fit a 466 px screen, where px(34) is still 34
  { x: 40, y: 360, w: 400, h: 44, textSizePx: 32 },
];

export function screenLayout(screen: ScreenSize): TextBox[] {
  const px = (designPx: number): number => Math.ceil((designPx * screen.widthPx) / DESIGN_WIDTH_PX);
  const topPx = Math.max(0, Math.floor((screen.heightPx - screen.widthPx) / 2));
  // Edges are scaled, not sizes, so rows that touch on the design still touch (never overlap by a rounding).
  return DESIGN_ROWS.map((row) => ({
    x: px(row.x),
    y: topPx + px(row.y),
    w: px(row.x + row.w) - px(row.x),
    h: px(row.y + row.h) - px(row.y),
    textSizePx: px(row.textSizePx),
  }));
}
