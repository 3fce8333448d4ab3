/**
 * The flags of the watch tools (`build:watch`, `watch:profile`,
 * `bench:watch`), read the way the `paceguard` command reads its own: every
 * refusal is one line naming the tool and the flag, exit status 2, no stack
 * trace; `--help` is the usage text and exit status 0. A misspelt flag gets
 * the nearest known one: "build:watch: unknown flag --profil; did you mean
 * --profile?".
 */

export type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;

export type ToolArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'ok'; readonly values: ReadonlyMap<string, string | true>; readonly positionals: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };

/** The exit status of bad input, as for the `paceguard` command. */
export const EXIT_BAD_INPUT = 2;

/**
 * `argv` (after the script) → flags and positionals, help, or one line.
 * `--name value`, `--name=value`, `-h`; `--` ends the flags. `--help`/`-h`
 * wins over everything else, so a runner can always ask.
 */
export function parseToolArgs(tool: string, argv: readonly string[], spec: FlagSpec): ToolArgs {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = written.startsWith('--') ? written.slice(2) : Object.keys(spec).find((key) => spec[key]?.short === written.slice(1));
    const flag = name === undefined ? undefined : spec[name];
    if (name === undefined || flag === undefined) {
      const near = nearestFlag(written.replace(/^-+/, ''), Object.keys(spec));
      return { kind: 'error', message: `${tool}: unknown flag ${written}${near !== undefined ? `; did you mean --${near}?` : ''} (see --help)` };
    }
    if (values.has(name)) return { kind: 'error', message: `${tool}: --${name}: given twice` };
    if (flag.type === 'boolean') {
      if (eq >= 0) return { kind: 'error', message: `${tool}: --${name}: takes no value` };
      values.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return { kind: 'error', message: `${tool}: --${name}: expected a value` };
    if (eq < 0) i++;
    values.set(name, value);
  }
  return { kind: 'ok', values, positionals };
}

/** The known flag closest to a misspelt one (edit distance at most 3, or a prefix), if any. */
export function nearestFlag(written: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(written) && written.length >= 2 ? 0 : editDistance(written, name);
    if (distance <= 3 && distance < name.length && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** One line on stderr, `paceguard`-style, and the bad-input exit status. */
export function refuse(message: string): number {
  process.stderr.write(`${message}\n`);
  return EXIT_BAD_INPUT;
}

/**
 * Runs a tool's main: its exit status, or — for a failure nobody foresaw —
 * one line naming the tool and what went wrong, exit status 1, still no
 * stack trace (set PACEGUARD_DEBUG=1 to see it).
 */
export async function runTool(tool: string, main: () => Promise<number>): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (process.env['PACEGUARD_DEBUG'] === '1') console.error(error);
    process.stderr.write(`${tool}: ${firstLine(error)}\n`);
    return 1;
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'failed';
}
