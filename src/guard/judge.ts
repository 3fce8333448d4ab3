import type { Conditioned } from './conditioned.ts';
import { JUDGING_FIELDS, type Judging } from './judging.ts';
import { backedPaceExcess, easingOff, paceEvidenceWeight } from './witness.ts';

/**
 * What one moving sample says against a config's ceilings, before any
 * evidence is kept: how much evidence each ceiling gains (a CUSUM step,
 * pace's growth weighted by its witnesses), whether both ceilings are clear,
 * whether heart rate is easing off. The decision (decide.ts) then adds the
 * gains to its evidence, bounds them and moves its phase.
 *
 * It reads the ceilings and JUDGING_FIELDS of the tuning only, nothing of the
 * decision's state: configs alike in those judge a sample alike, whatever
 * their evidence thresholds or repeat intervals, so `paceguard tune` judges
 * each sample once for all the settings that differ in those alone
 * (src/guard/lanes.ts).
 */
export interface SampleJudgement {
  /** Pace evidence this sample adds, s/km × s: negative drains it; growth is weighted by the witnesses. */
  readonly paceGain: number;
  /** Heart-rate evidence this sample adds, bpm × s. */
  readonly hrGain: number;
  /** Both ceilings cleared by their hysteresis (a channel that has worked but reads nothing now is not clear). */
  readonly clear: boolean;
  /** Heart rate clearly falling (easingOff): the runner is already easing, a repeat waits. */
  readonly easing: boolean;
}

/** Equal for two configs exactly when they judge every sample alike. */
export function judgingKey(config: Judging): string {
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  return [paceCeilingSecPerKm ?? '-', hrCeilingBpm ?? '-', ...JUDGING_FIELDS.map((field) => config.tuning[field])].join('/');
}

/**
 * A moving sample, `gapMs` after the last input, judged: the evidence it adds
 * to each ceiling, and whether the runner is clear of both. Only for a sample
 * that is moving, not paused, and does not start the judgement afresh
 * (decide.ts asks those first).
 */
export function judgeSample(input: Conditioned, gapMs: number, config: Judging): SampleJudgement {
  return judgeSampleInto({ paceGain: 0, hrGain: 0, clear: true, easing: false }, input, gapMs, config);
}

/** A judgement a caller owns and reuses: judgeSampleInto writes into it. */
export type JudgementScratch = { -readonly [K in keyof SampleJudgement]: SampleJudgement[K] };

/**
 * judgeSample written into `out` and returned: for a loop that judges a
 * million samples under a few configs (`paceguard tune`), nothing allocated.
 */
export function judgeSampleInto(out: JudgementScratch, input: Conditioned, gapMs: number, config: Judging): SampleJudgement {
  const { ceilings, tuning } = config;
  const dtS = Math.min(gapMs, tuning.staleMs) / 1000;
  // What the sample reads against each ceiling, as locals (no object per sample: tune judges a million of them).
  const paceCeiling = ceilings.paceCeilingSecPerKm;
  const gapPace = input.gapSpeedMps !== undefined && input.gapSpeedMps > 0 ? 1000 / input.gapSpeedMps : undefined;
  // A channel that has worked but reads nothing now (a tunnel, a dropout) is
  // unknown, not clear: the overshoot holds until it reads again.
  const paceClear =
    paceCeiling === undefined ||
    (gapPace === undefined ? input.paceLastAtMs === undefined : gapPace >= paceCeiling + tuning.paceHysteresisSecPerKm);
  const hrCeiling = ceilings.hrCeilingBpm;
  const hr = input.hrBpm;
  const hrClear =
    hrCeiling === undefined || (hr === undefined ? input.hrLastAtMs === undefined : hr <= hrCeiling - tuning.hrHysteresisBpm);
  // How much faster than the pace ceiling (s/km, negative when slower); undefined in warm-up or without pace.
  const gapExcessSecPerKm =
    paceCeiling !== undefined && gapPace !== undefined && input.timerMs >= tuning.paceWarmupMs ? paceCeiling - gapPace : undefined;
  // How far over the heart-rate ceiling (bpm, negative when under); undefined in warm-up or without heart rate.
  const hrExcessBpm = hrCeiling !== undefined && hr !== undefined && input.timerMs >= tuning.hrWarmupMs ? hr - hrCeiling : undefined;
  const paceExcess = backedPaceExcess(gapExcessSecPerKm, input, config);
  const paceStep = cusumStep(paceExcess, tuning.paceAllowanceSecPerKm, tuning.paceExcessCapSecPerKm, dtS);
  // Growth alone is weighted (see paceEvidenceWeight): on the usual easy second, draining, no witness is asked.
  const paceGain = paceStep > 0 ? paceStep * paceEvidenceWeight(input, config) : paceStep;
  // A noisy sensor's wander is no overshoot: the allowance grows with its scatter (see hrAllowanceScatterMultiple).
  const hrAllowanceBpm = Math.max(tuning.hrAllowanceBpm, tuning.hrAllowanceScatterMultiple * input.hrScatterBpm);
  const hrGain = cusumStep(hrExcessBpm, hrAllowanceBpm, tuning.hrExcessCapBpm, dtS);
  out.paceGain = paceGain;
  out.hrGain = hrGain;
  out.clear = paceClear && hrClear;
  out.easing = easingOff(input, tuning);
  return out;
}

/**
 * One CUSUM step: (excess − allowance) for dt seconds, the excess capped so
 * that no single reading decides. Without an excess to judge (warm-up, no
 * reading) it is zero: the evidence stays where it is.
 */
export function cusumStep(excess: number | undefined, allowance: number, cap: number, dtS: number): number {
  return excess === undefined ? 0 : (Math.min(excess, cap) - allowance) * dtS;
}
