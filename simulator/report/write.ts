import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../calibrate/atomic.ts';
import { UsageError } from '../cli/fail.ts';
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
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
    throw new UsageError(`--report ${file}: cannot write it (${(code !== undefined ? WRITE_ERRORS[code] : undefined) ?? code ?? String(error)})`);
  }
}

/** File-system error codes in words. EEXIST: `mkdir -p` met a file where a folder should be. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};
