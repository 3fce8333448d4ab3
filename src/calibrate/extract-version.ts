/**
 * Version of the extract (src/calibrate/extract.ts) and of the rules that make it. Bump it whenever
 * extraction changes (a rule, a constant, the conditioning it relies on):
 * cached extracts of another version are not used. 2: GPX and TCX are read
 * (a FIT file's extract is the same byte for byte, but one of them named on
 * the command line before was cached as "not a FIT file"). 3: the effort a
 * run's highest heart rate was held at (peakGapSpeedMps, peakAtTimerMs). 4: the
 * heart's response (a grid of losses, response.ts) and the cadence blocks
 * (cadence.ts), for the runner model. 5: a reading on the step rate is a cadence
 * lock only with evidence (src/signal/heart-rate.ts: more heart rate is
 * believed); a run's speed noise leaves changes of pace out, and a stretch
 * starts once the heart has settled (stretches.ts: NOISE_MAX_PAIR_CHANGE,
 * HR_SETTLED_BPM).
 *
 * A module of its own, importing nothing: the extract cache
 * (simulator/commands/calibrate/cache.ts) names its folder by it without
 * loading extraction, its decoders and the FIT SDK (~1.1 MB of bundle) on a
 * warm run that decodes no file.
 */
export const EXTRACT_VERSION = 5;
