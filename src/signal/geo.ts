/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance between two positions (haversine), metres. */
export function haversineM(latADeg: number, lonADeg: number, latBDeg: number, lonBDeg: number): number {
  const toRad = Math.PI / 180;
  const dLat = (latBDeg - latADeg) * toRad;
  const dLon = (lonBDeg - lonADeg) * toRad;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(latADeg * toRad) * Math.cos(latBDeg * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}
