/**
 * A staff member's subscribable calendar (Outlook "Add calendar → From internet").
 * No METHOD (it is a published feed, not an iTIP message) and no citizen data at all:
 * neither name, email nor phone, so a leaked feed URL reveals only times and services.
 */
import { indexDirectory } from '../domain/directory-index';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Appointment, Directory } from '../domain/types';
import { TIME_ZONE } from '../domain/types';
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
  for (const a of appointments) {
    if (a.staffId !== staffId || a.status === 'cancelled') continue;
    // A service removed from the directory must not take the whole feed down.
    if (!index.serviceById(a.serviceId)) continue;
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
  return finishIcs(calendar.toString());
}
