import { beforeAll, describe, expect, test } from 'vitest';
import { build } from 'esbuild';
import path from 'node:path';

/**
 * The profile's schemas are written with zod/mini (src/ceiling/zod.ts), which
 * has no messages of its own. In the command and in the other tests classic
 * zod is loaded too, and classic zod configures English messages for every
 * schema on import, which would hide a missing locale. So the profile is
 * bundled here alone, as the phone bundles it (browser, no classic zod), and
 * its refusals must read exactly as they did with classic zod: the strings
 * below are the messages `paceguard replay --profile` gave before the switch.
 */
type ParseProfileText = (text: string) => { ok: true } | { ok: false; notJson: string } | { ok: false; issue: string };

let parseProfileText: ParseProfileText | undefined;
let inputs: string[] = [];

beforeAll(async () => {
  const out = await build({
    stdin: { contents: "export { parseProfileText } from './src/profile/profile.ts';", resolveDir: path.resolve('.'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  inputs = Object.keys(out.metafile.inputs);
  const text = out.outputFiles[0]?.text ?? '';
  const loaded = (await import(`data:text/javascript,${encodeURIComponent(text)}`)) as { parseProfileText: ParseProfileText };
  parseProfileText = loaded.parseProfileText;
}, 60_000);

describe('profile messages with zod/mini alone (as on the phone)', () => {
  test('the bundle has zod/mini and no classic zod', () => {
    expect(inputs.some((f) => f.includes('zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((f) => f.includes('zod/v4/classic/'))).toEqual([]);
  });

  const CALIBRATION_HEAD = { version: 1, firstRunAt: '2024-01-01T06:30:00.000Z', lastRunAt: '2024-01-01T06:30:00.000Z' };
  test.each([
    [{ tuning: 3 }, 'tuning: Invalid input: expected object, received number'],
    [{ easyPace: 330 }, 'easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    [{ easyPace: '5:3' }, 'easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    [{ hrCeilingBpm: '140' }, 'hrCeilingBpm: expected beats per minute from 60 to 220, like 140'],
    [{ maxHrBpm: 180.5 }, 'maxHrBpm: expected beats per minute from 100 to 230, like 185'],
    [{ maxDurationMin: 0 }, 'maxDurationMin: expected minutes above 0 and up to 600, like 45'],
    [{ easyPace: '5:30', tuning: { repeatMs: null } }, 'tuning.repeatMs: expected milliseconds from 10000 to 900000, like 60000'],
    [{ calibration: { version: 2 } }, 'calibration.version: Invalid input: expected 1'],
    [{ calibration: [] }, 'calibration: Invalid input: expected object, received array'],
    [{ calibration: { version: 1, firstRunAt: 'yesterday' } }, 'calibration.firstRunAt: Invalid ISO datetime'],
    [{ calibration: { ...CALIBRATION_HEAD, runs: [{ file: 3 }] } }, 'calibration.runs.0.file: Invalid input: expected string, received number'],
    [
      { calibration: { ...CALIBRATION_HEAD, runs: [], easyPace: { secPerKm: 330, lowSecPerKm: 330, highSecPerKm: 330, runs: 1, stretches: 1, aboveBandStretches: 0, band: 'maybe' } } },
      'calibration.easyPace.band: Invalid option: expected one of "applied"|"not-applied"|"no-max-hr"',
    ],
    [{ tunning: {} }, 'tunning: unknown field; did you mean tuning?'],
    [{ tuning: { repeatMS: 1 } }, 'tuning.repeatMS: unknown field; did you mean repeatMs?'],
    [{ maxHrBpm: 150, restHrBpm: 160 }, 'restHrBpm: expected beats per minute from 25 to 120, like 55'],
    [null, '(top level): Invalid input: expected object, received null'],
    ['x', '(top level): Invalid input: expected object, received string'],
  ])('%j → %s', (profile, message) => {
    const parsed = parseProfileText?.(JSON.stringify(profile));
    expect(parsed !== undefined && !parsed.ok && 'issue' in parsed ? parsed.issue : parsed).toBe(message);
  });
});
