/** Types of build.mjs, for the tests and the benchmark that build the app first. */
export declare const PHONE_DIST: string;
export declare function buildPhone(options?: { outdir?: string; quiet?: boolean }): Promise<{
  outdir: string;
  version: string;
  files: string[];
  sizes: { 'app.js': number; 'sw.js': number; total: number };
}>;
