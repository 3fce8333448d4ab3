/**
 * Golden timelines: what `paceguard replay --format jsonl` says, line for line,
 * on runs whose truth is known. A golden is reviewed like code: when one
 * changes, the diff of its .jsonl is the change in behaviour, and it goes in
 * the same commit as the change that caused it (`npx vitest run tests/golden -u`
 * rewrites them; then read every diff).
 *
 * Where each run comes from (all synthetic, fixed seeds: the same bytes on
 * every machine), and what a reviewer checks when its golden changes:
 *
 * | golden                             | run                                                | judged with                 |
 * |------------------------------------|----------------------------------------------------|-----------------------------|
 * | recovery-run                       | examples/recovery-run.fit (`npm start`)            | examples/runner.json        |
 * | hilly-run                          | examples/hilly-run.fit                             | examples/runner.json        |
 * | bad-signal-run                     | examples/bad-signal-run.fit                        | examples/runner.json        |
 * | suite-hills-uphill-at-ceiling-anna | SUITE 'hills-uphill-at-ceiling-anna', encoded here | the run's ceilings as flags |
 * | suite-tunnel-anna-overshoots       | SUITE 'tunnel-anna-overshoots', encoded here       | the run's ceilings as flags |
 * | suite-cadence-lock-bert-overshoot  | SUITE 'cadence-lock-bert-overshoot', encoded here  | the run's ceilings as flags |
 * | suite-drift-dean-chest             | SUITE 'drift-dean-chest', encoded here             | the run's ceilings as flags |
 *
 * The examples are designed in simulator/synth/examples/make-examples.ts, the suite
 * runs in simulator/synth/suite.ts (their descriptions say where each
 * overshoot is). `at` is seconds from the first sample. What to check:
 *
 * - recovery-run: one overshoot, the 2:30 drift at 16:30–19:00 (990–1140 s):
 *   slow-down on pace a few tens of seconds into it (repeats every minute while
 *   it lasts), back-under soon after 1140 s. Nothing on the gentle hill
 *   (490–930 s) or at the crossing (1590–1630 s); no signal-lost; no time-up
 *   (35 min run, 40 min plan). Verdict moderate: 2:30 over is more than 5 %.
 * - hilly-run: the only true overshoot is 6:00 /km held up +3 % at 1500–1680 s
 *   (by effort, heart rate over 140 late in it): alerts there, on pace and
 *   then on both. An alert on the +4 % climb at easy effort (660–900 s) or the
 *   fast −4 % descent (900–1080 s) is a false alarm.
 * - bad-signal-run: no true overshoot. Expected: pace lost in the tunnel
 *   (720–795 s) and back at its end; heart rate lost in its dropout
 *   (1260–1310 s) and back. Any slow-down is a false alarm from GPS noise or
 *   multipath.
 * - hills-uphill-at-ceiling-anna: over by effort twice: 6:00 /km held up +3 %
 *   for 3 min from 840 s, and 6:05 /km up +2 % for 4 min from 1740 s (heart
 *   rate crosses 140 in both). The watch shows the ceiling pace or slower, so
 *   only grade adjustment catches them: slow-down in each, back-under after.
 * - tunnel-anna-overshoots: 3 min at −35 s/km from 14:00 (840 s) with a 40 s
 *   zero-speed tunnel from 910 s inside it, 2 min at −25 s/km from 31:00
 *   (1860 s), a 60 s tunnel at 2100 s in easy running. The tunnel inside the
 *   overshoot must not look like back-under followed by a second overshoot.
 * - cadence-lock-bert-overshoot: optical heart rate reads the step rate (~164)
 *   at 480–660 s and 1920–2070 s, far above the 135 bpm ceiling: signal-lost
 *   (cause cadence-lock) and back, never a heart-rate slow-down. One true
 *   overshoot, 2:30 at −35 s/km from 1200 s: slow-down there, back-under after.
 * - drift-dean-chest: 70 min at ceiling +10 s/km on a hot day; heart rate
 *   drifts over 138 from about 36 min (2175 s) to the end: a slow-down on heart
 *   rate there, repeated every minute to the end, and no back-under.
 *
 * Timings here move whenever the guard is tuned; that is what the goldens are
 * for. A change that moves an alert out of its overshoot, adds one outside any,
 * or drops one, needs a reason in the commit.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { formatPace } from '../../src/samples/pace.ts';
import { replayCommand } from '../../simulator/commands/replay/replay-command.ts';
import { encodeSynthRun, EXAMPLES } from '../../simulator/synth/examples/make-examples.ts';
import { suiteRun } from '../../simulator/synth/suite.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';
import { tempDir } from '../support/fixtures.ts';

const PROFILE = 'examples/runner.json';
const SUITE_RUNS = [
  'hills-uphill-at-ceiling-anna',
  'tunnel-anna-overshoots',
  'cadence-lock-bert-overshoot',
  'drift-dean-chest',
] as const;

interface GoldenRun {
  readonly name: string;
  /** Arguments to `paceguard replay`, the file included. */
  readonly args: () => string[];
}

const dir = tempDir();

const exampleRuns: GoldenRun[] = EXAMPLES.map(({ file }) => ({
  name: path.basename(file, '.fit'),
  args: () => [path.join('examples', file), '--profile', PROFILE],
}));

const suiteRuns: GoldenRun[] = SUITE_RUNS.map((id) => ({
  name: `suite-${id}`,
  args: () => {
    const run = suiteRun(id);
    if (run === undefined) throw new Error(`the suite has no run '${id}'`);
    const file = path.join(dir, `${id}.fit`);
    writeFileSync(file, encodeSynthRun(synthesizeRun(run.scenario, run.seed)));
    const { paceCeilingSecPerKm, hrCeilingBpm } = run.scenario.ceilings;
    return [file, '--pace-ceiling', formatPace(paceCeilingSecPerKm), '--hr-ceiling', String(hrCeilingBpm)];
  },
}));

/** Just enough of the jsonl contract to tell a broken line from a changed one. */
const Line = z.looseObject({ kind: z.string(), at: z.number().optional() });

async function replayJsonl(args: readonly string[]): Promise<{ out: string[]; warn: string[] }> {
  const out: string[] = [];
  const warn: string[] = [];
  await replayCommand([...args, '--format', 'jsonl'], { out: (l) => out.push(l), warn: (l) => warn.push(l) });
  return { out, warn };
}

describe('golden timelines (paceguard replay --format jsonl)', () => {
  test.each([...exampleRuns, ...suiteRuns].map((run) => [run.name, run] as const))('%s', async (name, run) => {
    const { out, warn } = await replayJsonl(run.args());
    expect(warn).toEqual([]);
    const lines = out.map((line) => Line.parse(JSON.parse(line)));
    expect(lines.at(-1)?.kind).toBe('summary');
    await expect(`${out.join('\n')}\n`).toMatchFileSnapshot(`./${name}.jsonl`);
  });
});
