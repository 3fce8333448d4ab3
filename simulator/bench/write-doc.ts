/**
 * Benchmarks write their own figures into docs/, so no figure there is typed
 * by hand: each benchmark owns a block between two markers in a Markdown file
 *
 *   <!-- bench:NAME begin: written by `npm run …`, do not edit -->
 *   …
 *   <!-- bench:NAME end -->
 *
 * and replaces only that block (the prose around it stays the maintainers').
 * A file without the block gets it appended. Written atomically.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic.ts';

const begin = (name: string): string => `<!-- bench:${name} begin`;
const end = (name: string): string => `<!-- bench:${name} end -->`;

/** `text` with the block `name` replaced by `body` (appended when absent). Pure, for tests. */
export function replaceBlock(text: string, name: string, command: string, body: string): string {
  const block = `${begin(name)}: written by \`${command}\`, do not edit -->\n${body.trimEnd()}\n${end(name)}`;
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from === -1 || to === -1 || to < from) return `${text.trimEnd()}\n\n${block}\n`;
  return text.slice(0, from) + block + text.slice(to + end(name).length);
}

/** Replaces block `name` of the Markdown file `file` with `body`: the figures `command` just measured. */
export async function writeDocBlock(file: string, name: string, command: string, body: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  await writeFileAtomic(file, replaceBlock(text, name, command, body));
}
