/**
 * A scenario file's text → the synthesizer's `Scenario`, its seed and its
 * start time, or one line saying what is wrong (the caller adds the file name).
 *
 * ```ts
 * const loaded = parseScenarioText(text, 'hilly');
 * if (loaded.ok) synthesizeRun(loaded.scenario, loaded.seed ?? DEFAULT_SCENARIO_SEED);
 * ```
 */
import type { Noise, Recording, Scenario, Segment } from '../scenario.ts';
import { EXAMPLE_START_MS } from '../examples/make-examples.ts';
import { describeScenarioIssue, GPS_PRESETS, ScenarioFile, type ScenarioSegment } from './schema.ts';
import { parseJsonText } from '../../../src/text/json.ts';

/** The seed when neither `--seed` nor the file gives one. */
export const DEFAULT_SCENARIO_SEED = 1;
/** When a run starts without `startsAt`: the shipped examples' fixed instant (never the clock). */
export const DEFAULT_SCENARIO_START_MS = EXAMPLE_START_MS;

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The file's seed, if it gives one. */
  readonly seed?: number;
  /** Absolute time of the run's first second. */
  readonly startMs: number;
}

export type ParsedScenario =
  | ({ readonly ok: true } & LoadedScenario)
  | { readonly ok: false; readonly error: string };

/** JSON, then the schema, then the mapping. `name` names the scenario (the file name, without `.json`). */
export function parseScenarioText(text: string, name: string): ParsedScenario {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, error: `not valid JSON (${json.why})` };
  const checked = ScenarioFile.safeParse(json.value);
  if (!checked.success) return { ok: false, error: describeScenarioIssue(checked.error) };
  const file = checked.data;
  return {
    ok: true,
    scenario: scenarioOf(file, name),
    ...(file.seed !== undefined ? { seed: file.seed } : {}),
    startMs: file.startsAt ?? DEFAULT_SCENARIO_START_MS,
  };
}

/** The checked file as the synthesizer's plain data; `repeat` is unrolled. */
export function scenarioOf(file: ScenarioFile, name: string): Scenario {
  const { runner, ceilings } = file;
  return {
    name,
    ...(file.description !== undefined ? { description: file.description } : {}),
    runner: {
      easyPaceSecPerKm: runner.easyPace,
      hrRestBpm: runner.restHrBpm,
      hrMaxBpm: runner.maxHrBpm,
      hrAtEasyPaceBpm: runner.hrAtEasyPaceBpm,
      hrPerMpsBpm: runner.hrPerMpsBpm,
      hrTauSec: runner.hrTauSec,
      driftBpmPerHour: runner.driftBpmPerHour,
      cadenceAtEasyPaceSpm: runner.cadenceAtEasyPaceSpm,
      paceWanderPct: runner.paceWanderPct,
    },
    ceilings: { paceCeilingSecPerKm: ceilings.pace, hrCeilingBpm: ceilings.hrBpm },
    segments: file.segments.flatMap(segmentsOf),
    ...(file.terrain !== undefined ? { terrain: file.terrain } : {}),
    ...(file.recording !== undefined ? { recording: recordingOf(file.recording) } : {}),
    ...(file.noise !== undefined ? { noise: noiseOf(file.noise) } : {}),
    ...(file.origin !== undefined ? { origin: file.origin } : {}),
  };
}

function segmentsOf(segment: ScenarioSegment): Segment[] {
  switch (segment.kind) {
    case 'run':
      return [
        {
          kind: 'run',
          durationSec: segment.duration,
          // The schema has made sure exactly one of the two is given.
          pace:
            segment.pace !== undefined
              ? { secPerKm: segment.pace }
              : { ceilingOffsetSecPerKm: segment.ceilingOffsetSecPerKm ?? 0 },
          hold: segment.hold,
          gradePct: segment.gradePct,
        },
      ];
    case 'stop':
      return [{ kind: 'stop', durationSec: segment.duration, timer: segment.timer }];
    case 'repeat':
      return Array.from({ length: segment.times }, () => segment.segments.flatMap(segmentsOf)).flat();
  }
}

/** Only the fields the file gives: the synthesizer fills in the rest from its defaults. */
function recordingOf(recording: NonNullable<ScenarioFile['recording']>): Partial<Recording> {
  const out: { -readonly [K in keyof Recording]?: Recording[K] } = {};
  if (recording.rate !== undefined) out.rate = recording.rate;
  if (recording.fields !== undefined) out.fields = recording.fields;
  if (recording.cadence !== undefined) out.cadence = recording.cadence;
  if (recording.altimeter !== undefined) out.altimeter = recording.altimeter;
  if (recording.hrSensor !== undefined) out.hrSensor = recording.hrSensor;
  return out;
}

/** The `gps` preset first, then any number the file gives over it. */
function noiseOf(noise: NonNullable<ScenarioFile['noise']>): Partial<Noise> {
  const out: { -readonly [K in keyof Noise]?: Noise[K] } = noise.gps === undefined ? {} : { ...GPS_PRESETS[noise.gps] };
  if (noise.gpsSpeedSigmaMps !== undefined) out.gpsSpeedSigmaMps = noise.gpsSpeedSigmaMps;
  if (noise.gpsSpeedTauSec !== undefined) out.gpsSpeedTauSec = noise.gpsSpeedTauSec;
  if (noise.positionSigmaM !== undefined) out.positionSigmaM = noise.positionSigmaM;
  if (noise.multipathPerHour !== undefined) out.multipathPerHour = noise.multipathPerHour;
  if (noise.opticalHrSigmaBpm !== undefined) out.opticalHrSigmaBpm = noise.opticalHrSigmaBpm;
  if (noise.hrGlitchesPerHour !== undefined) out.hrGlitchesPerHour = noise.hrGlitchesPerHour;
  if (noise.tunnels !== undefined) {
    out.tunnels = noise.tunnels.map((t) => ({ atSec: t.at, durationSec: t.duration, speed: t.speed }));
  }
  if (noise.hrDropouts !== undefined) out.hrDropouts = noise.hrDropouts.map((s) => ({ atSec: s.at, durationSec: s.duration }));
  if (noise.cadenceLocks !== undefined) out.cadenceLocks = noise.cadenceLocks.map((s) => ({ atSec: s.at, durationSec: s.duration }));
  if (noise.speedLagSec !== undefined) out.speedLagSec = noise.speedLagSec;
  if (noise.hrStartBiasBpm !== undefined) out.hrStartBiasBpm = noise.hrStartBiasBpm;
  if (noise.hrStartBiasSec !== undefined) out.hrStartBiasSec = noise.hrStartBiasSec;
  return out;
}
