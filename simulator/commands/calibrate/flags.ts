import { availableParallelism } from 'node:os';
import { numberFlag, parseCommandArgs } from '../../io/args.ts';
import { PROFILE_BOUNDS } from '../../../src/profile/profile.ts';
import { WORKERS } from '../../io/workers-flag.ts';
import * as z from 'zod';

/** `paceguard calibrate` flags, validated at the edge; messages name the flag. */
const Flags = z
  .strictObject({
    out: z.string().min(1, 'expected a file name, like profile.json').optional(),
    'rest-hr': numberFlag(PROFILE_BOUNDS.restHrBpm).optional(),
    cache: z.string().min(1, 'expected a folder, like ~/.cache/paceguard').optional(),
    'no-cache': z.boolean().optional(),
    workers: numberFlag(WORKERS).optional(),
    verbose: z.boolean().optional(),
    help: z.boolean().optional(),
  })
  .refine((f) => f.cache === undefined || f['no-cache'] !== true, { message: 'give --cache DIR or --no-cache, not both', path: ['no-cache'] });

export interface CalibrateOptions {
  /** Files and folders, as given. */
  readonly paths: readonly string[];
  readonly out?: string;
  readonly restHrBpm?: number;
  /** undefined: the platform's cache folder; null: no cache. */
  readonly cacheDir?: string | null;
  /** Threads extracting files (1: in the main thread); default every core. */
  readonly workers: number;
  /** Every file skipped, one line each, instead of a count by reason. */
  readonly verbose: boolean;
  readonly help: boolean;
}

export function parseCalibrateFlags(argv: readonly string[]): CalibrateOptions {
  const { flags: f, positionals } = parseCommandArgs('calibrate', argv, {
    out: { type: 'string' },
    'rest-hr': { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    workers: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, Flags);
  return {
    paths: positionals,
    ...(f.out === undefined ? {} : { out: f.out }),
    ...(f['rest-hr'] === undefined ? {} : { restHrBpm: f['rest-hr'] }),
    ...(f['no-cache'] === true ? { cacheDir: null } : f.cache === undefined ? {} : { cacheDir: f.cache }),
    workers: f.workers ?? availableParallelism(),
    verbose: f.verbose === true,
    help: f.help === true,
  };
}
