import { describeIssue, Profile } from '../../src/ceiling/profile.ts';
import { UsageError } from './fail.ts';
import { readInputFile } from './read-file.ts';

/** A profile's text, checked: the profile, or what is wrong with it in words for one line. */
export type ParsedProfile =
  | { readonly ok: true; readonly profile: Profile }
  | { readonly ok: false; readonly notJson: string }
  | { readonly ok: false; readonly issue: string };

/** JSON, then the Profile schema. Callers frame the failure for their command. */
export function parseProfileText(text: string): ParsedProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, notJson: (error as Error).message };
  }
  const checked = Profile.safeParse(json);
  return checked.success ? { ok: true, profile: checked.data } : { ok: false, issue: describeIssue(checked.error) };
}

/** Reads and checks a profile file; every failure is one line naming the file and the field. */
export async function loadProfile(path: string): Promise<Profile> {
  const parsed = parseProfileText(new TextDecoder().decode(await readInputFile(path)));
  if (parsed.ok) return parsed.profile;
  throw new UsageError('notJson' in parsed ? `${path}: not valid JSON (${parsed.notJson})` : `${path}: ${parsed.issue}`);
}
