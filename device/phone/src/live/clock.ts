/**
 * The page's one door to real time, so the live run can be driven by a test
 * (playwright's clock replaces what is behind it) and nothing else in the app
 * reads the time.
 */
export interface Clock {
  nowMs(): number;
  /** Calls `fn` once after `delayMs`; the returned function cancels it. */
  after(delayMs: number, fn: () => void): () => void;
}

export const browserClock: Clock = {
  nowMs: () => Date.now(),
  after: (delayMs, fn) => {
    const id = setTimeout(fn, delayMs);
    return () => clearTimeout(id);
  },
};
