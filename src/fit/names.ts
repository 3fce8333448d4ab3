/**
 * Names the FIT profile gives enum values: sport labels, makers, models.
 * From ./profile-table.ts (generated from the SDK's `Profile`), so that
 * naming them never loads the SDK.
 */
import { PROFILE_TYPE_NAMES } from './profile-table.ts';

/** The profile's name for an enum value ('running'), or the number as text when the SDK does not know it. */
export function typeName(type: string, value: number): string {
  return PROFILE_TYPE_NAMES[type]?.[value] ?? String(value);
}

/** Manufacturers whose product ids the profile names as `garminProduct` (garmin, dynastreamOem, dynastream, tacx). */
const GARMIN_PRODUCT_MANUFACTURERS: ReadonlySet<number> = new Set([1, 13, 15, 89]);

/** The model name the profile knows for a product id ('fr965'), if any. */
export function productModel(manufacturer: number, product: number): string | undefined {
  return GARMIN_PRODUCT_MANUFACTURERS.has(manufacturer) ? PROFILE_TYPE_NAMES['garminProduct']?.[product] : undefined;
}
