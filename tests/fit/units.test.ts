/** The FIT constants of src/fit/units.ts agree with the SDK's own profile, and durations read as a runner writes them. */
import { Profile, Utils } from '@garmin/fitsdk';
import { describe, expect, test } from 'vitest';
import { formatDuration } from '../../src/fit/decode.ts';
import {
  EVENT_TIMER,
  EVENT_TYPE_START,
  EVENT_TYPES_TIMER_STOP,
  FIELD_NUM_COMPRESSED_SPEED_DISTANCE,
  FILE_TYPE_ACTIVITY,
  FIT_EPOCH_MS,
  MESG_NUM_HR,
  MESG_NUM_RECORD,
  SEMICIRCLES_PER_DEGREE,
  SPORT_GENERIC,
  SPORT_RUNNING,
} from '../../src/fit/units.ts';

describe('FIT constants match the SDK profile', () => {
  test.each([
    ['event', EVENT_TIMER, 'timer'],
    ['eventType', EVENT_TYPE_START, 'start'],
    ['file', FILE_TYPE_ACTIVITY, 'activity'],
    ['sport', SPORT_RUNNING, 'running'],
    ['sport', SPORT_GENERIC, 'generic'],
  ])('%s %i is %s', (type, value, name) => {
    expect(Profile.types[type]?.[value]).toBe(name);
  });

  test('timer stops are every stop the profile has', () => {
    const names = [...EVENT_TYPES_TIMER_STOP].map((value) => Profile.types['eventType']?.[value]);
    expect(names).toEqual(['stop', 'stopAll', 'stopDisable', 'stopDisableAll']);
  });

  test('message and field numbers', () => {
    expect(Profile.MesgNum['RECORD']).toBe(MESG_NUM_RECORD);
    expect(Profile.MesgNum['HR']).toBe(MESG_NUM_HR);
    expect(Profile.messages[MESG_NUM_RECORD]?.fields[FIELD_NUM_COMPRESSED_SPEED_DISTANCE]?.name).toBe('compressedSpeedDistance');
  });

  test('epoch and semicircles', () => {
    expect(FIT_EPOCH_MS).toBe(Utils.FIT_EPOCH_MS);
    expect(FIT_EPOCH_MS).toBe(Date.UTC(1989, 11, 31));
    expect(90 * SEMICIRCLES_PER_DEGREE).toBe(2 ** 30);
  });
});

describe('formatDuration', () => {
  test.each([
    [0, '0:00'],
    [13_000, '0:13'],
    [499, '0:00'],
    [500, '0:01'],
    [47 * 60_000 + 12_000, '47:12'],
    [3_600_000, '1:00:00'],
    [(1 * 3600 + 54 * 60 + 16) * 1000, '1:54:16'],
    [8.5 * 86_400_000 + 5_000, '8 d 12:00:05'],
    [-5_000, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
