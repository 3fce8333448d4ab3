/**
 * The watch keeps a plain copy of the guard's defaults (src/watch-format/watch-defaults.ts),
 * so that its bundle carries numbers, not declarations. Held equal to the one
 * declaration (src/guard/settings.ts): a default changed there fails here.
 */
import { expect, test } from 'vitest';
import { WATCH_DEFAULT_TUNING } from '../../../src/watch-format/watch-defaults.ts';
import { DEFAULT_TUNING, GUARD_SETTINGS } from '../../../src/guard/settings.ts';

test("the watch's defaults are the declared defaults, every setting, in the same order", () => {
  expect(Object.entries(WATCH_DEFAULT_TUNING)).toEqual(Object.entries(DEFAULT_TUNING));
  expect(Object.keys(WATCH_DEFAULT_TUNING)).toEqual(Object.keys(GUARD_SETTINGS));
});
