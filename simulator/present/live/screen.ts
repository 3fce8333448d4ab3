import { visibleWidth } from './frame.ts';

/**
 * The live block at the bottom of a terminal, redrawn in place, with a log
 * that scrolls above it. Each paint is one write: move to the block's first
 * line, clear to the end of the screen, print the new log lines (they stay
 * behind as ordinary terminal output), then the new block. The cursor rests
 * at the start of the block's last line, hidden while the block is live:
 * there, what the terminal echoes itself (the `^C` of Ctrl-C, keys typed)
 * lands on the block and is painted over, and never wraps a line, which would
 * throw the count of rows to clear off by one.
 *
 * Lines that were as wide as the terminal and then outgrew it (a resize to
 * narrower) take more rows if the terminal re-flows them, as tmux, VTE,
 * iTerm2, kitty and Windows Terminal do: the rows to clear are counted at the
 * width of the terminal now. A terminal that cuts lines instead (xterm) then
 * loses a line or two of the log from the screen, never the block.
 */

export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
/**
 * Erase from the cursor to the end of the screen, from the second column of
 * the block's first row: tmux (`scroll-on-clear`, on by default) takes a clear
 * from the very top-left corner for a whole-screen clear and pushes the screen
 * into its history, which would stack a copy of the block there at every frame
 * once the block sits on the top row (after a resize, or in a short pane). The
 * first column is written over by the next line anyway.
 */
const CLEAR_BELOW = '\x1b[C\x1b[J\r';

export interface Screen {
  /** Prints the log lines above the block and replaces the block with `frame`. */
  paint(log: readonly string[], frame: readonly string[], columns: number): void;
  /** Leaves the last block on screen, moves below it and shows the cursor. Safe to call more than once. */
  release(): void;
}

export function liveScreen(write: (text: string) => void): Screen {
  /** Visible widths of the block's lines now on screen; empty before the first paint and after release. */
  let blockWidths: readonly number[] = [];
  let cursorHidden = false;
  return {
    paint(log, frame, columns) {
      let text = cursorHidden ? '' : HIDE_CURSOR;
      cursorHidden = true;
      text += eraseBlock(blockWidths, columns);
      for (const line of log) text += `${line}\n`;
      text += `${frame.join('\n')}\r`;
      blockWidths = frame.map(visibleWidth);
      write(text);
    },
    release() {
      if (!cursorHidden) return;
      write(`${blockWidths.length > 0 ? '\n' : ''}${SHOW_CURSOR}`);
      blockWidths = [];
      cursorHidden = false;
    },
  };
}

/**
 * From the start of the block's last line (where the cursor rests, and stays
 * when a terminal re-flows) to the start of its first, clearing everything
 * below: up by the rows of every line but the last.
 */
export function eraseBlock(widths: readonly number[], columns: number): string {
  if (widths.length === 0) return '';
  const width = Math.max(1, columns);
  const up = widths.slice(0, -1).reduce((sum, w) => sum + Math.max(1, Math.ceil(w / width)), 0);
  return `\r${up > 0 ? `\x1b[${up}A` : ''}${CLEAR_BELOW}`;
}
