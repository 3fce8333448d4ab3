/**
 * A problem with what the user gave us (a file, a flag, a profile). The command
 * line prints its one-line message and exits with status 2, no stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;
