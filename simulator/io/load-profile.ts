import { parseProfileText, type Profile } from '../../src/profile/profile.ts';
import { UsageError } from './fail.ts';
import { readInputFile } from './read-file.ts';

/** Reads and checks a profile file; every failure is one line naming the file and the field. */
export async function loadProfile(path: string): Promise<Profile> {
  const parsed = parseProfileText(new TextDecoder().decode(await readInputFile(path)));
  if (parsed.ok) return parsed.profile;
  throw new UsageError('notJson' in parsed ? `${path}: not valid JSON (${parsed.notJson})` : `${path}: ${parsed.issue}`);
}
