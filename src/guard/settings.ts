import { declareSettings, defaultsOf, type SettingValues } from '../settings/declare.ts';

/**
 * Every rule the guard applies that a runner may tune, declared once: unit,
 * default, the bounds a profile may set, and one line of why. The type
 * (GuardTuning), the defaults (DEFAULT_TUNING), the profile's `tuning` schema
 * (src/profile/profile.ts) and the rules table in docs/design.md
 * (`npm run docs:settings`) are all derived from it. All durations are read
 * against the samples' own timestamps (event time), never a clock.
 *
 * Each entry's doc comment says more than its `why`; the docs table shows the `why`.
 */
export const GUARD_SETTINGS = declareSettings({
  /** Pace is judged on the median speed over this trailing window. */
  paceWindowMs: { unit: 'milliseconds', default: 10_000, min: 1_000, max: 60_000, whole: true, why: 'pace is the median of speed readings over this window (the lower middle of an even count): one or two spikes cannot move it' },
  /** Heart rate is judged on the median over this trailing window. */
  hrWindowMs: { unit: 'milliseconds', default: 5_000, min: 1_000, max: 60_000, whole: true, why: 'heart rate is the median of believed readings over this window' },
  /**
   * Evidence of an overshoot is a CUSUM: each second adds (how far faster than
   * the pace ceiling, less this allowance), and it never drops below zero.
   * Noise around a pace just under the ceiling drifts it back to zero; a real
   * overshoot piles it up, a big one fast.
   */
  paceAllowanceSecPerKm: { unit: 'seconds per km', default: 8, min: 0, max: 60, why: "the pace CUSUM's allowance: noise around a pace just under the ceiling drains the evidence instead of piling it up" },
  /** Evidence (s/km × s) that makes a pace overshoot. */
  paceEvidenceSecPerKmS: { unit: 'seconds per km × seconds', default: 60, min: 0, max: 10_000, why: 'evidence (s/km over the ceiling, less the allowance, summed per second) that makes a pace overshoot' },
  /** One second adds at most this (s/km): a few seconds' surge or spike cannot make an overshoot alone. */
  paceExcessCapSecPerKm: { unit: 'seconds per km', default: 22, min: 1, max: 300, why: "at most this much counts per second: a spike or a few seconds' surge cannot decide alone" },
  /**
   * Evidence, of either kind, is held at most this many times its threshold.
   * An unbounded CUSUM banks every second of a long overshoot and then takes
   * minutes to drain, repeating slow-down all that while after the runner
   * eased off; bounded, it drains in seconds.
   */
  evidenceCapShare: { unit: 'a multiple', default: 1.5, min: 1, max: 1_000, why: 'evidence (pace and heart rate alike) is held at most this many times its threshold, so it drains in seconds once the runner eases off' },
  /**
   * Pace evidence counts in full only when a witness agrees that the runner
   * sped up: heart rate climbing by this much (short average over long), or
   * cadence by paceWitnessCadenceRiseSpm, or heart rate within
   * paceWitnessHrNearBpm of its ceiling (0: at or over it; merely near it is
   * where cardiac drift takes an easy pace, so nearness says nothing about the
   * pace). GPS noise moves none of them.
   */
  paceWitnessHrRiseBpm: { unit: 'beats per minute', default: 1, min: 0, max: 30, why: 'heart rate climbing this much (10 s average over 60 s) witnesses a speed-up: GPS noise does not move it' },
  /** See paceWitnessHrRiseBpm. */
  paceWitnessCadenceRiseSpm: { unit: 'steps per minute', default: 1, min: 0, max: 30, why: 'cadence climbing this much (10 s average over 60 s) witnesses a speed-up, as heart rate does' },
  /** See paceWitnessHrRiseBpm. */
  paceWitnessHrNearBpm: { unit: 'beats per minute', default: 0, min: 0, max: 40, why: 'heart rate this close to its ceiling witnesses too; 0: only at or over it, since cardiac drift takes an easy pace near it' },
  /**
   * When the recorded pace is under the ceiling and only the grade puts it
   * over (uphill by effort), heart rate must climb by this much to witness:
   * a grade read off a GPS altimeter lags a climb by a minute or more, and a
   * real push uphill raises heart rate fast. Cadence cannot witness a grade
   * (steps shorten uphill rather than quicken).
   */
  paceWitnessGradeHrRiseBpm: { unit: 'beats per minute', default: 3, min: 0, max: 30, why: 'when only the grade puts the pace over, heart rate must climb this much (cadence cannot): a GPS-altimeter grade lags a climb by a minute' },
  /**
   * Up a grade of at least this (%), the share of the pace excess that the
   * grade adds counts only while heart rate backs the effort (climbing, or
   * at its ceiling: paceWitnessHrNearBpm); otherwise the recorded pace is judged. Cadence backs a
   * speed, not an effort, and a GPS altimeter's grade reads a hill for minutes
   * after it ends. Below it the grade adds a few s/km at most.
   */
  gradeNeedsHrFromPct: { unit: 'percent grade', default: 0.75, min: 0, max: 30, why: 'up a grade of at least this, the excess the grade adds counts only while heart rate backs the effort; GPS altitude reads a hill for minutes after it ends' },
  /**
   * A trend witnesses only when it stands out from this run's own: at least
   * this many times how far it usually wanders (its RMS over the last few
   * minutes), besides the thresholds above. An optical sensor's heart-rate
   * trend wanders by 1–2 bpm with nothing changing, a chest strap's by a
   * fraction; cadence's trend wanders more on rolling hills than on the flat.
   */
  witnessNoiseMultiple: { unit: 'a multiple', default: 1.75, min: 0, max: 10, why: "a climb witnesses only when it stands out from its trend's own wander (this many times its RMS over the last few minutes): wrist sensors wander 1–2 bpm" },
  /** Heart rate falling by this much (short average under long) vetoes every witness: effort went down. */
  paceWitnessHrFallVetoBpm: { unit: 'beats per minute', default: 1.5, min: 0, max: 30, why: 'heart rate falling this much (10 s average under 60 s) vetoes every witness: effort went down, a faster reading is a descent or an easing off' },
  /**
   * Cadence witnesses only while heart rate is not falling by more than this
   * many times its trend's own wander (RMS, as for witnessNoiseMultiple):
   * quicker steps with an easing heart are a descent the grade has not caught.
   */
  cadenceWitnessHrFallNoiseMultiple: { unit: 'a multiple', default: 1, min: 0, max: 100, why: "cadence witnesses only while heart rate falls by no more than this many times its trend's wander: quicker steps with an easing heart are a descent" },
  /**
   * Heart rate's rise witnesses a speed-up only once heart rate has settled
   * since the runner last started running: its trend within ± this…
   */
  hrSettledWithinBpm: { unit: 'beats per minute', default: 3.5, min: 0, max: 30, why: 'heart rate witnesses only once its trend has stayed within ± this since the runner last started running: at the start and after a stop it climbs anyway' },
  /** …for this long. Until then (the start of a run, after each stop) pace counts at paceWarmupWeight. */
  hrSettledForMs: { unit: 'milliseconds', default: 30_000, min: 0, max: 600_000, whole: true, why: '…for this long; until then pace counts at paceWarmupWeight' },
  /**
   * Cadence can witness while heart rate has not settled once cadence itself
   * has: its trend within ± this (spm)… Cadence does not lag the effort, but
   * it too climbs as the runner gets going.
   */
  cadenceSettledWithinSpm: { unit: 'steps per minute', default: 1, min: 0, max: 30, why: 'cadence, which does not lag the effort, witnesses before heart rate has settled once its own trend stays within ± this…' },
  /** …for this long. */
  cadenceSettledForMs: { unit: 'milliseconds', default: 30_000, min: 0, max: 600_000, whole: true, why: '…for this long' },
  /**
   * The share of pace evidence that counts while heart rate and cadence both
   * say nothing changed: small, so that GPS noise alone rarely alerts, but not
   * zero, so that an overshoot they never confirm still does, later.
   */
  paceUnwitnessedWeight: { unit: 'a share', default: 0.05, min: 0, max: 1, why: 'share of pace evidence that counts when no witness agrees: GPS noise alone rarely alerts, an unconfirmed overshoot still does, later' },
  /** The share that counts in the heart-rate warm-up, when no witness can testify. */
  paceWarmupWeight: { unit: 'a share', default: 0.34, min: 0, max: 1, why: 'share that counts in the heart-rate warm-up, when witnesses climb anyway and cannot testify…' },
  /**
   * …on a GPS whose readings scatter around their median by no more than this
   * share (RMS). A noisier one counts less: paceWarmupWeight × (this /
   * scatter)², as a CUSUM's log-likelihood step scales with 1/σ². A good watch
   * scatters 3–4 %, a poor one 7–9 %, a phone's positions 5–10 %.
   */
  paceNoiseRefShare: { unit: 'a share', default: 0.06, min: 0.001, max: 1, why: '…on a GPS whose readings scatter around their median by at most this share (RMS); a noisier one counts less, as (this / scatter)²' },
  /** The heart-rate CUSUM's allowance, bpm over the ceiling, or… */
  hrAllowanceBpm: { unit: 'beats per minute', default: 1, min: 0, max: 20, why: "the heart-rate CUSUM's allowance over the ceiling…" },
  /**
   * …this many times how far this sensor's readings scatter around their
   * median (RMS), if more. An optical sensor's error wanders by several bpm
   * for tens of seconds; a chest strap's readings stay within about half a
   * beat, so its allowance stays hrAllowanceBpm.
   */
  hrAllowanceScatterMultiple: { unit: 'a multiple', default: 1.5, min: 0, max: 10, why: "…or this many times how far the sensor's readings scatter around their median, if more: a wrist sensor's 3–4 bpm over for a few seconds may be the sensor" },
  /** Evidence (bpm × s) that makes a heart-rate overshoot. */
  hrEvidenceBpmS: { unit: 'beats per minute × seconds', default: 30, min: 0, max: 2_000, why: 'evidence (bpm over the ceiling, less the allowance, summed per second) that makes a heart-rate overshoot' },
  /** One second adds at most this (bpm). */
  hrExcessCapBpm: { unit: 'beats per minute', default: 6, min: 1, max: 60, why: 'at most this much counts per second towards heart-rate evidence' },
  /** Back under this long, continuously, before back-under. */
  holdUnderMs: { unit: 'milliseconds', default: 10_000, min: 0, max: 120_000, whole: true, why: 'back under this long, continuously, before back-under' },
  /**
   * While still over, slow-down is repeated, first this long after the first
   * alert, then each interval twice the one before (1, 2, 4 min: repeats at
   * 1, 3, 7 min), but not while heart rate is falling by
   * paceWitnessHrFallVetoBpm or more: the runner has eased off and is coming
   * back under, and a repeat then is nagging. Back under starts it afresh.
   */
  repeatMs: { unit: 'milliseconds', default: 60_000, min: 10_000, max: 900_000, whole: true, why: 'while still over, slow-down again after this, then each interval doubles (repeats at 1, 3, 7 min); not while heart rate is falling' },
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
  notRecoveryAfterMs: { unit: 'milliseconds', default: 300_000, min: 60_000, max: 7_200_000, whole: true, why: 'one overshoot held this much moving time makes the run moderate: not-recovery once a run, then quiet (docs/alert-policy.md)' },
  /** No pace alerts in the first part of the run: GPS is still settling. */
  paceWarmupMs: { unit: 'milliseconds', default: 60_000, min: 0, max: 1_800_000, whole: true, why: 'no pace alerts before this: GPS is still settling' },
  /** No heart-rate alerts in the first part of the run: heart rate lags the effort and optical sensors settle. */
  hrWarmupMs: { unit: 'milliseconds', default: 180_000, min: 0, max: 1_800_000, whole: true, why: 'no heart-rate alerts before this: heart rate lags the effort and optical sensors settle' },
  /** To count as back under, pace must be this much slower than the ceiling (hysteresis). */
  paceHysteresisSecPerKm: { unit: 'seconds per km', default: 5, min: 0, max: 60, why: 'to count as back under, pace must be this much slower than its ceiling' },
  /** To count as back under, heart rate must be this much below the ceiling (hysteresis). */
  hrHysteresisBpm: { unit: 'beats per minute', default: 2, min: 0, max: 20, why: 'to count as back under, heart rate must be this much below its ceiling' },
  /** A sensor with no valid reading for this long is reported lost. */
  staleMs: { unit: 'milliseconds', default: 30_000, min: 5_000, max: 300_000, whole: true, why: 'a sensor without a believed reading this long is lost (signal-lost)' },
  /** Below this speed the runner is stopped: no pace alerts, no alerts at all. */
  minMovingSpeedMps: { unit: 'metres per second', default: 1.0, min: 0.3, max: 3, why: 'slower is stopped or walking: no alerts' },
  /**
   * The fatigue check looks at heart rate against the runner's curve between
   * these timer times (after the warm-up, while the run is still young), and
   * needs at least fatigueMinDataMs of moving data with heart rate in them.
   */
  fatigueFromMs: { unit: 'milliseconds', default: 6 * 60_000, min: 0, max: 3_600_000, whole: true, why: 'with a calibrated curve, the fatigue check (tired) looks at heart rate against the curve from this timer time…' },
  /** See fatigueFromMs. */
  fatigueUntilMs: { unit: 'milliseconds', default: 15 * 60_000, min: 0, max: 3_600_000, whole: true, why: '…until this one, while the run is still young' },
  /** See fatigueFromMs. */
  fatigueMinDataMs: { unit: 'milliseconds', default: 5 * 60_000, min: 0, max: 3_600_000, whole: true, why: '…and needs at least this much moving data with heart rate in that span' },
  /** Tired when heart rate sits at least this far above the curve… */
  fatigueMinExcessBpm: { unit: 'beats per minute', default: 6, min: 0, max: 40, why: "tired when heart rate sits at least this far above the runner's curve…" },
  /** …and at least this many times the runner's usual run-to-run spread (runResidualSdBpm). */
  fatigueSpreadMultiple: { unit: 'a multiple', default: 2, min: 0, max: 10, why: "…and at least this many times the runner's usual run-to-run spread (runResidualSdBpm)" },
});

/** Every rule the guard applies, one number each (see GUARD_SETTINGS for what each means). */
export type GuardTuning = SettingValues<typeof GUARD_SETTINGS>;

/** The defaults, as declared. */
export const DEFAULT_TUNING: GuardTuning = defaultsOf(GUARD_SETTINGS);
