import type { Ceilings } from '../ceiling/ceiling.ts';

/**
 * Every rule the guard applies, with its default. All durations are read
 * against the samples' own timestamps (event time), never a clock.
 * Each default is explained where it is used and in the rules table of docs/design.md.
 */
export interface GuardTuning {
  /** Pace is judged on the median speed over this trailing window. */
  readonly paceWindowMs: number;
  /** Heart rate is judged on the median over this trailing window. */
  readonly hrWindowMs: number;
  /**
   * Evidence of an overshoot is a CUSUM: each second adds (how far faster than
   * the pace ceiling, less this allowance), and it never drops below zero.
   * Noise around a pace just under the ceiling drifts it back to zero; a real
   * overshoot piles it up, a big one fast.
   */
  readonly paceAllowanceSecPerKm: number;
  /** Evidence (s/km × s) that makes a pace overshoot. */
  readonly paceEvidenceSecPerKmS: number;
  /** One second adds at most this (s/km): a few seconds' surge or spike cannot make an overshoot alone. */
  readonly paceExcessCapSecPerKm: number;
  /**
   * Evidence, of either kind, is held at most this many times its threshold.
   * An unbounded CUSUM banks every second of a long overshoot and then takes
   * minutes to drain, repeating slow-down all that while after the runner
   * eased off; bounded, it drains in seconds.
   */
  readonly evidenceCapShare: number;
  /**
   * Pace evidence counts in full only when a witness agrees that the runner
   * sped up: heart rate climbing by this much (short average over long), or
   * cadence by paceWitnessCadenceRiseSpm, or heart rate within
   * paceWitnessHrNearBpm of its ceiling (0: at or over it; merely near it is
   * where cardiac drift takes an easy pace, so nearness says nothing about the
   * pace). GPS noise moves none of them.
   */
  readonly paceWitnessHrRiseBpm: number;
  readonly paceWitnessCadenceRiseSpm: number;
  readonly paceWitnessHrNearBpm: number;
  /**
   * When the recorded pace is under the ceiling and only the grade puts it
   * over (uphill by effort), heart rate must climb by this much to witness:
   * a grade read off a GPS altimeter lags a climb by a minute or more, and a
   * real push uphill raises heart rate fast. Cadence cannot witness a grade
   * (steps shorten uphill rather than quicken).
   */
  readonly paceWitnessGradeHrRiseBpm: number;
  /**
   * Up a grade of at least this (%), the share of the pace excess that the
   * grade adds counts only while heart rate backs the effort (climbing, or
   * at its ceiling: paceWitnessHrNearBpm); otherwise the recorded pace is judged. Cadence backs a
   * speed, not an effort, and a GPS altimeter's grade reads a hill for minutes
   * after it ends. Below it the grade adds a few s/km at most.
   */
  readonly gradeNeedsHrFromPct: number;
  /**
   * A trend witnesses only when it stands out from this run's own: at least
   * this many times how far it usually wanders (its RMS over the last few
   * minutes), besides the thresholds above. An optical sensor's heart-rate
   * trend wanders by 1–2 bpm with nothing changing, a chest strap's by a
   * fraction; cadence's trend wanders more on rolling hills than on the flat.
   */
  readonly witnessNoiseMultiple: number;
  /** Heart rate falling by this much (short average under long) vetoes every witness: effort went down. */
  readonly paceWitnessHrFallVetoBpm: number;
  /**
   * Cadence witnesses only while heart rate is not falling by more than this
   * many times its trend's own wander (RMS, as for witnessNoiseMultiple):
   * quicker steps with an easing heart are a descent the grade has not caught.
   */
  readonly cadenceWitnessHrFallNoiseMultiple: number;
  /**
   * Heart rate's rise witnesses a speed-up only once heart rate has settled
   * since the runner last started running: its trend within ± this…
   */
  readonly hrSettledWithinBpm: number;
  /** …for this long. Until then (the start of a run, after each stop) pace counts at paceWarmupWeight. */
  readonly hrSettledForMs: number;
  /**
   * Cadence can witness while heart rate has not settled once cadence itself
   * has: its trend within ± this (spm)… Cadence does not lag the effort, but
   * it too climbs as the runner gets going.
   */
  readonly cadenceSettledWithinSpm: number;
  /** …for this long. */
  readonly cadenceSettledForMs: number;
  /**
   * The share of pace evidence that counts while heart rate and cadence both
   * say nothing changed: small, so that GPS noise alone rarely alerts, but not
   * zero, so that an overshoot they never confirm still does, later.
   */
  readonly paceUnwitnessedWeight: number;
  /** The share that counts in the heart-rate warm-up, when no witness can testify. */
  readonly paceWarmupWeight: number;
  /**
   * …on a GPS whose readings scatter around their median by no more than this
   * share (RMS). A noisier one counts less: paceWarmupWeight × (this /
   * scatter)², as a CUSUM's log-likelihood step scales with 1/σ². A good watch
   * scatters 3–4 %, a poor one 7–9 %, a phone's positions 5–10 %.
   */
  readonly paceNoiseRefShare: number;
  /** The heart-rate CUSUM's allowance, bpm over the ceiling, or… */
  readonly hrAllowanceBpm: number;
  /**
   * …this many times how far this sensor's readings scatter around their
   * median (RMS), if more. An optical sensor's error wanders by several bpm
   * for tens of seconds; a chest strap's readings stay within about half a
   * beat, so its allowance stays hrAllowanceBpm.
   */
  readonly hrAllowanceScatterMultiple: number;
  /** Evidence (bpm × s) that makes a heart-rate overshoot. */
  readonly hrEvidenceBpmS: number;
  /** One second adds at most this (bpm). */
  readonly hrExcessCapBpm: number;
  /** Back under this long, continuously, before back-under. */
  readonly holdUnderMs: number;
  /**
   * While still over, slow-down is repeated, first this long after the first
   * alert, then each interval twice the one before (1, 2, 4 min: repeats at
   * 1, 3, 7 min), but not while heart rate is falling by
   * paceWitnessHrFallVetoBpm or more: the runner has eased off and is coming
   * back under, and a repeat then is nagging. Back under starts it afresh.
   */
  readonly repeatMs: number;
  /**
   * One overshoot held this long, in moving time (first slow-down to now, stops
   * not counted), makes the run a
   * moderate one: the guard says `not-recovery` once, then nothing more about
   * that overshoot. Five minutes: heart rate and oxygen uptake settle within
   * about three minutes of a change of pace, so an overshoot still there is
   * the pace chosen, not lag or a hill; and five minutes over is more than
   * the summary's 5 % (EASY_MAX_OVER_SHARE) of any run up to 100 minutes,
   * so the verdict after the run agrees. See docs/alert-policy.md.
   */
  readonly notRecoveryAfterMs: number;
  /** No pace alerts in the first part of the run: GPS is still settling. */
  readonly paceWarmupMs: number;
  /** No heart-rate alerts in the first part of the run: heart rate lags the effort and optical sensors settle. */
  readonly hrWarmupMs: number;
  /** To count as back under, pace must be this much slower than the ceiling (hysteresis). */
  readonly paceHysteresisSecPerKm: number;
  /** To count as back under, heart rate must be this much below the ceiling (hysteresis). */
  readonly hrHysteresisBpm: number;
  /** A sensor with no valid reading for this long is reported lost. */
  readonly staleMs: number;
  /** Below this speed the runner is stopped: no pace alerts, no alerts at all. */
  readonly minMovingSpeedMps: number;
  /**
   * The fatigue check looks at heart rate against the runner's curve between
   * these timer times (after the warm-up, while the run is still young), and
   * needs at least fatigueMinDataMs of moving data with heart rate in them.
   */
  readonly fatigueFromMs: number;
  readonly fatigueUntilMs: number;
  readonly fatigueMinDataMs: number;
  /** Tired when heart rate sits at least this far above the curve… */
  readonly fatigueMinExcessBpm: number;
  /** …and at least this many times the runner's usual run-to-run spread (runResidualSdBpm). */
  readonly fatigueSpreadMultiple: number;
}

export const DEFAULT_TUNING: GuardTuning = {
  paceWindowMs: 10_000,
  hrWindowMs: 5_000,
  paceAllowanceSecPerKm: 8,
  paceEvidenceSecPerKmS: 60,
  paceExcessCapSecPerKm: 22,
  evidenceCapShare: 1.5,
  paceWitnessHrRiseBpm: 1,
  paceWitnessCadenceRiseSpm: 1,
  paceWitnessHrNearBpm: 0,
  paceWitnessGradeHrRiseBpm: 3,
  gradeNeedsHrFromPct: 0.75,
  witnessNoiseMultiple: 1.75,
  paceWitnessHrFallVetoBpm: 1.5,
  cadenceWitnessHrFallNoiseMultiple: 1,
  hrSettledWithinBpm: 3.5,
  hrSettledForMs: 30_000,
  cadenceSettledWithinSpm: 1,
  cadenceSettledForMs: 30_000,
  paceUnwitnessedWeight: 0.05,
  paceWarmupWeight: 0.34,
  paceNoiseRefShare: 0.06,
  hrAllowanceBpm: 1,
  hrAllowanceScatterMultiple: 1.5,
  hrEvidenceBpmS: 30,
  hrExcessCapBpm: 6,
  holdUnderMs: 10_000,
  repeatMs: 60_000,
  notRecoveryAfterMs: 300_000,
  paceWarmupMs: 60_000,
  hrWarmupMs: 180_000,
  paceHysteresisSecPerKm: 5,
  hrHysteresisBpm: 2,
  staleMs: 30_000,
  minMovingSpeedMps: 1.0,
  fatigueFromMs: 6 * 60_000,
  fatigueUntilMs: 15 * 60_000,
  fatigueMinDataMs: 5 * 60_000,
  fatigueMinExcessBpm: 6,
  fatigueSpreadMultiple: 2,
};

/**
 * The runner's own heart-rate curve, from `paceguard calibrate`:
 * hr ≈ hrAtRefBpm + slopeBpmPerMps · (gapSpeedMps − refSpeedMps) + driftBpmPerHour · hours,
 * valid between speedLoMps and speedHiMps; runResidualSdBpm is how far a whole
 * run usually sits off it.
 */
export interface HrCurve {
  readonly refSpeedMps: number;
  readonly hrAtRefBpm: number;
  readonly slopeBpmPerMps: number;
  readonly driftBpmPerHour: number;
  readonly runResidualSdBpm: number;
  readonly speedLoMps: number;
  readonly speedHiMps: number;
}

export interface GuardConfig {
  readonly ceilings: Ceilings;
  /** With a calibrated curve, the guard also checks for fatigue early in the run. */
  readonly hrCurve?: HrCurve;
  /** Planned duration of timer time; time-up fires once when it is reached. */
  readonly plannedMs?: number;
  readonly tuning: GuardTuning;
}
