/** Types of build.mjs, for tests/global-setup.ts, which builds the command the tests run. */
export declare const COMMAND_BUNDLE: string;
export declare function buildCommand(options?: { outfile?: string }): Promise<void>;
