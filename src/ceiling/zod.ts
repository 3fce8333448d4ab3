import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The zod the guard's edge schemas are written with (`import * as z from
 * './zod.ts'`): `zod/mini`, the tree-shakable form (functions, not methods),
 * so the phone app carries only the checks the profile uses. Mini ships no
 * messages of its own; the English locale is the one classic zod configures
 * on import, so a refusal reads the same in the command and on the phone
 * ("Invalid input: expected object, received string").
 */
config(en());

export * from 'zod/mini';
