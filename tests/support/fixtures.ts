import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardInput } from '../../src/samples/sample.ts';

/** A fresh temporary folder for one test file's fixtures. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'paceguard-test-'));
}

/** Writes inputs as a FIT activity (the SDK's Encoder) and returns the path. */
export function writeFit(dir: string, name: string, inputs: readonly GuardInput[], productName?: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, encodeActivity({ inputs, ...(productName !== undefined ? { productName } : {}) }));
  return file;
}
