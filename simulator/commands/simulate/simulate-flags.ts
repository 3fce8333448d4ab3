import * as z from 'zod';
import { MAX_SEED, SEED_EXPECTED } from '../../synth/scenario-file/schema.ts';
import { parseCommandArgs } from '../../io/args.ts';
import { UsageError } from '../../io/fail.ts';

/** `paceguard simulate` flags, validated at the edge; messages name the flag. */
const Flags = z.strictObject({
  out: z.string().min(1, 'expected a file name, like run.fit').optional(),
  seed: z
    .string()
    .regex(/^\d+$/, `expected ${SEED_EXPECTED}`)
    .transform(Number)
    .pipe(z.number().max(MAX_SEED, `expected ${SEED_EXPECTED}`))
    .optional(),
  help: z.boolean().optional(),
});

export interface SimulateOptions {
  readonly scenarioPath?: string;
  readonly outPath?: string;
  /** Overrides the scenario file's seed. */
  readonly seed?: number;
  readonly help: boolean;
}

export function parseSimulateFlags(argv: readonly string[]): SimulateOptions {
  const { flags, positionals } = parseCommandArgs(
    'simulate',
    argv,
    {
      out: { type: 'string', short: 'o' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    Flags,
  );
  if (positionals.length > 1) throw new UsageError(`simulate: expected one scenario file, got ${positionals.length}`);
  const scenarioPath = positionals[0];
  return {
    ...(scenarioPath !== undefined ? { scenarioPath } : {}),
    ...(flags.out !== undefined ? { outPath: flags.out } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    help: flags.help === true,
  };
}
