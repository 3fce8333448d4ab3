/**
 * The phone/computer side of the watch profile: a runner's profile (the file
 * `paceguard calibrate` writes, or one written by hand), validated with zod
 * as `replay` validates it, resolved into the guard's config, and written in
 * the watch's format (../watch-profile.ts), which the watch checks cheaply.
 */
import { readFile } from 'node:fs/promises';
import { configFromProfile, describeIssue, Profile } from '../../../src/profile/profile.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import { checkWatchProfile, watchProfileOf, type WatchProfile } from '../../../src/watch-format/watch-profile.ts';
import { parseJsonText } from '../../../src/text/json.ts';

export type WatchProfileResult = { readonly ok: true; readonly profile: WatchProfile } | { readonly ok: false; readonly error: string };

/** A profile's JSON (unknown) → the watch profile, or one line naming the field. */
export function watchProfileFromJson(json: unknown): WatchProfileResult {
  const checked = Profile.safeParse(json);
  if (!checked.success) return { ok: false, error: describeIssue(checked.error) };
  const built = configFromProfile(checked.data);
  // replay's wording names its flags; in a profile file the fields are what can be added.
  if (!built.ok) return { ok: false, error: built.error.startsWith('no ceiling to guard') ? 'no ceiling to guard; expected easyPace, paceCeiling, hrCeilingBpm or maxHrBpm' : built.error };
  return { ok: true, profile: watchProfileOf(built.config) };
}

/**
 * A profile file → the watch profile, or one line saying what is wrong (for
 * `watch:profile` and `build:watch --profile`). Either kind of file: the
 * runner's profile (what `paceguard calibrate` writes, or one written by
 * hand), or one already in the watch's format (what `watch:profile` writes,
 * told apart by its `paceguardWatch` version field), checked as the watch
 * checks it.
 */
export async function readWatchProfileFile(file: string): Promise<WatchProfileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a profile file' : code === 'EACCES' ? 'not readable (permission denied)' : `cannot read it (${code ?? 'error'})`;
    return { ok: false, error: `${why}; expected a profile (JSON), the file paceguard calibrate writes` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: `not JSON (${parsed.why}); expected a profile like {"easyPace": "5:30"}` };
  const json = parsed.value;
  if (typeof json === 'object' && json !== null && 'paceguardWatch' in json) {
    const checked = checkWatchProfile(json);
    return checked.ok ? { ok: true, profile: watchProfileOf(checked.config) } : { ok: false, error: checked.error };
  }
  return watchProfileFromJson(json);
}

/** The profile in a runner's words, for the line `build:watch` prints: "pace ceiling 6:00 /km, heart rate 140 bpm, 40 min". */
export function describeWatchProfile(profile: WatchProfile): string {
  const { paceCeilingSecPerKm, hrCeilingBpm } = profile.ceilings;
  return [
    paceCeilingSecPerKm !== undefined ? `pace ceiling ${formatPace(paceCeilingSecPerKm)} /km` : 'no pace ceiling',
    hrCeilingBpm !== undefined ? `heart rate ${hrCeilingBpm} bpm` : 'no heart-rate ceiling',
    ...(profile.plannedMs !== undefined ? [`${Math.round(profile.plannedMs / 60_000)} min planned`] : []),
    ...(profile.hrCurve !== undefined ? ['calibrated heart-rate curve'] : []),
  ].join(', ');
}
