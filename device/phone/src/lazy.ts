/** The heavy half (./run-tools.ts), loaded once on first call; every later call gets the same module. */
export type RunTools = typeof import('./run-tools.ts');

/** Said when the heavy half cannot be loaded: a first visit cut off before the service worker cached it. */
export const RUN_TOOLS_MISSING = 'this part of the app is not on the phone yet: reload the page once online';

let loading: Promise<RunTools> | undefined;

/** The heavy half; a failed load is forgotten, so the next call tries again. */
export function runTools(): Promise<RunTools> {
  loading ??= import('./run-tools.ts').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
