/**
 * `npm run make:examples`: writes examples/ from ./make-examples.ts (run from
 * the package root). The files are committed; tests/examples fails when they
 * drift from what the code makes, and this is how to bring them back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeExamples } from './make-examples.ts';

const EXAMPLES_DIR = 'examples';

mkdirSync(EXAMPLES_DIR, { recursive: true });
for (const { file, bytes } of makeExamples()) {
  const target = path.join(EXAMPLES_DIR, file);
  writeFileSync(target, bytes);
  process.stdout.write(`${target}  ${bytes.length} bytes\n`);
}
