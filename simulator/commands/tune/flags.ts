import { availableParallelism } from 'node:os';
import * as z from 'zod';
import { numberFlag, parseCommandArgs } from '../../io/args.ts';
import { WORKERS } from '../../io/workers-flag.ts';

// Shared with calibrate's flags, so declared in io/: re-exported where tune's readers have found it.
export { MAX_WORKERS, WORKERS } from '../../io/workers-flag.ts';

/** `paceguard tune` flags, validated at the edge; messages name the flag. */
const Flags = z
  .strictObject({
    profile: z.string().min(1, 'expected a file name, like profile.json').optional(),
    apply: z.boolean().optional(),
    out: z.string().min(1, 'expected a file name, like profile.json').optional(),
    cache: z.string().min(1, 'expected a folder, like ~/.cache/paceguard').optional(),
    'no-cache': z.boolean().optional(),
    workers: numberFlag(WORKERS).optional(),
    help: z.boolean().optional(),
  })
  .refine((f) => f.out === undefined || f.apply === true, { message: 'writes only with --apply (give both)', path: ['out'] })
  .refine((f) => f.cache === undefined || f['no-cache'] !== true, { message: 'give --cache DIR or --no-cache, not both', path: ['no-cache'] });

export interface TuneOptions {
  readonly paths: readonly string[];
  readonly profile?: string;
  readonly apply: boolean;
  readonly out?: string;
  /** undefined: the platform's cache folder (calibrate's); null: no cache. */
  readonly cacheDir?: string | null;
  /** Threads scoring files; default: every core. */
  readonly workers: number;
  readonly help: boolean;
}

export function parseTuneFlags(argv: readonly string[]): TuneOptions {
  const { flags: f, positionals } = parseCommandArgs('tune', argv, {
    profile: { type: 'string' },
    apply: { type: 'boolean' },
    out: { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, Flags);
  return {
    paths: positionals,
    ...(f.profile === undefined ? {} : { profile: f.profile }),
    apply: f.apply === true,
    ...(f.out === undefined ? {} : { out: f.out }),
    ...(f['no-cache'] === true ? { cacheDir: null } : f.cache === undefined ? {} : { cacheDir: f.cache }),
    workers: f.workers ?? availableParallelism(),
    help: f.help === true,
  };
}
