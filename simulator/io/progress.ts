/**
 * A progress bar on a terminal, for the commands that read many files
 * (`calibrate`, `tune`): one line on stderr, redrawn in place with `\r`,
 *
 * ```
 * files 120/247 ▕█████████░░░░░░░░░░░▏ 48 %
 * ```
 *
 * and erased when the work is done, so the report that follows starts on a
 * clean line. Nothing at all when the stream is not a terminal (a pipe, a
 * file, a test): a log should not fill with carriage returns. Lines printed
 * while the bar is up go through `above`, which erases the bar first and
 * draws it again after, so a note never ends up glued to half a bar.
 */
export interface Progress {
  /** One more item done. */
  tick(): void;
  /** Erases the bar, lets `write` print whole lines to the same terminal, draws the bar again. */
  above(write: () => void): void;
  /** Erases the bar for good; ticks after it draw nothing. Safe to call twice. */
  done(): void;
}

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Cells of the bar: with the label and counts the line stays well within 80 columns. */
export const BAR_CELLS = 20;

/** Back to the start of the line and clear it. */
const ERASE = '\r\x1b[K';

/** A bar that draws nothing: not a terminal, or nothing to count. */
export const NO_PROGRESS: Progress = { tick: () => undefined, above: (write) => write(), done: () => undefined };

/**
 * The bar's text. Rounded down, so 100 % and a full bar mean every item is
 * done, never 99.5 % of them.
 */
export function progressText(label: string, count: number, total: number): string {
  const share = total <= 0 ? 1 : Math.min(1, count / total);
  const filled = Math.floor(share * BAR_CELLS);
  return `${label} ${count}/${total} ▕${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}▏ ${Math.floor(share * 100)} %`;
}

/** A bar counting `total` items on `stream`, or `NO_PROGRESS` when the stream is no terminal (or there is nothing to count). */
export function progressBar(stream: ProgressStream | undefined, total: number, label: string): Progress {
  if (stream?.isTTY !== true || total <= 0) return NO_PROGRESS;
  let count = 0;
  let shown = false;
  let finished = false;
  const draw = (): void => {
    stream.write(`${ERASE}${progressText(label, count, total)}`);
    shown = true;
  };
  const erase = (): void => {
    if (shown) stream.write(ERASE);
    shown = false;
  };
  draw();
  return {
    tick() {
      if (finished) return;
      count++;
      draw();
    },
    above(write) {
      if (finished) {
        write();
        return;
      }
      erase();
      write();
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      erase();
    },
  };
}
