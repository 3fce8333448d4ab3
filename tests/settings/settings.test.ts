/**
 * One declaration per setting (src/settings/declare.ts, src/guard/settings.ts):
 * the declarations are sound, the defaults and the profile's bounds come from
 * them, and the table in docs/design.md is what they generate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { declarationProblems, declareSettings, defaultsOf, type SettingDeclarations } from '../../src/settings/declare.ts';
import { DEFAULT_TUNING, GUARD_SETTINGS } from '../../src/guard/settings.ts';
import { describeIssue, Profile } from '../../src/profile/profile.ts';
import { overridesSchema } from '../../src/ceiling/bounds.ts';
import { replaceBlock } from '../../simulator/bench/write-doc.ts';
import { rangeText, SETTINGS_DOC, settingsDocBody, settingsTable, valueText } from '../../simulator/docs/settings-table.ts';

const WHY = 'because';

describe('declarationProblems', () => {
  test.each<[string, SettingDeclarations, string[]]>([
    ['a sound declaration', { aMs: { unit: 'milliseconds', default: 10, min: 0, max: 20, whole: true, why: WHY } }, []],
    ['default under min', { a: { unit: 'a share', default: -1, min: 0, max: 1, why: WHY } }, ['a: default -1 outside 0..1']],
    ['default over max', { a: { unit: 'a share', default: 2, min: 0, max: 1, why: WHY } }, ['a: default 2 outside 0..1']],
    ['min over max', { a: { unit: 'a share', default: 1, min: 2, max: 0, why: WHY } }, ['a: default 1 outside 2..0']],
    ['not finite', { a: { unit: 'a share', default: Number.NaN, min: 0, max: 1, why: WHY } }, ['a: default, min and max must be finite numbers']],
    ['whole but fractional', { a: { unit: 'milliseconds', default: 0.5, min: 0, max: 1, whole: true, why: WHY } }, ['a: whole, but default, min or max is not a whole number']],
    ['no unit', { a: { unit: ' ', default: 0, min: 0, max: 1, why: WHY } }, ['a: no unit']],
    ['why on two lines', { a: { unit: 'a share', default: 0, min: 0, max: 1, why: 'one\ntwo' } }, ['a: why must be one line of text (no "|": it is a table cell)']],
    ['why breaking the table', { a: { unit: 'a share', default: 0, min: 0, max: 1, why: 'a | b' } }, ['a: why must be one line of text (no "|": it is a table cell)']],
  ])('%s', (_name, settings, problems) => {
    expect(declarationProblems(settings)).toEqual(problems);
  });

  test('declareSettings refuses an unsound declaration at once', () => {
    expect(() => declareSettings({ a: { unit: 'a share', default: 2, min: 0, max: 1, why: WHY } })).toThrow('bad setting declaration: a: default 2 outside 0..1');
  });

  test("the guard's declarations are sound", () => {
    expect(declarationProblems(GUARD_SETTINGS)).toEqual([]);
  });
});

describe("the guard's settings", () => {
  test('DEFAULT_TUNING is each declared default, in declaration order', () => {
    const declared = Object.entries(GUARD_SETTINGS).map(([name, s]) => [name, s.default]);
    expect(Object.entries(DEFAULT_TUNING)).toEqual(declared);
  });

  // Every declared bound, both sides: the profile takes the bound itself and refuses one step past it, with the declared message.
  const declared: SettingDeclarations = GUARD_SETTINGS;
  const edges = Object.entries(declared).flatMap(([name, s]) => {
    const step = s.whole === true ? 1 : Math.max((s.max - s.min) / 1000, 1e-9);
    const message = `tuning.${name}: expected ${s.unit} from ${s.min} to ${s.max}, like ${s.default}`;
    return [
      [name, s.min, undefined],
      [name, s.max, undefined],
      [name, s.min - step, message],
      [name, s.max + step, message],
    ] as const;
  });
  test.each(edges)('tuning.%s = %s → %s', (name, value, message) => {
    const checked = Profile.safeParse({ tuning: { [name]: value } });
    expect(checked.success ? undefined : describeIssue(checked.error)).toBe(message);
  });

  test('a whole-number setting refuses a fraction', () => {
    const checked = Profile.safeParse({ tuning: { repeatMs: 60_000.5 } });
    expect(checked.success ? undefined : describeIssue(checked.error)).toBe('tuning.repeatMs: expected milliseconds from 10000 to 900000, like 60000');
  });

  test('a name not declared is refused, with the nearest declared one', () => {
    const checked = Profile.safeParse({ tuning: { repeatMS: 60_000 } });
    expect(checked.success ? undefined : describeIssue(checked.error)).toBe('tuning.repeatMS: unknown field; did you mean repeatMs?');
  });
});

describe('the settings table', () => {
  test.each([
    [10_000, 'milliseconds', '10 s'],
    [90_000, 'milliseconds', '90 s'],
    [300_000, 'milliseconds', '5 min'],
    [7_200_000, 'milliseconds', '2 h'],
    [0, 'milliseconds', '0 s'],
    [8, 'seconds per km', '8 s/km'],
    [1.5, 'a multiple', '1.5'],
    [0.75, 'percent grade', '0.75 %'],
    [24, 'beats per minute per m/s', '24 beats per minute per m/s'],
  ])('%s %s reads %s', (value, unit, text) => {
    expect(valueText(value, unit)).toBe(text);
  });

  test.each([
    [0, 60, 'seconds per km', '0–60 s/km'],
    [1_000, 60_000, 'milliseconds', '1 s – 1 min'],
    [0, 1, 'a share', '0–1'],
  ])('range %s..%s %s reads %s', (min, max, unit, text) => {
    expect(rangeText(min, max, unit)).toBe(text);
  });

  test('one row per setting, in declaration order, a whole non-duration marked', () => {
    const table = settingsTable({
      holdMs: { unit: 'milliseconds', default: 10_000, min: 0, max: 120_000, whole: true, why: 'hold' },
      countSteps: { unit: 'steps', default: 3, min: 1, max: 9, whole: true, why: 'count' },
    });
    expect(table.split('\n')).toEqual([
      '| setting (profile `tuning` name) | default | a profile may set | why |',
      '|---|---|---|---|',
      '| `holdMs` | 10 s | 0 s – 2 min | hold |',
      '| `countSteps` | 3 steps | 1–9 steps, whole | count |',
    ]);
  });

  test('docs/design.md holds the table the declarations generate (else run npm run docs:settings)', () => {
    const doc = readFileSync(SETTINGS_DOC.path, 'utf8');
    expect(doc).toContain(`<!-- bench:${SETTINGS_DOC.block} begin`);
    expect(replaceBlock(doc, SETTINGS_DOC.block, SETTINGS_DOC.command, settingsDocBody())).toBe(doc);
  });

  test('every guard setting has its row', () => {
    const body = settingsDocBody();
    for (const name of Object.keys(GUARD_SETTINGS)) expect(body).toContain(`| \`${name}\` |`);
    expect(defaultsOf(GUARD_SETTINGS)).toEqual(DEFAULT_TUNING);
  });
});

describe('another group of settings, declared `as const` elsewhere (the effort estimator will be)', () => {
  // Exactly the shape src/estimate/settings.ts is to have: each helper takes it as it is.
  const OTHER = {
    hrTauSec: { unit: 'seconds', default: 55, min: 10, max: 180, why: 'how fast heart rate follows a change of effort' },
    hrDelaySec: { unit: 'seconds', default: 4, min: 0, max: 30, whole: true, why: 'dead time before heart rate answers' },
  } as const;

  test('defaults, profile bounds and a table come from it unchanged', () => {
    const defaults: { readonly hrTauSec: number; readonly hrDelaySec: number } = defaultsOf(OTHER);
    expect(defaults).toEqual({ hrTauSec: 55, hrDelaySec: 4 });
    expect(declarationProblems(OTHER)).toEqual([]);
    const schema = overridesSchema(OTHER);
    expect(schema.parse({ hrTauSec: 60 })).toEqual({ hrTauSec: 60 });
    const refused = schema.safeParse({ hrDelaySec: 2.5 });
    expect(refused.success ? undefined : refused.error.issues[0]?.message).toBe('expected seconds from 0 to 30, like 4');
    expect(settingsTable(OTHER).split('\n').slice(2)).toEqual([
      '| `hrTauSec` | 55 s | 10–180 s | how fast heart rate follows a change of effort |',
      '| `hrDelaySec` | 4 s | 0–30 s, whole | dead time before heart rate answers |',
    ]);
  });
});
