import { describe, expect, test } from 'vitest';
import { replayCommand } from '../../simulator/commands/replay/replay-command.ts';
import { UsageError } from '../../simulator/io/fail.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';

/**
 * Real recordings from ../shared/corpus (never copied here) through the whole
 * command: decode, guard, summary. Runs replay; odd files end in a clear
 * one-line error or warnings, never a crash.
 */
async function replay(file: string): Promise<{ out: string[]; warn: string[]; error?: string }> {
  const out: string[] = [];
  const warn: string[] = [];
  try {
    await replayCommand([file, '--easy-pace', '5:30', '--hr-ceiling', '145', '--format', 'jsonl'], {
      out: (l) => out.push(l),
      warn: (l) => warn.push(l),
    });
    return { out, warn };
  } catch (error) {
    // Only a UsageError is a documented refusal; anything else is a crash and fails the test.
    if (error instanceof UsageError) return { out, warn, error: error.message };
    throw error;
  }
}

describe.skipIf(!corpusAvailable)('corpus runs/: every real run replays', () => {
  test.each(corpusFiles('runs'))('%s', async (name) => {
    const r = await replay(corpusPath('runs', name));
    expect(r.error).toBeUndefined();
    const lines = r.out.map((l) => JSON.parse(l) as { kind: string; at: number; movingSec?: number; verdict?: string });
    const summary = lines[lines.length - 1];
    expect(summary?.kind).toBe('summary');
    expect(summary?.movingSec).toBeGreaterThan(5 * 60);
    expect(['easy', 'moderate']).toContain(summary?.verdict);
    const times = lines.slice(0, -1).map((l) => l.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe.skipIf(!corpusAvailable)('corpus odd/: a clear error or a warning, never a crash', () => {
  test.each(corpusFiles('odd'))('%s', async (name) => {
    const r = await replay(corpusPath('odd', name));
    if (r.error !== undefined) {
      expect(r.error.split('\n')).toHaveLength(1);
      expect(r.error.startsWith(corpusPath('odd', name))).toBe(true);
      expect(r.out).toEqual([]);
    } else {
      expect(r.out.at(-1)).toMatch(/"kind":"summary"/);
    }
  });
});

describe.skipIf(!corpusAvailable)('corpus odd/compressedts_garmin-fr70_run.fit: compressed-timestamp records, which the SDK cannot read', () => {
  test('replays: a timeline of events, then a summary of the whole run', async () => {
    const r = await replay(corpusPath('odd', 'compressedts_garmin-fr70_run.fit'));
    expect(r.error).toBeUndefined();
    const lines = r.out.map((l) => JSON.parse(l) as { kind: string; at: number; reason?: string; movingSec?: number; timerSec?: number });
    const summary = lines.at(-1);
    expect(summary?.kind).toBe('summary');
    // Timer 1:02:45 by the device's session; about 57 min moving.
    expect(summary?.timerSec).toBeGreaterThan(60 * 60);
    expect(summary?.movingSec).toBeGreaterThan(50 * 60);
    const timeline = lines.slice(0, -1);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.some((l) => l.kind === 'slow-down')).toBe(true);
    // A chest strap at 165–185 bpm, the step rate 170–186: the heart beats near the step rate, the sensor is not locked
    // (it once said 17 times it was, each followed by signal-back).
    expect(timeline.filter((l) => l.kind === 'signal-lost' && l.reason === 'cadence-lock')).toEqual([]);
  });

  test('the Lezyne ride, cut short by its compressed-timestamp records and its CRC, is still refused as a ride', async () => {
    const r = await replay(corpusPath('odd', 'compressedts_lezyne_bad-endian.fit'));
    expect(r.error).toMatch(/: not a run: 23% of moving samples are faster than the running limit of 6\.5 m\/s/);
  });
});
