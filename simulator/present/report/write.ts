import { NotRegularFileError } from '../../io/file-kind.ts';
import { writeFileAtomic, writeTarget } from '../../io/atomic.ts';
import { UsageError } from '../../io/fail.ts';
import { writeProblem } from '../../io/fs-problem.ts';
import type { ReportData } from '../../../src/report/collect.ts';
import { buildReport } from './template.ts';

/**
 * `--report FILE`, checked before the replay prints anything: a folder, a
 * device, a named pipe or a link to nothing is refused at once (anything else that cannot be written fails at the end,
 * with the file named).
 */
export async function checkReportPath(file: string): Promise<void> {
  await writeTarget(file).catch((error: unknown) => {
    if (error instanceof NotRegularFileError) throw new UsageError(`--report ${file}: ${error.message}`);
    throw error;
  });
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
