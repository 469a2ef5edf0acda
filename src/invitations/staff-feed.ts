/**
 * A staff member's subscribable calendar (Outlook "Add calendar → From internet").
 * No METHOD (it is a published feed, not an iTIP message) and no citizen data at all:
 * neither name, email nor phone, so a leaked feed URL reveals only times and services. A video
 * consultation's meeting link only for today and tomorrow (Berlin days): the invitation carries it
 * anyway, and a feed URL that leaks opens no meeting further ahead. A feed without appointments
 * still holds one component (the VTIMEZONE): RFC 5545 allows no empty VCALENDAR.
 */
import { indexDirectory } from '../domain/directory-index';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Appointment, Directory } from '../domain/types';
import { TIME_ZONE } from '../domain/types';
import { addDays, localDateOf } from '../domain/time';
import { channelLines, locationOf, summaryOf } from './appointment-text';
import { finishIcs, PROD_ID, zoned } from './invitation';
import { calendarTexts } from './texts';
import { vtimezone } from './vtimezone';

export function buildStaffFeed(
  staffId: string,
  appointments: readonly Appointment[],
  directory: Directory,
  now: number,
): string {
  const index = indexDirectory(directory);
  const staff = index.staffById(staffId);
  const language = staff?.language ?? 'de';
  const calendar = ical({
    prodId: PROD_ID,
    name: calendarTexts[language].feedName(staff?.name ?? staffId),
    timezone: { name: null, generator: vtimezone },
    ttl: 15 * 60,
  });
  const today = localDateOf(now);
  const linkDays = new Set([today, addDays(today, 1)]);
  for (const listed of appointments) {
    if (listed.staffId !== staffId || listed.status === 'cancelled') continue;
    // A service removed from the directory must not take the whole feed down.
    if (!index.serviceById(listed.serviceId)) continue;
    const a = { ...listed };
    if (!linkDays.has(localDateOf(a.start))) delete a.meetingUrl;
    calendar.createEvent({
      id: a.uid,
      sequence: a.sequence,
      stamp: zoned(now).toUTC(),
      timezone: TIME_ZONE,
      start: zoned(a.start),
      end: zoned(a.end),
      summary: summaryOf(a, directory, language, 'feed'),
      description: channelLines(a, directory, language, 'feed').join('\n'),
      location: locationOf(a, directory, language, 'feed'),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  const ics = calendar.events().length ? calendar.toString() : withTimezone(calendar.toString());
  return finishIcs(ics);
}

/** The VTIMEZONE before END:VCALENDAR, so a calendar without events still has the one component RFC 5545 asks for. */
function withTimezone(ics: string): string {
  return ics.replace(/END:VCALENDAR\s*$/, `${vtimezone(TIME_ZONE)}\r\nEND:VCALENDAR\r\n`);
}
