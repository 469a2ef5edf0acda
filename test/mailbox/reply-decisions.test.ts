/**
 * What a person must see of the citizen's calendar answers, read from REPLY_DIR into real Redis and
 * delivered by the outbox worker to a real SMTP server (and to Teams, recorded):
 *
 * - a decline from another address than the invited one reaches the serving staff member as a card
 *   to decide ("Antwort von einer anderen Adresse"), never dropped;
 * - the citizen's comment ("Ich bin leider krank") is on the staff card;
 * - "Termin behalten" tells the citizen by mail that the time stays reserved;
 * - "Absagen" after the citizen's decline confirms the citizen's own cancellation;
 * - a proposed new time (COUNTER) reaches the staff member with the time and the comment:
 *   "Vorschlag annehmen" moves it (REQUEST, SEQUENCE + 1, read back with ical.js), "Ablehnen" sends the
 *   DECLINECOUNTER whose subject names service and date.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decideAfterDecline, decideProposal } from '../../src/app/replies';
import { declinedNoticeCard, proposalNoticeCard } from '../../src/bot/cards/reply-cards';
import { declinedView, proposalView } from '../../src/bot/staff/replies';
import { AbsenceStore } from '../../src/store/absences';
import { readInvitation } from '../e2e/support';
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
  cards: {
    declined: (a, d, lang, from) => declinedNoticeCard(declinedView(a, d, lang, from)),
    proposal: (a, d, lang) => proposalNoticeCard(proposalView(a, d, lang)),
  },
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

const HOUR = 3600_000;

const propose = (a: Appointment, choice: 'accept' | 'decline', start: number) =>
  decideProposal(
    {
      directory,
      clock,
      absences: new AbsenceStore(redis),
      store: {
        get: (id) => replies.get(id),
        declineProposal: (input) => replies.declineProposal(input),
        move: (input) => store.move(input),
      },
    },
    { actorId: a.staffId, appointmentId: a.id, expectedSequence: a.sequence, start, choice },
  );

it('a proposed new time reaches the staff member; "Vorschlag annehmen" moves it and sends the REQUEST with SEQUENCE + 1', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '09:00');
  await drop('vorschlag.eml', a, {
    method: 'COUNTER',
    partstat: 'TENTATIVE',
    start: a.start + HOUR,
    end: a.end + HOUR,
    comment: 'Um 9 bin ich noch bei der Arbeit.',
  });
  expect(await mailbox().poll()).toMatchObject({ processed: 1 });
  expect((await store.get(a.id))!.proposal).toMatchObject({ start: a.start + HOUR, sequence: 0 });

  await drainOutbox(worker);
  // Nobody answers the citizen on their own: the staff member decides.
  expect(mailsTo('erika@example.org').filter((m) => m.subject.startsWith('Ihr Terminvorschlag'))).toHaveLength(0);
  const { card, text, buttons } = cardAbout(a);
  expect(text).toContain('Neuer Terminvorschlag');
  expect(text).toContain('Vorschlag\nDo., 5. März 2026, 10:00 Uhr');
  expect(text).toContain('„Um 9 bin ich noch bei der Arbeit.“');
  expect(buttons.map((b) => b.title)).toEqual(['Vorschlag annehmen', 'Ablehnen']);
  expect(buttons[0]!.data).toMatchObject({ verb: 'reply.proposal', start: a.start + HOUR, sequence: 0 });
  expect(JSON.stringify(card)).not.toContain('erika@example.org');

  const moved = await propose(a, 'accept', a.start + HOUR);
  expect(moved).toMatchObject({ status: 'booked', start: a.start + HOUR, sequence: 1 });
  await drainOutbox(worker);
  const update = smtp.received.find(
    (m) => m.to.includes('erika@example.org') && /method=REQUEST/i.test(m.raw) && m.raw.includes('SEQUENCE:1'),
  );
  expect(update).toBeDefined();
  const ics = leaves(parseMime(update!.raw)).find((p) =>
    (p.headers.get('content-type') ?? '').startsWith('text/calendar'),
  )!.body;
  expect(readInvitation(ics)).toMatchObject({ method: 'REQUEST', uid: a.uid, sequence: 1, start: a.start + HOUR });

  // The same card pressed again: the appointment has moved on.
  await expect(propose(a, 'decline', a.start + HOUR)).rejects.toMatchObject({ code: 'stale-appointment' });
});

it('"Ablehnen" sends the DECLINECOUNTER (same UID and SEQUENCE, subject with service and date) once', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '11:00');
  await drop('vorschlag-2.eml', a, {
    method: 'COUNTER',
    partstat: 'TENTATIVE',
    start: a.start + HOUR,
    end: a.end + HOUR,
  });
  expect(await mailbox().poll()).toMatchObject({ processed: 1 });
  await drainOutbox(worker);
  expect(cardAbout(a).text).not.toContain('Nachricht');

  await propose(a, 'decline', a.start + HOUR);
  await expect(propose(a, 'decline', a.start + HOUR)).rejects.toMatchObject({ code: 'stale-appointment' });
  await drainOutbox(worker);
  const answers = mailsTo('erika@example.org').filter((m) => m.subject.startsWith('Ihr Terminvorschlag'));
  expect(answers).toHaveLength(1);
  expect(answers[0]!.subject).toBe('Ihr Terminvorschlag: An-, Um- und Abmeldung, Do 05.03.2026, 11:00 Uhr');
  expect(answers[0]!.calendar?.headers.get('content-type')).toMatch(/method=DECLINECOUNTER/i);
  expect(readInvitation(answers[0]!.calendar!.body)).toMatchObject({
    method: 'DECLINECOUNTER',
    uid: a.uid,
    sequence: 0,
    start: a.start,
  });
  expect(answers[0]!.text).toContain('/c/');
  expect((await store.get(a.id))!).toMatchObject({ status: 'booked', start: a.start, sequence: 0 });
});

it('a proposed time that is not free is refused and the appointment stays', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '14:00');
  const other = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '15:00');
  await drop('vorschlag-belegt.eml', a, {
    method: 'COUNTER',
    partstat: 'TENTATIVE',
    start: other.start,
    end: other.end,
  });
  expect(await mailbox().poll()).toMatchObject({ processed: 1 });
  await expect(propose(a, 'accept', other.start)).rejects.toMatchObject({ code: 'slot-taken' });
  expect((await store.get(a.id))!).toMatchObject({ start: a.start, sequence: 0 });
});
