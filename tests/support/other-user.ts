import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_BIN } from '../global-setup.ts';

/**
 * Root reads every file whatever its mode, and CI runs as root. To see what
 * a runner sees with a file they may not read, the bundled command runs as
 * `nobody` (Node's spawn takes a uid and gid when the caller is root).
 */
export const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65_534;

/** A folder another user can enter and write in (mkdtemp makes folders only their owner can). */
export function sharedTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paceguard-shared-'));
  chmodSync(dir, 0o777);
  return dir;
}

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The bundled command as `nobody`, its home and caches in `home` (a shared folder). */
export function runBinAsNobody(args: readonly string[], home: string): Ran {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], {
    encoding: 'utf8',
    uid: NOBODY,
    gid: NOBODY,
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
