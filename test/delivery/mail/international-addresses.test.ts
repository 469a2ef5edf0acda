/**
 * Citizens with internationalised email addresses (`jürgen@müller.example`), from the booking card
 * to a real SMTP peer: sent as is where the relay offers SMTPUTF8, the domain as A-label where it
 * does not, and a non-ASCII local part without SMTPUTF8 dead-lettered at once with a clear reason.
 */
import { DateTime } from 'luxon';
import { actionSchema } from '../../../src/bot/cards/actions';
import { ManualClock } from '../../../src/domain/clock';
import { MailRefusedError } from '../../../src/delivery/mail/mailer';
import { createMailer } from '../../../src/delivery/mail/transport';
import { RedisDeadLetters } from '../../../src/store/outbox';
import { keys } from '../../../src/store/keys';
import { exampleDirectory } from '../../invitations/fixtures';
import { testRedis } from '../../support/redis';
import { book } from '../book';
import { drainOutbox, testOutboxWorker } from '../worker';
import { parseMime, SmtpPeer, smtpTestPort } from './smtp-peer';

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const STAFF = 'anna.schulz@seelze.example';

describe('internationalised citizen addresses', () => {
  const t = testRedis('intl-mail');
  const peers: SmtpPeer[] = [];
  const closers: (() => void)[] = [];
  afterAll(async () => {
    closers.forEach((c) => c());
    await Promise.all(peers.map((p) => p.stop()));
    await t.cleanup();
  });
  beforeEach(async () => {
    await t.redis.del(keys.outbox(), keys.outboxDead(), keys.outboxRetry(), keys.outboxAttempts());
  });

  async function relay(smtpUtf8: boolean) {
    const smtp = new SmtpPeer(smtpTestPort(), { smtpUtf8 });
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, mailer, worker } = testOutboxWorker({ redis: t.redis, clock, directory, smtpUrl: smtp.url });
    closers.push(() => mailer.close());
    await worker.ensureGroup();
    return { smtp, store, drain: () => drainOutbox(worker), dead: new RedisDeadLetters(t.redis) };
  }

  const toHeader = (raw: string) => parseMime(raw).headers.get('to') ?? '';

  it('the booking card takes jürgen@müller.example (and still refuses what is no address)', () => {
    const confirm = (citizenEmail: string) =>
      actionSchema.safeParse({
        verb: 'book.confirm',
        serviceId: 'auskunft',
        channel: 'video',
        start: berlin('2026-04-09T10:00'),
        holdToken: 'hold-token-1',
        clientKey: 'client-key-1',
        citizenName: 'Jürgen Müller',
        citizenEmail,
        citizenLanguage: 'de',
      }).success;
    expect(confirm('jürgen@müller.example')).toBe(true);
    expect(confirm('erika@xn--mller-kva.example')).toBe(true);
    expect(confirm('jürgen@müller')).toBe(false);
    expect(confirm('jürgen müller@example.org')).toBe(false);
  });

  it('a relay with SMTPUTF8 gets the address as typed', async () => {
    const { smtp, store, drain } = await relay(true);
    await book(store, {
      start: berlin('2026-04-09T10:00'),
      channel: 'video',
      citizen: { email: 'jürgen@müller.example' },
    });
    expect(await drain()).toMatchObject({ delivered: 1, dead: 0 });
    const citizen = smtp.received.find((m) => m.to.includes('jürgen@müller.example'));
    expect(citizen).toBeDefined();
    expect(citizen!.smtpUtf8).toBe(true);
    expect(toHeader(citizen!.raw)).toContain('<jürgen@müller.example>');
  });

  it('a relay without SMTPUTF8 gets an ASCII local part with the domain as A-label', async () => {
    const { smtp, store, drain } = await relay(false);
    await book(store, {
      start: berlin('2026-04-09T11:00'),
      channel: 'video',
      citizen: { email: 'erika@müller.example' },
    });
    expect(await drain()).toMatchObject({ delivered: 1, dead: 0 });
    const citizen = smtp.received.find((m) => m.to.some((to) => to.startsWith('erika@')));
    expect(citizen).toBeDefined();
    expect(citizen!.smtpUtf8).toBe(false);
    expect(toHeader(citizen!.raw)).toContain('<erika@xn--mller-kva.example>');
  });

  it('a non-ASCII local part without SMTPUTF8 is dead-lettered at once, with the reason, and never reaches the relay', async () => {
    const { smtp, store, drain, dead } = await relay(false);
    const a = await book(store, {
      start: berlin('2026-04-09T12:00'),
      channel: 'video',
      citizen: { email: 'jürgen@müller.example' },
    });
    expect(await drain()).toMatchObject({ dead: 1 });
    expect(smtp.received.filter((m) => !m.to.includes(STAFF))).toEqual([]);
    const [letter] = await dead.list();
    expect(letter).toMatchObject({ kind: 'citizen-invitation', appointmentId: a.id, attempts: 1 });
    expect(letter!.error).toContain('SMTPUTF8');
    expect(letter!.error).not.toContain('jürgen');
  });

  it('the mailer itself refuses it as a MailRefusedError, and asks the relay only when needed', async () => {
    const smtp = new SmtpPeer(smtpTestPort(), { smtpUtf8: false });
    peers.push(smtp);
    await smtp.start();
    const mailer = createMailer({ SMTP_URL: smtp.url, MAIL_DIR: 'var/mail' });
    closers.push(() => mailer.close());
    const mail = (to: string) => ({
      from: 'termine@seelze.example',
      to: { name: 'Jürgen', address: to },
      subject: 'Termin',
      text: 'x',
    });
    await expect(mailer.send(mail('jürgen@müller.example'))).rejects.toBeInstanceOf(MailRefusedError);
    await expect(mailer.send(mail('erika@müller%.example'))).rejects.toBeInstanceOf(MailRefusedError);
    await mailer.send(mail('erika@müller.example'));
    expect(smtp.received.map((m) => toHeader(m.raw))).toEqual([
      '=?UTF-8?Q?J=C3=BCrgen?= <erika@xn--mller-kva.example>',
    ]);
  });
});
