/**
 * The per-file step of calibration, pure so that it can be cached by content
 * and run in a worker pool: a file's bytes in (FIT, GPX or TCX, told apart by
 * content: src/track/recording.ts), a small extract out (the steady stretches
 * and a few facts, never the raw samples). Never throws.
 *
 * Whether an activity is a run is judged from its data, not its label:
 * the decoders refuse rides and downhill skiing (speeds no runner holds);
 * here walks and hikes (median moving speed at walking pace) and activities
 * with a rhythm that is not running (rowing strokes, cross-country skiing,
 * walking steps: a median step rate well under a running cadence) are set
 * aside too.
 */
import { WALKING_SPEED_MAX_MPS } from '../fit/decode.ts';
import type { GuardInput } from '../samples/sample.ts';
import { formatPace, speedToPace } from '../samples/pace.ts';
import { RUNNING_CADENCE_SPM } from '../signal/pace.ts';
import { decodeRecording } from '../track/recording.ts';
import type { CadenceBlock } from './cadence.ts';
import type { RunResponse } from './response.ts';
import { activityFacts, extractStretches, type ActivityFacts, type Stretch } from './stretches.ts';

/**
 * The extract's version lives in ./extract-version.ts (bump it there): the
 * cache names its folder by it, and importing it from here would make a warm
 * calibrate, which decodes nothing, load the decoders and the FIT SDK.
 */
export { EXTRACT_VERSION } from './extract-version.ts';

/** `internal-error`: a bug of ours, never cached (a fixed version must see the file again). */
export type SkipReason = 'unreadable' | 'not-a-run' | 'no-data' | 'internal-error';

export type ActivityExtract =
  | {
      readonly kind: 'run';
      readonly facts: ActivityFacts;
      readonly stretches: readonly Stretch[];
      /** How fast heart rate answered effort on this run (absent: too little running with heart rate). */
      readonly response?: RunResponse;
      readonly cadenceBlocks: readonly CadenceBlock[];
      /** The decoder's warning when the file is damaged but partly read (truncated, CRC, SDK failure part-way). */
      readonly damage?: string;
    }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly message: string };

/** FIT, GPX or TCX bytes → extract. */
export function extractActivity(bytes: Uint8Array): ActivityExtract {
  try {
    return extract(bytes);
  } catch (error) {
    // Only a bug of ours gets here; one odd file must not stop a history of hundreds.
    return { kind: 'skipped', reason: 'internal-error', message: `could not extract it (internal error: ${error instanceof Error ? error.message : String(error)})` };
  }
}

function extract(bytes: Uint8Array): ActivityExtract {
  const decoded = decodeRecording(bytes);
  if (!decoded.ok) {
    // The decoders' refusals of rides all start this way (src/fit/run-choice.ts).
    const reason: SkipReason = decoded.error.startsWith('not a run') ? 'not-a-run' : 'unreadable';
    return { kind: 'skipped', reason, message: decoded.error };
  }
  // The decoders put the damage warning first when there is one (FIT: truncated, CRC, SDK; GPX/TCX: XML not well-formed).
  const damage = decoded.warnings.find((w) => /^(file is|file fails|the FIT SDK)/.test(w));
  // Read once, from the series: a long file's samples are never all made at once (src/samples/columns.ts).
  return extractFromInputs(decoded.series, damage);
}

/** Decoded inputs, read once → extract: the data decide whether this was a run. */
export function extractFromInputs(inputs: Iterable<GuardInput>, damage?: string): ActivityExtract {
  const { facts, stretches, response, cadenceBlocks } = extractStretches(inputs);
  const notRun = whyNotARun(facts);
  if (notRun !== undefined) return notRun;
  return { kind: 'run', facts, stretches, ...(response === undefined ? {} : { response }), cadenceBlocks, ...(damage === undefined ? {} : { damage }) };
}

/** Whether an activity is a run, and its facts. */
export type RunVerdict =
  | { readonly kind: 'run'; readonly facts: ActivityFacts }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly message: string };

/**
 * Decoded inputs → whether this was a run, and its facts: extractFromInputs'
 * verdict, without the stretches.
 */
export function classifyActivity(inputs: readonly GuardInput[]): RunVerdict {
  return runVerdict(activityFacts(inputs));
}

/**
 * The verdict on an activity's facts (activityFacts, or a tracker fed its
 * signals): `paceguard tune` asks no more, so that it and calibrate agree on
 * what a history holds.
 */
export function runVerdict(facts: ActivityFacts): RunVerdict {
  return whyNotARun(facts) ?? { kind: 'run', facts };
}

function whyNotARun(facts: ActivityFacts): (ActivityExtract & { readonly kind: 'skipped' }) | undefined {
  const speed = facts.medianMovingSpeedMps;
  if (speed === undefined) return { kind: 'skipped', reason: 'no-data', message: 'no pace data while moving: calibration needs pace and heart rate' };
  if (speed < WALKING_SPEED_MAX_MPS) {
    return {
      kind: 'skipped',
      reason: 'not-a-run',
      message:
        `a walk or hike: median moving speed ${speed.toFixed(2)} m/s (${formatPace(speedToPace(speed))} /km), ` +
        `under running speed (${WALKING_SPEED_MAX_MPS} m/s)`,
    };
  }
  const cadence = facts.medianCadenceSpm;
  if (cadence !== undefined && cadence < RUNNING_CADENCE_SPM) {
    return {
      kind: 'skipped',
      reason: 'not-a-run',
      message: `not a running rhythm: median step rate ${Math.round(cadence)} /min, under ${RUNNING_CADENCE_SPM} (rowing, skiing or walking)`,
    };
  }
  if (facts.hrMs === 0) return { kind: 'skipped', reason: 'no-data', message: 'no heart rate: calibration needs pace and heart rate' };
  return undefined;
}
