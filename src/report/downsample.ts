/**
 * Thins a long run's series for the report's charts without hiding what
 * matters: the run is cut into equal stretches of time, and each stretch keeps
 * its first and last time with, per column, its lowest and highest value in
 * the order they came (min/max decimation). A spike over the ceiling lasting
 * one sample still shows; a stretch with no value stays a gap. Alerts are not
 * series: they are never thinned (collect.ts keeps every one).
 *
 *   in:   t  0 1 2 3 4 5 6 7      (maxPoints 4: two stretches, 0–3 and 4–7)
 *         v  5 9 4 6 6 2 7 6
 *   out:  t  0     3 4     7
 *         v  9     4 2     7      (max then min, min then max: their order in time)
 */

/** One time axis (s, ascending) and value columns of the same length; null is "no value". */
export interface Series {
  readonly tSec: readonly number[];
  readonly columns: readonly (readonly (number | null)[])[];
}

export function downsample(series: Series, maxPoints: number): { tSec: number[]; columns: (number | null)[][] } {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`downsample: maxPoints ${maxPoints} must be a whole number of at least 2`);
  const { tSec, columns } = series;
  const n = tSec.length;
  if (n <= maxPoints) return { tSec: [...tSec], columns: columns.map((c) => [...c]) };

  const firstSec = tSec[0] as number;
  const spanSec = (tSec[n - 1] as number) - firstSec;
  const bucketCount = Math.floor(maxPoints / 2);
  const widthSec = spanSec / bucketCount;
  const outT: number[] = [];
  const outColumns: (number | null)[][] = columns.map(() => []);

  const bucketOf = (i: number): number =>
    widthSec > 0 ? Math.min(bucketCount - 1, Math.floor(((tSec[i] as number) - firstSec) / widthSec)) : 0;
  let lo = 0;
  while (lo < n) {
    const bucket = bucketOf(lo);
    let hi = lo;
    while (hi + 1 < n && bucketOf(hi + 1) === bucket) hi++;
    outT.push(tSec[lo] as number);
    if (hi > lo) outT.push(tSec[hi] as number);
    columns.forEach((column, c) => {
      const out = outColumns[c] as (number | null)[];
      const [first, second] = extremesInOrder(column, lo, hi);
      out.push(first);
      if (hi > lo) out.push(second);
    });
    lo = hi + 1;
  }
  return { tSec: outT, columns: outColumns };
}

/** The lowest and highest value in column[lo..hi], earlier one first; nulls when the stretch has none. */
function extremesInOrder(column: readonly (number | null)[], lo: number, hi: number): [number | null, number | null] {
  let minAt = -1;
  let maxAt = -1;
  for (let i = lo; i <= hi; i++) {
    const v = column[i];
    if (v === null || v === undefined) continue;
    if (minAt < 0 || v < (column[minAt] as number)) minAt = i;
    if (maxAt < 0 || v > (column[maxAt] as number)) maxAt = i;
  }
  if (minAt < 0) return [null, null];
  const min = column[minAt] as number;
  const max = column[maxAt] as number;
  return minAt <= maxAt ? [min, max] : [max, min];
}
