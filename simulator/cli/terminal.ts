import type { LiveTerminal } from '../present/live/view.ts';
import { HIDE_CURSOR, SHOW_CURSOR } from '../present/live/screen.ts';

export interface ProcessTerminal extends LiveTerminal {
  /** Whether Ctrl-C reached a registered listener: the command then exits with EXIT_INTERRUPTED. */
  interrupted(): boolean;
}

/**
 * The real terminal behind stdout, for the live view: its width (read at each
 * frame), resizes (SIGWINCH, as Node's 'resize' event), Ctrl-C (SIGINT, only
 * while a listener is registered: otherwise Node's default ends the process)
 * and the environment (NO_COLOR, TERM).
 *
 * Whatever ends the process, a cursor the view hid is shown again on exit.
 */
export function processTerminal(): ProcessTerminal {
  const stdout = process.stdout;
  let interrupted = false;
  let cursorHidden = false;
  process.once('exit', () => {
    if (cursorHidden) stdout.write(SHOW_CURSOR);
  });
  return {
    isTTY: stdout.isTTY === true,
    columns: () => stdout.columns,
    env: process.env,
    write(text) {
      if (text.includes(HIDE_CURSOR)) cursorHidden = true;
      if (text.includes(SHOW_CURSOR)) cursorHidden = false;
      stdout.write(text);
    },
    onResize(listener) {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
    onInterrupt(listener) {
      const handler = (): void => {
        interrupted = true;
        listener();
      };
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    interrupted: () => interrupted,
  };
}
