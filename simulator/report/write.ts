import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../calibrate/atomic.ts';
import { UsageError } from '../cli/fail.ts';
import { writeProblem } from '../cli/fs-problem.ts';
import type { ReportData } from './collect.ts';
import { buildReport } from './template.ts';

/**
 * `--report FILE`, checked before the replay prints anything: a folder is
 * refused at once (anything else that cannot be written fails at the end,
 * with the file named).
 */
export async function checkReportPath(file: string): Promise<void> {
  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory() === true) throw new UsageError(`--report ${file}: is a folder, expected a file`);
}

/** Writes the report atomically: a reader sees the old file or the whole new one. */
export async function writeReport(file: string, data: ReportData): Promise<void> {
  const html = buildReport(data);
  try {
    await writeFileAtomic(file, html);
  } catch (error) {
    throw new UsageError(`--report ${file}: cannot write it (${writeProblem(error)})`);
  }
}
