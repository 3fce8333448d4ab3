/**
 * src/fit/profile-table.ts, generated from the SDK's `Profile` by
 * scripts/fit-table.mjs (run by every build), against the installed SDK: the
 * SDK-free reader must read what the SDK would, name for name and value for
 * value. An SDK update fails here until `npm run build` rewrites the table.
 */
import { Profile } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { productModel, typeName } from '../../src/fit/names.ts';
import { PROFILE_MESSAGES, profileTypeNames } from '../../src/fit/fit-profile.ts';
import { FIT_SDK_VERSION } from '../../src/fit/profile-table.ts';
import { RECORD_FIELD_NAMES } from '../../src/fit/record-scan.ts';
import { MESG_NUM_RECORD } from '../../src/fit/units.ts';

describe('the generated FIT table equals the installed SDK profile', () => {
  test('made from the installed SDK version', () => {
    const entry = createRequire(import.meta.url).resolve('@garmin/fitsdk');
    const version: unknown = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
    expect(FIT_SDK_VERSION).toBe(version);
  });

  test.each(Object.entries(PROFILE_MESSAGES))('message %s: its list name and every field as the SDK has it', (num, message) => {
    const sdk = Profile.messages[Number(num)];
    expect(sdk).toBeDefined();
    expect([message.name, message.messagesKey]).toStrictEqual([sdk?.name, sdk?.messagesKey]);
    for (const field of Object.values(message.fields)) {
      const sdkField = sdk?.fields[field.num];
      expect(field).toStrictEqual({
        num: sdkField?.num,
        name: sdkField?.name,
        type: sdkField?.type,
        baseType: sdkField?.baseType,
        array: sdkField?.array,
        scale: sdkField?.scale,
        offset: sdkField?.offset,
        isAccumulated: sdkField?.isAccumulated,
        components: sdkField?.components.map(Number),
      });
    }
  });

  test('records: every field of the profile, so the scan sees each accumulation', () => {
    expect(Object.keys(PROFILE_MESSAGES[MESG_NUM_RECORD]?.fields ?? {})).toStrictEqual(Object.keys(Profile.messages[MESG_NUM_RECORD]?.fields ?? {}));
    const names = Object.values(PROFILE_MESSAGES[MESG_NUM_RECORD]?.fields ?? {}).map((field) => field.name);
    for (const name of RECORD_FIELD_NAMES) expect(names).toContain(name);
  });

  test('the fields an activity is read by are there', () => {
    const names = (num: number) => Object.values(PROFILE_MESSAGES[num]?.fields ?? {}).map((field) => field.name).sort();
    expect(names(0)).toStrictEqual(['manufacturer', 'product', 'productName', 'type']);
    expect(names(18)).toStrictEqual(['sport', 'startTime', 'subSport', 'timestamp']);
    expect(names(21)).toStrictEqual(['event', 'eventType', 'timestamp']);
    expect(names(206)).toStrictEqual(['developerDataIndex', 'fieldName', 'fitBaseTypeId']);
    expect(names(207)).toStrictEqual(['developerDataIndex']);
  });

  test.each(Object.entries(profileTypeNames()))('type %s: the same names', (type, names) => {
    expect(names).toStrictEqual(Profile.types[type]);
  });

  test('names read from the table', () => {
    expect([typeName('sport', 1), typeName('subSport', 0), typeName('manufacturer', 1), typeName('file', 4), typeName('sport', 250)]).toStrictEqual([
      'running',
      'generic',
      'garmin',
      'activity',
      '250',
    ]);
    expect([productModel(1, 4315), productModel(23, 4315)]).toStrictEqual(['fr965', undefined]);
  });
});
