/**
 * The pure scoring behind `paceguard tune`: one run's inputs and a guard
 * config in, the run's figures out. No clock, no files: a worker or a test
 * calls the same functions.
 *
 * Each run is first judged once against the profile's own ceilings (the
 * *reference*), so that what counts as "easy" or "over" never depends on the
 * setting being judged:
 *
 * - A minute of timer time is **over the reference** when its mean
 *   grade-adjusted speed (the guard's conditioned values, while moving) is
 *   faster than the pace ceiling's, or its mean heart rate is above the
 *   heart-rate ceiling. Nothing else: no evidence, no warm-up, no hysteresis.
 * - A run is **easy** when at most EASY_MAX_REFERENCE_OVER_SHARE of its moving
 *   time is over the reference (the summary's own bound for an easy run),
 *   **not easy** when at least NOT_EASY_MIN_REFERENCE_OVER_SHARE is, and
 *   **between** otherwise (counted in time over, not in the other columns:
 *   a setting should neither be praised nor blamed for a borderline run).
 *
 * Then each candidate replays the run and is scored by:
 * - `alerts`: slow-downs, repeats included (every one is a voice in the ear);
 * - `caughtMs`: reference-over moving time during which the guard held an
 *   overshoot (it had said slow down and not yet back under);
 * - `overMs`: the summary's time over the ceiling (its own ceilings).
 *
 * Settings share what they read alike (scoreRunAll): a run's signals are
 * taken once per distinct SIGNAL_FIELDS (one on the grid), each warm-up adds
 * its levels (two), each moving sample is judged once per distinct ceilings
 * and JUDGING_FIELDS (six), and every candidate is a lane of
 * src/guard/lanes.ts. The figures are those of replaying the whole guard per
 * candidate (scoreRunAllUnshared, kept for the tests to hold them equal).
 */
import type { GuardConfig, GuardTuning } from '../guard/config.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState } from '../guard/step.ts';
import { startsAfresh } from '../guard/decide.ts';
import { judgeSampleInto, judgingKey, type JudgementScratch, type SampleJudgement } from '../guard/judge.ts';
import { CAUSE_HR, CAUSE_PACE, createLanes, laneSays, PHASE_UNDER, SAID_NOTHING, sharedStepKey, stepLaneShared } from '../guard/lanes.ts';
import type { GuardInput } from '../samples/sample.ts';
import { addStep, EASY_MAX_OVER_SHARE, emptySummary, finishSummary } from '../summary/summary.ts';
import { newSignals, newSignalState, stepSignalsInto, type Signals, type SignalsScratch, type SignalStateScratch } from '../signal/condition.ts';
import { INITIAL_CONDITION_STATE, newConditioned, stepCondition, stepWitnessLevelsInto, type Conditioned, type ConditionedScratch, type ConditionState } from '../guard/conditioned.ts';

/** An easy run spends at most this share of moving time over the reference ceilings (the summary's easy bound, 5 %). */
export const EASY_MAX_REFERENCE_OVER_SHARE = EASY_MAX_OVER_SHARE;
/** A run is clearly not easy from this share of moving time over the reference ceilings (one minute in five). */
export const NOT_EASY_MIN_REFERENCE_OVER_SHARE = 0.2;

export type RunClass = 'easy' | 'not-easy' | 'between';

export interface Reference {
  readonly runClass: RunClass;
  readonly movingMs: number;
  /** Moving time over the reference ceilings. */
  readonly overMs: number;
  /** Per input: 1 when that input's moving time was over the reference. */
  readonly over: Uint8Array;
}

export interface RunFigures {
  readonly alerts: number;
  readonly caughtMs: number;
  readonly overMs: number;
}

export interface RunScore {
  readonly runClass: RunClass;
  readonly movingMs: number;
  readonly referenceOverMs: number;
  /** One per candidate config, in their order. */
  readonly figures: readonly RunFigures[];
}

/** The moving time an input adds, as the summary counts it. */
function movingDtMs(c: Conditioned): number {
  return !c.paused && c.moving && c.kind === 'sample' ? c.dtMs : 0;
}

export function classify(movingMs: number, overMs: number): RunClass {
  if (movingMs <= 0) return 'between';
  const share = overMs / movingMs;
  if (share <= EASY_MAX_REFERENCE_OVER_SHARE) return 'easy';
  if (share >= NOT_EASY_MIN_REFERENCE_OVER_SHARE) return 'not-easy';
  return 'between';
}

/** A minute of timer time: the reference judges the run minute by minute. */
export const REFERENCE_BLOCK_MS = 60_000;

interface Block {
  movingMs: number;
  gapMs: number;
  gapSumMpsMs: number;
  hrMs: number;
  hrSumBpmMs: number;
}

/** Adds a conditioned input's moving time to its minute; its block's index, or -1 when it adds none. */
function addToBlocks(blocks: Block[], c: Conditioned): number {
  const dtMs = movingDtMs(c);
  if (dtMs === 0) return -1;
  const index = Math.floor(c.timerMs / REFERENCE_BLOCK_MS);
  for (let k = blocks.length; k <= index; k++) blocks.push({ movingMs: 0, gapMs: 0, gapSumMpsMs: 0, hrMs: 0, hrSumBpmMs: 0 });
  const block = blocks[index] as Block;
  block.movingMs += dtMs;
  if (c.gapSpeedMps !== undefined) {
    block.gapMs += dtMs;
    block.gapSumMpsMs += c.gapSpeedMps * dtMs;
  }
  if (c.hrBpm !== undefined) {
    block.hrMs += dtMs;
    block.hrSumBpmMs += c.hrBpm * dtMs;
  }
  return index;
}

/** A minute is over the reference when its mean grade-adjusted speed or its mean heart rate is over the base ceilings. */
function blockIsOver(b: Block, fastestMps: number, hrCeilingBpm: number | undefined): boolean {
  return (b.gapMs > 0 && b.gapSumMpsMs / b.gapMs > fastestMps) || (hrCeilingBpm !== undefined && b.hrMs > 0 && b.hrSumBpmMs / b.hrMs > hrCeilingBpm);
}

/** The reference's moving time and time over, summed block by block in order. */
function blockTotals(blocks: readonly Block[], blockOver: readonly boolean[]): { movingMs: number; overMs: number } {
  let movingMs = 0;
  let overMs = 0;
  for (const b of blocks) movingMs += b.movingMs;
  blocks.forEach((b, k) => {
    if (blockOver[k] === true) overMs += b.movingMs;
  });
  return { movingMs, overMs };
}

/**
 * Judges a run against the base config's ceilings, minute by minute: a
 * minute of timer time is over when its mean grade-adjusted speed is faster
 * than the pace ceiling's, or its mean heart rate above the heart-rate
 * ceiling (both means over moving time, of the guard's conditioned values).
 * A minute's mean leaves GPS noise out without any rule of the guard's.
 */
export function referenceOf(inputs: readonly GuardInput[], base: GuardConfig): Reference {
  let state: GuardState = INITIAL_GUARD_STATE;
  return referenceOfConditioned(
    inputs.map((input) => {
      state = guardStep(state, input, base);
      return (state.last as NonNullable<GuardState['last']>).conditioned;
    }),
    base,
  );
}

/** referenceOf on the run already conditioned with the base config's tuning (one Conditioned per input). */
export function referenceOfConditioned(conditioned: readonly Conditioned[], base: GuardConfig): Reference {
  const { paceCeilingSecPerKm, hrCeilingBpm } = base.ceilings;
  const fastestMps = paceCeilingSecPerKm === undefined ? Number.POSITIVE_INFINITY : 1000 / paceCeilingSecPerKm;
  const blockOf = new Int32Array(conditioned.length).fill(-1);
  const blocks: Block[] = [];
  conditioned.forEach((c, i) => {
    blockOf[i] = addToBlocks(blocks, c);
  });
  const blockOver = blocks.map((b) => blockIsOver(b, fastestMps, hrCeilingBpm));
  const over = new Uint8Array(conditioned.length);
  const { movingMs, overMs } = blockTotals(blocks, blockOver);
  blockOf.forEach((k, i) => {
    if (k >= 0 && blockOver[k] === true) over[i] = 1;
  });
  return { runClass: classify(movingMs, overMs), movingMs, overMs, over };
}

/** One candidate on one run. */
export function scoreRun(inputs: readonly GuardInput[], config: GuardConfig, reference: Reference): RunFigures {
  let state: GuardState = INITIAL_GUARD_STATE;
  const summary = emptySummary();
  let alerts = 0;
  let caughtMs = 0;
  inputs.forEach((input, i) => {
    state = guardStep(state, input, config);
    const step = state.last as NonNullable<GuardState['last']>;
    addStep(summary, step);
    for (const event of step.events) if (event.kind === 'slow-down') alerts++;
    if (reference.over[i] === 1 && step.overshoot !== undefined) caughtMs += movingDtMs(step.conditioned);
  });
  return { alerts, caughtMs, overMs: finishSummary(summary, config).overMs.total };
}

/**
 * The GuardTuning fields stepSignals reads (src/signal/condition.ts, and the
 * pace and heart-rate steps it calls): two configs alike in these have the
 * same signals on a run, whatever else differs. None of them is on tune's
 * grid, so a run's signals are taken once. A test holds this list to what
 * stepSignals actually reads.
 */
export const SIGNAL_FIELDS = [
  'staleMs',
  'paceWindowMs',
  'hrWindowMs',
  'minMovingSpeedMps',
  'hrSettledWithinBpm',
  'hrSettledForMs',
  'cadenceSettledWithinSpm',
  'cadenceSettledForMs',
] as const satisfies readonly (keyof GuardTuning)[];

/**
 * The GuardTuning fields conditioning reads as a whole: the signals', and the
 * warm-ups that stepWitnessLevels reads. Two configs alike in these condition
 * a run alike. A test holds this list to what stepCondition actually reads.
 */
export const CONDITIONING_FIELDS = [...SIGNAL_FIELDS, 'paceWarmupMs', 'hrWarmupMs'] as const satisfies readonly (keyof GuardTuning)[];

/** Equal for two tunings exactly when they take the same signals from a run. */
export function signalKey(tuning: GuardTuning): string {
  return SIGNAL_FIELDS.map((field) => tuning[field]).join('/');
}

/** Equal for two tunings exactly when they condition a run alike. */
export function conditioningKey(tuning: GuardTuning): string {
  return CONDITIONING_FIELDS.map((field) => tuning[field]).join('/');
}

/** A run conditioned: the condition step after each input, in order. */
export function conditionRun(inputs: readonly GuardInput[], tuning: GuardTuning): ConditionState[] {
  let state = INITIAL_CONDITION_STATE;
  return inputs.map((input) => (state = stepCondition(state, input, tuning)));
}

/** Room for a minute's held moving times per candidate before its buffer doubles (a sample a second fills 60). */
const HELD_INITIAL_LENGTH = 64;

/**
 * A run judged by the base config, then scored by every candidate, in one
 * pass over the inputs. Each distinct conditioning steps once per input (the
 * base's feeds the reference's minutes); each moving sample is judged once
 * per distinct judging (src/guard/judge.ts: ceilings and JUDGING_FIELDS, six
 * on the usual grid); and every candidate is a lane (src/guard/lanes.ts)
 * that keeps its evidence and phase on the judgement it shares. Nothing per
 * input is kept: a candidate's moving time under an overshoot waits only
 * until its minute is judged, then counts as caught if the minute was over,
 * added in input order as scoreRun adds it, so every figure is
 * scoreRunAllUnshared's to the bit.
 */
export function scoreRunAll(
  inputs: Iterable<GuardInput>,
  base: GuardConfig,
  candidates: readonly GuardConfig[],
  watch?: SignalWatch,
): RunScore {
  const tunings: GuardTuning[] = [];
  const slotByKey = new Map<string, number>();
  const slotOf = (tuning: GuardTuning): number => {
    const key = conditioningKey(tuning);
    const known = slotByKey.get(key);
    if (known !== undefined) return known;
    slotByKey.set(key, tunings.length);
    tunings.push(tuning);
    return tunings.length - 1;
  };
  const baseSlot = slotOf(base.tuning);
  const slots = Int32Array.from(candidates, (config) => slotOf(config.tuning));
  // A judging is shared by candidates alike in conditioning, ceilings and JUDGING_FIELDS.
  const judgings: { readonly slot: number; readonly config: GuardConfig }[] = [];
  const groupByKey = new Map<string, number>();
  const groups = Int32Array.from(candidates, (config, j) => {
    const key = `${slots[j] as number}|${judgingKey(config)}`;
    const known = groupByKey.get(key);
    if (known !== undefined) return known;
    groupByKey.set(key, judgings.length);
    judgings.push({ slot: slots[j] as number, config });
    return judgings.length - 1;
  });
  // Signals are taken once per distinct signal setting; each conditioning adds its warm-ups' levels to one of them.
  const signalSlots: GuardTuning[] = [];
  const signalSlotByKey = new Map<string, number>();
  const signalSlotOf = Int32Array.from(tunings, (tuning) => {
    const key = signalKey(tuning);
    const known = signalSlotByKey.get(key);
    if (known !== undefined) return known;
    signalSlotByKey.set(key, signalSlots.length);
    signalSlots.push(tuning);
    return signalSlots.length - 1;
  });
  // Each signal slot's state and signals, written in place input after input (nothing per input allocated here).
  const signalStates: SignalStateScratch[] = signalSlots.map(() => newSignalState());
  const signals: SignalsScratch[] = signalSlots.map(() => newSignals());
  // The watcher's signals: a slot's when one is alike in SIGNAL_FIELDS (the usual case: calibration's are the defaults), else a slot of its own.
  let watchSlot = -1;
  if (watch !== undefined) {
    watchSlot = signalSlotByKey.get(signalKey(watch.rules)) ?? signalSlots.length;
    if (watchSlot === signalSlots.length) {
      signalSlots.push(watch.rules);
      signalStates.push(newSignalState());
      signals.push(newSignals());
    }
  }
  // Each conditioning's input, written in place: it carries its own levels to the next input (zero to start with).
  const outputs = tunings.map(() => newConditioned());
  const afresh = new Uint8Array(tunings.length);
  const judged: (SampleJudgement | undefined)[] = judgings.map(() => undefined);
  const scratch: JudgementScratch[] = judgings.map(() => ({ paceGain: 0, hrGain: 0, clear: true, easing: false }));
  const lanes = createLanes(candidates);
  const count = candidates.length;
  const members = judgings.map((_, g) => Int32Array.from(candidates.keys()).filter((j) => groups[j] === g));
  // In a judging, lanes alike in sharedStepKey move alike but for their repeats: the first of them (its leader)
  // is stepped, and holds the overshoot and its times for all; each asks laneSays alone (two per leader on the grid).
  const leaderOf = Int32Array.from(candidates.keys());
  const leaders = members.map((js) => {
    const byKey = new Map<string, number>();
    return js.filter((j) => {
      const key = sharedStepKey(lanes, j);
      const leader = byKey.get(key);
      if (leader === undefined) byKey.set(key, j);
      else leaderOf[j] = leader;
      return leader === undefined;
    });
  });
  const voices = candidates.map((_, j) => Int32Array.from(candidates.keys()).filter((k) => leaderOf[k] === j));
  // A group at rest (every lane under, no evidence) stays so on a sample that adds no evidence: its lanes are not
  // stepped then (nothing they would say or hold), unless an evidence threshold is 0, where no evidence is already over.
  const atRest = new Uint8Array(judgings.length).fill(1);
  const canRest = Uint8Array.from(members, (js) => (js.every((j) => (lanes.paceThreshold[j] as number) > 0 && (lanes.hrThreshold[j] as number) > 0) ? 1 : 0));
  const alerts = new Float64Array(count);
  const caughtMs = new Float64Array(count);
  // The summary's time over, by cause, summed as it sums them (finishSummary adds the three).
  const overPaceMs = new Float64Array(count);
  const overHrMs = new Float64Array(count);
  const overBothMs = new Float64Array(count);
  /** Per candidate: moving time held in an overshoot in the open minute, in input order (the first heldCount[j] of held[j], grown by doubling). */
  const held: Float64Array[] = candidates.map(() => new Float64Array(HELD_INITIAL_LENGTH));
  const heldCount = new Int32Array(count);
  const { paceCeilingSecPerKm, hrCeilingBpm } = base.ceilings;
  const fastestMps = paceCeilingSecPerKm === undefined ? Number.POSITIVE_INFINITY : 1000 / paceCeilingSecPerKm;
  const blocks: Block[] = [];
  const blockOver: boolean[] = [];
  let open = -1;
  // Timer time never runs back, so a minute is whole once a later one opens.
  const closeBlock = (): void => {
    if (open < 0) return;
    const over = blockIsOver(blocks[open] as Block, fastestMps, hrCeilingBpm);
    blockOver[open] = over;
    for (let j = 0; j < count; j++) {
      const dts = held[j] as Float64Array;
      const n = heldCount[j] as number;
      if (over) for (let i = 0; i < n; i++) caughtMs[j] = (caughtMs[j] as number) + (dts[i] as number);
      heldCount[j] = 0;
    }
  };
  let lastAtMs: number | undefined;
  for (const input of inputs) {
    for (let k = 0; k < signalSlots.length; k++) {
      const state = signalStates[k] as SignalStateScratch;
      stepSignalsInto(state, signals[k] as SignalsScratch, state, input, signalSlots[k] as GuardTuning);
    }
    if (watch !== undefined) watch.see(input, signals[watchSlot] as Signals);
    for (let s = 0; s < tunings.length; s++) {
      const out = outputs[s] as ConditionedScratch;
      stepWitnessLevelsInto(out, out, signals[signalSlotOf[s] as number] as Signals, tunings[s] as GuardTuning);
    }
    // The decision's clock: every conditioning dates an input alike (it never runs back).
    const atMs = (outputs[0] as Conditioned).atMs;
    const gapMs = lastAtMs === undefined ? 0 : atMs - lastAtMs;
    lastAtMs = atMs;
    for (let s = 0; s < tunings.length; s++) afresh[s] = startsAfresh(outputs[s] as Conditioned, gapMs, (tunings[s] as GuardTuning).staleMs) ? 1 : 0;
    for (let g = 0; g < judgings.length; g++) {
      const { slot, config } = judgings[g] as (typeof judgings)[number];
      const c = outputs[slot] as Conditioned;
      judged[g] = afresh[slot] === 0 && c.kind === 'sample' && c.moving ? judgeSampleInto(scratch[g] as JudgementScratch, c, gapMs, config) : undefined;
    }
    const index = addToBlocks(blocks, outputs[baseSlot] as Conditioned);
    if (index !== open && index >= 0) {
      closeBlock();
      open = index;
    }
    for (let g = 0; g < judgings.length; g++) {
      const jd = judged[g];
      if (atRest[g] === 1 && canRest[g] === 1 && (jd === undefined || (jd.paceGain <= 0 && jd.hrGain <= 0))) continue;
      const slot = (judgings[g] as (typeof judgings)[number]).slot;
      const c = outputs[slot] as Conditioned;
      let rest = 1;
      const js = leaders[g] as Int32Array;
      for (let m = 0; m < js.length; m++) {
        const j = js[m] as number;
        const said = stepLaneShared(lanes, j, c, afresh[slot] === 1, jd);
        if (said !== SAID_NOTHING) {
          const ks = voices[j] as Int32Array;
          for (let v = 0; v < ks.length; v++) {
            const k = ks[v] as number;
            alerts[k] = (alerts[k] as number) + laneSays(lanes, k, c.atMs, said);
          }
        }
        if (lanes.phase[j] === PHASE_UNDER) {
          if (lanes.paceEvidence[j] !== 0 || lanes.hrEvidence[j] !== 0) rest = 0;
          continue;
        }
        rest = 0;
        const dtMs = movingDtMs(c);
        const cause = lanes.cause[j];
        if (cause === CAUSE_PACE) overPaceMs[j] = (overPaceMs[j] as number) + dtMs;
        else if (cause === CAUSE_HR) overHrMs[j] = (overHrMs[j] as number) + dtMs;
        else overBothMs[j] = (overBothMs[j] as number) + dtMs;
        if (index >= 0) {
          const n = heldCount[j] as number;
          let dts = held[j] as Float64Array;
          if (n === dts.length) {
            dts = new Float64Array(n * 2);
            dts.set(held[j] as Float64Array);
            held[j] = dts;
          }
          dts[n] = dtMs;
          heldCount[j] = n + 1;
        }
      }
      atRest[g] = rest;
    }
  }
  closeBlock();
  for (let k = 0; k < blocks.length; k++) blockOver[k] ??= false;
  const { movingMs, overMs } = blockTotals(blocks, blockOver);
  return {
    runClass: classify(movingMs, overMs),
    movingMs,
    referenceOverMs: overMs,
    figures: candidates.map((_, k) => {
      // The overshoot's times are its leader's (leaderOf[j] is j for a leader).
      const j = leaderOf[k] as number;
      return {
        alerts: alerts[k] as number,
        caughtMs: caughtMs[j] as number,
        overMs: (overPaceMs[j] as number) + (overHrMs[j] as number) + (overBothMs[j] as number),
      };
    }),
  };
}

/**
 * Who else reads a run's signals as scoreRunAll takes them: `see` is called
 * with each input's signals under `rules`. The signals object is rewritten
 * for the next input: `see` reads it then, and keeps nothing of it.
 */
export interface SignalWatch {
  readonly rules: GuardTuning;
  see(input: GuardInput, signals: Signals): void;
}

/** Today's path, kept as the yardstick: the whole guard replayed per candidate. scoreRunAll must equal it. */
export function scoreRunAllUnshared(inputs: readonly GuardInput[], base: GuardConfig, candidates: readonly GuardConfig[]): RunScore {
  const reference = referenceOf(inputs, base);
  return {
    runClass: reference.runClass,
    movingMs: reference.movingMs,
    referenceOverMs: reference.overMs,
    figures: candidates.map((config) => scoreRun(inputs, config, reference)),
  };
}
