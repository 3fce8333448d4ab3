/**
 * The runs the watch is proven on, and what `paceguard replay` says about
 * them: the bundled command itself (.cache/test-bin/paceguard.js, built by
 * tests/global-setup.ts), run on the file with the profile, `--format jsonl`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { decodeActivity } from '../../../src/fit/decode.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { parseScenarioText, DEFAULT_SCENARIO_SEED } from '../../../simulator/synth/scenario-file/load.ts';
import { simulateScenario } from '../../../simulator/synth/scenario-file/simulate.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import { buildWatch, type WatchBuild } from '../../../device/zepp/tools/build.ts';
import { watchProfileFromJson } from '../../../device/zepp/tools/profile.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TEST_BIN = path.join(ROOT, '.cache/test-bin/paceguard.js');
const SCRATCH = path.join(ROOT, '.cache/test-watch');

/** Alert kinds: the events the watch vibrates for. */
export const ALERT_KINDS: readonly string[] = ['slow-down', 'not-recovery', 'time-up', 'signal-lost', 'tired'];

export interface ReplayedEvent {
  readonly kind: string;
  /** Seconds since the first sample, as the jsonl contract has it. */
  readonly at: number;
}

/** The events, or undefined when replay refuses the file (exit status 2: not a run, unreadable). */
export function replayEventsOrRefusal(file: string, profileFile: string): ReplayedEvent[] | undefined {
  const result = spawnSync(process.execPath, [TEST_BIN, 'replay', file, '--format', 'jsonl', '--profile', profileFile], { encoding: 'utf8' });
  if (result.status === 2) return undefined;
  if (result.status !== 0) throw new Error(`replay ${file}: exit ${result.status}: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ReplayedEvent)
    .filter((event) => event.kind !== 'summary');
}

export function replayEvents(file: string, profileFile: string): ReplayedEvent[] {
  const events = replayEventsOrRefusal(file, profileFile);
  if (events === undefined) throw new Error(`replay ${file}: refused`);
  return events;
}

let built: Promise<WatchBuild> | undefined;
/** The watch bundle, built once per test file as `npm run build:watch` builds it. */
export function watchBuild(): Promise<WatchBuild> {
  built ??= buildWatch({ outDir: path.join(SCRATCH, `zepp-${process.pid}`) });
  return built;
}

export function watchProfileText(profileJson: unknown): string {
  const result = watchProfileFromJson(profileJson);
  if (!result.ok) throw new Error(result.error);
  return JSON.stringify(result.profile);
}

export function decodeInputs(file: string): GuardInput[] {
  const decoded = decodeActivity(new Uint8Array(readFileSync(file)));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.error}`);
  return decoded.inputs;
}

export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const RUNNER_PROFILE = path.join(EXAMPLES_DIR, 'runner.json');

export interface ShippedRun {
  readonly name: string;
  readonly file: string;
  readonly profileFile: string;
}

/**
 * The shipped scenarios (examples/scenarios/*.json), each simulated into a
 * FIT file in .cache with a profile of its own ceilings; without them, the
 * shipped example FIT files with examples/runner.json.
 */
export function shippedRuns(): ShippedRun[] {
  const scenarioDir = path.join(EXAMPLES_DIR, 'scenarios');
  const scenarios = existsSync(scenarioDir) ? readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort() : [];
  const examples = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.fit'))
    .sort()
    .map((f) => ({ name: f, file: path.join(EXAMPLES_DIR, f), profileFile: RUNNER_PROFILE }));
  if (scenarios.length === 0) return examples;
  mkdirSync(SCRATCH, { recursive: true });
  const simulated = scenarios.map((f) => {
    const name = path.basename(f, '.json');
    const loaded = parseScenarioText(readFileSync(path.join(scenarioDir, f), 'utf8'), name);
    if (!loaded.ok) throw new Error(`${f}: ${loaded.error}`);
    const run = simulateScenario(loaded, loaded.seed ?? DEFAULT_SCENARIO_SEED);
    const file = path.join(SCRATCH, `${name}.fit`);
    writeFileSync(file, run.bytes);
    const { paceCeilingSecPerKm, hrCeilingBpm } = loaded.scenario.ceilings;
    const profileFile = path.join(SCRATCH, `${name}.profile.json`);
    writeFileSync(profileFile, JSON.stringify({ paceCeiling: formatPace(paceCeilingSecPerKm), hrCeilingBpm, maxDurationMin: 30 }));
    return { name: `scenarios/${f}`, file, profileFile };
  });
  return [...simulated, ...examples];
}
