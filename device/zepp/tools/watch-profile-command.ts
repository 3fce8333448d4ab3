/**
 * `npm run --silent watch:profile -- PROFILE.json [--out FILE]`: the runner's
 * profile in the watch's format, printed (paste it into the watch's storage)
 * or written to FILE (give it to `npm run build:watch -- --profile FILE`).
 * Bad input is one line on stderr and exit status 2, as for the command line.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readWatchProfileFile } from './profile.ts';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, strict: true, options: { out: { type: 'string' } } });
  } catch (error) {
    return fail(`watch:profile: ${(error as Error).message}`);
  }
  const [file] = parsed.positionals;
  if (file === undefined) return fail('watch:profile: expected a profile file (the one paceguard calibrate writes)');
  const result = await readWatchProfileFile(file);
  if (!result.ok) return fail(`${file}: ${result.error}`);
  const text = `${JSON.stringify(result.profile)}\n`;
  if (parsed.values.out === undefined) process.stdout.write(text);
  else await writeFile(parsed.values.out, text);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`paceguard: ${message}\n`);
  return 2;
}

process.exitCode = await main();
