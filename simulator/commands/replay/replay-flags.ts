import * as z from '../../../src/ceiling/zod.ts';
import { PaceText, PROFILE_BOUNDS, type Profile } from '../../../src/profile/profile.ts';
import { UsageError } from '../../io/fail.ts';
import { numberFlag, parseCommandArgs } from '../../io/parse-flags.ts';
import type { ReplaySpeed } from '../../io/paced.ts';

const SPEED = 'expected max or a number above 0, like 10';

/**
 * `paceguard replay` flags, validated at the edge; messages name the flag.
 * Written in `zod/mini` (as the profile is), so a replay never loads classic
 * zod; tests/cli/flags.test.ts pins every message.
 */
const Flags = z.strictObject({
  profile: z.optional(z.string().check(z.minLength(1, 'expected a file name, like profile.json'))),
  'easy-pace': z.optional(PaceText),
  'pace-ceiling': z.optional(PaceText),
  'hr-ceiling': z.optional(numberFlag(PROFILE_BOUNDS.hrCeilingBpm)),
  'max-hr': z.optional(numberFlag(PROFILE_BOUNDS.maxHrBpm)),
  'rest-hr': z.optional(numberFlag(PROFILE_BOUNDS.restHrBpm)),
  'max-duration': z.optional(numberFlag(PROFILE_BOUNDS.maxDurationMin)),
  format: z._default(z.enum(['text', 'jsonl'], 'expected text or jsonl'), 'text'),
  speed: z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((text: string) => (text === 'max' ? text : text.trim() === '' ? Number.NaN : Number(text))),
      ),
      z.union([z.literal('max', SPEED), z.number(SPEED).check(z.gt(0, SPEED), z.maximum(10_000, SPEED))], SPEED),
    ),
    'max',
  ),
  report: z.optional(z.string().check(z.minLength(1, 'expected a file name, like run.html'))),
  help: z.optional(z.boolean()),
});

export interface ReplayOptions {
  readonly file?: string;
  readonly profilePath?: string;
  /** Settings given as flags; they override the profile file field by field. */
  readonly flags: Profile;
  readonly format: 'text' | 'jsonl';
  readonly speed: ReplaySpeed;
  /** `--report FILE`: also write the run as a self-contained HTML report there. */
  readonly reportPath?: string;
  readonly help: boolean;
}

export function parseReplayFlags(argv: readonly string[]): ReplayOptions {
  const { flags: f, positionals } = parseCommandArgs('replay', argv, {
    profile: { type: 'string' },
    'easy-pace': { type: 'string' },
    'pace-ceiling': { type: 'string' },
    'hr-ceiling': { type: 'string' },
    'max-hr': { type: 'string' },
    'rest-hr': { type: 'string' },
    'max-duration': { type: 'string' },
    format: { type: 'string' },
    speed: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, Flags);
  if (positionals.length > 1) {
    throw new UsageError(`replay: expected one FIT file, got ${positionals.length}`);
  }
  const flags: Profile = {
    ...(f['easy-pace'] !== undefined ? { easyPace: f['easy-pace'] } : {}),
    ...(f['pace-ceiling'] !== undefined ? { paceCeiling: f['pace-ceiling'] } : {}),
    ...(f['hr-ceiling'] !== undefined ? { hrCeilingBpm: f['hr-ceiling'] } : {}),
    ...(f['max-hr'] !== undefined ? { maxHrBpm: f['max-hr'] } : {}),
    ...(f['rest-hr'] !== undefined ? { restHrBpm: f['rest-hr'] } : {}),
    ...(f['max-duration'] !== undefined ? { maxDurationMin: f['max-duration'] } : {}),
  };
  const file = positionals[0];
  return {
    ...(file !== undefined ? { file } : {}),
    ...(f.profile !== undefined ? { profilePath: f.profile } : {}),
    flags,
    format: f.format,
    speed: f.speed,
    ...(f.report !== undefined ? { reportPath: f.report } : {}),
    help: f.help === true,
  };
}
