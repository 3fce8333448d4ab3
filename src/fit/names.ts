/**
 * Names the FIT profile gives enum values: sport labels, makers, models.
 * From ./fit-profile.ts (generated from the SDK's `Profile`), so that
 * naming them never loads the SDK.
 */
import { profileTypeNames } from './fit-profile.ts';

/** The profile's name for an enum value ('running'), or the number as text when the SDK does not know it. */
export function typeName(type: string, value: number): string {
  return profileTypeNames()[type]?.[value] ?? String(value);
}

/** Manufacturers whose product ids the profile names as `garminProduct` (garmin, dynastreamOem, dynastream, tacx). */
const GARMIN_PRODUCT_MANUFACTURERS: ReadonlySet<number> = new Set([1, 13, 15, 89]);

/** The model name the profile knows for a product id ('fr965'), if any. */
export function productModel(manufacturer: number, product: number): string | undefined {
  return GARMIN_PRODUCT_MANUFACTURERS.has(manufacturer) ? profileTypeNames()['garminProduct']?.[product] : undefined;
}
