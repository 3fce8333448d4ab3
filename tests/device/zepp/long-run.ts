/**
 * A 2-hour synthetic run for the memory test and the benchmark, made by the
 * project's own generator (simulator/synth via a scenario, as `paceguard
 * simulate` makes one): easy running with repeated 3-minute drifts over the
 * ceiling, stops, a tunnel and heart-rate dropouts and glitches, so that
 * every part of the guard (windows, alerts, signal-lost, pauses) keeps working
 * the whole two hours.
 */
import type { GuardInput } from '../../../src/samples/sample.ts';
import { parseScenarioText } from '../../../simulator/synth/scenario-file/load.ts';
import { simulateScenario } from '../../../simulator/synth/scenario-file/simulate.ts';

export const LONG_RUN_PROFILE = { paceCeiling: '6:00', hrCeilingBpm: 140, maxDurationMin: 100 };

/** The scenario's 20-minute block (easy, a drift over, easy, a stop), six times: 2 hours. */
const LONG_RUN_REPEATS = 6;

const LONG_RUN_SCENARIO = {
  description: '2 h easy with a 3 min drift over the ceiling and a stop every 20 min, poor GPS, a wrist sensor',
  seed: 7,
  runner: { easyPace: '5:30', restHrBpm: 50, maxHrBpm: 185, hrAtEasyPaceBpm: 136 },
  ceilings: { pace: '6:00', hrBpm: 140 },
  noise: {
    gps: 'poor',
    multipathPerHour: 6,
    hrGlitchesPerHour: 6,
    tunnels: [{ at: '50:00', duration: 45, speed: 'missing' }],
    hrDropouts: [{ at: '35:00', duration: 50 }, { at: '95:00', duration: 40 }],
  },
  segments: [
    {
      kind: 'repeat',
      times: LONG_RUN_REPEATS,
      segments: [
        { kind: 'run', duration: '14:00', pace: '6:25' },
        { kind: 'run', duration: '3:00', ceilingOffsetSecPerKm: -25 },
        { kind: 'run', duration: '2:30', pace: '6:30' },
        { kind: 'stop', duration: 30 },
      ],
    },
  ],
};

/** The run, or the same blocks `repeats` times (18: the 6 hours issue #19 asks of the watch). */
export function longRunInputs(repeats = LONG_RUN_REPEATS): GuardInput[] {
  const scenario = { ...LONG_RUN_SCENARIO, segments: LONG_RUN_SCENARIO.segments.map((segment) => ({ ...segment, times: repeats })) };
  const loaded = parseScenarioText(JSON.stringify(scenario), 'long-run');
  if (!loaded.ok) throw new Error(loaded.error);
  const { run } = simulateScenario(loaded, loaded.seed ?? 1);
  return run.inputs.map((input) => ({ ...input, atMs: input.atMs + loaded.startMs }));
}
