import { encodeActivity } from '../../../../src/fit/encode.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';
import type { RunSummary } from '../../../../src/summary/summary.ts';
import { decodeRecording } from '../../../../src/track/recording.ts';
import { configFromProfile, parseProfileText } from '../../../../src/profile/profile.ts';
import { recompute } from '../replay/recompute.ts';

/**
 * A stored session judged after the run, exactly as `paceguard replay` judges
 * the FIT file the phone exports for it: the inputs are encoded to that file's
 * bytes and read back (so every rounding the file makes is made here too),
 * then folded through the same guard step and the same summary (src/summary).
 * The figures after Stop and in the session list are therefore the command's.
 */
export type JudgedSession =
  | { readonly ok: true; readonly summary: RunSummary; readonly fit: Uint8Array }
  | { readonly ok: false; readonly error: string };

export function judgeSession(inputs: readonly GuardInput[], profileText: string): JudgedSession {
  if (!inputs.some((i) => i.kind === 'sample')) return { ok: false, error: 'No readings were recorded: nothing to judge.' };
  // The profile's own checks (src/profile/profile.ts), as profile.ts makes them, without its DOM half.
  const parsed = parseProfileText(profileText);
  const built = parsed.ok ? configFromProfile(parsed.profile) : undefined;
  if (built?.ok !== true) return { ok: false, error: 'The profile this run was guarded with no longer reads.' };
  const fit = exportedFit(inputs);
  const decoded = decodeRecording(fit);
  if (!decoded.ok) return { ok: false, error: `The run could not be read back: ${decoded.error}` };
  const { summary } = recompute({ file: 'session', inputs: decoded.inputs, info: decoded.info, warnings: decoded.warnings }, built.config);
  return { ok: true, summary, fit };
}

/** The session as the FIT file "Export" saves (and `paceguard replay` reads). */
export function exportedFit(inputs: readonly GuardInput[]): Uint8Array {
  return new Uint8Array(encodeActivity({ inputs, productName: 'paceguard phone' }));
}

