import { encodeActivity } from '../../../../src/fit/encode.ts';
import { formatDuration } from '../../../../src/fit/format.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';
import type { RunSummary } from '../../../../src/summary/summary.ts';
import { decodeRecording } from '../../../../src/track/recording.ts';
import { configFromProfile, parseProfileText } from '../../../../src/profile/profile.ts';
import { recompute } from '../replay/recompute.ts';

/**
 * A stored session judged after the run, exactly as `paceguard replay` judges
 * the FIT file the phone exports for it: the inputs are encoded to that file's
 * bytes and read back (so every rounding the file makes is made here too),
 * then folded through the same guard step and the same summary (src/summary).
 * The figures after Stop and in the session list are therefore the command's.
 */
export type JudgedSession =
  | { readonly ok: true; readonly summary: RunSummary; readonly fit: Uint8Array }
  | { readonly ok: false; readonly error: string };

export function judgeSession(inputs: readonly GuardInput[], profileText: string): JudgedSession {
  if (!inputs.some((i) => i.kind === 'sample')) return { ok: false, error: 'No readings were recorded: nothing to judge.' };
  // The profile's own checks (src/profile/profile.ts), as profile.ts makes them, without its DOM half.
  const parsed = parseProfileText(profileText);
  const built = parsed.ok ? configFromProfile(parsed.profile) : undefined;
  if (built?.ok !== true) return { ok: false, error: 'The profile this run was guarded with no longer reads.' };
  const fit = exportedFit(inputs);
  const decoded = decodeRecording(fit);
  if (!decoded.ok) return { ok: false, error: `The run could not be read back: ${decoded.error}` };
  const { summary } = recompute({ file: 'session', inputs: decoded.inputs, info: decoded.info, warnings: decoded.warnings }, built.config);
  return { ok: true, summary, fit };
}

/** The session as the FIT file "Export" saves (and `paceguard replay` reads). */
export function exportedFit(inputs: readonly GuardInput[]): Uint8Array {
  return new Uint8Array(encodeActivity({ inputs, productName: 'paceguard phone' }));
}

/** What the after-run panel shows: each figure as a label and its value, worded as `paceguard replay`'s summary. */
export interface SummaryFigure {
  readonly id: string;
  readonly label: string;
  readonly value: string;
}

export function summaryFigures(s: RunSummary): SummaryFigure[] {
  const o = s.overMs;
  const a = s.alerts;
  const alerts = [
    `${a.slowDown} slow-down${a.repeats > 0 ? ` (+${a.repeats} repeated)` : ''}`,
    ...(a.signalLost > 0 ? [`${a.signalLost} signal lost`] : []),
    ...(a.timeUp > 0 ? ['time up'] : []),
    ...(a.tired > 0 ? ['tired'] : []),
  ];
  return [
    { id: 'moving', label: 'Moving time', value: formatDuration(s.movingMs) },
    { id: 'under', label: 'Under the ceiling', value: s.underShare !== undefined ? `${(s.underShare * 100).toFixed(1)} % of moving time` : 'no moving time' },
    {
      id: 'over',
      label: 'Over the ceiling',
      value: o.total === 0 ? 'never' : `${formatDuration(o.total)} (${overParts(o).join(', ')})`,
    },
    { id: 'alerts', label: 'Alerts', value: alerts.join(', ') },
    ...(s.decouplingPct !== undefined ? [{ id: 'drift', label: 'Heart-rate drift', value: `${s.decouplingPct.toFixed(1)} % from first half to second` }] : []),
  ];
}

/** The time over, by what was over, naming only what was (replay's text lists all three, zeros too). */
function overParts(o: RunSummary['overMs']): string[] {
  const parts: [string, number][] = [
    ['pace', o.pace],
    ['heart rate', o.hr],
    ['both at once', o.both],
  ];
  return parts.filter(([, ms]) => formatDuration(ms) !== formatDuration(0)).map(([what, ms]) => `${what} ${formatDuration(ms)}`);
}
