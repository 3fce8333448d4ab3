/**
 * What a benchmark prints, kept to be written into docs/ as it was printed
 * (./write-doc.ts): each line goes to the terminal as it is measured, and the
 * block ends with when, where and on how loaded a machine it was measured,
 * since the machines are shared and the figures move with their load.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { writeDocBlock } from './write-doc.ts';

export interface Figures {
  /** Prints one line and keeps it for the docs (in a code block, as printed). */
  readonly say: (line: string) => void;
  /** Prints one line of Markdown (a table row) and keeps it for the docs as Markdown, outside the code blocks. */
  readonly sayMarkdown: (line: string) => void;
  /** Writes the kept lines as block `name` of `file`, with the measuring conditions under them. */
  readonly write: (file: string, name: string, command: string) => Promise<void>;
}

export function figures(): Figures {
  const lines: { readonly text: string; readonly markdown: boolean }[] = [];
  const loadAtStart = loadavg();
  return {
    say(line) {
      console.log(line);
      lines.push({ text: line, markdown: false });
    },
    sayMarkdown(line) {
      console.log(line);
      lines.push({ text: line, markdown: true });
    },
    async write(file, name, command) {
      const body = [...fenced(lines), '', conditions(loadAtStart)].join('\n');
      await writeDocBlock(file, name, command, body);
      console.log(`(figures written to ${file}, block ${name})`);
    },
  };
}

/** The kept lines, each run of printed lines in a code block, Markdown lines as they are. Pure, for tests. */
export function fenced(lines: readonly { readonly text: string; readonly markdown: boolean }[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    const opens = !line.markdown && (before === undefined || before.markdown);
    if (opens) out.push(...(before === undefined ? [] : ['']), '```');
    if (line.markdown && before !== undefined && !before.markdown) out.push('```', '');
    // A blank line printed to part a table from what follows is the fence's own gap in the docs.
    if (!(opens && line.text === '')) out.push(line.text);
  });
  if (lines.at(-1)?.markdown === false) out.push('```');
  return out;
}

/** The date, commit, Node and load average (at the start and at the end) of a measurement. */
function conditions(loadAtStart: readonly number[]): string {
  const commit = gitCommit();
  const load = (figures: readonly number[]): string => figures.map((f) => f.toFixed(1)).join(' ');
  return (
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC` +
    `${commit === undefined ? '' : ` at commit ${commit}`}, node ${process.version}, ${availableParallelism()} cores; ` +
    `load average (1, 5, 15 min) ${load(loadAtStart)} at the start, ${load(loadavg())} at the end.`
  );
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined; // not a git checkout (an unpacked package): the date says when
  }
}
