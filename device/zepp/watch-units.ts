/**
 * The workout app's live data (`getSportData` of @zos/app-access, API 3.6)
 * arrives as display text in the runner's units: `{"speed":"9.99"}`,
 * `{"distance":"9.99"}`, `{"duration":"1:15:15"}`. These turn it into SI
 * numbers, or undefined for anything that is not a reading ("--", "", a
 * foreign shape): a missing reading is never zero.
 *
 * Units follow the watch's distance setting (@zos/settings getDistanceUnit):
 * metric km and km/h, imperial mi and mph; altitude in m or ft; cadence in
 * steps per minute either way.
 */

export const M_PER_KM = 1000;
export const M_PER_MI = 1609.344;
export const M_PER_FT = 0.3048;
const S_PER_H = 3600;

export type DistanceUnit = 'metric' | 'imperial';

/** The value of `field` in getSportData's JSON text (`[{"speed":"9.99","name":"Speed"}]`), as a number. */
export function sportDataNumber(data: unknown, field: string): number | undefined {
  const text = sportDataText(data, field);
  if (text === undefined) return undefined;
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

export function sportDataText(data: unknown, field: string): string | undefined {
  if (typeof data !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (typeof first !== 'object' || first === null) return undefined;
  const value = (first as Record<string, unknown>)[field];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : undefined;
}

export function speedMpsOf(displaySpeed: number | undefined, unit: DistanceUnit): number | undefined {
  if (displaySpeed === undefined) return undefined;
  return (displaySpeed * (unit === 'metric' ? M_PER_KM : M_PER_MI)) / S_PER_H;
}

export function distanceMOf(displayDistance: number | undefined, unit: DistanceUnit): number | undefined {
  if (displayDistance === undefined) return undefined;
  return displayDistance * (unit === 'metric' ? M_PER_KM : M_PER_MI);
}

export function altitudeMOf(displayAltitude: number | undefined, unit: DistanceUnit): number | undefined {
  if (displayAltitude === undefined) return undefined;
  return unit === 'metric' ? displayAltitude : displayAltitude * M_PER_FT;
}

/** "1:15:15", "15:15" or "915" → seconds; undefined when it is not a duration. */
export function durationSecOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parts = text.trim().split(':');
  if (parts.length > 3) return undefined;
  let sec = 0;
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return undefined;
    sec = sec * 60 + Number(part);
  }
  return sec;
}
