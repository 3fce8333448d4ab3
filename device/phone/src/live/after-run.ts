import { formatDuration } from '../../../../src/fit/format.ts';
import type { RunSummary } from '../../../../src/summary/summary.ts';

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
