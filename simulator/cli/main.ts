/**
 * The `paceguard` command's entry. Each command is imported when it is asked
 * for (`import()`; scripts/build.mjs splits the bundle along these lines), so
 * a replay never loads calibrate, tune or simulate: the process pays for what
 * it runs.
 */
import { isMainThread } from 'node:worker_threads';
import { EXIT_USAGE, isUsageError, UsageError } from '../io/fail.ts';
import { MAIN_HELP } from '../io/help.ts';
import { endQuietlyOnClosedPipe } from './closed-pipe.ts';
import { registerWorkerEntry } from '../io/workers/entry.ts';

declare const PACEGUARD_VERSION: string | undefined;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = {
    out: (line: string) => process.stdout.write(`${line}\n`),
    warn: (line: string) => process.stderr.write(`${line}\n`),
  };
  switch (command) {
    case 'replay': {
      // A bundle of its own once built (scripts/build.mjs): see replay-main.ts.
      const { runReplay } = await import('./replay-main.ts');
      return runReplay(rest, io);
    }
    case 'calibrate': {
      const { calibrateCommand } = await import('../commands/calibrate/command.ts');
      await calibrateCommand(rest, { ...io, progress: process.stderr });
      return 0;
    }
    case 'tune': {
      const { tuneCommand } = await import('../commands/tune/command.ts');
      await tuneCommand(rest, { ...io, progress: process.stderr });
      return 0;
    }
    case 'simulate': {
      const { simulateCommand } = await import('../commands/simulate/simulate-command.ts');
      await simulateCommand(rest, io);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(MAIN_HELP);
      return command === undefined ? EXIT_USAGE : 0;
    case '--version':
      io.out(typeof PACEGUARD_VERSION === 'string' ? PACEGUARD_VERSION : 'dev');
      return 0;
    default:
      throw new UsageError(`unknown command '${command}' (expected replay, calibrate, tune or simulate; see paceguard --help)`);
  }
}

// `tune` and `calibrate` start this same file as their worker threads (simulator/io/workers/pool.ts).
registerWorkerEntry(import.meta.url);
const pool = isMainThread ? undefined : await import('../io/workers/pool.ts');
if (pool?.isPoolWorker() === true) pool.servePoolWorker();
else runMain();

function runMain(): void {
  endQuietlyOnClosedPipe([process.stdout, process.stderr], (code) => process.exit(code));
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (isUsageError(error)) {
        process.stderr.write(`paceguard: ${error.message}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      // A bug of ours, not the user's input: still one line, with the stack only on request.
      process.stderr.write(`paceguard: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env['PACEGUARD_DEBUG'] !== undefined && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
