/**
 * The shape of src/fit/profile-table.ts (generated from the FIT SDK's
 * `Profile` by scripts/fit-table.mjs): the same names and values as the
 * SDK's own profile entries, cut to what the lean reader uses.
 */

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
