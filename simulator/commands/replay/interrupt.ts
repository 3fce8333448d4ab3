import type { Observable } from 'rxjs';

/** Ended by Ctrl-C: 128 + SIGINT (2), as shells report a command interrupted that way. */
export const EXIT_INTERRUPTED = 130;

export type ReplayEnd = 'finished' | 'interrupted';

export interface Interruptible {
  /** Calls `listener` on Ctrl-C while registered; returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void;
}

/**
 * Runs a replay to its end, or until Ctrl-C when `interrupts` is given: then
 * the pipeline is unsubscribed (the paced replay's timers stop with it) and the
 * promise resolves with 'interrupted', so the caller can still print what it
 * has. Errors from the pipeline reject, as `lastValueFrom` would. Without
 * `interrupts`, Ctrl-C keeps its default meaning (the process ends at once).
 */
export function untilInterrupted(source$: Observable<unknown>, interrupts: Interruptible | undefined): Promise<ReplayEnd> {
  return new Promise<ReplayEnd>((resolve, reject) => {
    let stopListening = (): void => undefined;
    const subscription = source$.subscribe({
      error: (error: unknown) => {
        stopListening();
        reject(error);
      },
      complete: () => {
        stopListening();
        resolve('finished');
      },
    });
    // A synchronous replay (--speed max) has already ended here: nothing to interrupt.
    if (subscription.closed || interrupts === undefined) return;
    stopListening = interrupts.onInterrupt(() => {
      stopListening();
      subscription.unsubscribe();
      resolve('interrupted');
    });
  });
}
