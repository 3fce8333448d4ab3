/**
 * The judge's self-check alone (`npm run bench:judge`): its episodes on the
 * synthetic suite against the truth's, as precision and recall, by cause.
 * Quicker than bench:real, which prints the same check beside its figures.
 */
import { judgeCheck } from './judge/check.ts';

const check = judgeCheck();
console.log(check.lines.join('\n'));
