/**
 * Which file a pool's worker threads start: the command's entry
 * (dist/paceguard.js), which serves jobs when it finds itself in a worker.
 * The entry registers itself here; the pool cannot use its own
 * `import.meta.url`, since in the bundle it lives in a chunk loaded on demand
 * (scripts/build.mjs), which on its own would start nothing. Nothing
 * registered (tests and scripts running from TypeScript sources): jobs run
 * in the main thread.
 */
let entryUrl: URL | undefined;

/** Called once by the command's entry with its own `import.meta.url`. */
export function registerWorkerEntry(url: string): void {
  entryUrl = new URL(url);
}

/** The entry to start as a worker, when it can be started: a built .js file, not a .ts source. */
export function workerEntry(): URL | undefined {
  if (entryUrl === undefined || /\.[cm]?ts$/.test(entryUrl.pathname)) return undefined;
  return entryUrl;
}
