/**
 * The corpus run with the most slow-down repeats at `--easy-pace 6:00`: 2
 * alerts and 43 repeats, measured by replaying every file in the corpus's
 * runs/ with the command's `--format jsonl` (next: sportstracker_garmin-fr910xt
 * and sportslib_garmin-fr945_treadmill, 40 each). The charts' hardest case for
 * folding repeats; its licence keeps it in the corpus, read in place. Those
 * counts were with a repeat every minute; with repeats backing off (1, 3, 7
 * min) and not-recovery after 5 min over, it gives 2 alerts, 2 repeats and
 * one not-recovery.
 */
export const BUSIEST = 'sportslib_coros-p841_run-01.fit';
