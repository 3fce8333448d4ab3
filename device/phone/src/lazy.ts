/** The heavy half (./run-tools.ts), loaded once on first call; every later call gets the same module. */
export type RunTools = typeof import('./run-tools.ts');

let loading: Promise<RunTools> | undefined;

export function runTools(): Promise<RunTools> {
  loading ??= import('./run-tools.ts');
  return loading;
}
