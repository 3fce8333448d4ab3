import { existsSync } from 'node:fs';

/**
 * The browser the browser tests drive: Debian's chromium (.ci/run installs
 * it), through playwright-core, which never downloads one of its own.
 * Locally a missing browser skips those tests with a message; in CI it is a
 * failure, so a green run always means they ran.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';
/** Where screenshots go for a person to look at (gitignored). */
export const SCREENSHOTS = '.cache/screenshots';
/**
 * Headless, and nothing that phones home: without the background-networking
 * flags chromium tries Google's hosts at every start, and this machine's
 * closed network refuses them.
 */
export const LAUNCH_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
