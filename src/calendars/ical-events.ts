/**
 * iCalendar objects (from CalDAV) → event instances with start, end and show-as, recurrences
 * expanded inside a window with ical.js. Nothing else of an event is read: no summary, attendees,
 * description or location.
 *
 * - Show-as: STATUS:CANCELLED and TRANSP:TRANSPARENT are free; Outlook's X-MICROSOFT-CDO-BUSYSTATUS
 *   (FREE, TENTATIVE, BUSY, OOF, WORKINGELSEWHERE) wins when present; STATUS:TENTATIVE is tentative;
 *   everything else is busy.
 * - No DTEND and no DURATION: RFC 5545 3.6.1 (a date lasts one day, a date-time is an instant and
 *   blocks nothing).
 * - A TZID with its VTIMEZONE is honoured; a TZID without one is read as an IANA zone when it is one,
 *   else (and for floating times) as Europe/Berlin, the town hall's zone.
 * - Anything that cannot be placed in time (unparseable text, a date that is no date, an end before
 *   the start, a recurrence producing more than MAX_ITERATIONS instances before the window ends)
 *   throws CalendarSyncError('malformed-event'): the sync keeps the last good state and marks the
 *   calendar stale instead of guessing.
 */
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { DateTime } from 'luxon';
import type { CalendarEvent, ShowAs } from '../domain/calendar-busy';
import { TIME_ZONE } from '../domain/types';
import { isKnownZone } from './zones';
import { CalendarSyncError, type CalendarWindow } from './port';

// ical.js is an ES module with a CommonJS build; this CommonJS project loads the latter, at the first
// calendar read (a CalDAV provider is configured), not at start-up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ical = () => require('ical.js') as typeof ICALModule;
type Component = InstanceType<typeof ICALModule.Component>;
type Time = InstanceType<typeof ICALModule.Time>;

/** Upper bound of recurrence steps per event (a weekly meeting since 1990 takes ~1,900). */
export const MAX_ITERATIONS = 20_000;

const CDO: Record<string, ShowAs> = {
  FREE: 'free',
  TENTATIVE: 'tentative',
  BUSY: 'busy',
  OOF: 'oof',
  WORKINGELSEWHERE: 'workingElsewhere',
};

function showAsOf(c: Component): ShowAs {
  const status = String(c.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return 'free';
  const cdo = CDO[String(c.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase()];
  if (cdo) return cdo;
  if (String(c.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') return 'free';
  if (status === 'TENTATIVE') return 'tentative';
  return 'busy';
}

function isoDate(t: Time): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** Epoch ms of a date-time; floating or unknown zones are read in `tzid` (IANA) or Europe/Berlin. */
function epochOf(t: Time, tzid: string | undefined): number {
  const zone = t.zone;
  if (zone && zone.tzid !== 'floating' && zone !== ical().Timezone.localTimezone) return t.toUnixTime() * 1000;
  const name = tzid && isKnownZone(tzid) ? tzid : TIME_ZONE;
  const dt = DateTime.fromObject(
    { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second },
    { zone: name },
  );
  return dt.toMillis();
}

function instance(start: Time, end: Time, showAs: ShowAs, uid: string | undefined, tzid?: string): CalendarEvent {
  if (start.isDate) {
    const from = isoDate(start);
    const toExclusive = isoDate(end);
    if (toExclusive < from) throw new CalendarSyncError('malformed-event', 'an all-day event ends before it starts');
    return { start: 0, end: 0, showAs, allDay: { from, toExclusive }, ...(uid ? { uid } : {}) };
  }
  const s = epochOf(start, tzid);
  const e = epochOf(end, tzid);
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw new CalendarSyncError('malformed-event', 'an unreadable time');
  if (e < s) throw new CalendarSyncError('malformed-event', 'an event ends before it starts');
  return { start: s, end: e, showAs, ...(uid ? { uid } : {}) };
}

/** Registers the object's VTIMEZONEs under their TZID (first definition wins; ical.js keeps them globally). */
function registerZones(root: Component): void {
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtz.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ical().TimezoneService.has(tzid)) ical().TimezoneService.register(vtz);
  }
}

function tzidOf(c: Component): string | undefined {
  const p = c.getFirstProperty('dtstart')?.getParameter('tzid');
  return typeof p === 'string' ? p : undefined;
}

/**
 * The event instances of one iCalendar object (a VCALENDAR text) that overlap the window.
 * Throws CalendarSyncError('malformed-event') for anything that cannot be placed in time.
 */
export function eventsOfICalendar(text: string, window: CalendarWindow): CalendarEvent[] {
  let root: Component;
  try {
    root = new (ical().Component)(ical().parse(text) as unknown[]);
  } catch {
    throw new CalendarSyncError('malformed-event', 'an iCalendar object that does not parse');
  }
  if (root.name !== 'vcalendar') throw new CalendarSyncError('malformed-event', 'not a VCALENDAR');
  registerZones(root);
  const vevents = root.getAllSubcomponents('vevent');
  const out: CalendarEvent[] = [];
  try {
    const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
    const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id'));
    for (const master of masters) {
      if (!master.hasProperty('dtstart')) throw new CalendarSyncError('malformed-event', 'a VEVENT without DTSTART');
      const event = new (ical().Event)(master);
      const uid = event.uid || undefined;
      for (const ex of exceptions) if (ex.getFirstPropertyValue('uid') === event.uid) event.relateException(ex);
      const tzid = tzidOf(master);
      if (!event.isRecurring()) {
        const e = instance(event.startDate, event.endDate, showAsOf(master), uid, tzid);
        if (overlaps(e, window)) out.push(e);
        continue;
      }
      const it = event.iterator();
      let steps = 0;
      for (let next = it.next(); next; next = it.next()) {
        if (++steps > MAX_ITERATIONS)
          throw new CalendarSyncError('malformed-event', `a recurrence with more than ${MAX_ITERATIONS} instances`);
        // ical.js's typings leave `occurrenceDetails` unresolved; its documented shape:
        const details = event.getOccurrenceDetails(next) as unknown as {
          startDate: Time;
          endDate: Time;
          item: { component: Component };
        };
        const e = instance(details.startDate, details.endDate, showAsOf(details.item.component), uid, tzid);
        if (startOf(e) >= window.to) break;
        if (overlaps(e, window)) out.push(e);
      }
    }
    // An exception whose master is not in this object: a single event of its own.
    for (const ex of exceptions) {
      const uid = ex.getFirstPropertyValue('uid');
      if (masters.some((m) => m.getFirstPropertyValue('uid') === uid)) continue;
      const event = new (ical().Event)(ex);
      const e = instance(event.startDate, event.endDate, showAsOf(ex), event.uid || undefined, tzidOf(ex));
      if (overlaps(e, window)) out.push(e);
    }
  } catch (e) {
    if (e instanceof CalendarSyncError) throw e;
    throw new CalendarSyncError('malformed-event', 'a VEVENT that cannot be read');
  }
  return out;
}

function startOf(e: CalendarEvent): number {
  return e.allDay ? DateTime.fromISO(e.allDay.from, { zone: TIME_ZONE }).toMillis() : e.start;
}

function overlaps(e: CalendarEvent, w: CalendarWindow): boolean {
  if (!e.allDay) return e.start < w.to && e.end > w.from;
  const s = startOf(e);
  const end = DateTime.fromISO(e.allDay.toExclusive, { zone: TIME_ZONE }).toMillis();
  return s < w.to && Math.max(end, s + 1) > w.from;
}
