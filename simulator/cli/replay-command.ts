import { lastValueFrom, tap } from 'rxjs';
import { configFromProfile, mergeProfiles, type Profile } from '../../src/ceiling/profile.ts';
import { decodeActivity } from '../../src/fit/decode.ts';
import { guardSteps } from '../../src/guard/pipeline.ts';
import { addStep, emptySummary, finishSummary, type RunSummary } from '../../src/summary/summary.ts';
import { eventLine, summaryLine } from '../format/jsonl.ts';
import { ceilingLine, summaryBlock, timelineHeader, timelineLine } from '../format/text.ts';
import { pacedInputs } from '../replay/paced.ts';
import { UsageError } from './fail.ts';
import { loadProfile } from './load-profile.ts';
import { parseReplayFlags } from './replay-flags.ts';
import { readInputFile } from './read-file.ts';
import { REPLAY_HELP } from './help.ts';

export interface Output {
  readonly out: (line: string) => void;
  readonly warn: (line: string) => void;
}

/** `paceguard replay FILE …`: what the guard would have said on that run. */
export async function replayCommand(argv: readonly string[], io: Output): Promise<RunSummary | undefined> {
  const options = parseReplayFlags(argv);
  if (options.help) {
    io.out(REPLAY_HELP);
    return undefined;
  }
  if (options.file === undefined) throw new UsageError('replay: expected a FIT file (see paceguard replay --help)');
  const file = options.file;

  // Everything the user gave is checked before any output, so a bad flag or
  // profile never leaves a half-printed timeline behind.
  const fileProfile: Profile = options.profilePath !== undefined ? await loadProfile(options.profilePath) : {};
  const built = configFromProfile(mergeProfiles(fileProfile, options.flags));
  if (!built.ok) throw new UsageError(`replay: ${built.error}`);
  const config = built.config;

  const decoded = decodeActivity(await readInputFile(file));
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.error}`);
  for (const warning of decoded.warnings) io.warn(`paceguard: ${file}: warning: ${warning}`);
  const firstAtMs = decoded.inputs[0]?.atMs ?? 0;

  const text = options.format === 'text';
  if (text) {
    io.out(`Replaying ${file}`);
    io.out(ceilingLine(config.ceilings));
    if (config.plannedMs !== undefined) io.out(`Planned duration: ${Math.round(config.plannedMs / 60_000)} min`);
    io.out('');
    io.out(timelineHeader());
  }
  let acc = emptySummary();
  await lastValueFrom(
    pacedInputs(decoded.inputs, options.speed).pipe(
      guardSteps(config),
      tap((step) => {
        acc = addStep(acc, step);
        for (const event of step.events) {
          io.out(text ? timelineLine(event, step.conditioned, firstAtMs) : eventLine(event, firstAtMs));
        }
      }),
    ),
    { defaultValue: undefined },
  );
  const summary = finishSummary(acc, config);
  if (text) {
    io.out('');
    io.out(summaryBlock(summary));
  } else {
    io.out(summaryLine(summary, config.ceilings));
  }
  return summary;
}
