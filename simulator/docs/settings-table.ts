import type { SettingDeclarations } from '../../src/settings/declare.ts';
import { GUARD_SETTINGS } from '../../src/guard/settings.ts';
import { ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';

/**
 * The settings table of docs/design.md, made from the declarations
 * (src/settings/declare.ts) so that it cannot drift from the code:
 *
 *   | setting (profile `tuning` name) | default | a profile may set | why |
 *   | `repeatMs` | 1 min | 10 s – 15 min | while still over, … |
 *
 * Values are shown in a runner's units (milliseconds as s, min or h); a unit
 * not known here is shown in its own words.
 */

/** Short symbols for the unit words the declarations use. */
const UNIT_SYMBOLS: Readonly<Record<string, string>> = {
  'beats per minute': 'bpm',
  'beats per minute × seconds': 'bpm·s',
  'seconds per km': 's/km',
  'seconds per km × seconds': '(s/km)·s',
  'steps per minute': 'spm',
  'metres per second': 'm/s',
  'percent grade': '%',
  seconds: 's',
  'a multiple': '×',
  'a share': '',
};

const MS_PER_S = 1_000;
const MS_PER_MIN = 60_000;
const MS_PER_H = 3_600_000;

/** A duration in the largest unit that shows it whole (90 s stays 90 s, 5 min, 2 h). */
function durationText(ms: number): string {
  if (ms !== 0 && ms % MS_PER_H === 0) return `${ms / MS_PER_H} h`;
  if (ms !== 0 && ms % MS_PER_MIN === 0) return `${ms / MS_PER_MIN} min`;
  return `${ms / MS_PER_S} s`;
}

/** A value in its unit: "1 min", "8 s/km", "1.5", "0.75 %". */
export function valueText(value: number, unit: string): string {
  if (unit === 'milliseconds') return durationText(value);
  const symbol = UNIT_SYMBOLS[unit];
  if (symbol === undefined) return `${value} ${unit}`;
  return symbol === '' || symbol === '×' ? `${value}` : `${value} ${symbol}`;
}

/** "0–60 s/km", "1 s – 1 min": the unit once when both ends share it. */
export function rangeText(min: number, max: number, unit: string): string {
  // Durations may change unit between the ends (1 s – 1 min); every other unit is a suffix on the number.
  return unit === 'milliseconds' ? `${valueText(min, unit)} – ${valueText(max, unit)}` : `${min}–${valueText(max, unit)}`;
}

/** The table, one row per setting in declaration order. */
export function settingsTable(settings: SettingDeclarations, header = '| setting (profile `tuning` name) | default | a profile may set | why |'): string {
  const rows = Object.entries(settings).map(
    ([name, s]) => `| \`${name}\` | ${valueText(s.default, s.unit)} | ${rangeText(s.min, s.max, s.unit)}${s.whole === true && s.unit !== 'milliseconds' ? ', whole' : ''} | ${s.why} |`,
  );
  return [header, '|---|---|---|---|', ...rows].join('\n');
}

/** Where the table lives (from the repository's root), its block's name and the command that writes it. */
export const SETTINGS_DOC = {
  path: 'docs/design.md',
  block: 'guard-settings',
  command: 'npm run docs:settings',
} as const;

/** The block's body: the guard's settings, then the effort model's (src/estimate/settings.ts; the bench alerter `paceguard-model`, not in the profile). */
export function settingsDocBody(): string {
  return [
    settingsTable(GUARD_SETTINGS),
    '',
    "The effort model's settings (src/estimate/settings.ts), for the bench alerter `paceguard-model` ([effort-model.md](effort-model.md)); not read from the profile while the product runs today's guard:",
    '',
    settingsTable(ESTIMATE_SETTINGS, '| effort model setting | default | range | why |'),
  ].join('\n');
}
