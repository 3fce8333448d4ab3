import * as z from '../../../src/ceiling/zod.ts';
import { configFromProfile, parseProfileText, Profile } from '../../../src/profile/profile.ts';
import type { GuardConfig } from '../../../src/guard/config.ts';

/**
 * The runner's profile in the phone: the same JSON file `paceguard replay
 * --profile` reads, checked by the same schema. Kept in localStorage between
 * visits; the replay screen writes it, the live screen reads it.
 */

export const PROFILE_KEY = 'paceguard-profile';

/** Until the runner loads or tunes their own: the project's example runner (examples/runner.json without the planned duration). */
export const STARTER_PROFILE_TEXT = '{ "easyPace": "5:30", "hrCeilingBpm": 140 }';

export type LoadedProfile =
  | { readonly ok: true; readonly profile: Profile; readonly config: GuardConfig; readonly text: string }
  | { readonly ok: false; readonly error: string };

export function parseProfile(text: string): LoadedProfile {
  const parsed = parseProfileText(text);
  if (!parsed.ok) return { ok: false, error: 'notJson' in parsed ? `not valid JSON (${parsed.notJson})` : parsed.issue };
  const built = configFromProfile(parsed.profile);
  if (!built.ok) return { ok: false, error: built.error };
  return { ok: true, profile: parsed.profile, config: built.config, text };
}

/** The profile as its file's JSON (paces back to "M:SS"). */
export function profileText(profile: Profile): string {
  return `${JSON.stringify(z.encode(Profile, profile), null, 2)}\n`;
}

export function savedProfile(): LoadedProfile {
  const text = localStorage.getItem(PROFILE_KEY);
  const parsed = text === null ? undefined : parseProfile(text);
  return parsed?.ok === true ? parsed : parseProfile(STARTER_PROFILE_TEXT);
}

export function saveProfile(text: string): void {
  localStorage.setItem(PROFILE_KEY, text);
}

/** Offers bytes as a file download (no network: a blob URL). */
export function download(name: string, bytes: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
