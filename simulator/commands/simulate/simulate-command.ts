/**
 * `paceguard simulate SCENARIO.json --out run.fit [--seed N]`: a hand-written
 * scenario (simulator/synth/scenario-file/schema.ts) made into a realistic FIT file
 * by the alert benchmark's own generator.
 *
 * Everything is checked before anything is written, and the file is written
 * atomically: a bad scenario or flag is one line and exit status 2 with no
 * file left behind, and a failed write leaves whatever was there before.
 * The same scenario and seed give the same bytes (no clock is read).
 */
import path from 'node:path';
import { formatDuration } from '../../../src/fit/format.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import { writeFileAtomic, writeTarget } from '../../io/atomic.ts';
import { DEFAULT_SCENARIO_SEED, parseScenarioText } from '../../synth/scenario-file/load.ts';
import { simulateScenario, type SimulatedRun } from '../../synth/scenario-file/simulate.ts';
import { UsageError } from '../../io/fail.ts';
import { writeProblem } from '../../io/fs-problem.ts';
import { SIMULATE_HELP } from '../../io/help.ts';
import { readInputFile } from '../../io/read-file.ts';
import { parseSimulateFlags } from './simulate-flags.ts';

export interface SimulateIo {
  readonly out: (line: string) => void;
}

export interface SimulateResult extends SimulatedRun {
  readonly outPath: string;
  readonly seed: number;
}

export async function simulateCommand(argv: readonly string[], io: SimulateIo): Promise<SimulateResult | undefined> {
  const options = parseSimulateFlags(argv);
  if (options.help) {
    io.out(SIMULATE_HELP);
    return undefined;
  }
  const { scenarioPath, outPath } = options;
  if (scenarioPath === undefined) throw new UsageError('simulate: expected a scenario file (see paceguard simulate --help)');
  if (outPath === undefined) throw new UsageError('simulate: expected --out FILE, where to write the FIT file');
  if (path.resolve(outPath) === path.resolve(scenarioPath)) {
    throw new UsageError(`simulate: --out: ${outPath} is the scenario file itself; expected another file`);
  }

  // Only a regular file (or a new one) is written: a folder, device or FIFO is refused before any work.
  await writeTarget(outPath).catch((error: unknown) => {
    throw new UsageError(`${outPath}: ${writeProblem(error)}; nothing written`);
  });

  const text = new TextDecoder().decode(await readInputFile(scenarioPath));
  const loaded = parseScenarioText(text, path.basename(scenarioPath, path.extname(scenarioPath)));
  if (!loaded.ok) throw new UsageError(`${scenarioPath}: ${loaded.error}`);
  const seed = options.seed ?? loaded.seed ?? DEFAULT_SCENARIO_SEED;

  const simulated = simulateScenario(loaded, seed);
  try {
    await writeFileAtomic(outPath, simulated.bytes);
  } catch (error) {
    throw new UsageError(`${outPath}: cannot write it (${writeProblem(error)}); nothing written`);
  }

  const { run } = simulated;
  const { ceilings } = loaded.scenario;
  const distanceKm = (run.truth.at(-1)?.distanceM ?? 0) / 1000;
  io.out(
    `Wrote ${outPath}: ${formatDuration(run.labels.durationMs)}, ${distanceKm.toFixed(1)} km, seed ${seed}, ` +
      `starting ${new Date(loaded.startMs).toISOString().replace('.000Z', 'Z')}`,
  );
  const pace = formatPace(ceilings.paceCeilingSecPerKm);
  const { overshoots } = run.labels;
  io.out(
    `Overshoots of ${pace} /km or ${ceilings.hrCeilingBpm} bpm in the run (30 s or more): ${overshoots.length === 0 ? 'none' : overshoots.length}`,
  );
  for (const o of overshoots) {
    io.out(`  ${formatDuration(o.startMs)}–${formatDuration(o.endMs)}  ${o.cause}, clearly over from ${formatDuration(o.clearlyOverMs)}`);
  }
  io.out(`Replay it: paceguard replay ${outPath} --pace-ceiling ${pace} --hr-ceiling ${ceilings.hrCeilingBpm}`);
  return { ...simulated, outPath, seed };
}
