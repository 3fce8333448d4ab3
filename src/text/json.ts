/**
 * JSON text read at an edge (a profile, a scenario, a cache entry): the value,
 * or why not as one line a runner can read. V8's message quotes the text
 * around the fault, newlines and all; the line is folded to one and kept to a
 * sane length, so an error never breaks over lines.
 */
export type JsonText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly why: string };

/** The longest explanation kept of V8's message. */
export const JSON_WHY_MAX_CHARS = 160;

export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    return { ok: false, why: why.length > JSON_WHY_MAX_CHARS ? `${why.slice(0, JSON_WHY_MAX_CHARS - 1)}…` : why };
  }
}
