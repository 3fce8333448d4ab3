/** Types of build.mjs, for the tests and the benchmark that build the app first. */
export declare const PHONE_DIST: string;
export declare function buildPhone(options?: { outdir?: string; quiet?: boolean }): Promise<{
  outdir: string;
  version: string;
  files: string[];
  sizes: { 'app.js': number; 'sw.js': number; total: number };
}>;
/** Where a build's esbuild metafile is written: .cache/phone-meta.json for device/phone/dist, else `<outdir>.meta.json`. */
export declare function metafilePath(outdir: string): string;
