/**
 * Warnings of one kind, folded: a folder of 10,000 files that are not runs
 * gives the first few notes and then one line, `paceguard: … and 9,995 more
 * lines like "skipped: not a FIT file"`, not 10,000 lines that bury the one
 * that matters. A kind is the warning's text with its numbers and file
 * paths taken out, so "dropped 3 records" and "dropped 12 records" are one
 * kind, and so are the notes of different files for the same reason.
 */

/** Lines of one kind printed before the rest are counted instead. */
export const KEEP_PER_KIND = 5;

export interface FoldedWarnings {
  /** Prints `line`, or counts it when `KEEP_PER_KIND` lines of its kind were printed. `text`: the part that says what kind (the line without its file). */
  warn(line: string, text?: string): void;
  /** One line per kind that was folded, in the order the kinds first came. Call once, when no more warnings will come. */
  end(): void;
}

export function foldWarnings(print: (line: string) => void, keep = KEEP_PER_KIND): FoldedWarnings {
  const kinds = new Map<string, { readonly text: string; printed: number; folded: number }>();
  return {
    warn(line, text = line) {
      const key = kindOf(text);
      let kind = kinds.get(key);
      if (kind === undefined) {
        kind = { text, printed: 0, folded: 0 };
        kinds.set(key, kind);
      }
      if (kind.printed < keep) {
        kind.printed++;
        print(line);
      } else {
        kind.folded++;
      }
    },
    end() {
      for (const kind of kinds.values()) {
        if (kind.folded === 0) continue;
        print(`paceguard: … and ${kind.folded.toLocaleString('en-US')} more ${kind.folded === 1 ? 'line' : 'lines'} like "${kind.text}"`);
        kind.folded = 0;
      }
    },
  };
}

/** The text with file paths and numbers replaced: what stays is the kind. */
export function kindOf(text: string): string {
  return text.replace(/\S*[/\\]\S*/g, 'FILE').replace(/\d[\d,.:]*/g, '#');
}
