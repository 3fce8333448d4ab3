/**
 * The phone/computer side of the watch profile: a runner's profile (the file
 * `paceguard calibrate` writes, or one written by hand), validated with zod
 * as `replay` validates it, resolved into the guard's config, and written in
 * the watch's format (../watch-profile.ts), which the watch checks cheaply.
 */
import { readFile } from 'node:fs/promises';
import { configFromProfile, describeIssue, Profile } from '../../../src/ceiling/profile.ts';
import { watchProfileOf, type WatchProfile } from '../watch-profile.ts';

export type WatchProfileResult = { readonly ok: true; readonly profile: WatchProfile } | { readonly ok: false; readonly error: string };

/** A profile's JSON (unknown) → the watch profile, or one line naming the field. */
export function watchProfileFromJson(json: unknown): WatchProfileResult {
  const checked = Profile.safeParse(json);
  if (!checked.success) return { ok: false, error: describeIssue(checked.error) };
  const built = configFromProfile(checked.data);
  if (!built.ok) return { ok: false, error: built.error };
  return { ok: true, profile: watchProfileOf(built.config) };
}

/** A profile file → the watch profile, or one line saying what is wrong (for `watch:profile` and `build:watch --profile`). */
export async function readWatchProfileFile(file: string): Promise<WatchProfileResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: `cannot read it as JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return watchProfileFromJson(json);
}
