/**
 * Every kind of mail the outbox sends, delivered to a real SMTP peer and parsed back with ical.js:
 * booked, handed over to a colleague (REQUEST to the new staff member, CANCEL to the previous one),
 * cancelled by staff at the citizen's request, cancelled without replacement (phone consultation),
 * cancelled by the citizen, the reminder. The same mail rules are checked on each.
 */
process.env.TZ = 'UTC';

import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { cancelAppointment } from '../../../src/app/cancel';
import { StoreCitizenCanceller } from '../../../src/app/citizen-cancel';
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { storeReplanCommands } from '../../../src/store/replan-commands';
import { citizenReminderEntry } from '../../../src/store/outbox/messages';
import { keys } from '../../../src/store/keys';
import { citizenCancelReason } from '../../../src/invitations/appointment-text';
import { exampleDirectory } from '../../invitations/fixtures';
import { testRedis } from '../../support/redis';
import { book } from '../book';
import { decodeHeader, leaves, parseMime, SmtpPeer, smtpTestPort, type Received } from './smtp-peer';
import { drainOutbox, testLinks, testOutboxWorker } from '../worker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

interface ReadMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The text/calendar part: its MIME method and body. */
  calendar?: { mimeMethod: string | undefined; ics: string };
}

function read(m: Received): ReadMail {
  const mime = parseMime(m.raw);
  const parts = leaves(mime);
  const part = (type: string) => parts.find((p) => p.headers.get('content-type')!.startsWith(type));
  const cal = part('text/calendar');
  return {
    to: m.to.join(','),
    subject: decodeHeader(mime.headers.get('subject') ?? ''),
    text: part('text/plain')?.body ?? '',
    html: part('text/html')?.body ?? '',
    ...(cal
      ? { calendar: { mimeMethod: /method=([A-Z]+)/.exec(cal.headers.get('content-type')!)?.[1], ics: cal.body } }
      : {}),
  };
}

/** The iCalendar rules every calendar part obeys; returns the VEVENT for further checks. */
function checkIcs(mail: ReadMail) {
  const { ics, mimeMethod } = mail.calendar!;
  // The part's body ends with the CRLF that belongs to the MIME boundary: the .ics's own final CRLF comes before it.
  expect(ics.endsWith('END:VCALENDAR\r\n\r\n')).toBe(true);
  const cal = ICAL.Component.fromString(ics);
  expect(cal.getFirstPropertyValue('method')).toBe(mimeMethod);
  // Calendar properties before components.
  const lines = ics.split('\r\n');
  const firstComponent = lines.findIndex((l, i) => i > 0 && l.startsWith('BEGIN:'));
  const props = lines
    .slice(firstComponent)
    .filter((l) => /^(VERSION|PRODID|METHOD|NAME|X-WR-CALNAME|REFRESH-INTERVAL|X-PUBLISHED-TTL)[:;]/.test(l));
  expect(props).toEqual([]);
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return { method: mimeMethod, vevent, description: String(vevent.getFirstPropertyValue('description') ?? '') };
}

describe('every mail the citizen and staff get says the right thing (real SMTP, ical.js)', () => {
  const t = testRedis('mail-rules');
  const clock = new ManualClock(localDateTime('2026-05-11', '07:00'));
  const directory = exampleDirectory();
  const smtp = new SmtpPeer(smtpTestPort());
  const { store, mailer, worker, proactive } = testOutboxWorker({
    redis: t.redis,
    clock,
    directory,
    smtpUrl: smtp.url,
  });
  const anna = directory.staff.find((s) => s.id === 'anna-schulz')!;
  const jonas = directory.staff.find((s) => s.id === 'jonas-becker')!;

  beforeAll(async () => {
    await smtp.start();
    await worker.ensureGroup();
  });
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
    await t.cleanup();
  });

  /** Replanning hands an appointment of Anna Schulz to Jonas Becker, an hour later (a phone call of 15 min). */
  const handOverToJonas = (a: { id: string; start: number }) => {
    const later = a.start + 3_600_000;
    return storeReplanCommands(store, clock).replanMove({
      appointmentId: a.id,
      expectedSequence: 0,
      to: {
        staffId: 'jonas-becker',
        channel: 'phone',
        start: later,
        end: later + 900_000,
        blockStart: later,
        blockEnd: later + 900_000,
      },
      actor: 'anna-schulz',
      notifyStaff: ['anna-schulz', 'jonas-becker'],
    });
  };

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map(read);

  it('booked → handed over: REQUEST+1 with the old time to citizen and new staff member, CANCEL to the previous one', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-13', '10:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
      citizen: { email: 'handover@example.org' },
    });
    await drainOutbox(worker);
    const [booked] = mailsTo('handover@example.org');
    const first = checkIcs(booked!);
    expect(first.method).toBe('REQUEST');
    expect(booked!.text).toContain(testLinks.rescheduleUrl(a.id));
    expect(booked!.text).toContain(testLinks.privacyUrl());
    expect(booked!.text).toContain(testLinks.accessibilityUrl());
    expect(first.description).toContain(testLinks.rescheduleUrl(a.id));

    // Replanning hands it to Jonas Becker, an hour later.
    await handOverToJonas(a);
    await drainOutbox(worker);

    const update = mailsTo('handover@example.org')[1]!;
    const u = checkIcs(update);
    expect(u.method).toBe('REQUEST');
    expect(u.vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(u.vevent.getFirstPropertyValue('uid')).toBe(a.uid);
    expect(update.text).toContain('Bisher: Mittwoch, 13. Mai 2026, 10:00–10:15 Uhr (bei Anna Schulz)');
    expect(update.text).toContain('11:00–11:15 Uhr');

    const toJonas = mailsTo(jonas.upn).map((m) => ({ m, ...checkIcs(m) }));
    expect(toJonas.map((x) => x.method)).toEqual(['REQUEST']);
    expect(toJonas[0]!.m.text).toContain('Bisher:');

    // The previous staff member: first the original REQUEST, then a CANCEL of the same UID with the new SEQUENCE.
    const toAnna = mailsTo(anna.upn).map((m) => ({ m, ...checkIcs(m) }));
    expect(toAnna.map((x) => x.method)).toEqual(['REQUEST', 'CANCEL']);
    const cancel = toAnna[1]!;
    expect(cancel.vevent.getFirstPropertyValue('uid')).toBe(a.uid);
    expect(cancel.vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    // As Anna had it (her time), listing only her as attendee: the citizen's attendance is untouched.
    expect((cancel.vevent.getFirstPropertyValue('dtstart') as ICALModule.Time).toJSDate().getTime()).toBe(a.start);
    const attendees = cancel.vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toEqual([`mailto:${anna.upn}`]);
    expect(cancel.m.text).toContain('an Jonas Becker übergeben');
    expect(proactive.sent.map((s) => s.staffId).sort()).toEqual(['anna-schulz', 'jonas-becker']);
  });

  it('handed over and cancelled before the handover mail went out: the previous staff member still gets the CANCEL', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-15', '10:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
      citizen: { email: 'overtaken@example.org' },
    });
    await drainOutbox(worker);
    const annaBefore = mailsTo(anna.upn).length;
    await handOverToJonas(a);
    // SMTP was slow: the cancellation (sequence 2) is written before the handover (sequence 1) is delivered.
    await cancelAppointment(
      { directory, clock, store },
      {
        actorId: 'jonas-becker',
        appointmentId: a.id,
        expectedSequence: 1,
        reason: citizenCancelReason('citizen-request', '', 'de'),
        code: 'citizen-request',
      },
    );
    await drainOutbox(worker);

    const toAnna = mailsTo(anna.upn).slice(annaBefore).map(checkIcs);
    expect(toAnna.map((x) => x.method)).toEqual(['CANCEL']);
    expect(toAnna[0]!.vevent.getFirstPropertyValue('uid')).toBe(a.uid);
    expect(toAnna[0]!.vevent.getFirstPropertyValue('sequence')).toBe(2);
    // The citizen hears only the newest news: the cancellation, no outdated update.
    expect(mailsTo('overtaken@example.org').map((m) => checkIcs(m).method)).toEqual(['REQUEST', 'CANCEL']);
  });

  it('cancelled by staff at the citizen’s request: the chosen reason in the citizen’s language, not “Leider müssen wir”', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-14', '10:00'),
      channel: 'in-person',
      citizen: { email: 'request@example.org', language: 'en' },
    });
    await cancelAppointment(
      { directory, clock, store },
      {
        actorId: 'anna-schulz',
        appointmentId: a.id,
        expectedSequence: 0,
        reason: citizenCancelReason('citizen-request', 'moving to Hanover', 'en'),
        code: 'citizen-request',
      },
    );
    await drainOutbox(worker);
    const cancel = mailsTo('request@example.org').at(-1)!;
    expect(checkIcs(cancel).method).toBe('CANCEL');
    expect(cancel.text).toContain('As you asked, we have cancelled your appointment.');
    expect(cancel.text).toContain('Reason: At your request: moving to Hanover');
    expect(cancel.text).not.toMatch(/Unfortunately|Leider/);
  });

  it('a phone consultation cancelled without replacement promises no consultation call; the town hall gets in touch', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-15', '10:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
      citizen: { email: 'noreplacement@example.org' },
    });
    await storeReplanCommands(store, clock).replanCancel({
      appointmentId: a.id,
      expectedSequence: 0,
      actor: 'anna-schulz',
      reason: 'Personalausfall',
      notifyStaff: ['anna-schulz'],
    });
    await drainOutbox(worker);
    const cancel = mailsTo('noreplacement@example.org').at(-1)!;
    const c = checkIcs(cancel);
    expect(c.method).toBe('CANCEL');
    for (const text of [cancel.text, c.description]) expect(text).not.toContain('ruft Sie zur vereinbarten Zeit');
    expect(cancel.text).toContain('Wir rufen Sie unter 0170 5550123 an, um einen neuen Termin zu vereinbaren.');
    expect(cancel.text).not.toContain('Bitte vereinbaren Sie');
    const notice = proactive.sent.filter((s) => s.message.text.includes('kein Ersatz')).at(-1)!;
    expect(notice.message.text).toContain('Die Teamleitung meldet sich');
  });

  it('cancelled by the citizen and the reminder: links to the privacy notice and the accessibility statement', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-18', '10:00'),
      channel: 'video',
      meetingUrl: 'https://meet.jit.si/seelze-x',
      citizen: { email: 'self@example.org' },
    });
    const reminder = citizenReminderEntry(a);
    await t.redis.xadd(keys.outbox(), '*', 'key', reminder.key, 'msg', JSON.stringify(reminder.msg));
    await drainOutbox(worker);
    await new StoreCitizenCanceller(store, clock).cancelByCitizen(a.id);
    await drainOutbox(worker);
    const mails = mailsTo('self@example.org');
    const kinds = mails.map((m) => m.calendar?.mimeMethod ?? 'none');
    expect(kinds).toEqual(['REQUEST', 'none', 'CANCEL']);
    for (const m of mails) {
      expect(m.text).toContain(testLinks.privacyUrl());
      expect(m.text).toContain(testLinks.accessibilityUrl());
      if (m.calendar) checkIcs(m);
    }
    expect(mails[1]!.text).toContain(testLinks.rescheduleUrl(a.id));
    expect(mails[2]!.text).toContain('Sie haben Ihren Termin abgesagt');
  });
});
