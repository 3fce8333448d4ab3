/**
 * What `paceguard calibrate` leaves in the profile beside the fields the
 * guard reads (easyPace, paceCeiling, maxHrBpm, restHrBpm): where they came
 * from, and the runner's heart-rate curve for checks that compare a run with
 * the runner's usual (the fatigue check of issue #3).
 *
 * ```json
 * "calibration": {
 *   "version": 1,
 *   "firstRunAt": "2024-01-01T06:30:00.000Z", "lastRunAt": "2024-02-22T06:30:00.000Z",
 *   "runs": [{ "file": "…/2024-01-01.fit", "sha256": "…", "startedAt": "…", "stretches": 3 }, …],
 *   "easyPace": { "secPerKm": 330.4, "lowSecPerKm": 325.5, "highSecPerKm": 336.2, "runs": 24, "stretches": 86 },
 *   "maxHr": { "bpm": 183, "file": "…", "runAt": "…" },
 *   "hrCurve": { "form": "linear-gap-speed", "refSpeedMps": 3.03, "hrAtRefBpm": 138, "slopeBpmPerMps": 28, … },
 *   "ceiling": { "paceCeilingSecPerKm": 360, "paceSource": "easy-pace", "hrCeilingBpm": 139, "hrSource": "hr-max", "consistency": "consistent", … }
 * }
 * ```
 *
 * The curve: hrBpm ≈ hrAtRefBpm + slopeBpmPerMps · (gapSpeedMps − refSpeedMps)
 * + driftBpmPerHour · timerHours (src/calibrate/curve.ts). A fatigue check
 * compares a run's heart rate with it at the run's grade-adjusted speed and
 * time; `runResidualSdBpm` is how far a whole run usually sits off it (day to
 * day), `residualSdBpm` how far a single stretch does. The curve holds
 * between speedLoMps and speedHiMps.
 *
 * Dates are the runs' own start times (from the files), never the clock: the
 * same history gives the same profile.
 */
import * as z from '../ceiling/zod.ts';
import { bounded } from '../ceiling/bounds.ts';
import type { Calibration } from './calibrate.ts';

const IsoTime = z.iso.datetime({ offset: false });
// What a body and a watch can give; a hand-edited or damaged record outside these is refused with the unit named (src/ceiling/bounds.ts).
const Bpm = bounded({ min: 20, max: 260, like: 140, unit: 'beats per minute' });
const SecPerKm = bounded({ min: 60, max: 3600, like: 330, unit: 'seconds per km' });
const Mps = bounded({ min: 0, max: 12.5, like: 3, unit: 'metres per second' });
const Count = bounded({ min: 0, max: 1_000_000, like: 24, unit: 'a count', whole: true });
/** Heart rate per unit of speed: a fitted curve is kept within 5–80 (src/calibrate/curve.ts); its bootstrap interval may reach a little past. */
const SlopeBpmPerMps = bounded({ min: -200, max: 200, like: 28, unit: 'beats per minute per m/s' });
/** Drift is fitted within 0–15 bpm per hour (src/calibrate/curve.ts). */
const DriftBpmPerHour = bounded({ min: -60, max: 60, like: 3, unit: 'beats per minute per hour' });
const SdBpm = bounded({ min: 0, max: 100, like: 4, unit: 'beats per minute' });
const Sec = bounded({ min: 0, max: 1000, like: 55, unit: 'seconds' });
const SdSpm = bounded({ min: 0, max: 100, like: 2, unit: 'steps per minute' });
/** The curve's heart rate at the pace ceiling, and its difference from the ceiling: extrapolated, so wider than a body's range. */
const CurveBpm = bounded({ min: -400, max: 400, like: 140, unit: 'beats per minute' });

export const CalibrationRecord = z.strictObject({
  version: z.literal(1),
  firstRunAt: IsoTime,
  lastRunAt: IsoTime,
  runs: z.array(
    z.strictObject({
      file: z.string(),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits')),
      startedAt: IsoTime,
      stretches: Count,
    }),
  ),
  easyPace: z.strictObject({
    secPerKm: SecPerKm,
    /** 90 % bootstrap interval over runs. */
    lowSecPerKm: SecPerKm,
    highSecPerKm: SecPerKm,
    runs: Count,
    stretches: Count,
    /** Stretches above the aerobic band; `band`: whether they were left out. */
    aboveBandStretches: Count,
    band: z.enum(['applied', 'not-applied', 'no-max-hr']),
  }),
  /** The highest heart rate seen; `isMaximum`: whether it was taken as the runner's maximum (maxHrBpm). */
  maxHr: z.optional(z.strictObject({ bpm: Bpm, file: z.string(), runAt: IsoTime, isMaximum: z.boolean() })),
  hrCurve: z.optional(
    z.strictObject({
      form: z.literal('linear-gap-speed'),
      refSpeedMps: Mps,
      hrAtRefBpm: Bpm,
      slopeBpmPerMps: SlopeBpmPerMps,
      driftBpmPerHour: DriftBpmPerHour,
      drift: z.enum(['fitted', 'bounded', 'not-fitted']),
      residualSdBpm: SdBpm,
      runResidualSdBpm: SdBpm,
      speedLoMps: Mps,
      speedHiMps: Mps,
      stretches: Count,
      runs: Count,
      /** 90 % bootstrap intervals over runs. */
      slopeLoBpmPerMps: SlopeBpmPerMps,
      slopeHiBpmPerMps: SlopeBpmPerMps,
    }),
  ),
  /**
   * What the profile's runnerModel rests on (src/calibrate/runner-fit.ts):
   * the heart's response with its 90 % bootstrap intervals over the runs
   * that changed pace, and the cadence line's minutes.
   */
  runnerModel: z.optional(
    z.strictObject({
      response: z.optional(z.strictObject({ runs: Count, tauLoSec: Sec, tauHiSec: Sec, delayLoSec: Sec, delayHiSec: Sec })),
      cadence: z.optional(z.strictObject({ minutes: Count, residualSdSpm: SdSpm })),
    }),
  ),
  ceiling: z.strictObject({
    paceCeilingSecPerKm: SecPerKm,
    paceSource: z.enum(['easy-pace', 'curve']),
    hrCeilingBpm: z.optional(Bpm),
    hrSource: z.enum(['hr-reserve', 'hr-max', 'none']),
    consistency: z.enum(['unchecked', 'consistent', 'hr-loose', 'pace-slowed', 'conflict']),
    /** The curve's heart rate at the pace easy pace + margin gives, and the heart-rate ceiling less that. */
    curveHrAtPaceCeilingBpm: z.optional(CurveBpm),
    disagreementBpm: z.optional(CurveBpm),
  }),
});
export type CalibrationRecord = z.output<typeof CalibrationRecord>;

const iso = (ms: number): string => new Date(ms).toISOString();
/** Rounded for a file people read: 0.1 s/km, 0.1 bpm, 0.001 m/s are below any measurement's precision. */
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
/** A bootstrap that failed every round has no interval: the point estimate stands in. */
const or = (value: number, fallback: number): number => (Number.isFinite(value) ? value : fallback);

export function calibrationRecord(calibration: Calibration): CalibrationRecord {
  const { easyPace, maxHr, curve, ceiling } = calibration;
  const { response, cadence } = calibration.runnerModel;
  const consistency = ceiling.consistency;
  return {
    version: 1,
    firstRunAt: iso(calibration.firstStartMs),
    lastRunAt: iso(calibration.lastStartMs),
    runs: [...calibration.runs]
      .sort((a, b) => a.facts.startMs - b.facts.startMs)
      .map((run) => ({ file: run.file, sha256: run.sha256, startedAt: iso(run.facts.startMs), stretches: run.stretches.length })),
    easyPace: {
      secPerKm: round(easyPace.secPerKm, 1),
      lowSecPerKm: round(or(easyPace.interval.lo, easyPace.secPerKm), 1),
      highSecPerKm: round(or(easyPace.interval.hi, easyPace.secPerKm), 1),
      runs: easyPace.runCount,
      stretches: easyPace.stretchCount,
      aboveBandStretches: easyPace.aboveBandStretches,
      band: easyPace.band,
    },
    ...(maxHr === undefined
      ? {}
      : { maxHr: { bpm: maxHr.bpm, file: maxHr.file, runAt: iso(maxHr.startMs), isMaximum: calibration.ceilingMaxHr?.source === 'history' } }),
    ...(curve === undefined
      ? {}
      : {
          hrCurve: {
            form: 'linear-gap-speed' as const,
            refSpeedMps: round(curve.curve.refSpeedMps, 3),
            hrAtRefBpm: round(curve.curve.hrAtRefBpm, 1),
            slopeBpmPerMps: round(curve.curve.slopeBpmPerMps, 2),
            driftBpmPerHour: round(curve.curve.driftBpmPerHour, 2),
            drift: curve.curve.drift,
            residualSdBpm: round(curve.curve.residualSdBpm, 2),
            runResidualSdBpm: round(curve.curve.runResidualSdBpm, 2),
            speedLoMps: round(curve.curve.speedLoMps, 3),
            speedHiMps: round(curve.curve.speedHiMps, 3),
            stretches: curve.curve.stretchCount,
            runs: curve.curve.runCount,
            slopeLoBpmPerMps: round(or(curve.slopeInterval.lo, curve.curve.slopeBpmPerMps), 2),
            slopeHiBpmPerMps: round(or(curve.slopeInterval.hi, curve.curve.slopeBpmPerMps), 2),
          },
        }),
    ...(response === undefined && cadence === undefined
      ? {}
      : {
          runnerModel: {
            ...(response === undefined
              ? {}
              : {
                  response: {
                    runs: response.fit.runCount,
                    tauLoSec: round(response.tauLoSec, 1),
                    tauHiSec: round(response.tauHiSec, 1),
                    delayLoSec: round(response.delayLoSec, 1),
                    delayHiSec: round(response.delayHiSec, 1),
                  },
                }),
            ...(cadence === undefined ? {} : { cadence: { minutes: cadence.blockCount, residualSdSpm: round(cadence.residualSdSpm, 2) } }),
          },
        }),
    ceiling: {
      paceCeilingSecPerKm: ceiling.paceCeilingSecPerKm,
      paceSource: ceiling.paceSource,
      ...(ceiling.hrCeilingBpm === undefined ? {} : { hrCeilingBpm: ceiling.hrCeilingBpm }),
      hrSource: ceiling.hrSource,
      consistency: consistency.verdict,
      ...(consistency.verdict === 'unchecked'
        ? {}
        : { curveHrAtPaceCeilingBpm: round(consistency.curveHrAtPaceCeilingBpm, 1), disagreementBpm: round(consistency.disagreementBpm, 1) }),
    },
  };
}
