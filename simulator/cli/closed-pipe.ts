/**
 * `paceguard replay run.fit | head -3`: once the reader has gone, writing to
 * the pipe fails with EPIPE. The command then ends quietly with status 0, as
 * `cat` and `grep` do in a shell pipeline: nobody is left to read a message,
 * and a stack trace there would only be noise. Every command and every
 * output (text, jsonl, the live view, warnings on stderr) goes through
 * these two streams, so the one listener here covers them all.
 *
 * Writes to files are atomic (simulator/io/atomic.ts): ending mid-way
 * leaves the old file or the new one, never half of either.
 */
export function endQuietlyOnClosedPipe(streams: readonly NodeJS.WritableStream[], exit: (code: number) => void): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') exit(0);
      else throw error;
    });
  }
}
