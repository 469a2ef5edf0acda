process.env.TZ = 'UTC'; // the mail must name Berlin time even when the server runs in UTC

import * as fsPromises from 'node:fs/promises';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { DateTime } from 'luxon';
import pino from 'pino';
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { ManualClock } from '../../src/domain/clock';
import { OutboxWorker } from '../../src/delivery/outbox-worker';
import { createMailer } from '../../src/delivery/mail/transport';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from './book';
import { decodeHeader, leaves, parseMime, SmtpPeer, smtpTestPort } from './mail/smtp-peer';
import { drainOutbox, RecordingSender, testLinks, testOutboxWorker } from './worker';

// ical.js is an ES module with a CommonJS build; jest loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const logger = pino({ level: 'silent' });
const links = testLinks;

/** The decoded text/calendar alternative of a received mail. */
function calendarOf(raw: string): string {
  return leaves(parseMime(raw)).find((p) => p.headers.get('content-type')!.startsWith('text/calendar'))?.body ?? '';
}

describe('OutboxWorker', () => {
  const t = testRedis('outbox-worker');
  const peers: SmtpPeer[] = [];
  // A failed assertion must not leave a listening SMTP server behind (jest would not exit).
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await t.cleanup();
  });

  function setup(smtpPort: number, clock: ManualClock, maxAttempts = 8, consumer = 'w1') {
    return testOutboxWorker({
      redis: t.redis,
      clock,
      directory,
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      maxAttempts,
      consumer,
    });
  }
  const drain = drainOutbox;

  it('mails the citizen a REQUEST whose MIME method equals the METHOD line, with the .ics attached and the Berlin time in the text', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-03-26T12:00'));
    const { store, worker, mailer } = setup(smtp.port, clock);
    await worker.ensureGroup();
    // Monday after the spring DST change: 09:00 in Berlin is 07:00 UTC.
    const a = await book(store, { start: berlin('2026-03-30T09:00'), channel: 'phone' });
    await drain(worker);
    mailer.close();
    await smtp.stop();

    const toCitizen = smtp.received.filter((m) => m.to.includes('erika@example.org'));
    const toStaff = smtp.received.filter((m) => m.to.includes('anna.schulz@seelze.example'));
    expect(toCitizen).toHaveLength(1);
    expect(toStaff).toHaveLength(1);

    const mime = parseMime(toCitizen[0]!.raw);
    expect(decodeHeader(mime.headers.get('subject')!)).toBe(
      'Terminbestätigung: Allgemeine Auskunft, Mo 30.03.2026, 09:00 Uhr',
    );
    const parts = leaves(mime);
    const calendarPart = parts.find((p) => p.headers.get('content-type')!.startsWith('text/calendar'))!;
    const attachment = parts.find((p) => /attachment/.test(p.headers.get('content-disposition') ?? ''))!;
    const text = parts.find((p) => p.headers.get('content-type')!.startsWith('text/plain'))!;
    const html = parts.find((p) => p.headers.get('content-type')!.startsWith('text/html'))!;
    expect(calendarPart.headers.get('content-type')).toMatch(/method=REQUEST/);
    expect(attachment.headers.get('content-type')).toMatch(/application\/ics/);
    expect(attachment.headers.get('content-type')! + attachment.headers.get('content-disposition')!).toMatch(
      /termin\.ics/,
    );
    expect(attachment.body.replace(/(\r?\n)+$/, '')).toBe(calendarPart.body.replace(/(\r?\n)+$/, ''));

    const cal = ICAL.Component.fromString(calendarPart.body);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(a.uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(calendarPart.body).toContain('DTSTART;TZID=Europe/Berlin:20260330T090000');

    expect(text.body).toContain('Montag, 30. März 2026');
    expect(text.body).toContain('09:00–09:15 Uhr');
    expect(text.body).toContain('Anna Schulz ruft Sie zur vereinbarten Zeit unter 0170 5550123 an.');
    expect(text.body).toContain(links.cancelUrl(a.id));
    expect(html.body).toContain(`href="${links.cancelUrl(a.id)}"`);

    const staffMime = parseMime(toStaff[0]!.raw);
    const staffCal = leaves(staffMime).find((p) => p.headers.get('content-type')!.startsWith('text/calendar'))!;
    expect(staffCal.headers.get('content-type')).toMatch(/method=REQUEST/);
    expect(staffCal.body).toContain(`UID:${a.uid}`);
  });

  it("prints the appointment reference in the text of the staff member's calendar copy, as in the citizen's mail", async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-03-26T12:00'));
    const { store, worker, mailer } = setup(smtp.port, clock);
    await worker.ensureGroup();
    const a = await book(store, { start: berlin('2026-03-31T10:00'), channel: 'phone' });
    await drain(worker);
    mailer.close();
    await smtp.stop();

    expect(a.ref).toMatch(/^T-[A-Z0-9]{4}$/);
    const toStaff = smtp.received.filter((m) => m.to.includes('anna.schulz@seelze.example'));
    expect(toStaff).toHaveLength(1);
    const text = leaves(parseMime(toStaff[0]!.raw)).find((p) =>
      p.headers.get('content-type')!.startsWith('text/plain'),
    )!;
    expect(text.body).toContain('Kopie für Ihren Kalender');
    expect(text.body).toContain(`Terminnummer: ${a.ref}`);
  });

  it('sends a CANCEL (method=CANCEL in MIME and body) and tells the staff member in Teams after a citizen cancels', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-10-20T08:00'));
    const { store, worker, mailer, proactive } = setup(smtp.port, clock);
    await worker.ensureGroup();
    const a = await book(store, { start: berlin('2026-10-26T10:00'), channel: 'in-person' });
    await drain(worker);
    smtp.received.length = 0;
    await new StoreCitizenCanceller(store, clock).cancelByCitizen(a.id);
    await drain(worker);
    mailer.close();
    await smtp.stop();

    const toCitizen = smtp.received.filter((m) => m.to.includes('erika@example.org'));
    expect(toCitizen).toHaveLength(1);
    const parts = leaves(parseMime(toCitizen[0]!.raw));
    const calendarPart = parts.find((p) => p.headers.get('content-type')!.startsWith('text/calendar'))!;
    expect(calendarPart.headers.get('content-type')).toMatch(/method=CANCEL/);
    expect(calendarPart.body).toMatch(/^METHOD:CANCEL\r$/m);
    expect(calendarPart.body).toMatch(/^STATUS:CANCELLED\r$/m);
    expect(calendarPart.body).toMatch(/^SEQUENCE:1\r$/m);
    expect(calendarPart.body).toContain('DTSTART;TZID=Europe/Berlin:20261026T100000');
    expect(proactive.sent).toHaveLength(1);
    expect(proactive.sent[0]!.staffId).toBe('anna-schulz');
    expect(proactive.sent[0]!.message.text).toContain('hat den Termin abgesagt');
  });

  it('counts a Teams notice to a staff member who never opened the bot as skipped, not delivered', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-10-20T08:00'));
    const { store, worker, mailer, proactive } = setup(smtp.port, clock);
    await worker.ensureGroup();
    const a = await book(store, { start: berlin('2026-10-27T10:00'), channel: 'in-person' });
    await drain(worker);
    proactive.unreachable.add('anna-schulz');
    await new StoreCitizenCanceller(store, clock).cancelByCitizen(a.id);
    const outcome = await drain(worker);
    mailer.close();
    await smtp.stop();
    // The citizen's CANCEL went out (delivered); the notice to Anna could not (skipped).
    expect(outcome).toMatchObject({ delivered: 1, skipped: 1, retry: 0, dead: 0 });
    expect(proactive.sent).toEqual([]);
  });

  it('loses nothing while SMTP is down and delivers every mail exactly once when it is back', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, worker, mailer } = setup(smtp.port, clock);
    const second = setup(smtp.port, clock, 8, 'w2');
    await worker.ensureGroup();
    const booked = [];
    for (let i = 0; i < 6; i++)
      booked.push(
        await book(store, {
          start: berlin('2026-04-02T08:00') + i * 30 * 60_000,
          channel: 'video',
          meetingUrl: `https://meet.jit.si/seelze-r${i}`,
        }),
      );

    // Relay down: every attempt fails, entries stay queued with a retry time.
    const down = await drain(worker);
    expect(down.retry).toBe(6);
    expect(down.delivered).toBe(0);
    expect(await t.redis.zcard(keys.outboxRetry())).toBe(6);
    clock.advance(2_000);
    expect((await worker.runOnce(0)).retry).toBe(6);

    // Relay back; two instances race for the due retries.
    await smtp.start();
    clock.advance(10_000);
    const [r1, r2] = await Promise.all([drain(worker), drain(second.worker)]);
    expect(r1.delivered + r2.delivered).toBe(6);
    mailer.close();
    second.mailer.close();
    await smtp.stop();

    for (const a of booked) {
      const mails = smtp.received.filter((m) => calendarOf(m.raw).includes(`UID:${a.uid}`));
      expect(mails.map((m) => m.to[0]).sort()).toEqual(['anna.schulz@seelze.example', 'erika@example.org']);
    }
    expect(smtp.received).toHaveLength(12);
    expect(await t.redis.xlen(keys.outbox())).toBe(0);
    expect(await t.redis.zcard(keys.outboxRetry())).toBe(0);
  });

  it('takes over the entries of a consumer that crashed mid-delivery, without sending twice what it had sent', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const crashed = setup(smtp.port, clock, 8, 'crashed');
    const { store, mailer } = crashed;
    const survivor = new OutboxWorker(
      {
        redis: t.redis,
        appointments: store,
        directory,
        mailer,
        proactive: new RecordingSender(),
        links,
        clock,
        logger,
      },
      { consumer: 'survivor', maxAttempts: 8, claimIdleMs: 0, leaseMs: 50 },
    );
    await crashed.worker.ensureGroup();
    const a = await book(store, { start: berlin('2026-04-03T10:00'), channel: 'phone' });
    // The crashed consumer read the entry and got the citizen mail out, then died before the staff copy and the ack.
    const read = (await t.redis.xreadgroup(
      'GROUP',
      'delivery',
      'crashed',
      'COUNT',
      10,
      'STREAMS',
      keys.outbox(),
      '>',
    )) as [string, [string, string[]][]][];
    const entries = read[0]![1];
    expect(entries).toHaveLength(1);
    const key = entries[0]![1][1]!;
    await t.redis.set(keys.delivered(`${key}:citizen`), '1');
    expect(await survivor.runOnce(0)).toMatchObject({ delivered: 1 });
    mailer.close();
    await smtp.stop();
    expect(smtp.received.map((m) => m.to[0])).toEqual(['anna.schulz@seelze.example']);
    expect(calendarOf(smtp.received[0]!.raw)).toContain(`UID:${a.uid}`);
  });

  it('skips an invitation that a newer change superseded, and mails the appointment as it is now', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, worker, mailer } = setup(smtp.port, clock);
    await worker.ensureGroup();
    const a = await book(store, { start: berlin('2026-04-07T10:00'), channel: 'phone' });
    const newStart = berlin('2026-04-08T11:00');
    await store.move({
      appointmentId: a.id,
      expectedSequence: 0,
      staffId: a.staffId,
      start: newStart,
      end: newStart + 15 * 60_000,
      blockStart: newStart,
      blockEnd: newStart + 15 * 60_000,
      channel: 'phone',
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'reschedule', appointmentId: a.id },
      outbox: (next) => [
        {
          kind: 'citizen-invitation',
          appointmentId: a.id,
          sequence: next.sequence,
          reason: 'rescheduled',
        },
      ],
    });
    const r = await drain(worker);
    mailer.close();
    await smtp.stop();
    expect(r).toMatchObject({ delivered: 1, skipped: 1 });
    const toCitizen = smtp.received.filter((m) => m.to.includes('erika@example.org'));
    expect(toCitizen).toHaveLength(1);
    expect(calendarOf(toCitizen[0]!.raw)).toMatch(/^SEQUENCE:1\r$/m);
    expect(calendarOf(toCitizen[0]!.raw)).toContain('DTSTART;TZID=Europe/Berlin:20260408T110000');
  });

  it('dead-letters an entry after the maximum attempts and alerts the supervisors in Teams', async () => {
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, worker, proactive } = setup(smtpTestPort(), clock, 3);
    await worker.ensureGroup();
    await t.redis.del(keys.outboxDead());
    const a = await book(store, { start: berlin('2026-04-09T10:00'), channel: 'phone' });
    for (let i = 0; i < 3; i++) {
      await drain(worker);
      clock.advance(120_000);
    }
    await drain(worker); // delivers the supervisor alert
    const dead = (await t.redis.lrange(keys.outboxDead(), 0, -1)).map(
      (r) => JSON.parse(r) as { msg: { appointmentId: string }; attempts: number },
    );
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 3, msg: { appointmentId: a.id } });
    const supervisors = directory.staff
      .filter((s) => s.role === 'supervisor')
      .map((s) => s.id)
      .sort();
    expect(proactive.sent.map((s) => s.staffId).sort()).toEqual(supervisors);
    expect(proactive.sent[0]!.message.text).toContain('Zustellung gescheitert nach 3 Versuchen');
    expect(proactive.sent[0]!.message.text).not.toContain('erika');
  });

  it('dead-letters a permanent SMTP refusal (550) at once, with the reason, and alerts the supervisors', async () => {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    smtp.refuseCode = 550;
    smtp.refuse = (address) => address === 'nobody@example.org';
    await smtp.start();
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, worker, proactive, mailer } = setup(smtp.port, clock, 8);
    await worker.ensureGroup();
    await t.redis.del(keys.outboxDead());
    const a = await book(store, {
      start: berlin('2026-04-10T10:00'),
      channel: 'phone',
      citizen: { email: 'nobody@example.org' },
    });
    const first = await drain(worker);
    expect(first.retry).toBe(0);
    const dead = (await t.redis.lrange(keys.outboxDead(), 0, -1)).map(
      (r) => JSON.parse(r) as { msg: { appointmentId: string }; attempts: number; error: string },
    );
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 1, msg: { appointmentId: a.id } });
    expect(dead[0]!.error).toMatch(/^permanent SMTP refusal \(550\)/);
    expect(proactive.sent.some((s) => s.message.text.includes('Zustellung gescheitert nach einem Versuch'))).toBe(true);
    mailer.close();
  });
});

describe('createMailer without SMTP_URL', () => {
  it('writes each mail as an .eml file a mail client can open', async () => {
    const { mkdtemp, readdir, readFile } = fsPromises;
    const dir = await mkdtemp('/tmp/sprechstunde-mail-');
    const mailer = createMailer({ SMTP_URL: undefined, MAIL_DIR: dir });
    expect(mailer.kind).toBe('file');
    await mailer.send({
      from: 'termine@seelze.example',
      to: 'erika@example.org',
      subject: 'Test',
      text: 'Hallo',
      icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    });
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(await readFile(`${dir}/${files[0]}`, 'utf8')).toMatch(
      /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/,
    );
  });
});
