/**
 * The runner's body, as the effort estimator sees it: how their heart and
 * their stride answer grade-adjusted speed. `calibrate` fits these from a
 * runner's history and writes them to the profile (`runnerModel`); without a
 * profile the estimator starts from POPULATION_PRIOR and adapts online.
 *
 * Heart rate is a lagged response to effort (Hunt et al., "Heart rate
 * dynamics during running", BioMed Eng Online 2015): after a dead time of
 * hrDelaySec it follows its steady state with a first-order time constant
 * hrTauSec, and the steady state is linear in grade-adjusted speed:
 *
 *   hrSteadyBpm = hrAtRefBpm + hrGainBpmPerMps · (gapSpeedMps − refSpeedMps)
 *
 * Cadence rises with speed while running:
 *
 *   cadenceSpm = cadenceAtRefSpm + cadenceSlopeSpmPerMps · (speedMps − refSpeedMps)
 *
 * refSpeedMps is the runner's easy speed, so hrAtRefBpm and cadenceAtRefSpm
 * are values a runner recognises.
 */

export interface RunnerModel {
  /** The speed the lines are anchored at: the runner's easy speed, m/s. */
  readonly refSpeedMps: number;
  /** Steady heart rate at refSpeedMps on the flat. */
  readonly hrAtRefBpm: number;
  /**
   * How far a run's own level may sit from hrAtRefBpm (one standard
   * deviation): the prior width of the estimator's offset state, which it
   * learns online from there. For a fitted model, the spread of whole runs
   * about the fitted curve (a runner's day-to-day spread); for the prior,
   * how far runners sit from their ceiling at its pace.
   */
  readonly hrAtRefSdBpm: number;
  /** Steady heart rate's rise per m/s of grade-adjusted speed. */
  readonly hrGainBpmPerMps: number;
  /** Time constant of heart rate's first-order response to a change of effort. */
  readonly hrTauSec: number;
  /** Dead time before heart rate starts to answer a change of effort. */
  readonly hrDelaySec: number;
  /** Cadence at refSpeedMps. */
  readonly cadenceAtRefSpm: number;
  /** Cadence's rise per m/s of speed while running. */
  readonly cadenceSlopeSpmPerMps: number;
}

/** What a human body can do, per field: a profile outside these is refused. */
export const RUNNER_MODEL_BOUNDS = {
  refSpeedMps: { min: 1.5, max: 7, unit: 'metres per second' },
  hrAtRefBpm: { min: 60, max: 220, unit: 'beats per minute' },
  hrAtRefSdBpm: { min: 0.5, max: 30, unit: 'beats per minute' },
  hrGainBpmPerMps: { min: 5, max: 80, unit: 'beats per minute per m/s' },
  hrTauSec: { min: 10, max: 180, unit: 'seconds' },
  hrDelaySec: { min: 0, max: 30, unit: 'seconds' },
  cadenceAtRefSpm: { min: 120, max: 220, unit: 'steps per minute' },
  cadenceSlopeSpmPerMps: { min: 0, max: 30, unit: 'steps per minute per m/s' },
} as const satisfies Record<keyof RunnerModel, { min: number; max: number; unit: string }>;

/**
 * A typical runner, before anything is known of this one. Gain and time
 * constant from Hunt et al. 2015 (about 24 bpm per m/s, about 55 s); cadence
 * about 9 steps a minute per m/s (160 at 2.8 m/s, 180 at 5 m/s). hrAtRefBpm
 * and refSpeedMps are replaced from the runner's ceilings when the run starts.
 */
export const POPULATION_PRIOR: RunnerModel = {
  refSpeedMps: 3,
  hrAtRefBpm: 140,
  /** Runners sit anywhere within about ±15 bpm of their heart-rate ceiling at the ceiling's pace: wide, learned online. */
  hrAtRefSdBpm: 8,
  hrGainBpmPerMps: 24,
  hrTauSec: 55,
  hrDelaySec: 5,
  cadenceAtRefSpm: 165,
  cadenceSlopeSpmPerMps: 9,
};
