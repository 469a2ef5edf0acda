/**
 * iTIP invitations (RFC 5546) for one appointment, built with ical-generator.
 *
 * - METHOD:REQUEST for a new or changed appointment, METHOD:CANCEL with STATUS:CANCELLED for a
 *   cancellation; UID and SEQUENCE come from the appointment, so updates replace the earlier event.
 * - Start/end are luxon DateTimes in Europe/Berlin written with TZID plus a VTIMEZONE. A native
 *   Date would be formatted in the server's local zone (an hour off in a UTC container).
 * - The calendar-level time zone stays unset on purpose: ical-generator formats DTSTAMP, CREATED
 *   and LAST-MODIFIED with the calendar zone, and these must be UTC. The VTIMEZONE generator is
 *   still called for the event's zone.
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors';
import type { Appointment, Directory, Language } from '../domain/types';
import { TIME_ZONE } from '../domain/types';
import { appointmentParts, channelLines, formatWhen, locationOf, referenceLine, summaryOf } from './appointment-text';
import { calendarTexts } from './texts';
import { vtimezone } from './vtimezone';

export type ItipMethod = 'REQUEST' | 'CANCEL';
/** PUBLISH: the "save to calendar" download, a plain event that asks for no reply (no attendees, no RSVP). */
export type IcsMethod = ItipMethod | 'PUBLISH';

export interface InvitationOptions {
  method: IcsMethod;
  /** When this iTIP message is created (DTSTAMP), epoch ms from the injected clock. */
  now: number;
  /** Whose copy: the citizen's (default) or the staff member's own. Both describe the same event. */
  audience?: 'citizen' | 'staff';
  /** The citizen's cancel page, written into the description of the citizen's copy. */
  cancelUrl?: string;
  /** The citizen's reschedule page, written there too. */
  rescheduleUrl?: string;
  /** Overrides the reader's language (citizen's or staff member's). */
  language?: Language;
  /**
   * A CANCEL to the staff member who had the appointment before a handover (`appointment` describes it as
   * they had it): only they are listed as attendee, the citizen's attendance is untouched.
   */
  handoverTo?: string;
}

/** Minutes before the start at which calendars show a reminder. */
export const ALARM_MINUTES = 30;

export const PROD_ID = { company: 'Stadt Seelze', product: 'Sprechstunde', language: 'DE' } as const;

export function zoned(ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: TIME_ZONE });
}

export function buildInvitation(appointment: Appointment, directory: Directory, options: InvitationOptions): string {
  const { method, now } = options;
  if (method !== 'CANCEL' && appointment.status === 'cancelled')
    throw new DomainError('appointment-not-active', 'a cancelled appointment is sent as CANCEL, never as REQUEST');
  if (method === 'CANCEL' && appointment.status !== 'cancelled')
    throw new DomainError('appointment-not-active', 'CANCEL is only sent for a cancelled appointment');
  if (appointment.anonymised) throw new DomainError('appointment-not-active', 'citizen data removed by retention');

  const audience = options.audience ?? 'citizen';
  const { staff } = appointmentParts(appointment, directory);
  const language = options.language ?? (audience === 'citizen' ? appointment.citizen.language : staff.language);
  const T = calendarTexts[language];
  const org = directory.organisation;

  const calendar = ical({
    prodId: PROD_ID,
    method: ICalCalendarMethod[method],
    timezone: { name: null, generator: vtimezone },
  });

  const summary = summaryOf(appointment, directory, language, audience);
  const description = [
    ...(method === 'CANCEL' ? [options.handoverTo ? T.handedOver(options.handoverTo) : T.cancelled, ''] : []),
    formatWhen(appointment, language),
    ...(appointment.ref ? [referenceLine(appointment, language)!] : []),
    // A cancelled appointment promises no call and no link: how it would have happened is void.
    ...(method === 'CANCEL' ? [] : ['', ...channelLines(appointment, directory, language, audience)]),
    ...(method !== 'CANCEL' && audience === 'citizen' && options.rescheduleUrl
      ? ['', T.moveLink(options.rescheduleUrl)]
      : []),
    ...(method !== 'CANCEL' && audience === 'citizen' && options.cancelUrl
      ? [...(options.rescheduleUrl ? [] : ['']), T.cancelLink(options.cancelUrl)]
      : []),
    '',
    T.contact(org.name, org.address, org.phone),
  ].join('\n');

  const event = calendar.createEvent({
    id: appointment.uid,
    sequence: appointment.sequence,
    stamp: zoned(now).toUTC(),
    created: zoned(appointment.createdAt).toUTC(),
    lastModified: zoned(appointment.updatedAt).toUTC(),
    timezone: TIME_ZONE,
    start: zoned(appointment.start),
    end: zoned(appointment.end),
    summary: method === 'CANCEL' ? T.cancelledSummary(summary) : summary,
    description,
    location: locationOf(appointment, directory, language, audience),
    url: appointment.channel === 'video' ? appointment.meetingUrl : undefined,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: staff.name, email: org.mailbox },
  });
  if (method === 'PUBLISH') {
    event.createAlarm({ type: ICalAlarmType.display, trigger: ALARM_MINUTES * 60, description: summary });
    return finishIcs(calendar.toString());
  }
  // A citizen booked without email is no attendee (nobody to invite); the staff copy still lists them by name.
  if (appointment.citizen.email && !options.handoverTo)
    event.createAttendee({
      email: appointment.citizen.email,
      name: appointment.citizen.name,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === 'REQUEST',
    });
  // The staff member is an attendee too, so the copy sent to them lands in their own calendar.
  event.createAttendee({
    email: staff.upn,
    name: staff.name,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.ACCEPTED,
    rsvp: false,
  });
  if (method === 'REQUEST')
    event.createAlarm({ type: ICalAlarmType.display, trigger: ALARM_MINUTES * 60, description: summary });
  return finishIcs(calendar.toString());
}

/**
 * The final form of every .ics this service writes (RFC 5545): the calendar's own properties
 * (VERSION, PRODID, METHOD, NAME, REFRESH-INTERVAL, …) before its components (ical-generator writes
 * some after the VTIMEZONE, which strict parsers reject), and every content line ending with CRLF,
 * the last one (END:VCALENDAR) included.
 */
export function finishIcs(ics: string): string {
  const lines = ics.replace(/(\r?\n)+$/, '').split(/\r\n/);
  // Unfolded logical lines: a line starting with a space or tab continues the previous one.
  const logical: string[][] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && logical.length) logical[logical.length - 1]!.push(line);
    else logical.push([line]);
  }
  if (logical[0]?.[0] !== 'BEGIN:VCALENDAR' || logical[logical.length - 1]?.[0] !== 'END:VCALENDAR')
    return `${lines.join('\r\n')}\r\n`;
  const props: string[][] = [];
  const components: string[][] = [];
  let depth = 0;
  for (const l of logical.slice(1, -1)) {
    const head = l[0]!;
    if (head.startsWith('BEGIN:')) depth++;
    (depth === 0 ? props : components).push(l);
    if (head.startsWith('END:')) depth--;
  }
  return `${['BEGIN:VCALENDAR', ...props.flat(), ...components.flat(), 'END:VCALENDAR'].join('\r\n')}\r\n`;
}
