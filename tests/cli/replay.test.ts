import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import path from 'node:path';
import * as z from 'zod';
import { replayCommand } from '../../simulator/commands/replay/replay-command.ts';
import { TEST_BIN } from '../global-setup.ts';
import { stretchesToSamples, type Stretch } from '../support/runs.ts';
import { tempDir, writeFit } from '../support/fixtures.ts';
import { IS_ROOT, runBinAsNobody, sharedTempDir } from '../support/other-user.ts';

const dir = tempDir();
const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 166 });
let overshootFit = '';
let easyFit = '';
let longOvershootFit = '';

beforeAll(() => {
  overshootFit = writeFit(dir, 'overshoot.fit', stretchesToSamples([easy(600), { seconds: 150, paceSecPerKm: 320, hrBpm: 134, cadenceSpm: 172 }, easy(600)]));
  easyFit = writeFit(dir, 'easy.fit', stretchesToSamples([easy(1500)]));
  longOvershootFit = writeFit(dir, 'long-overshoot.fit', stretchesToSamples([easy(600), { seconds: 540, paceSecPerKm: 320, hrBpm: 134, cadenceSpm: 172 }, easy(300)]));
});

async function replay(args: string[]): Promise<{ out: string[]; warn: string[] }> {
  const out: string[] = [];
  const warn: string[] = [];
  await replayCommand(args, { out: (l) => out.push(l), warn: (l) => warn.push(l) });
  return { out, warn };
}

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The jsonl contract: every line an object with kind and at; the last one the summary. */
const EventLine = z.looseObject({
  kind: z.enum(['slow-down', 'not-recovery', 'back-under', 'time-up', 'signal-lost', 'signal-back', 'tired']),
  at: z.number().min(0),
});
const SummaryLine = z.looseObject({
  kind: z.literal('summary'),
  movingSec: z.number(),
  overSec: z.object({ pace: z.number(), hr: z.number(), both: z.number(), total: z.number() }),
  alerts: z.object({ slowDown: z.number(), repeats: z.number(), notRecovery: z.number(), signalLost: z.number(), timeUp: z.number() }),
  verdict: z.enum(['easy', 'moderate', 'unknown']),
  advice: z.string(),
});

describe('paceguard replay --format jsonl', () => {
  test('every line parses and follows the contract; the last is the summary', async () => {
    const { out } = await replay([overshootFit, '--easy-pace', '5:30', '--hr-ceiling', '140', '--format', 'jsonl']);
    const lines = out.map((l) => JSON.parse(l) as unknown);
    const events = lines.slice(0, -1).map((l) => EventLine.parse(l));
    const summary = SummaryLine.parse(lines[lines.length - 1]);
    // 2:30 over: the first alert, one repeat a minute later; the next would be due two minutes after that.
    expect(events.map((e) => e.kind)).toEqual(['slow-down', 'slow-down', 'back-under']);
    // The overshoot starts 600 s in: the first alert follows within seconds, on pace.
    expect(events[0]?.at).toBeGreaterThan(600);
    expect(events[0]?.at).toBeLessThan(615);
    expect(events[0]).toMatchObject({ cause: 'pace', repeat: 0, paceCeilingSecPerKm: 360, hrCeilingBpm: 140 });
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(summary.alerts.slowDown).toBe(1);
  });

  test('a 9-minute overshoot: repeats after 1 and 2 min, then not-recovery once at 5 min over, then quiet until back-under', async () => {
    const { out } = await replay([longOvershootFit, '--easy-pace', '5:30', '--hr-ceiling', '140', '--format', 'jsonl']);
    const lines = out.map((l) => JSON.parse(l) as unknown);
    const events = lines.slice(0, -1).map((l) => EventLine.parse(l));
    const summary = SummaryLine.parse(lines[lines.length - 1]);
    expect(events.map((e) => e.kind)).toEqual(['slow-down', 'slow-down', 'slow-down', 'not-recovery', 'back-under']);
    const [first, , , notRecovery] = events;
    // The contract's fields for the new kind: which ceiling, and the moving time over so far, in seconds.
    expect(Object.keys(notRecovery ?? {})).toEqual(['kind', 'at', 'cause', 'movingOverSec']);
    expect(notRecovery).toMatchObject({ cause: 'pace', movingOverSec: 300 });
    expect((notRecovery?.at ?? 0) - (first?.at ?? 0)).toBeCloseTo(300, 0);
    expect(summary.alerts).toMatchObject({ slowDown: 1, repeats: 2, notRecovery: 1 });
    expect(summary.verdict).toBe('moderate');
  });

  test('a planned duration gives time-up when the timer reaches it', async () => {
    const { out } = await replay([easyFit, '--pace-ceiling', '6:00', '--max-duration', '20', '--format', 'jsonl']);
    const events = out.map((l) => JSON.parse(l) as { kind: string; at: number });
    expect(events.filter((e) => e.kind === 'time-up')).toEqual([{ kind: 'time-up', at: 1200, plannedSec: 1200 }]);
    expect(events[events.length - 1]?.kind).toBe('summary');
  });
});

describe('paceguard replay (text)', () => {
  test('not-recovery in the timeline, in words, and counted in the summary', async () => {
    const { out } = await replay([longOvershootFit, '--easy-pace', '5:30', '--hr-ceiling', '140']);
    const text = out.join('\n');
    expect(text).toMatch(/^\s+15:\d\d\s+not-recovery .* over for 5:00: this has become a moderate run; ease right off, or cut it short and rest$/m);
    expect(text).toMatch(/alerts\s+1 slow-down \(\+2 repeats\), 1 not-recovery, 0 signal lost, 0 time up/);
  });

  test('repeats fold into the overshoot\'s first line, as in the report (jsonl lists them all); the summary still counts them', async () => {
    const { out } = await replay([longOvershootFit, '--easy-pace', '5:30', '--hr-ceiling', '140']);
    const events = out.filter((line) => /^\s+[\d:]+\s+[a-z-]+\s/.test(line)).map((line) => line.trim().split(/\s+/)[1]);
    expect(events).toEqual(['slow-down', 'not-recovery', 'back-under']);
    // Three alerts in all, over from the first (10:1x) to back-under (19:xx): 8 to 9 minutes.
    expect(out.join('\n')).toMatch(/^\s+10:[0-5]\d\s+slow-down\s.*over on pace; ceiling 6:00 \/km, 140 bpm \(x3 over [89]:\d\d\)$/m);
    expect(out.join('\n')).not.toMatch(/\(repeat \d+\)/);
    expect(out.join('\n')).toMatch(/alerts\s+1 slow-down \(\+2 repeats\)/);
  });

  test('a readable timeline (clock, event, pace, heart rate, ceiling) and the verdict', async () => {
    const { out } = await replay([overshootFit, '--easy-pace', '5:30']);
    const text = out.join('\n');
    expect(text).toMatch(/Ceiling: pace 6:00 \/km \(easy-pace\), no heart-rate ceiling/);
    // Clock, event, pace, grade-adjusted pace, heart rate, and which ceiling; the overshoot starts at 10:00.
    // The repeat a minute later is folded into this line: two alerts, over until back-under.
    expect(text).toMatch(/^\s+10:[01]\d\s+slow-down\s+5:2\d\s+5:2\d\s+13\d\s+over on pace; ceiling 6:00 \/km \(x2 over 2:[34]\d\)$/m);
    expect(text).toMatch(/back-under .*under the ceiling again after/);
    // 2:30 over in 22:30 of running is 11 %: more than the 5 % an easy run may have.
    expect(text).toMatch(/verdict\s+moderate: This was a moderate run rather than a recovery run/);
  });

  test('a run that stays easy says so and raises no alert', async () => {
    const { out } = await replay([easyFit, '--easy-pace', '5:30', '--hr-ceiling', '140']);
    expect(out.filter((line) => /^\s+[\d:]+\s+slow-down/.test(line))).toEqual([]);
    expect(out.join('\n')).toMatch(/alerts\s+0 slow-down/);
    expect(out.join('\n')).toMatch(/verdict\s+easy: The run stayed easy/);
  });
});

describe('the paceguard command: bad input is one line and exit status 2', () => {
  const notFit = path.join(dir, 'notes.txt');
  const badProfile = path.join(dir, 'bad-profile.json');
  const brokenJson = path.join(dir, 'broken.json');
  const unreadable = path.join(dir, 'unreadable.fit');
  beforeAll(() => {
    writeFileSync(notFit, 'this is not a FIT file\n');
    writeFileSync(badProfile, JSON.stringify({ easyPace: '5.30' }));
    writeFileSync(brokenJson, '{ "easyPace": ');
    writeFileSync(unreadable, 'x');
    chmodSync(unreadable, 0o000);
  });

  test.each([
    ['a missing file', () => ['replay', path.join(dir, 'nope.fit'), '--easy-pace', '5:30'], /nope\.fit: no such file$/],
    ['not a FIT file', () => ['replay', notFit, '--easy-pace', '5:30'], /notes\.txt: .*not a FIT file/i],
    ['a pace that is not M:SS', () => ['replay', easyFit, '--easy-pace', '5.30'], /--easy-pace: expected a pace like 5:30/],
    ['an unknown flag', () => ['replay', easyFit, '--easy-pase', '5:30'], /replay: unknown flag --easy-pase; did you mean --easy-pace\?$/],
    ['a bad format', () => ['replay', easyFit, '--easy-pace', '5:30', '--format', 'xml'], /--format: expected text or jsonl/],
    ['a bad speed', () => ['replay', easyFit, '--easy-pace', '5:30', '--speed', 'fast'], /--speed: expected max or a number/],
    ['no ceiling at all', () => ['replay', easyFit], /no ceiling to guard/],
    ['a profile field of the wrong shape', () => ['replay', easyFit, '--profile', badProfile], /bad-profile\.json: easyPace: expected a pace like 5:30/],
    ['a profile that is not JSON', () => ['replay', easyFit, '--profile', brokenJson], /broken\.json: not valid JSON/],
    ['an unknown command', () => ['replya', easyFit], /unknown command 'replya'/],
    ['a folder instead of a file', () => ['replay', dir, '--easy-pace', '5:30'], /: is a folder, expected a file$/],
  ])('%s', (_name, args, message) => {
    const r = runBin(args());
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^paceguard: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // Root reads everything: as root, the command runs as `nobody` on a file only root could read.
  test('an unreadable file', () => {
    let r: { status: number | null; stdout: string; stderr: string };
    let file = unreadable;
    if (IS_ROOT) {
      const shared = sharedTempDir();
      file = path.join(shared, 'unreadable.fit');
      writeFileSync(file, 'x');
      chmodSync(file, 0o000);
      r = runBinAsNobody(['replay', file, '--easy-pace', '5:30'], shared);
    } else {
      r = runBin(['replay', file, '--easy-pace', '5:30']);
    }
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`paceguard: ${file}: cannot read it (permission denied)\n`);
  });

  test('--help documents every flag; --version prints the version', () => {
    const help = runBin(['replay', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--profile', '--easy-pace', '--pace-ceiling', '--hr-ceiling', '--max-duration', '--format', '--speed']) {
      expect(help.stdout).toContain(flag);
    }
    expect(runBin(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("the entry is told the file's unpacked size once, before it is read (it sizes V8's compiler by it: simulator/cli/jit.ts)", async () => {
    const raw = readFileSync(easyFit);
    const packed = path.join(dir, 'easy.fit.gz');
    writeFileSync(packed, gzipSync(raw));
    const out: string[] = [];
    const told: { fileBytes: number; linesBefore: number }[] = [];
    await replayCommand([packed, '--easy-pace', '5:30', '--format', 'jsonl'], {
      out: (l) => out.push(l),
      warn: () => undefined,
      beforeDecode: (fileBytes) => told.push({ fileBytes, linesBefore: out.length }),
    });
    expect(told).toEqual([{ fileBytes: raw.length, linesBefore: 0 }]);
    expect(out.at(-1)).toMatch(/"kind":"summary"/);
  });

  test('the built command replays a file end to end with exit status 0', () => {
    const r = runBin(['replay', overshootFit, '--easy-pace', '5:30', '--format', 'jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/"kind":"summary"/);
  });
});
