import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from '../../src/ceiling/zod.ts';
import type { $ZodType, output } from 'zod/v4/core';
import { bounded, type Bounds } from '../../src/ceiling/bounds.ts';
import { nearestName } from '../../src/ceiling/nearest-name.ts';
import { UsageError } from './fail.ts';

/**
 * Flag parsing in `zod/mini` (src/ceiling/zod.ts, English messages
 * configured), so that a command whose flags are written in it never loads
 * classic zod: `replay` is the one a runner waits for, and classic zod was
 * about a third of what its start-up compiled. Schemas written in classic zod
 * (calibrate, tune, simulate: ./args.ts) go through the same parser; both
 * kinds are zod's core schemas and give the same messages.
 */

/**
 * A number flag, checked against what a body (or a machine) can do, with
 * the one message every bad value gets, in a runner's units:
 * "--hr-ceiling: expected beats per minute from 60 to 220, like 140".
 */
export function numberFlag(bounds: Bounds) {
  // Number('') is 0: an empty value is not a number here.
  return z.pipe(
    z.pipe(
      z.string().check(z.trim()),
      z.transform((text: string) => (text === '' ? Number.NaN : Number(text))),
    ),
    bounded(bounds),
  );
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's flags: Node's own parser (strict about unknown flags), then the
 * command's zod schema. Every refusal is one line naming the command and the
 * flag, in the runner's words: "replay: --easy-pace: expected a pace like
 * 5:30", "replay: unknown flag --easypace; did you mean --easy-pace?".
 */
export function parseCommandArgs<Schema extends $ZodType>(
  command: string,
  argv: readonly string[],
  options: Options,
  schema: Schema,
): { readonly flags: output<Schema>; readonly positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(`${command}: ${parseArgsProblem(command, error, options, schema)}`);
  }
  const checked = z.safeParse(schema, parsed.values);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const flag = issue?.path[0];
    throw new UsageError(`${command}: ${flag !== undefined ? `--${String(flag)}: ` : ''}${issue?.message ?? 'invalid flags'}`);
  }
  return { flags: checked.data, positionals: parsed.positionals };
}

/** Node's parseArgs refusals, reworded: an unknown flag gets the nearest known one; a missing value, what the flag expects. */
function parseArgsProblem(command: string, error: unknown, options: Options, schema: $ZodType): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  // "Unknown option '--easypace'", "Option '-h, --help' does not take an argument": the long name when there is one.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const given = /--[^\s<=,]+/.exec(quoted)?.[0] ?? /-[^\s<=,]+/.exec(quoted)?.[0] ?? '';
  const known = Object.keys(options);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = nearestName(given.replace(/^-+/, ''), known);
    return `unknown flag ${given}; ${near !== undefined ? `did you mean --${near}?` : `see paceguard ${command} --help`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = given.replace(/^-+/, '');
    const flag = known.includes(name) ? name : Object.entries(options).find(([, o]) => o.short === name)?.[0];
    if (flag !== undefined && options[flag]?.type === 'boolean') return `--${flag}: takes no value`;
    if (flag !== undefined) {
      // What the flag expects, as its schema says it for an empty value.
      const issue = z.safeParse(schema, { [flag]: '' }).error?.issues.find((i) => i.path[0] === flag);
      return `--${flag}: ${issue?.message ?? 'expected a value after it'}`;
    }
  }
  return message.split('\n')[0] ?? message;
}
