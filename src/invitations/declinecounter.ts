/**
 * DECLINECOUNTER (RFC 5546 §3.2.8): the organizer's answer to a citizen's COUNTER (a proposed other
 * time). Same UID and SEQUENCE as the appointment, ORGANIZER and the citizen as ATTENDEE, DTSTAMP in
 * UTC; the event keeps its time. A new time is chosen through the links in the mail instead.
 */
import ical, { ICalAttendeeRole, ICalCalendarMethod } from 'ical-generator';
import type { Appointment, Directory, Language } from '../domain/types';
import { TIME_ZONE } from '../domain/types';
import { appointmentParts, summaryOf } from './appointment-text';
import { finishIcs, PROD_ID, zoned } from './invitation';
import { vtimezone } from './vtimezone';

export function buildDeclineCounter(
  a: Appointment,
  directory: Directory,
  opts: { now: number; comment: string },
): string {
  const { staff } = appointmentParts(a, directory);
  const language: Language = a.citizen.language;
  const calendar = ical({
    prodId: PROD_ID,
    method: ICalCalendarMethod.DECLINECOUNTER,
    timezone: { name: null, generator: vtimezone },
  });
  const event = calendar.createEvent({
    id: a.uid,
    sequence: a.sequence,
    stamp: zoned(opts.now).toUTC(),
    timezone: TIME_ZONE,
    start: zoned(a.start),
    end: zoned(a.end),
    summary: summaryOf(a, directory, language, 'citizen'),
    description: opts.comment,
    organizer: { name: staff.name, email: directory.organisation.mailbox },
  });
  if (a.citizen.email)
    event.createAttendee({ email: a.citizen.email, name: a.citizen.name, role: ICalAttendeeRole.REQ });
  return finishIcs(calendar.toString());
}
