/**
 * FIT's fixed encodings, shared by the reader and the writer so that the two
 * agree to the last bit. Each constant is checked against the SDK's own
 * profile in tests/fit/units.test.ts.
 */

/** FIT timestamps count seconds from 1989-12-31T00:00:00Z; this is that instant in epoch ms. */
export const FIT_EPOCH_MS = 631_065_600_000;

/** FIT stores latitude and longitude as semicircles: 2^31 semicircles make 180°. */
export const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

/** `event` value of a timer event (profile type `event`: 0 = 'timer'). */
export const EVENT_TIMER = 0;

/** `eventType` of a timer start (profile type `eventType`: 0 = 'start'). */
export const EVENT_TYPE_START = 0;

/**
 * `eventType`s that stop the timer: 1 'stop', 4 'stopAll', 8 'stopDisable',
 * 9 'stopDisableAll'. Watches use `stopAll` (Garmin) or `stop` (Suunto) for
 * auto-pause and the stop button alike.
 */
export const EVENT_TYPES_TIMER_STOP: ReadonlySet<number> = new Set([1, 4, 8, 9]);

/** `file` type of an activity file (profile type `file`: 4 = 'activity'). */
export const FILE_TYPE_ACTIVITY = 4;

/** `sport` of a run (profile type `sport`: 1 = 'running'). */
export const SPORT_RUNNING = 1;

/** `sport` 'generic' (0): what devices write when no sport profile was chosen. */
export const SPORT_GENERIC = 0;

/** `mesgNum` of the messages the reader watches for while decoding. */
export const MESG_NUM_RECORD = 20;
export const MESG_NUM_HR = 132;

/** Record field number of `compressedSpeedDistance`, whose speed and distance only component expansion yields. */
export const FIELD_NUM_COMPRESSED_SPEED_DISTANCE = 8;

/** Largest byte length of a FIT string field, its NUL terminator included. */
export const FIT_STRING_MAX_BYTES = 255;
