/**
 * Real recordings (../shared/corpus, read in place; skipped with one message
 * where absent): calibration over runs/ completes and every estimate is
 * plausible for a runner, and over odd/ every awkward or broken file is a
 * note, never a crash. The runs come from many runners and devices, so the
 * test asks for plausibility, not for any one runner's numbers.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { calibrateCommand } from '../../simulator/commands/calibrate/command.ts';
import { UsageError } from '../../simulator/io/fail.ts';
import { CORPUS_DIR, corpusAvailable, corpusFiles } from '../corpus.ts';
import { tempDir } from '../support/fixtures.ts';

const out = tempDir();

async function calibrateFolder(sub: 'runs' | 'odd') {
  const notes: string[] = [];
  const report: string[] = [];
  const outcome = await calibrateCommand([path.join(CORPUS_DIR, sub), '--out', path.join(out, sub, 'profile.json'), '--no-cache', '--verbose'], {
    out: (line) => report.push(line),
    warn: (line) => notes.push(line),
  });
  return { outcome, notes, report };
}

describe.skipIf(!corpusAvailable)('calibrate on the corpus', () => {
  test('runs/: completes, and every estimate is plausible', async () => {
    const { outcome, notes, report } = await calibrateFolder('runs');
    if (outcome === undefined) throw new Error('no outcome');
    const { calibration, counts } = outcome;
    expect(counts.files).toBe(corpusFiles('runs').length);
    // Every file is a run or one note saying why not.
    const skipped = notes.filter((n) => / skipped: /.test(n));
    expect(counts.runs + skipped.length).toBe(counts.files);
    expect(calibration.runsWithStretches).toBeGreaterThanOrEqual(10);

    const { easyPace, maxHr, curve, ceiling } = calibration;
    expect(easyPace.secPerKm).toBeGreaterThanOrEqual(240);
    expect(easyPace.secPerKm).toBeLessThanOrEqual(540);
    expect(easyPace.interval.lo).toBeLessThanOrEqual(easyPace.secPerKm);
    expect(easyPace.interval.hi).toBeGreaterThanOrEqual(easyPace.secPerKm);
    expect(maxHr?.bpm).toBeGreaterThanOrEqual(150);
    expect(maxHr?.bpm).toBeLessThanOrEqual(210);
    expect(ceiling.paceCeilingSecPerKm - easyPace.secPerKm).toBeGreaterThanOrEqual(29);
    expect(ceiling.paceCeilingSecPerKm - easyPace.secPerKm).toBeLessThanOrEqual(91);
    if (ceiling.hrCeilingBpm !== undefined) {
      expect(ceiling.hrCeilingBpm).toBeGreaterThanOrEqual(110);
      expect(ceiling.hrCeilingBpm).toBeLessThanOrEqual(170);
    }
    if (curve !== undefined) {
      const hrAtEasy = curve.curve.hrAtRefBpm;
      expect(hrAtEasy).toBeGreaterThanOrEqual(100);
      expect(hrAtEasy).toBeLessThanOrEqual(190);
      expect(curve.curve.driftBpmPerHour).toBeGreaterThanOrEqual(0);
      expect(curve.curve.driftBpmPerHour).toBeLessThanOrEqual(15);
    }
    for (const line of report) expect(line.length).toBeLessThanOrEqual(80);
  });

  test('odd/: every awkward or broken file is one note; nothing throws', async () => {
    try {
      const { outcome, notes } = await calibrateFolder('odd');
      expect(outcome?.counts.files).toBe(corpusFiles('odd').length);
      // With --verbose every skipped file is a note, and the count of them by reason closes the list.
      for (const note of notes) expect(note).toMatch(/^paceguard: (.+\.fit: (skipped|warning): |warning: |skipped [\d,]+ files?: |… and [\d,]+ more lines? like ")[^\n]+$/);
    } catch (error) {
      // No usable run at all is a one-line usage error, which is fine too.
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^calibrate: no usable runs \(/);
    }
  });
});
