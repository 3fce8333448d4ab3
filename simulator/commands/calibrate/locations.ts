/**
 * Where paceguard keeps the runner's profile and its cache, by each
 * platform's convention. Pure in its inputs (environment, platform, home
 * folder), so every platform's answer is testable anywhere.
 *
 * | platform | profile                                       | cache                                  |
 * |----------|-----------------------------------------------|----------------------------------------|
 * | Linux…   | $XDG_CONFIG_HOME/paceguard/profile.json       | $XDG_CACHE_HOME/paceguard              |
 * |          | (else ~/.config/paceguard/profile.json)       | (else ~/.cache/paceguard)              |
 * | macOS    | ~/Library/Application Support/paceguard/…     | ~/Library/Caches/paceguard             |
 * |          | ($XDG_CONFIG_HOME when set: people who set it mean it) |                               |
 * | Windows  | %APPDATA%\paceguard\profile.json              | %LOCALAPPDATA%\paceguard\Cache         |
 *
 * XDG variables must be absolute paths (the XDG Base Directory spec: a
 * relative one is ignored).
 */
import { homedir } from 'node:os';
import path from 'node:path';

export interface Place {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
}

/** The machine the command runs on: the commands' default place (tests give their own). */
export function thisMachine(): Place {
  return { env: process.env, platform: process.platform, homeDir: homedir() };
}

export const PROFILE_FILE = 'profile.json';
const APP = 'paceguard';

export function defaultProfilePath(place: Place): string {
  const { env, platform, homeDir } = place;
  if (platform === 'win32') {
    return path.win32.join(env['APPDATA'] ?? path.win32.join(homeDir, 'AppData', 'Roaming'), APP, PROFILE_FILE);
  }
  const xdg = absolute(env['XDG_CONFIG_HOME']);
  if (xdg !== undefined) return path.posix.join(xdg, APP, PROFILE_FILE);
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support', APP, PROFILE_FILE);
  return path.posix.join(homeDir, '.config', APP, PROFILE_FILE);
}

export function defaultCacheDir(place: Place): string {
  const { env, platform, homeDir } = place;
  if (platform === 'win32') {
    return path.win32.join(env['LOCALAPPDATA'] ?? path.win32.join(homeDir, 'AppData', 'Local'), APP, 'Cache');
  }
  const xdg = absolute(env['XDG_CACHE_HOME']);
  if (xdg !== undefined) return path.posix.join(xdg, APP);
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Caches', APP);
  return path.posix.join(homeDir, '.cache', APP);
}

function absolute(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && path.posix.isAbsolute(value) ? value : undefined;
}
