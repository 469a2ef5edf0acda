/**
 * VTIMEZONE components for ical-generator's `timezone.generator`.
 *
 * Only Europe/Berlin is needed (the directory schema allows no other zone). The EU rules apply
 * since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
 * Writing the component ourselves avoids a time-zone database dependency; the tests check it
 * against luxon (ICU) for every DST change of several years.
 */
import { TIME_ZONE } from '../domain/types';

const EUROPE_BERLIN = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** Returns the VTIMEZONE for `tzid`; refuses zones it has no rules for rather than writing wrong ones. */
export function vtimezone(tzid: string): string {
  if (tzid !== TIME_ZONE) throw new RangeError(`no VTIMEZONE rules for "${tzid}"`);
  return EUROPE_BERLIN;
}
