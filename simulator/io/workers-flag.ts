/** More threads than this gains nothing on any laptop and only costs memory. */
export const MAX_WORKERS = 64;

/** `--workers N` (tune, calibrate): threads, one per core by default. */
export const WORKERS = { min: 1, max: MAX_WORKERS, like: 4, unit: 'threads', whole: true } as const;
