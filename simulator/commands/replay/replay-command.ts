import { tap } from 'rxjs';
import { configFromProfile, mergeProfiles, type Profile } from '../../../src/profile/profile.ts';
import { decodeRunFile } from '../watch-log/decode-run-file.ts';
import { guardSteps } from '../../../src/guard/pipeline.ts';
import { addStep, emptySummary, finishSummary, type RunSummary } from '../../../src/summary/summary.ts';
import { eventLine, summaryLine } from '../../present/format/jsonl.ts';
import { ceilingLine, summaryBlock, timelineFolder, timelineHeader } from '../../present/format/text.ts';
import { pacedInputs } from '../../io/paced.ts';
import { openLiveView, type LiveTerminal } from '../../present/live/view.ts';
import { addReportStep, emptyReport, finishReport } from '../../../src/report/collect.ts';
import { UsageError } from '../../io/fail.ts';
import { untilInterrupted, type ReplayEnd } from './interrupt.ts';
import { loadProfile } from '../../io/load-profile.ts';
import { parseReplayFlags } from './replay-flags.ts';
import { readInputFile } from '../../io/read-file.ts';
import { packingOf } from '../../../src/unpack/packing.ts';
import { REPLAY_HELP } from '../../io/help.ts';
import { foldWarnings } from '../../io/fold-warnings.ts';

export interface Output {
  readonly out: (line: string) => void;
  readonly warn: (line: string) => void;
  /** The terminal behind `out`, if any: text on a terminal is drawn as the live view; otherwise plain lines. */
  readonly terminal?: LiveTerminal;
  /** Told the size of the file to replay (unpacked) before it is decoded: the command's entry sizes V8's compiler by it (simulator/cli/jit.ts). */
  readonly beforeDecode?: (fileBytes: number) => void;
}

/** `paceguard replay FILE …`: what the guard would have said on that run. */
export async function replayCommand(argv: readonly string[], io: Output): Promise<RunSummary | undefined> {
  const options = parseReplayFlags(argv);
  if (options.help) {
    io.out(REPLAY_HELP);
    return undefined;
  }
  if (options.file === undefined) throw new UsageError('replay: expected a FIT, GPX or TCX file (see paceguard replay --help)');
  const file = options.file;

  // Everything the user gave is checked before any output, so a bad flag or
  // profile never leaves a half-printed timeline behind.
  const fileProfile: Profile = options.profilePath !== undefined ? await loadProfile(options.profilePath) : {};
  const built = configFromProfile(mergeProfiles(fileProfile, options.flags));
  if (!built.ok) throw new UsageError(`replay: ${built.error}`);
  const config = built.config;
  // The report's writer carries uPlot inlined: loaded only when a report is asked for.
  const reportTo = options.reportPath === undefined ? undefined : { path: options.reportPath, writer: await import('../../present/report/write.ts') };
  if (reportTo !== undefined) await reportTo.writer.checkReportPath(reportTo.path);

  // A FIT, GPX or TCX file, or a watch session log (simulator/commands/watch-log);
  // gzipped or zipped ones unpacked first, by content (src/unpack).
  const read = await readInputFile(file);
  // The inflater (fflate) is loaded only for a packed file.
  const unpacked = packingOf(read) === 'plain' ? { ok: true as const, bytes: read } : (await import('../../../src/unpack/unpack.ts')).unpack(read);
  if (!unpacked.ok) throw new UsageError(`${file}: ${unpacked.error}`);
  io.beforeDecode?.(unpacked.bytes.length);
  const decoded = await decodeRunFile(unpacked.bytes);
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.error}`);
  const folded = foldWarnings(io.warn);
  for (const warning of decoded.warnings) folded.warn(`paceguard: ${file}: warning: ${warning}`, warning);
  folded.end();
  // The run is read from decoded.series as it is judged: a long file's samples are never all made at once (src/samples/columns.ts).
  const firstAtMs = decoded.series.firstAtMs ?? 0;

  const text = options.format === 'text';
  if (text) {
    io.out(`Replaying ${file}`);
    io.out(ceilingLine(config.ceilings));
    if (config.plannedMs !== undefined) io.out(`Planned duration: ${Math.round(config.plannedMs / 60_000)} min`);
    io.out('');
    io.out(timelineHeader());
  }
  // On a terminal, the live view draws the same timeline with a live block under it (simulator/present/live).
  const live = text ? openLiveView(io.terminal, { config, firstAtMs, lastAtMs: decoded.series.lastAtMs ?? firstAtMs, speed: options.speed }) : undefined;
  // Printed text folds an overshoot's repeats into its first line, as the live view does (jsonl lists every event: it is the contract).
  const timeline = text && live === undefined ? timelineFolder(firstAtMs) : undefined;
  let lastAtMs = firstAtMs;
  let acc = emptySummary();
  const report = reportTo === undefined ? undefined : { ...reportTo, acc: emptyReport() };
  let ended: ReplayEnd = 'interrupted';
  try {
    ended = await untilInterrupted(
      pacedInputs(decoded.series, options.speed).pipe(
        guardSteps(config),
        tap((step) => {
          acc = addStep(acc, step);
          if (report !== undefined) addReportStep(report.acc, step);
          lastAtMs = step.conditioned.atMs;
          if (live !== undefined) return live.push(step);
          for (const event of step.events) {
            if (timeline !== undefined) for (const line of timeline.push(event, step.conditioned)) io.out(line);
            else io.out(eventLine(event, firstAtMs));
          }
        }),
      ),
      live,
    );
  } finally {
    live?.close(ended);
  }
  const summary = finishSummary(acc, config);
  if (timeline !== undefined) for (const line of timeline.end(lastAtMs)) io.out(line);
  if (text) {
    io.out('');
    if (ended === 'interrupted' && live !== undefined) io.out(live.stoppedLine());
    io.out(summaryBlock(summary));
  } else {
    io.out(summaryLine(summary, config.ceilings));
  }
  if (report !== undefined) {
    const { info, inputs, warnings } = decoded;
    await report.writer.writeReport(report.path, finishReport(report.acc, { file, info, inputs, warnings, config, summary, timeZone: runnersTimeZone() }));
    if (text) io.out(`Report written to ${report.path}`);
  }
  return summary;
}

/** The zone the report's clock times are given in: this machine's (the runner's), as Intl resolves it (TZ included). */
function runnersTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
