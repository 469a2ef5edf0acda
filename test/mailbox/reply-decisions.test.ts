/**
 * What a person must see of the citizen's calendar answers, read from REPLY_DIR into real Redis and
 * delivered by the outbox worker to a real SMTP server (and to Teams, recorded):
 *
 * - a decline from another address than the invited one reaches the serving staff member as a card
 *   to decide ("Antwort von einer anderen Adresse"), never dropped;
 * - the citizen's comment ("Ich bin leider krank") is on the staff card;
 * - "Termin behalten" tells the citizen by mail that the time stays reserved;
 * - "Absagen" after the citizen's decline confirms the citizen's own cancellation.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decideAfterDecline } from '../../src/app/replies';
import { declinedNoticeCard } from '../../src/bot/cards/reply-cards';
import { declinedView } from '../../src/bot/staff/replies';
import { loadDirectoryFile } from '../../src/config/directory';
import { loadEnv } from '../../src/config/env';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { createMailbox } from '../../src/mailbox';
import { AppointmentStore } from '../../src/store/appointments';
import { RedisReplyStore } from '../../src/store/replies';
import { directBooking } from '../app/support';
import { cardText, executes } from '../e2e/support';
import { decodeHeader, leaves, parseMime, SmtpPeer, smtpTestPort } from '../delivery/mail/smtp-peer';
import { drainOutbox, testOutboxWorker } from '../delivery/worker';
import { testRedis } from '../support/redis';
import { replyMail, type ReplyVars } from './fixtures';

const directory = loadDirectoryFile('config/directory.example.json');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const { redis, cleanup } = testRedis('reply-decisions');
const store = new AppointmentStore(redis, clock);
const replies = new RedisReplyStore(redis, clock, store);
const book = directBooking(directory, store, clock, 'decide');
const smtp = new SmtpPeer(smtpTestPort());
let dir: string;

const { worker, proactive, mailer } = testOutboxWorker({
  redis,
  clock,
  directory,
  smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
  cards: { declined: (a, d, lang, from) => declinedNoticeCard(declinedView(a, d, lang, from)) },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sprech-decisions-'));
  await smtp.start();
  await worker.ensureGroup();
});
afterAll(async () => {
  mailer.close?.();
  await smtp.stop();
  await rm(dir, { recursive: true, force: true });
  await cleanup();
});

const mailbox = () =>
  createMailbox(loadEnv({ REPLY_DIR: dir }), {
    store: replies,
    clock,
    logger: pino({ level: 'silent' }),
    ownAddresses: ['termine@seelze.example'],
  });

async function drop(name: string, a: Appointment, vars: Partial<ReplyVars>) {
  await writeFile(
    join(dir, name),
    replyMail('outlook', {
      uid: a.uid,
      sequence: a.sequence,
      partstat: 'DECLINED',
      attendee: a.citizen.email!,
      start: a.start,
      end: a.end,
      stamp: clock.now(),
      ...vars,
    }),
  );
}

/** The card Teams got about this appointment, and its text. */
function cardAbout(a: Appointment) {
  const sent = proactive.sent.filter((s) => s.message.card && JSON.stringify(s.message.card).includes(a.id));
  expect(sent).toHaveLength(1);
  const card = sent[0]!.message.card!;
  return { card, text: cardText(card), buttons: executes(card) };
}

/** Subject and plain text of the mails the SMTP server received for this address. */
function mailsTo(address: string) {
  return smtp.received
    .filter((m) => m.to.includes(address))
    .map((m) => {
      const root = parseMime(m.raw);
      const plain = leaves(root).find((p) => (p.headers.get('content-type') ?? '').startsWith('text/plain'));
      return {
        subject: decodeHeader(root.headers.get('subject') ?? ''),
        text: plain?.body ?? '',
        calendar: leaves(root).find((p) => (p.headers.get('content-type') ?? '').startsWith('text/calendar')),
      };
    });
}

const decide = (a: Appointment, choice: 'cancel' | 'keep' | 'call') =>
  decideAfterDecline(
    { directory, clock, store: replies },
    { actorId: a.staffId, appointmentId: a.id, expectedSequence: a.sequence, choice, reason: 'Auf Wunsch' },
  );

it('a decline from another address reaches the staff member as a card to decide, and "keep" tells the citizen', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '09:00');
  await drop('absage-andere-adresse.eml', a, { attendee: 'e.muster@web.example', comment: 'Bin krank, sorry' });

  expect(await mailbox().poll()).toMatchObject({ seen: 1, processed: 1, ignored: 0 });
  const stored = (await store.get(a.id))!;
  // Not applied as the citizen's answer, but kept for the staff member to judge.
  expect(stored.reply).toBeUndefined();
  expect(stored.otherReply).toMatchObject({ from: 'e.muster@web.example', status: 'declined', sequence: 0 });

  await drainOutbox(worker);
  const { text, buttons } = cardAbout(a);
  expect(text).toContain('Antwort von einer anderen Adresse');
  expect(text).toContain('e.muster@web.example hat abgesagt');
  expect(text).toContain('erika@example.org');
  expect(text).toContain('„Bin krank, sorry“');
  expect(buttons.map((b) => b.title)).toEqual(['Absagen und Zeit freigeben', 'Termin behalten', 'Ich rufe an']);

  await decide(a, 'keep');
  await drainOutbox(worker);
  const kept = mailsTo('erika@example.org').filter((m) => m.subject.startsWith('Ihr Termin bleibt bestehen'));
  expect(kept).toHaveLength(1);
  expect(kept[0]!.subject).toContain('Abmeldung, Mi 04.03.2026, 09:00');
  expect(kept[0]!.text).toContain('Die Zeit bleibt für Sie reserviert');
  expect(kept[0]!.text).toContain('/c/'); // the cancel link, for when they really cannot come
  expect(mailsTo('e.muster@web.example')).toHaveLength(0); // the other address is told nothing
  expect((await store.get(a.id))!).toMatchObject({ status: 'booked', sequence: 0 });
});

it('an acceptance from another address changes nothing and is left for a person (ignored/)', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '10:00');
  await drop('zusage-andere-adresse.eml', a, { attendee: 'e.muster@web.example', partstat: 'ACCEPTED' });
  expect(await mailbox().poll()).toMatchObject({ seen: 1, processed: 0, ignored: 1 });
  expect(await readdir(join(dir, 'ignored'))).toContain('zusage-andere-adresse.eml');
  const stored = (await store.get(a.id))!;
  expect(stored.reply).toBeUndefined();
  expect(stored.otherReply).toBeUndefined();
});

it("the decline's comment is on the card; cancelling then confirms the citizen's own cancellation", async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '11:00');
  await drop('absage-krank.eml', a, { comment: 'Ich bin leider krank; bitte einen neuen Termin.' });
  expect(await mailbox().poll()).toMatchObject({ processed: 1 });
  expect((await store.get(a.id))!.reply).toMatchObject({
    status: 'declined',
    comment: 'Ich bin leider krank; bitte einen neuen Termin.',
  });

  await drainOutbox(worker);
  const { text } = cardAbout(a);
  expect(text).toContain('Termin abgelehnt');
  expect(text).toContain('„Ich bin leider krank; bitte einen neuen Termin.“');

  await decide(a, 'cancel');
  await drainOutbox(worker);
  const cancel = mailsTo('erika@example.org').find(
    (m) => m.subject.startsWith('Terminabsage') && m.text.includes('11:00'),
  );
  expect(cancel).toBeDefined();
  expect(cancel!.calendar?.headers.get('content-type')).toMatch(/method=CANCEL/i);
  expect(cancel!.text).toContain('Sie haben Ihren Termin abgesagt');
  expect(cancel!.text).not.toContain('Leider müssen wir');
});

it('an empty comment (Outlook writes one when nothing was typed) shows no message line', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '12:00');
  await drop('absage-ohne-text.eml', a, {});
  expect(await mailbox().poll()).toMatchObject({ processed: 1 });
  expect((await store.get(a.id))!.reply?.comment).toBeUndefined();
  await drainOutbox(worker);
  expect(cardAbout(a).text).not.toContain('Nachricht');
});
