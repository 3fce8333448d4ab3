import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './fail.ts';

/**
 * A command's flags: Node's own parser (strict about unknown flags), then the
 * command's zod schema. Every refusal is one line naming the command and the
 * flag: "replay: --easy-pace: expected a pace like 5:30".
 */
export function parseCommandArgs<Schema extends z.ZodType>(
  command: string,
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: Schema,
): { readonly flags: z.output<Schema>; readonly positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    // parseArgs explains itself in one sentence ("Unknown option '--x'…"); keep only that.
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]}`);
  }
  const checked = schema.safeParse(parsed.values);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const flag = issue?.path[0];
    throw new UsageError(`${command}: ${flag !== undefined ? `--${String(flag)}: ` : ''}${issue?.message ?? 'invalid flags'}`);
  }
  return { flags: checked.data, positionals: parsed.positionals };
}
