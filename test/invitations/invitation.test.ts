process.env.TZ = 'UTC'; // the server's zone must not leak into the invitation

import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { DateTime } from 'luxon';
import { buildInvitation } from '../../src/invitations/invitation';
import { buildStaffFeed } from '../../src/invitations/staff-feed';
import { vtimezone } from '../../src/invitations/vtimezone';
import { appointmentValue, exampleDirectory } from './fixtures';

// ical.js is an ES module with a CommonJS build; jest loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const NOW = Date.UTC(2026, 2, 20, 9, 15, 7);

function parse(ics: string) {
  const cal = ICAL.Component.fromString(ics);
  const tz = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!);
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return { cal, tz, vevent, event: new ICAL.Event(vevent) };
}

/** The instant ical.js reads from DTSTART/DTEND, resolved through the VTIMEZONE in the file. */
function instant(vevent: ICALModule.Component, prop: string, tz: ICALModule.Timezone): number {
  const property = vevent.getFirstProperty(prop)!;
  expect(property.getParameter('tzid')).toBe('Europe/Berlin');
  const t = property.getFirstValue() as ICALModule.Time;
  const copy = t.clone();
  copy.zone = tz;
  return copy.toUnixTime() * 1000;
}

describe('buildInvitation', () => {
  it('writes an iTIP REQUEST with UID, SEQUENCE, UTC DTSTAMP, VTIMEZONE, organizer, attendees and an alarm', () => {
    const start = berlin('2026-03-24T10:00');
    const a = appointmentValue({
      start,
      channel: 'video',
      sequence: 3,
      meetingUrl: 'https://meet.jit.si/seelze-abc123',
    });
    const ics = buildInvitation(a, directory, {
      method: 'REQUEST',
      now: NOW,
      cancelUrl: 'https://termine.seelze.example/c/x.y',
    });
    const { cal, tz, vevent } = parse(ics);

    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(vevent.getFirstPropertyValue('uid')).toBe(a.uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICALModule.Time;
    expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(stamp.toUnixTime() * 1000).toBe(Math.floor(NOW / 1000) * 1000);
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Berlin:20260324T100000\r$/m);
    expect(instant(vevent, 'dtstart', tz)).toBe(start);
    expect(instant(vevent, 'dtend', tz)).toBe(a.end);

    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:termine@seelze.example');
    expect(organizer.getParameter('cn')).toBe('Anna Schulz');
    const attendees = vevent.getAllProperties('attendee');
    const citizen = attendees.find((p) => String(p.getFirstValue()).toLowerCase() === 'mailto:erika@example.org')!;
    expect(citizen.getParameter('rsvp')).toBe('TRUE');
    expect(citizen.getParameter('cn')).toBe('Erika Mustermann');
    expect(attendees.some((p) => String(p.getFirstValue()).toLowerCase() === 'mailto:anna.schulz@seelze.example')).toBe(
      true,
    );

    expect(vevent.getFirstPropertyValue('location')).toBe('https://meet.jit.si/seelze-abc123');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('https://meet.jit.si/seelze-abc123');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain(
      'Termin absagen: https://termine.seelze.example/c/x.y',
    );
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-PT30M');
  });

  it('writes a CANCEL with STATUS:CANCELLED, the same UID and the higher SEQUENCE', () => {
    const start = berlin('2026-06-10T14:00');
    const booked = appointmentValue({ start, channel: 'in-person', sequence: 1 });
    const cancelled = { ...booked, status: 'cancelled' as const, sequence: 2 };
    const request = parse(buildInvitation(booked, directory, { method: 'REQUEST', now: NOW }));
    const cancel = parse(buildInvitation(cancelled, directory, { method: 'CANCEL', now: NOW }));
    expect(cancel.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.vevent.getFirstPropertyValue('uid')).toBe(request.vevent.getFirstPropertyValue('uid'));
    expect(cancel.vevent.getFirstPropertyValue('sequence')).toBeGreaterThan(
      request.vevent.getFirstPropertyValue('sequence') as unknown as number,
    );
    expect(cancel.vevent.getFirstSubcomponent('valarm')).toBeNull();
  });

  it('refuses to send a cancelled appointment as REQUEST and a booked one as CANCEL', () => {
    const a = appointmentValue({ start: berlin('2026-06-10T14:00'), channel: 'phone' });
    expect(() => buildInvitation({ ...a, status: 'cancelled' }, directory, { method: 'REQUEST', now: NOW })).toThrow(
      /appointment-not-active/,
    );
    expect(() => buildInvitation(a, directory, { method: 'CANCEL', now: NOW })).toThrow(/appointment-not-active/);
  });

  it.each([
    ['the Monday after the spring change (CEST, UTC+2)', '2026-03-30T09:00', '20260330T090000', 7],
    ['the Friday before the spring change (CET, UTC+1)', '2026-03-27T09:00', '20260327T090000', 8],
    ['the Monday after the autumn change (CET, UTC+1)', '2026-10-26T09:00', '20261026T090000', 8],
    ['the Friday before the autumn change (CEST, UTC+2)', '2026-10-23T09:00', '20261023T090000', 7],
  ])('keeps the local time on %s', (_label, local, written, utcHour) => {
    const start = berlin(local);
    expect(new Date(start).getUTCHours()).toBe(utcHour);
    const ics = buildInvitation(appointmentValue({ start, channel: 'phone' }), directory, {
      method: 'REQUEST',
      now: NOW,
    });
    expect(ics).toContain(`DTSTART;TZID=Europe/Berlin:${written}`);
    const { tz, vevent } = parse(ics);
    expect(instant(vevent, 'dtstart', tz)).toBe(start);
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('09:00–09:30 Uhr');
  });

  it('says who calls whom and the number for a phone appointment, room and address in person', () => {
    const start = berlin('2026-05-05T11:00');
    const phone = parse(
      buildInvitation(appointmentValue({ start, channel: 'phone' }), directory, { method: 'REQUEST', now: NOW }),
    ).vevent;
    expect(String(phone.getFirstPropertyValue('description'))).toContain(
      'Anna Schulz ruft Sie zur vereinbarten Zeit unter 0170 5550123 an',
    );
    expect(phone.getFirstPropertyValue('location')).toBe('Telefon – Anruf unter 0170 5550123');
    const inPerson = parse(
      buildInvitation(appointmentValue({ start, channel: 'in-person' }), directory, { method: 'REQUEST', now: NOW }),
    ).vevent;
    expect(String(inPerson.getFirstPropertyValue('location'))).toContain('Rathausplatz 1, 30926 Seelze');
  });

  it('asks the citizen to call when there is no number to call them on (an in-person visit replanned to phone)', () => {
    const start = berlin('2026-05-05T11:00');
    const noNumber = appointmentValue({
      start,
      channel: 'phone',
      citizen: { name: 'Erika Mustermann', email: 'erika@example.org', language: 'de' },
    });
    const anna = directory.staff.find((s) => s.id === 'anna-schulz')!;
    const citizen = parse(buildInvitation(noNumber, directory, { method: 'REQUEST', now: NOW })).vevent;
    const description = String(citizen.getFirstPropertyValue('description'));
    expect(description).toContain(`Bitte rufen Sie Anna Schulz zur vereinbarten Zeit unter ${anna.phone} an.`);
    expect(description).not.toContain('ruft Sie');
    const staff = parse(
      buildInvitation(noNumber, directory, { method: 'REQUEST', now: NOW, audience: 'staff' }),
    ).vevent;
    expect(String(staff.getFirstPropertyValue('description'))).toContain(
      'Erika Mustermann ruft Sie zur vereinbarten Zeit an (keine Nummer hinterlegt).',
    );
  });

  it('writes English for a citizen whose language is en', () => {
    const a = appointmentValue({
      start: berlin('2026-05-05T11:00'),
      channel: 'phone',
      citizen: { name: 'Jane Doe', email: 'jane@example.org', phone: '+44 20 7946 0000', language: 'en' },
    });
    const { vevent } = parse(buildInvitation(a, directory, { method: 'REQUEST', now: NOW }));
    expect(vevent.getFirstPropertyValue('summary')).toBe('Stadt Seelze: General enquiries (phone)');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain(
      'Anna Schulz will call you at the agreed time on +44 20 7946 0000',
    );
  });
});

describe('vtimezone', () => {
  it('agrees with the time-zone database on every DST change 2026–2035', () => {
    const cal = new ICAL.Component(['vcalendar', [], []]);
    cal.addSubcomponent(
      ICAL.Component.fromString(
        `BEGIN:VCALENDAR\r\n${vtimezone('Europe/Berlin')}\r\nEND:VCALENDAR`,
      ).getFirstSubcomponent('vtimezone')!,
    );
    const tz = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!);
    let checked = 0;
    // Every 6 hours from 03:00 UTC: local times never fall into the skipped or repeated hour.
    for (let ms = Date.UTC(2026, 0, 1, 3); ms < Date.UTC(2036, 0, 1); ms += 6 * 3600_000) {
      const local = DateTime.fromMillis(ms, { zone: 'Europe/Berlin' });
      const t = new ICAL.Time(
        { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 },
        tz,
      );
      expect(t.toUnixTime() * 1000).toBe(ms);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(14_000);
  });

  it('refuses zones it has no rules for', () => {
    expect(() => vtimezone('America/New_York')).toThrow(RangeError);
  });
});

describe('buildStaffFeed', () => {
  it('lists the staff member’s active appointments without citizen data', () => {
    const start = berlin('2026-05-05T11:00');
    const a = appointmentValue({ start, channel: 'phone' });
    const other = appointmentValue({
      id: 'appt-2',
      uid: 'appt-2@x',
      start: start + 3600_000,
      channel: 'video',
      status: 'cancelled',
    });
    const ics = buildStaffFeed('anna-schulz', [a, other], directory, NOW);
    const cal = ICAL.Component.fromString(ics);
    expect(cal.getFirstPropertyValue('method')).toBeNull();
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(events[0]!.getFirstPropertyValue('uid')).toBe(a.uid);
    for (const secret of ['Erika', 'Mustermann', 'erika@example.org', '5550123']) expect(ics).not.toContain(secret);
  });

  it('carries a video meeting link only for today and tomorrow, not for the 90 days ahead', () => {
    const video = (id: string, iso: string) =>
      appointmentValue({
        id,
        uid: `${id}@x`,
        start: berlin(iso),
        channel: 'video',
        meetingUrl: `https://meet.example/${id}`,
      });
    // NOW is Friday 20 March 2026, 10:15 Berlin time
    const appointments = [
      video('today', '2026-03-20T14:00'),
      video('tomorrow', '2026-03-21T09:00'),
      video('later', '2026-03-24T09:00'),
    ];
    const ics = buildStaffFeed('anna-schulz', appointments, directory, NOW);
    expect(ics).toContain('https://meet.example/today');
    expect(ics).toContain('https://meet.example/tomorrow');
    expect(ics).not.toContain('https://meet.example/later');
    expect(ICAL.Component.fromString(ics).getAllSubcomponents('vevent')).toHaveLength(3);
  });

  it('is a valid calendar with one component (the VTIMEZONE) for a staff member without appointments', () => {
    const ics = buildStaffFeed('anna-schulz', [], directory, NOW);
    const cal = ICAL.Component.fromString(ics);
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(ics.endsWith('END:VTIMEZONE\r\nEND:VCALENDAR\r\n')).toBe(true);
  });
});
