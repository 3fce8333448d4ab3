/**
 * GPX and TCX times are XML Schema dateTimes: "2018-04-23T15:54:34.000Z",
 * "2012-01-26T18:11:00+01:00". Read here rather than by Date.parse, which
 * reads a time without a zone as the machine's local time: both formats
 * define their times as UTC, so a zoneless time is read as UTC, the same on
 * every machine.
 */
import { isPlausibleTimeMs } from '../fit/limits.ts';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of an XML dateTime, or undefined when the text is not one (or names an impossible date). */
export function parseDateTimeMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const wholeMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February into March: refuse a day the month does not have.
  if (new Date(wholeMs).getUTCDate() !== day && !(hour === 24 || second === 60)) return undefined;
  const fractionMs = fraction === undefined ? 0 : Math.round(Number(`0${fraction}`) * 1000);
  const atMs = wholeMs + fractionMs - zoneOffsetMs(zone);
  // Year 0001 or 9999 is a damaged time, not a run: read as no time (src/fit/limits.ts).
  return isPlausibleTimeMs(atMs) ? atMs : undefined;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
