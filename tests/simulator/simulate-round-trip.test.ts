/**
 * Round trip through the real command: each shipped scenario is simulated to
 * FIT (`paceguard simulate`), replayed (`paceguard replay --format jsonl`,
 * with the scenario's own ceilings), and the slow-downs are held against the
 * overshoots the scenario's physical truth contains (synthesizeRun's labels,
 * scored as the alert benchmark scores them). Nothing here is a hard-coded
 * time: move a segment in a scenario and the expectations move with it.
 *
 * - every labelled overshoot has a slow-down inside its detection window
 *   (simulator/bench/score.ts: its start, less a grey lead-in, to 20 s after its end);
 * - scenarios meant to stay easy have no overshoot and no slow-down at all;
 * - scenarios meant to go over have at least one overshoot (or the test would prove nothing).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { formatPace } from '../../src/samples/pace.ts';
import { detectionWindows, scoreRun } from '../../simulator/bench/score.ts';
import { DEFAULT_SCENARIO_SEED, parseScenarioText } from '../../simulator/synth/scenario-file/load.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';

const SCENARIOS_DIR = 'examples/scenarios';
const dir = tempDir();

/** What each shipped scenario is for. A new scenario must say which it is. */
const EXPECTED: Readonly<Record<string, 'stays easy' | 'goes over'>> = {
  'clean-recovery.json': 'stays easy',
  'bad-signal.json': 'stays easy',
  'drifts-too-fast.json': 'goes over',
  'hilly.json': 'goes over',
};

const EventLine = z.looseObject({ kind: z.string(), at: z.number().min(0) });
const SummaryLine = z.looseObject({ kind: z.literal('summary') });

function runBin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const shipped = readdirSync(SCENARIOS_DIR).filter((file) => file.endsWith('.json')).sort();

describe('simulate → replay: the events a scenario’s overshoots call for', () => {
  test('every shipped scenario has an expectation', () => {
    expect(shipped).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(shipped)('%s', (file) => {
    const scenarioPath = path.join(SCENARIOS_DIR, file);
    const parsed = parseScenarioText(readFileSync(scenarioPath, 'utf8'), path.basename(file, '.json'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    // The truth the command simulates: same scenario, same seed.
    const run = synthesizeRun(parsed.scenario, parsed.seed ?? DEFAULT_SCENARIO_SEED);
    const { labels } = run;

    const fit = path.join(dir, `${path.basename(file, '.json')}.fit`);
    const simulated = runBin(['simulate', scenarioPath, '--out', fit]);
    expect(simulated.stderr).toBe('');
    expect(simulated.status).toBe(0);

    const { paceCeilingSecPerKm, hrCeilingBpm } = parsed.scenario.ceilings;
    const replayed = runBin([
      'replay',
      fit,
      '--pace-ceiling',
      formatPace(paceCeilingSecPerKm),
      '--hr-ceiling',
      String(hrCeilingBpm),
      '--format',
      'jsonl',
    ]);
    expect(replayed.status).toBe(0);
    const lines = replayed.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(SummaryLine.parse(lines.at(-1)).kind).toBe('summary');
    const events = lines.slice(0, -1).map((line) => EventLine.parse(line));
    // `at` counts from the first sample; labels count from the run's first second.
    const firstSampleMs = run.inputs.find((input) => input.kind === 'sample')?.atMs ?? 0;
    const slowDownsMs = events.filter((line) => line.kind === 'slow-down').map((line) => firstSampleMs + line.at * 1000);

    if (EXPECTED[file] === 'stays easy') {
      expect(labels.overshoots, `${file} should hold no overshoot`).toEqual([]);
      expect(slowDownsMs, `${file}: no slow-down on a run that stays easy`).toEqual([]);
      return;
    }
    expect(labels.overshoots.length, `${file} should hold an overshoot`).toBeGreaterThan(0);
    const score = scoreRun(labels, slowDownsMs);
    const windows = detectionWindows(labels);
    score.outcomes.forEach((outcome, index) => {
      const window = windows[index];
      expect(
        outcome.detectedAtMs,
        `${file}: overshoot ${index} (${outcome.overshoot.startMs / 1000}–${outcome.overshoot.endMs / 1000} s) has no slow-down in ` +
          `${(window?.startMs ?? 0) / 1000}–${(window?.endMs ?? 0) / 1000} s; slow-downs at ${slowDownsMs.map((ms) => ms / 1000).join(', ')} s`,
      ).toBeDefined();
    });
  });
});
