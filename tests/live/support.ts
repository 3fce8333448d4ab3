import { DEFAULT_TUNING } from '../../src/guard/config.ts';
import type { Ceilings } from '../../src/ceiling/ceiling.ts';
import { initialLiveState, nearMargins, type LiveState } from '../../simulator/present/live/state.ts';
import type { LiveTerminal } from '../../simulator/present/live/view.ts';

/** The live tests' ceilings: 6:00 /km and 140 bpm, as examples/runner.json gives. */
export const CEILINGS: Ceilings = { paceCeilingSecPerKm: 360, hrCeilingBpm: 140, paceSource: 'easy-pace', hrSource: 'given' };

/** A live state 16:46 into a 35-minute run at 10x, with what each test changes. */
export function liveState(overrides: Partial<LiveState> = {}): LiveState {
  return {
    ...initialLiveState({ ceilings: CEILINGS, near: nearMargins(DEFAULT_TUNING), speed: 10, firstAtMs: 0, lastAtMs: 2_099_000 }),
    elapsedMs: 1_006_000,
    moving: true,
    gapSecPerKm: 380,
    paceSecPerKm: 384,
    hrBpm: 128,
    ...overrides,
  };
}

/** A terminal for tests: records what is written, and lets the test resize it or press Ctrl-C. */
export interface FakeTerminal extends LiveTerminal {
  readonly written: string[];
  resize(columns: number): void;
  pressCtrlC(): void;
  /** The registered listeners, to check that the view gives them back. */
  listeners(): { resize: number; interrupt: number };
}

export function fakeTerminal(options: { isTTY?: boolean; columns?: number; env?: Record<string, string> } = {}): FakeTerminal {
  const written: string[] = [];
  let columns = options.columns ?? 80;
  const resize = new Set<() => void>();
  const interrupt = new Set<() => void>();
  return {
    isTTY: options.isTTY ?? true,
    columns: () => columns,
    env: options.env ?? {},
    write: (text) => void written.push(text),
    onResize(listener) {
      resize.add(listener);
      return () => void resize.delete(listener);
    },
    onInterrupt(listener) {
      interrupt.add(listener);
      return () => void interrupt.delete(listener);
    },
    written,
    resize(to) {
      columns = to;
      for (const listener of [...resize]) listener();
    },
    pressCtrlC() {
      for (const listener of [...interrupt]) listener();
    },
    listeners: () => ({ resize: resize.size, interrupt: interrupt.size }),
  };
}

/** Any SGR (colour or bold) escape. */
export const SGR_PATTERN = /\x1b\[[0-9;]*m/;
export const ANY_ESCAPE = /\x1b/;
