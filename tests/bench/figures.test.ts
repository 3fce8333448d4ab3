import { describe, expect, test } from 'vitest';
import { fenced } from '../../simulator/bench/figures.ts';

const said = (text: string) => ({ text, markdown: false });
const table = (text: string) => ({ text, markdown: true });

describe('fenced: what a benchmark printed, as it goes into its docs block', () => {
  test.each([
    ['printed lines in one code block', [said('a 1'), said('b 2')], ['```', 'a 1', 'b 2', '```']],
    ['a table as Markdown, outside any code block', [table('| a |'), table('|---|')], ['| a |', '|---|']],
    ['a table, then printed lines (the printed blank is the gap)', [table('| a |'), said(''), said('x')], ['| a |', '', '```', 'x', '```']],
    ['printed lines, then a table', [said('x'), table('| a |')], ['```', 'x', '```', '', '| a |']],
    ['nothing printed', [], []],
  ])('%s', (_name, lines, out) => {
    expect(fenced(lines)).toEqual(out);
  });
});
