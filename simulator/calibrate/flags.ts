import { parseCommandArgs } from '../cli/args.ts';
import { z } from 'zod';

/** `paceguard calibrate` flags, validated at the edge; messages name the flag. */
const Flags = z
  .strictObject({
    out: z.string().min(1, 'expected a file name').optional(),
    'rest-hr': z.coerce.number<string>().int('expected whole beats per minute').min(25).max(120).optional(),
    cache: z.string().min(1, 'expected a folder').optional(),
    'no-cache': z.boolean().optional(),
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
  readonly help: boolean;
}

export function parseCalibrateFlags(argv: readonly string[]): CalibrateOptions {
  const { flags: f, positionals } = parseCommandArgs('calibrate', argv, {
    out: { type: 'string' },
    'rest-hr': { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, Flags);
  return {
    paths: positionals,
    ...(f.out === undefined ? {} : { out: f.out }),
    ...(f['rest-hr'] === undefined ? {} : { restHrBpm: f['rest-hr'] }),
    ...(f['no-cache'] === true ? { cacheDir: null } : f.cache === undefined ? {} : { cacheDir: f.cache }),
    help: f.help === true,
  };
}
