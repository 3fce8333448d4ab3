import { describe, expect, test } from 'vitest';
import { replaceBlock } from '../../simulator/bench/write-doc.ts';

describe('replaceBlock', () => {
  const block = (body: string) =>
    `<!-- bench:speed begin: written by \`npm run bench\`, do not edit -->\n${body}\n<!-- bench:speed end -->`;
  test.each([
    ['appends to a file without the block', '# Speed\n\nprose\n', `# Speed\n\nprose\n\n${block('1.0 M/s')}\n`],
    ['appends to an empty file', '', `\n\n${block('1.0 M/s')}\n`],
    ['replaces only the block', `# Speed\n\n${block('0.9 M/s')}\n\nafter\n`, `# Speed\n\n${block('1.0 M/s')}\n\nafter\n`],
  ])('%s', (_name, before, after) => {
    expect(replaceBlock(before, 'speed', 'npm run bench', '1.0 M/s\n')).toBe(after);
  });

  test('leaves another benchmark block alone', () => {
    const other = '<!-- bench:tune begin: written by `x`, do not edit -->\n5 s\n<!-- bench:tune end -->';
    const out = replaceBlock(`${other}\n\n${block('0.9')}\n`, 'speed', 'npm run bench', '1.0');
    expect(out).toBe(`${other}\n\n${block('1.0')}\n`);
  });
});
