import type { GuardEvent, OverCause } from '../../../src/guard/events.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import { formatDuration } from '../../../src/fit/format.ts';
import { hrTone, paceTone, type LiveState, type Tone } from './state.ts';

/**
 * One frame of the live view as lines of text, at most `columns` wide each
 * (escape codes take no column). Pure: the same state and options give the
 * same lines, so frames are tested with tables.
 *
 * ```
 *  17:11 of 34:59   50x   SLOW DOWN: over on pace
 *  pace   5:31 /km grade-adjusted, 5:26 /km recorded   ceiling 6:00 /km   OVER
 *  heart  134 bpm                                      ceiling 140 bpm    under
 *  last   16:46  slow down: over on pace
 *  [#############################...............................]   49 %
 * ```
 *
 * Narrower terminals get shorter layouts (wide, medium, narrow, tiny: the
 * first in which every line fits); below the tiny one, lines are cut at the edge.
 * The state is in words as well as colours (OVER, near, under), so nothing is
 * lost with NO_COLOR. Only ASCII is used, so one character is one column
 * whatever the locale.
 */
export interface FrameOptions {
  readonly columns: number;
  /** False with NO_COLOR: then the lines hold no escape code at all. */
  readonly color: boolean;
}

/** The bar never gets longer than this, however wide the terminal: it is read at a glance. */
const MAX_BAR_COLUMNS = 60;
/** Narrower than this, the bar is left out and the percentage stays. */
const MIN_BAR_COLUMNS = 5;

interface Segment {
  readonly text: string;
  readonly tone?: Tone;
  readonly strong?: boolean;
}
type Line = readonly Segment[];

export function renderFrame(state: LiveState, options: FrameOptions): string[] {
  const columns = Math.max(1, Math.floor(options.columns));
  const parts = describe(state);
  for (const layout of LAYOUTS) {
    const lines = layout(parts, state, columns);
    if (lines.every((line) => lineWidth(line) <= columns)) return lines.map((line) => paint(line, options.color));
  }
  return tiny(parts, state, columns).map((line) => paint(cut(line, columns), options.color));
}

/** Columns a string takes on screen: its characters less any escape sequences. */
export function visibleWidth(text: string): number {
  return Array.from(text.replace(ESCAPE_PATTERN, '')).length;
}

const ESCAPE_PATTERN = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Everything the layouts show, as text with its tone. */
interface Parts {
  readonly clock: string;
  readonly total: string;
  readonly speed: string | undefined;
  readonly status: { readonly long: string; readonly mid: string; readonly short: string; readonly tone: Tone; readonly strong: boolean };
  readonly gap: string;
  readonly recorded: string;
  readonly paceCeiling: string | undefined;
  readonly paceTone: Tone;
  readonly hr: string;
  readonly hrCeiling: string | undefined;
  readonly hrTone: Tone;
  readonly last: { readonly clock: string; readonly long: string; readonly short: string; readonly tone: Tone } | undefined;
}

function describe(state: LiveState): Parts {
  const { ceilings, near } = state;
  const pace = paceTone(state.gapSecPerKm, ceilings.paceCeilingSecPerKm, near.paceSecPerKm);
  const hr = hrTone(state.hrBpm, ceilings.hrCeilingBpm, near.hrBpm);
  return {
    clock: formatDuration(state.elapsedMs),
    total: formatDuration(state.totalMs),
    speed: state.speed === 'max' ? undefined : `${state.speed}x`,
    status: statusOf(state, pace, hr),
    gap: state.gapSecPerKm !== undefined ? formatPace(state.gapSecPerKm) : '--:--',
    recorded: state.paceSecPerKm !== undefined ? formatPace(state.paceSecPerKm) : '--:--',
    paceCeiling: ceilings.paceCeilingSecPerKm !== undefined ? formatPace(ceilings.paceCeilingSecPerKm) : undefined,
    paceTone: pace,
    hr: state.hrBpm !== undefined ? Math.round(state.hrBpm).toString() : '--',
    hrCeiling: ceilings.hrCeilingBpm !== undefined ? ceilings.hrCeilingBpm.toString() : undefined,
    hrTone: hr,
    last:
      state.lastEvent !== undefined
        ? { clock: formatDuration(state.lastEvent.atMs - state.firstAtMs), ...eventWords(state.lastEvent) }
        : undefined,
  };
}

function statusOf(state: LiveState, pace: Tone, hr: Tone): Parts['status'] {
  if (state.overshoot !== undefined) {
    const cause = state.overshoot;
    const mid = `SLOW DOWN: ${cause === 'both' ? 'pace + HR' : cause === 'hr' ? 'HR' : 'pace'}`;
    return { long: `SLOW DOWN: over on ${causeWords(cause)}`, mid, short: 'SLOW DOWN', tone: 'over', strong: true };
  }
  if (state.paused) return { long: 'paused', mid: 'paused', short: 'paused', tone: 'none', strong: false };
  if (!state.moving) return { long: 'not moving', mid: 'not moving', short: 'stopped', tone: 'none', strong: false };
  const worst = pace === 'over' || hr === 'over' ? 'over' : pace === 'near' || hr === 'near' ? 'near' : pace === 'under' || hr === 'under' ? 'under' : 'none';
  if (worst === 'none') return { long: 'no signal yet', mid: 'no signal yet', short: 'no signal', tone: 'none', strong: false };
  // Over a ceiling but no alert yet: the guard is still gathering evidence (a spike is not an overshoot).
  return { long: `${worst} the ceiling`, mid: `${worst} the ceiling`, short: worst, tone: worst, strong: false };
}

function causeWords(cause: OverCause): string {
  return cause === 'both' ? 'pace and heart rate' : cause === 'hr' ? 'heart rate' : 'pace';
}

function eventWords(event: GuardEvent): { long: string; short: string; tone: Tone } {
  switch (event.kind) {
    case 'slow-down':
      return {
        long: `slow down: over on ${causeWords(event.cause)}${event.repeat > 0 ? ` (repeat ${event.repeat})` : ''}`,
        short: 'slow down',
        tone: 'over',
      };
    case 'not-recovery':
      return { long: `not a recovery run now: over for ${formatDuration(event.movingOverMs)}; ease right off, or cut it short`, short: 'not recovery', tone: 'over' };
    case 'back-under':
      return { long: `back under the ceiling after ${formatDuration(event.overForMs)}`, short: 'back under', tone: 'under' };
    case 'time-up':
      return { long: `time up: planned ${formatDuration(event.plannedMs)} reached`, short: 'time up', tone: 'near' };
    case 'signal-lost': {
      const what = event.sensor === 'hr' ? 'heart rate' : 'pace';
      const why = event.reason === 'cadence-lock' ? ' (sensor reading the step rate)' : '';
      return { long: `${what} lost${why}`, short: `${event.sensor === 'hr' ? 'HR' : 'pace'} lost`, tone: 'near' };
    }
    case 'signal-back':
      return { long: `${event.sensor === 'hr' ? 'heart rate' : 'pace'} back`, short: `${event.sensor === 'hr' ? 'HR' : 'pace'} back`, tone: 'under' };
    case 'tired':
      return { long: `tired: heart rate ${Math.round(event.excessBpm)} bpm above your usual`, short: 'tired', tone: 'near' };
  }
}

/** The state in a word, for readers without colour. */
function toneWord(tone: Tone): string {
  return tone === 'over' ? 'OVER' : tone === 'none' ? '' : tone;
}

type Layout = (parts: Parts, state: LiveState, columns: number) => Line[];

/** A reading against its ceiling: label, value and state word in the reading's colour, `gap` between the columns. */
function readingLine(label: string, value: string, ceiling: string, tone: Tone, gap: string): Line {
  return [{ text: label }, { text: value, tone }, { text: `${gap}${ceiling}${gap}` }, { text: toneWord(tone), tone }];
}

function wide(p: Parts, state: LiveState, columns: number): Line[] {
  const paceValue = `${p.gap} /km grade-adjusted, ${p.recorded} /km recorded`;
  const hrValue = `${p.hr} bpm`;
  const valueWidth = Math.max(paceValue.length, hrValue.length);
  const paceCeiling = `ceiling ${p.paceCeiling !== undefined ? `${p.paceCeiling} /km` : 'none'}`;
  const hrCeiling = `ceiling ${p.hrCeiling !== undefined ? `${p.hrCeiling} bpm` : 'none'}`;
  const ceilingWidth = Math.max(paceCeiling.length, hrCeiling.length);
  return [
    [{ text: ` ${p.clock} of ${p.total}${p.speed !== undefined ? `   ${p.speed}` : ''}   ` }, statusSegment(p.status.long, p)],
    readingLine(' pace   ', paceValue.padEnd(valueWidth), paceCeiling.padEnd(ceilingWidth), p.paceTone, '   '),
    readingLine(' heart  ', hrValue.padEnd(valueWidth), hrCeiling.padEnd(ceilingWidth), p.hrTone, '   '),
    p.last !== undefined
      ? [{ text: ` last   ${p.last.clock}  ` }, { text: p.last.long, tone: p.last.tone }]
      : [{ text: ' last   no event yet' }],
    progressLine(state, ' ', columns),
  ].map(trimEnd);
}

function medium(p: Parts, state: LiveState, columns: number): Line[] {
  const paceValue = `${p.gap} (${p.recorded} rec.)`;
  const hrValue = `${p.hr} bpm`;
  const valueWidth = Math.max(paceValue.length, hrValue.length);
  const paceCeiling = `ceiling ${p.paceCeiling ?? 'none'}`;
  const hrCeiling = `ceiling ${p.hrCeiling ?? 'none'}`;
  const ceilingWidth = Math.max(paceCeiling.length, hrCeiling.length);
  return [
    [{ text: ` ${p.clock} of ${p.total}  ` }, statusSegment(p.status.mid, p)],
    readingLine(' pace  ', paceValue.padEnd(valueWidth), paceCeiling.padEnd(ceilingWidth), p.paceTone, '  '),
    readingLine(' heart ', hrValue.padEnd(valueWidth), hrCeiling.padEnd(ceilingWidth), p.hrTone, '  '),
    p.last !== undefined ? [{ text: ` last  ${p.last.clock} ` }, { text: p.last.short, tone: p.last.tone }] : [{ text: ' last  none' }],
    progressLine(state, ' ', columns),
  ].map(trimEnd);
}

function narrow(p: Parts, state: LiveState, columns: number): Line[] {
  return [
    [{ text: `${p.clock} ` }, statusSegment(p.status.short, p)],
    [{ text: 'pace ' }, { text: p.gap, tone: p.paceTone }, { text: ` (${p.paceCeiling ?? '-'}) ` }, { text: toneWord(p.paceTone), tone: p.paceTone }],
    [{ text: 'HR ' }, { text: p.hr, tone: p.hrTone }, { text: ` (${p.hrCeiling ?? '-'}) ` }, { text: toneWord(p.hrTone), tone: p.hrTone }],
    p.last !== undefined ? [{ text: `${p.last.clock} ` }, { text: p.last.short, tone: p.last.tone }] : [{ text: 'no event' }],
    progressLine(state, '', columns),
  ].map(trimEnd);
}

/** The last resort before cutting: values and their state, no ceilings. */
function tiny(p: Parts, state: LiveState, columns: number): Line[] {
  const [status, , , last] = narrow(p, state, columns);
  return [
    status ?? [],
    [{ text: 'pace ' }, { text: p.gap, tone: p.paceTone }, { text: ' ' }, { text: toneWord(p.paceTone), tone: p.paceTone }],
    [{ text: 'HR ' }, { text: p.hr, tone: p.hrTone }, { text: ' ' }, { text: toneWord(p.hrTone), tone: p.hrTone }],
    last ?? [],
    progressLine(state, '', columns),
  ].map(trimEnd);
}

const LAYOUTS: readonly Layout[] = [wide, medium, narrow, tiny];

function statusSegment(text: string, p: Parts): Segment {
  return { text, tone: p.status.tone, strong: p.status.strong };
}

/** `[#####.....]  48 %`, as wide as the terminal allows up to MAX_BAR_COLUMNS; then ` done` or ` stopped`. */
function progressLine(state: LiveState, indent: string, columns: number): Line {
  const fraction = progressFraction(state);
  const percent = `${Math.floor(fraction * 100).toString().padStart(3)} %`;
  const suffix = `  ${percent}${state.phase === 'finished' ? ' done' : state.phase === 'interrupted' ? ' stopped' : ''}`;
  const barColumns = Math.min(MAX_BAR_COLUMNS, columns - indent.length - 2 - suffix.length);
  if (barColumns < MIN_BAR_COLUMNS) return [{ text: `${indent}${suffix.trimStart()}` }];
  const filled = Math.round(fraction * barColumns);
  return [{ text: `${indent}[${'#'.repeat(filled)}${'.'.repeat(barColumns - filled)}]${suffix}` }];
}

/** Share of the recording replayed, 0..1. */
export function progressFraction(state: LiveState): number {
  if (state.totalMs <= 0) return state.phase === 'playing' ? 0 : 1;
  return Math.min(1, Math.max(0, state.elapsedMs / state.totalMs));
}

const SGR: Record<Exclude<Tone, 'none'>, string> = { under: '32', near: '33', over: '31' };
const BOLD = '1';

function paint(line: Line, color: boolean): string {
  return line
    .map((segment) => {
      if (!color || segment.text === '') return segment.text;
      const codes = [...(segment.strong === true ? [BOLD] : []), ...(segment.tone !== undefined && segment.tone !== 'none' ? [SGR[segment.tone]] : [])];
      return codes.length === 0 ? segment.text : `\x1b[${codes.join(';')}m${segment.text}\x1b[0m`;
    })
    .join('');
}

function lineWidth(line: Line): number {
  return line.reduce((sum, segment) => sum + Array.from(segment.text).length, 0);
}

/** Drops trailing blanks (an empty tone word leaves padding behind), so a line is as wide as what it shows. */
function trimEnd(line: Line): Line {
  const out = [...line];
  while (out.length > 0) {
    const last = out[out.length - 1] as Segment;
    const trimmed = last.text.trimEnd();
    if (trimmed === last.text) break;
    out.pop();
    if (trimmed !== '') {
      out.push({ ...last, text: trimmed });
      break;
    }
  }
  return out;
}

/** Cuts a line at `columns`: the last resort, below the narrow layout. */
function cut(line: Line, columns: number): Line {
  const out: Segment[] = [];
  let left = columns;
  for (const segment of line) {
    if (left <= 0) break;
    const chars = Array.from(segment.text);
    out.push(chars.length <= left ? segment : { ...segment, text: chars.slice(0, left).join('') });
    left -= Math.min(chars.length, left);
  }
  return out;
}
