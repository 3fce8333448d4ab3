/**
 * One declaration per setting. A setting a runner may tune is declared once,
 * as `{ unit, default, min, max, whole?, why }`, and everything else is
 * derived from that one object: its type (SettingValues), its defaults
 * (defaultsOf), the profile schema's bounds (src/ceiling/bounds.ts
 * `overridesSchema`), and the table in the docs (`npm run docs:settings`).
 * Nothing is typed twice, so nothing can disagree.
 *
 *   declareSettings({ repeatMs: { unit: 'milliseconds', default: 60_000, min: 10_000, max: 900_000, whole: true, why: '…' } })
 *     → SettingValues: { readonly repeatMs: number }
 *     → defaultsOf:    { repeatMs: 60000 }
 *     → profile:       tuning.repeatMs: "expected milliseconds from 10000 to 900000, like 60000"
 *     → docs:          | `repeatMs` | 1 min | 10 s – 15 min | … |
 *
 * A declaration written `{ … } as const` elsewhere (the effort estimator's)
 * has exactly this shape and folds in as it is. Platform-free and without
 * zod: the guard's defaults cost a watch nothing but the numbers.
 */

export interface SettingDeclaration {
  /** The unit in words, plural, as a runner reads it in a message: "beats per minute", "milliseconds", "a share". */
  readonly unit: string;
  readonly default: number;
  /** The range a profile may set; the guard stays sensible inside it. */
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly whole?: boolean;
  /** One line: why this setting exists and why its default. */
  readonly why: string;
}

export type SettingDeclarations = Readonly<Record<string, SettingDeclaration>>;

/**
 * A setting's values, one number per declared name. A homomorphic mapped
 * type: each property keeps the doc comment written on its declaration.
 */
export type SettingValues<S extends SettingDeclarations> = { readonly [K in keyof S]: number };

/**
 * Declares settings: returns them as written (their literal types and doc
 * comments kept), after checking each one, since a declaration out of its
 * own bounds is a programmer's mistake and should fail at once.
 */
export function declareSettings<const S extends SettingDeclarations>(settings: S): S {
  const problems = declarationProblems(settings);
  if (problems.length > 0) throw new Error(`bad setting declaration: ${problems.join('; ')}`);
  return settings;
}

/** What is wrong with the declarations, one phrase each (empty when all are sound). */
export function declarationProblems(settings: SettingDeclarations): string[] {
  const problems: string[] = [];
  for (const [name, s] of Object.entries(settings)) {
    const numbers = [s.default, s.min, s.max];
    if (!numbers.every(Number.isFinite)) problems.push(`${name}: default, min and max must be finite numbers`);
    else if (!(s.min <= s.default && s.default <= s.max)) problems.push(`${name}: default ${s.default} outside ${s.min}..${s.max}`);
    if (s.whole === true && !numbers.every(Number.isInteger)) problems.push(`${name}: whole, but default, min or max is not a whole number`);
    if (s.unit.trim() === '') problems.push(`${name}: no unit`);
    if (s.why.trim() === '' || s.why.includes('\n') || s.why.includes('|')) problems.push(`${name}: why must be one line of text (no "|": it is a table cell)`);
  }
  return problems;
}

/** The defaults, in declaration order. */
export function defaultsOf<S extends SettingDeclarations>(settings: S): SettingValues<S> {
  return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.default])) as SettingValues<S>;
}
