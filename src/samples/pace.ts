/** Pace strings are minutes:seconds per kilometre ("5:30"); inside, pace is seconds per km. */

const PACE_PATTERN = /^(\d{1,2}):([0-5]\d)$/;

/** Parses "M:SS" (per km) into seconds per km, or returns undefined when it is not that shape. */
export function parsePace(text: string): number | undefined {
  const match = PACE_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const secPerKm = Number(match[1]) * 60 + Number(match[2]);
  return secPerKm > 0 ? secPerKm : undefined;
}

/** Formats seconds per km as "M:SS", rounding to the second. */
export function formatPace(secPerKm: number): string {
  if (!Number.isFinite(secPerKm) || secPerKm <= 0) return '--:--';
  const whole = Math.round(secPerKm);
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

export function speedToPace(speedMps: number): number {
  return 1000 / speedMps;
}

export function paceToSpeed(paceSecPerKm: number): number {
  return 1000 / paceSecPerKm;
}
