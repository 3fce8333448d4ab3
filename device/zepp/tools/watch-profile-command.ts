/**
 * `npm run --silent watch:profile -- PROFILE.json [--out FILE]`: the runner's
 * profile in the watch's format, printed (paste it into the watch's storage)
 * or written to FILE (give it to `npm run build:watch -- --profile FILE`).
 * Bad input is one line on stderr and exit status 2, as for the command line.
 */
import { writeFile } from 'node:fs/promises';
import { parseToolArgs, refuse, runTool } from './cli.ts';
import { readWatchProfileFile } from './profile.ts';

const TOOL = 'watch:profile';

export const WATCH_PROFILE_HELP = `Usage: npm run --silent watch:profile -- PROFILE.json [--out FILE]

Checks your profile exactly as 'paceguard replay --profile' does, resolves it
(ceilings, planned duration, every tuning rule, the calibrated curve) and
prints it in the watch's small format, or writes it to FILE. The watch reads
that format from its storage (key "paceguard.profile");
'npm run build:watch -- --profile FILE' takes either kind of file.

Options:
  --out FILE   write it here instead of printing it
  -h, --help   this text

Exit status: 0 done, 2 bad input (one line names the file and field).`;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseToolArgs(TOOL, argv, { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (args.kind === 'help') {
    process.stdout.write(`${WATCH_PROFILE_HELP}\n`);
    return 0;
  }
  if (args.kind === 'error') return refuse(args.message);
  const [file, extra] = args.positionals;
  if (file === undefined) return refuse(`${TOOL}: expected a profile file (the one paceguard calibrate writes; see --help)`);
  if (extra !== undefined) return refuse(`${TOOL}: expected one profile file, got ${args.positionals.length}`);
  const result = await readWatchProfileFile(file);
  if (!result.ok) return refuse(`${TOOL}: ${file}: ${result.error}`);
  const text = `${JSON.stringify(result.profile)}\n`;
  const out = args.values.get('out');
  if (typeof out !== 'string') {
    process.stdout.write(text);
    return 0;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    return refuse(`${TOOL}: --out ${out}: cannot write there (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return 0;
}

process.exitCode = await runTool(TOOL, () => main(process.argv.slice(2)));
