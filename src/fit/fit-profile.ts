/**
 * The part of the FIT SDK's message profile that the SDK-free reader needs
 * (./lean-read.ts, ./record-scan.ts, ./names.ts): ./profile-table.ts,
 * generated from the SDK's `Profile` by scripts/fit-table.mjs at every
 * build, read here with the same names and values as the SDK's own entries.
 * It is build output held equal to the SDK by tests/fit/profile-table.test.ts,
 * so it is read as its type without a schema.
 */
import { PROFILE_MESSAGES_JSON, PROFILE_TYPE_NAMES_JSON } from './profile-table.ts';

export interface FitProfileField {
  readonly num: number;
  readonly name: string;
  /** The profile type ('uint16', 'dateTime', 'sport', 'string'…): numeric ones get scale and offset. */
  readonly type: string;
  /** The base type the profile declares ('uint16', 'enum', 'string'…). */
  readonly baseType: string;
  readonly array: boolean;
  readonly scale: number | readonly number[];
  readonly offset: number | readonly number[];
  readonly isAccumulated: boolean;
  /** Field numbers this field expands into. */
  readonly components: readonly number[];
}

export interface FitProfileMessage {
  readonly name: string;
  /** Where the SDK lists messages of this kind ('recordMesgs'). */
  readonly messagesKey: string;
  readonly fields: { readonly [num: number]: FitProfileField };
}

export type FitProfileMessages = { readonly [mesgNum: number]: FitProfileMessage };
export type FitProfileTypeNames = { readonly [type: string]: { readonly [value: number]: string } | undefined };

/** Message number → its name, list name and fields (records: every field; the others: the ones read). */
export const PROFILE_MESSAGES = JSON.parse(PROFILE_MESSAGES_JSON) as FitProfileMessages;

let typeNames: FitProfileTypeNames | undefined;

/** Enum type → value → name (file, manufacturer, garminProduct, sport, subSport), parsed when first asked for. */
export function profileTypeNames(): FitProfileTypeNames {
  typeNames ??= JSON.parse(PROFILE_TYPE_NAMES_JSON) as FitProfileTypeNames;
  return typeNames;
}
