/**
 * A progress bar on a terminal: one line redrawn in place. Nothing at all
 * when the stream is not a terminal (a pipe, a file, a test): a log should
 * not fill with carriage returns.
 */
export interface Progress {
  tick(): void;
  /** Clears the line; call before printing anything else to the stream. */
  done(): void;
}

const WIDTH = 30;

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

export function progressBar(stream: ProgressStream, total: number, label: string): Progress {
  if (stream.isTTY !== true || total === 0) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  const draw = (): void => {
    const filled = Math.round((count / total) * WIDTH);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} ${label}`);
  };
  draw();
  return {
    tick() {
      count++;
      draw();
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
