/**
 * The hidden state's layout. Every index is one physical quantity in its own
 * unit; the heart is split in two first-order stages so that it answers
 * effort with a dead time and a lag (see dynamic/runner-body.ts).
 */
export const STATE = {
  /** The runner's grade-adjusted speed, m/s: what the pace ceiling is about. */
  gapSpeedMps: 0,
  /** The slowly varying error of the GPS speed reading, m/s. */
  gpsErrorMps: 1,
  /** Effort's drive on the heart after the dead time, bpm above hrAtRef. */
  hrDriveBpm: 2,
  /** The heart's own rate above hrAtRef, bpm: lags the drive by hrTauSec. */
  heartAboveRefBpm: 3,
  /** The runner's steady heart rate at refSpeedMps (the model's offset, learned online), bpm. */
  hrAtRefBpm: 4,
  /** The heart-rate sensor's own error (lock, jump, a dry strap), bpm. */
  hrSensorErrorBpm: 5,
  /** The runner's cadence at refSpeedMps (the cadence line's offset, learned online), spm. */
  cadenceAtRefSpm: 6,
} as const;

export const STATE_SIZE = 7;
