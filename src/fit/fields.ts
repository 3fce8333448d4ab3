/**
 * Narrowing for the SDK's untyped output: decoded messages are plain objects
 * whose fields may be missing, null (FIT's "invalid") or of any type. Plain
 * typeof checks, cheap enough for every record.
 */

/** A decoded FIT message, not yet trusted. */
export type Fields = { readonly [field: string]: unknown };

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

const NOTHING: readonly unknown[] = [];

export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NOTHING;
}

export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** One line of an error's text, its type named unless plain `Error`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`.split('\n')[0] ?? '';
  return String(error).split('\n')[0] ?? '';
}
