/**
 * Every command's flags: each bad value is one exact line naming the flag and
 * what was expected in a runner's units; a mistyped flag gets the nearest
 * known one. In-process for the whole table; through the bundled command for
 * the exit status and the single line on stderr.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { parseCalibrateFlags } from '../../simulator/commands/calibrate/flags.ts';
import { UsageError } from '../../simulator/io/fail.ts';
import { parseReplayFlags } from '../../simulator/commands/replay/replay-flags.ts';
import { parseSimulateFlags } from '../../simulator/commands/simulate/simulate-flags.ts';
import { parseTuneFlags } from '../../simulator/commands/tune/flags.ts';
import { editDistance, nearestName } from '../../src/ceiling/nearest-name.ts';
import { TEST_BIN } from '../global-setup.ts';

const parsers: Record<string, (argv: readonly string[]) => unknown> = {
  replay: parseReplayFlags,
  calibrate: parseCalibrateFlags,
  tune: parseTuneFlags,
  simulate: parseSimulateFlags,
};

const HR_CEILING = 'expected beats per minute from 60 to 220, like 140';
const MAX_HR = 'expected beats per minute from 100 to 230, like 185';
const REST_HR = 'expected beats per minute from 25 to 120, like 55';
const WORKERS = 'expected threads from 1 to 64, like 4';

const table: [string, string[], string][] = [
  ['replay', ['--hr-ceiling', 'abc'], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--hr-ceiling', '40'], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--hr-ceiling', '140.5'], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--hr-ceiling', ''], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--hr-ceiling'], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--hr-ceiling', '-5'], `--hr-ceiling: ${HR_CEILING}`],
  ['replay', ['--max-hr', '300'], `--max-hr: ${MAX_HR}`],
  ['replay', ['--max-hr', 'Infinity'], `--max-hr: ${MAX_HR}`],
  ['replay', ['--rest-hr', 'low'], `--rest-hr: ${REST_HR}`],
  ['replay', ['--max-duration', '0'], '--max-duration: expected minutes above 0 and up to 600, like 45'],
  ['replay', ['--max-duration', '1e308'], '--max-duration: expected minutes above 0 and up to 600, like 45'],
  ['replay', ['--easy-pace', '5.30'], '--easy-pace: expected a pace like 5:30 (minutes:seconds per km)'],
  ['replay', ['--easy-pace', '1:30'], '--easy-pace: expected a pace slower than 2:00 per km'],
  ['replay', ['--pace-ceiling', '25:00'], '--pace-ceiling: expected a pace faster than 20:00 per km'],
  ['replay', ['--pace-ceiling'], '--pace-ceiling: expected a pace like 5:30 (minutes:seconds per km)'],
  ['replay', ['--format', 'xml'], '--format: expected text or jsonl'],
  ['replay', ['--speed', 'fast'], '--speed: expected max or a number above 0, like 10'],
  ['replay', ['--speed', '0'], '--speed: expected max or a number above 0, like 10'],
  ['replay', ['--report', ''], '--report: expected a file name, like run.html'],
  ['replay', ['--profile', ''], '--profile: expected a file name, like profile.json'],
  ['replay', ['--help=yes'], '--help: takes no value'],
  ['replay', ['--easypace', '5:30'], 'unknown flag --easypace; did you mean --easy-pace?'],
  ['replay', ['--hr-cieling', '140'], 'unknown flag --hr-cieling; did you mean --hr-ceiling?'],
  ['replay', ['--maxhr', '190'], 'unknown flag --maxhr; did you mean --max-hr?'],
  ['replay', ['--reprot', 'x.html'], 'unknown flag --reprot; did you mean --report?'],
  ['replay', ['--colour'], 'unknown flag --colour; see paceguard replay --help'],
  ['replay', ['-x'], 'unknown flag -x; see paceguard replay --help'],
  ['calibrate', ['--rest-hr', '300'], `--rest-hr: ${REST_HR}`],
  ['calibrate', ['--workers', '0'], `--workers: ${WORKERS}`],
  ['calibrate', ['--workers', '2.5'], `--workers: ${WORKERS}`],
  ['calibrate', ['--workers', 'many'], `--workers: ${WORKERS}`],
  ['calibrate', ['--out', ''], '--out: expected a file name, like profile.json'],
  ['calibrate', ['--cache'], '--cache: expected a folder, like ~/.cache/paceguard'],
  ['calibrate', ['--cache', 'c', '--no-cache'], '--no-cache: give --cache DIR or --no-cache, not both'],
  ['calibrate', ['--nocache'], 'unknown flag --nocache; did you mean --no-cache?'],
  ['calibrate', ['--resthr', '50'], 'unknown flag --resthr; did you mean --rest-hr?'],
  ['tune', ['--workers', '65'], `--workers: ${WORKERS}`],
  ['tune', ['--profile'], '--profile: expected a file name, like profile.json'],
  ['tune', ['--out', 'x.json'], '--out: writes only with --apply (give both)'],
  ['tune', ['--apply=1'], '--apply: takes no value'],
  ['tune', ['--aply'], 'unknown flag --aply; did you mean --apply?'],
  ['tune', ['--worker', '2'], 'unknown flag --worker; did you mean --workers?'],
  ['tune', ['--cache'], '--cache: expected a folder, like ~/.cache/paceguard'],
  ['tune', ['--cache', 'c', '--no-cache'], '--no-cache: give --cache DIR or --no-cache, not both'],
  ['simulate', ['--seed', '1.5'], '--seed: expected a whole number from 0 to 4294967295'],
  ['simulate', ['--seed', '-1'], '--seed: expected a whole number from 0 to 4294967295'],
  ['simulate', ['--out'], '--out: expected a file name, like run.fit'],
  ['simulate', ['--sead', '3'], 'unknown flag --sead; did you mean --seed?'],
  ['simulate', ['--output', 'x.fit'], 'unknown flag --output; did you mean --out?'],
];

describe('each bad flag value is one exact line in a runner\'s words', () => {
  test.each(table)('%s %j', (command, args, message) => {
    const parse = parsers[command] as (argv: readonly string[]) => unknown;
    let thrown: unknown;
    try {
      parse(args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(`${command}: ${message}`);
  });
});

describe('through the bundled command: exit 2, that one line, nothing on stdout', () => {
  // One case per command, and the two cases from the issue.
  test.each([
    ['replay', ['--hr-ceiling', 'abc'], `replay: --hr-ceiling: ${HR_CEILING}`],
    ['replay', ['--easypace', '5:30'], 'replay: unknown flag --easypace; did you mean --easy-pace?'],
    ['calibrate', ['--workers', '0'], `calibrate: --workers: ${WORKERS}`],
    ['tune', ['--aply'], 'tune: unknown flag --aply; did you mean --apply?'],
    ['simulate', ['--sead', '3'], 'simulate: unknown flag --sead; did you mean --seed?'],
  ])('%s %j', (command, args, message) => {
    const r = spawnSync(process.execPath, [TEST_BIN, command, 'x', ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`paceguard: ${message}\n`);
  });

  test('a resting heart rate alone asks for the maximum too', () => {
    const r = spawnSync(process.execPath, [TEST_BIN, 'replay', 'x.fit', '--rest-hr', '50'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'paceguard: replay: --rest-hr needs --max-hr too: the heart-rate ceiling lies between them (restHrBpm and maxHrBpm in a profile); or give --easy-pace, --pace-ceiling or --hr-ceiling\n',
    );
  });
});

describe('the nearest name', () => {
  test.each([
    ['kitten', 'sitting', 3],
    ['easypace', 'easy-pace', 1],
    ['hr-cieling', 'hr-ceiling', 1],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('nothing near gets no suggestion; a prefix does', () => {
    expect(nearestName('colour', ['easy-pace', 'hr-ceiling'])).toBeUndefined();
    expect(nearestName('output', ['out', 'seed'])).toBe('out');
    expect(nearestName('hrCeilingBmp', ['maxHrBpm', 'hrCeilingBpm'])).toBe('hrCeilingBpm');
  });
});
