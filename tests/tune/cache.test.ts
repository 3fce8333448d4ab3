/**
 * `tune` in seconds, kept honest: conditioning shared among the settings
 * must give exactly the figures of replaying the whole guard per setting
 * (today's path, scoreRunAllUnshared), and the score cache must give exactly
 * the cold table when warm, rebuild a damaged entry, and never serve scores
 * made for another plan.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { configFromProfile, Profile } from '../../src/profile/profile.ts';
import { DEFAULT_TUNING, type GuardConfig, type GuardTuning } from '../../src/guard/config.ts';
import { activityFacts, activityFactsTracker } from '../../src/calibrate/stretches.ts';
import { candidateConfig, tuneGrid } from '../../src/profile/tune-candidates.ts';
import { conditioningKey, conditionRun, CONDITIONING_FIELDS, scoreRunAll, scoreRunAllUnshared, SIGNAL_FIELDS } from '../../src/tune/score.ts';
import { INITIAL_SIGNAL_STATE, stepSignals } from '../../src/signal/condition.ts';
import { JUDGING_FIELDS } from '../../src/guard/judging.ts';
import { judgeSample } from '../../src/guard/judge.ts';
import { decodeRecording } from '../../src/track/recording.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { tuneCommand, type TuneOutcome } from '../../simulator/commands/tune/command.ts';
import { PLANS_KEPT, TUNE_CACHE_VERSION } from '../../simulator/commands/tune/score-cache.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';
import { tempDir } from '../support/fixtures.ts';
import { easyRun, overshootRun, TUNE_PROFILE, writeTuneHistory } from './history.ts';

function inputsOf(bytes: Uint8Array): GuardInput[] {
  const decoded = decodeRecording(bytes);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.inputs;
}

/** The plan tune makes of a profile as a runner writes it (JSON: paces as text). */
function plan(json: object): { base: GuardConfig; candidates: GuardConfig[] } {
  const profile = Profile.parse(json);
  const base = configFromProfile(profile);
  if (!base.ok) throw new Error(base.error);
  return { base: base.config, candidates: tuneGrid(profile).map((c) => candidateConfig(profile, c)) };
}

/** The tuning behind a proxy that notes every field read of it. */
function readsOf(real: GuardTuning): { readonly tuning: GuardTuning; readonly read: Set<string> } {
  const read = new Set<string>();
  const tuning = new Proxy(real, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { tuning, read };
}

describe('conditioning shared among settings', () => {
  test('conditioning reads exactly CONDITIONING_FIELDS of the tuning', () => {
    const { base } = plan(TUNE_PROFILE);
    const { tuning: watched, read } = readsOf(base.tuning);
    conditionRun([...inputsOf(overshootRun(3)), ...inputsOf(easyRun(4))], watched);
    expect([...read].sort()).toEqual([...CONDITIONING_FIELDS].sort());
  });

  test('the signals read exactly SIGNAL_FIELDS: the warm-ups only weigh them (stepWitnessLevels)', () => {
    const { base } = plan(TUNE_PROFILE);
    const { tuning: watched, read } = readsOf(base.tuning);
    let state = INITIAL_SIGNAL_STATE;
    for (const input of [...inputsOf(overshootRun(3)), ...inputsOf(easyRun(4))]) state = stepSignals(state, input, watched);
    expect([...read].sort()).toEqual([...SIGNAL_FIELDS].sort());
  });

  test('a run judged: judgeSample reads exactly JUDGING_FIELDS of the tuning', () => {
    const { base } = plan(TUNE_PROFILE);
    const { tuning, read } = readsOf(base.tuning);
    let lastAtMs: number | undefined;
    for (const c of conditionRun([...inputsOf(overshootRun(3)), ...inputsOf(easyRun(4))], base.tuning).map((state) => state.output)) {
      if (c === undefined) continue;
      if (c.kind === 'sample' && c.moving && !c.paused && lastAtMs !== undefined) judgeSample(c, c.atMs - lastAtMs, { ceilings: base.ceilings, tuning });
      lastAtMs = c.atMs;
    }
    expect([...read].sort()).toEqual([...JUDGING_FIELDS].sort());
  });

  test('a field outside CONDITIONING_FIELDS leaves the key alone; one inside moves it', () => {
    const { base } = plan(TUNE_PROFILE);
    const t: GuardTuning = base.tuning;
    expect(conditioningKey({ ...t, repeatMs: t.repeatMs * 2, paceEvidenceSecPerKmS: 1 })).toBe(conditioningKey(t));
    for (const field of CONDITIONING_FIELDS) expect(conditioningKey({ ...t, [field]: t[field] + 1 })).not.toBe(conditioningKey(t));
  });

  const synthetic = [
    { name: 'an overshoot run', bytes: () => overshootRun(2), alerted: true },
    { name: 'an easy run', bytes: () => easyRun(5), alerted: false },
  ];
  // A base whose conditioning no candidate shares (its own warm-ups, off the grid), and one that is on it.
  const profiles: { name: string; profile: object }[] = [
    { name: 'the grid with margins', profile: TUNE_PROFILE },
    { name: 'a base off the grid', profile: { ...TUNE_PROFILE, tuning: { paceWarmupMs: 90_000, hrWarmupMs: 240_000, staleMs: 20_000 } } },
    // Its own setting differs from a grid one in the heart-rate warm-up alone: shared wrongly, the figures would move.
    { name: 'a base one field off the grid', profile: { ...TUNE_PROFILE, tuning: { hrWarmupMs: 240_000 } } },
  ];
  test.each(synthetic.flatMap((run) => profiles.map((p) => ({ ...run, ...p, label: `${run.name}, ${p.name}` }))))(
    '$label: the same figures as the whole guard per setting',
    ({ bytes, profile, alerted }) => {
      const inputs = inputsOf(bytes());
      const { base, candidates } = plan(profile);
      const shared = scoreRunAll(inputs, base, candidates);
      // Figures worth comparing: the overshoot alerted under some settings, the easy run under none.
      expect(shared.figures.some((f) => f.alerts > 0)).toBe(alerted);
      expect(shared).toEqual(scoreRunAllUnshared(inputs, base, candidates));
    },
  );

  test.each(profiles)('$name: the facts fed from the scoring pass are calibration\'s own (activityFacts)', ({ profile }) => {
    const inputs = [...inputsOf(overshootRun(2)), ...inputsOf(easyRun(5))];
    const { base, candidates } = plan(profile);
    const facts = activityFactsTracker();
    scoreRunAll(inputs, base, candidates, { rules: DEFAULT_TUNING, see: (input, signals) => facts.add(input, signals) });
    expect(facts.facts(inputs[0]?.atMs)).toEqual(activityFacts(inputs));
  });

  // The two smallest corpus runs: real sensors, pauses and gaps, in a few seconds.
  const smallest = corpusFiles('runs')
    .map((name) => ({ name, size: statSync(corpusPath('runs', name)).size }))
    .sort((a, b) => a.size - b.size)
    .slice(0, 2)
    .map((f) => f.name);
  test.skipIf(!corpusAvailable).each(smallest)('corpus %s: the same figures as the whole guard per setting', (name) => {
    const decoded = decodeRecording(new Uint8Array(readFileSync(corpusPath('runs', name))));
    if (!decoded.ok) return; // not a run the guard reads: nothing to compare
    const { base, candidates } = plan({ easyPace: '5:30', hrCeilingBpm: 150 });
    expect(scoreRunAll(decoded.inputs, base, candidates)).toEqual(scoreRunAllUnshared(decoded.inputs, base, candidates));
  });
});

describe('the score cache', () => {
  const root = tempDir();
  const history = path.join(root, 'history');
  const cache = path.join(root, 'cache');
  const profileFile = path.join(root, 'profile.json');
  const other = path.join(root, 'other.json');
  const run = async (args: readonly string[], cached = true): Promise<{ outcome: TuneOutcome; warn: string[] }> => {
    const warn: string[] = [];
    const outcome = await tuneCommand([history, ...(cached ? ['--cache', cache] : []), '--workers', '1', ...args], { out: () => undefined, warn: (l) => warn.push(l) });
    if (outcome === undefined) throw new Error('tune printed its help');
    return { outcome, warn };
  };
  const table = (o: TuneOutcome): string[] => o.lines.filter((l) => !/read from the cache$/.test(l));
  const entries = (): string[] =>
    readdirSync(cache, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json') && f.startsWith('tune-'))
      .map((f) => path.join(cache, f));
  let cold: TuneOutcome;
  let uncached: TuneOutcome;

  beforeAll(async () => {
    mkdirSync(history, { recursive: true });
    writeTuneHistory(history);
    writeFileSync(profileFile, JSON.stringify(TUNE_PROFILE));
    writeFileSync(other, JSON.stringify({ ...TUNE_PROFILE, hrCeilingBpm: 150 }));
    uncached = (await run(['--profile', profileFile, '--no-cache'], false)).outcome;
    cold = (await run(['--profile', profileFile])).outcome;
  }, 120_000);

  test('cold: every file read and scored, nothing from the cache; the table is that of no cache at all', () => {
    expect(cold.fromCache).toBe(0);
    expect(cold.read).toBe(cold.counts.files);
    expect(table(cold)).toEqual(table(uncached));
    expect(entries()).toHaveLength(cold.counts.files);
  });

  test('warm: no file read, every score from the cache, the same table and runs', async () => {
    const { outcome: warm, warn } = await run(['--profile', profileFile]);
    expect(warm.read).toBe(0);
    expect(warm.fromCache).toBe(cold.counts.files);
    expect(warm.lines).toContain(`  ${cold.counts.files} of ${cold.counts.files} read from the cache`);
    expect(table(warm)).toEqual(table(cold));
    expect(warm.runs).toEqual(cold.runs);
    expect(warn.filter((w) => /cache/.test(w))).toEqual([]);
  });

  test('a damaged entry is a miss, said once, and rebuilt: the same table, the entry whole again', async () => {
    const [victim] = entries();
    if (victim === undefined) throw new Error('no cache entry');
    const whole = readFileSync(victim, 'utf8');
    writeFileSync(victim, whole.slice(0, whole.length / 2));
    const { outcome, warn } = await run(['--profile', profileFile]);
    expect(outcome.fromCache).toBe(cold.counts.files - 1);
    expect(table(outcome)).toEqual(table(cold));
    expect(warn.filter((w) => /1 damaged cache entry was dropped and rebuilt/.test(w))).toHaveLength(1);
    expect(readFileSync(victim, 'utf8')).toBe(whole);
  });

  test('an entry with numbers no run can hold is damaged too, and rebuilt', async () => {
    const [victim] = entries();
    if (victim === undefined) throw new Error('no cache entry');
    const whole = readFileSync(victim, 'utf8');
    writeFileSync(victim, whole.replace(/"movingMs":\d+/, '"movingMs":-5'));
    const { outcome, warn } = await run(['--profile', profileFile]);
    expect(table(outcome)).toEqual(table(cold));
    expect(warn.some((w) => /damaged cache entry/.test(w))).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe(whole);
  });

  test('another profile is another plan: nothing served from the first one', async () => {
    const { outcome } = await run(['--profile', other]);
    expect(outcome.fromCache).toBe(0);
  });

  test('plan folders are bounded: the ones in use stay, the least recently used go', async () => {
    const plans = path.join(cache, `tune-v${TUNE_CACHE_VERSION}`);
    const stale = Array.from({ length: PLANS_KEPT + 1 }, (_, k) => path.join(plans, `${String(k).repeat(16)}`));
    stale.forEach((dir, k) => {
      mkdirSync(path.join(dir, 'ab'), { recursive: true });
      utimesSync(dir, 1_000 + k, 1_000 + k); // long ago; the higher k, the more recent
    });
    const { outcome } = await run(['--profile', profileFile]);
    expect(outcome.fromCache).toBe(cold.counts.files); // the folder in use is kept whole
    const left = readdirSync(plans);
    expect(left).toHaveLength(PLANS_KEPT);
    // Kept besides this plan's: the other profile's (used a moment ago) and the two most recent stale ones.
    expect(stale.map((dir) => existsSync(dir))).toEqual(stale.map((_, k) => k >= stale.length - (PLANS_KEPT - 2)));
  });
});
