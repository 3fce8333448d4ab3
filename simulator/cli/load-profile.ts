import { describeIssue, Profile } from '../../src/ceiling/profile.ts';
import { UsageError } from './fail.ts';
import { readInputFile } from './read-file.ts';

/** Reads and checks a profile file; every failure is one line naming the file and the field. */
export async function loadProfile(path: string): Promise<Profile> {
  const text = new TextDecoder().decode(await readInputFile(path));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const checked = Profile.safeParse(json);
  if (!checked.success) throw new UsageError(`${path}: ${describeIssue(checked.error)}`);
  return checked.data;
}
