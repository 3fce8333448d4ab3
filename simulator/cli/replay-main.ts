/**
 * `paceguard replay`, as the command's entry runs it. scripts/build.mjs builds
 * this file into a bundle of its own (dist/replay.js and its chunks), apart
 * from the other commands': code that calibrate, tune and simulate share with
 * replay was cut into many small chunks when all were one build, and Node
 * pays for every module it loads (issue #21: a one-hour replay loaded 23).
 * Nothing here may be told apart by identity from the entry's copy of it:
 * the entry knows a usage error by its name (simulator/io/fail.ts).
 */
import { EXIT_INTERRUPTED } from '../commands/replay/interrupt.ts';
import { replayCommand } from '../commands/replay/replay-command.ts';
import { tuneJitForReplay } from './jit.ts';
import { processTerminal } from './terminal.ts';

export interface ReplayIo {
  readonly out: (line: string) => void;
  readonly warn: (line: string) => void;
}

/** Runs `paceguard replay ARGS`; the exit status (0, or EXIT_INTERRUPTED when Ctrl-C stopped it). */
export async function runReplay(argv: readonly string[], io: ReplayIo): Promise<number> {
  tuneJitForReplay();
  // On a terminal, a live view; Ctrl-C there stops the replay with the summary so far.
  const terminal = processTerminal();
  await replayCommand(argv, { ...io, terminal });
  return terminal.interrupted() ? EXIT_INTERRUPTED : 0;
}
