/**
 * A problem with what the user gave us (a file, a flag, a profile). The command
 * line prints its one-line message and exits with status 2, no stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;

/**
 * True for a UsageError, by its name: `replay` is bundled apart from the
 * command's entry (scripts/build.mjs), with its own copy of this class, so
 * `instanceof` at the entry would not know replay's.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}
