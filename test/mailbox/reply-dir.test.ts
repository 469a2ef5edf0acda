/**
 * REPLY_DIR, the local stand-in for the organisation mailbox: .eml files dropped there are processed
 * like IMAP mail and moved to processed/ (never deleted); the same mail dropped twice counts once.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadDirectoryFile } from '../../src/config/directory';
import { loadEnv } from '../../src/config/env';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { createMailbox } from '../../src/mailbox';
import { AppointmentStore } from '../../src/store/appointments';
import { RedisReplyStore } from '../../src/store/replies';
import { buildSummary } from '../../src/app/build-summary';
import { renderSummaryCard } from '../../src/bot/cards/summary-card';
import { AbsenceStore } from '../../src/store/absences';
import { RedisDeadLetters } from '../../src/store/outbox';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { cardText } from '../e2e/support';
import { directBooking } from '../app/support';
import { book as bookFor } from '../delivery/book';
import { testRedis } from '../support/redis';
import { replyMail } from './fixtures';

const directory = loadDirectoryFile('config/directory.example.json');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const { redis, cleanup } = testRedis('mailbox-dir');
const store = new AppointmentStore(redis, clock);
const replies = new RedisReplyStore(redis, clock, store);
const book = directBooking(directory, store, clock, 'dir');
let dir: string;

/** The mailbox reading REPLY_DIR, as the bot sets it up. */
const dirMailbox = () =>
  createMailbox(loadEnv({ REPLY_DIR: dir }), {
    store: replies,
    clock,
    logger: pino({ level: 'silent' }),
    ownAddresses: ['termine@seelze.example'],
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sprech-replies-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await cleanup();
});

it('processes dropped .eml files once and moves every one of them to processed/', async () => {
  const mailbox = dirMailbox();
  expect(mailbox.source.kind).toBe('dir');
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '09:00');
  const mail = replyMail('apple', {
    uid: a.uid,
    sequence: 0,
    partstat: 'ACCEPTED',
    attendee: a.citizen.email!,
    start: a.start,
    end: a.end,
    stamp: clock.now(),
  });
  await writeFile(join(dir, 'antwort.eml'), mail);
  await writeFile(join(dir, 'frage.eml'), 'From: hans@example.org\r\nSubject: Frage\r\n\r\nHallo\r\n');
  await writeFile(join(dir, 'notiz.txt'), 'not a mail');

  expect(await mailbox.poll()).toMatchObject({ seen: 2, processed: 1, untouched: 1 });
  expect((await store.get(a.id))!.reply).toMatchObject({ status: 'accepted', sequence: 0 });
  expect((await readdir(dir)).sort()).toEqual(['notiz.txt', 'processed']);
  expect((await readdir(join(dir, 'processed'))).sort()).toEqual(['antwort.eml', 'frage.eml']);

  // The same mail dropped again (another name): processed before, counted once.
  await writeFile(join(dir, 'antwort-kopie.eml'), mail);
  expect(await mailbox.poll()).toMatchObject({ seen: 1, processed: 1 });
  expect((await store.audit(a.id)).filter((e) => e.action.startsWith('reply-'))).toHaveLength(1);
  expect((await readdir(join(dir, 'processed'))).sort()).toEqual(['antwort-kopie.eml', 'antwort.eml', 'frage.eml']);
});

it('counts a decline sent from the plain address of a plus-address the citizen was invited under', async () => {
  const mailbox = dirMailbox();
  // booked as erika@example.org; her calendar answers from the alias she reads it under
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '09:00');
  const mail = replyMail('outlook', {
    uid: a.uid,
    sequence: 0,
    partstat: 'DECLINED',
    attendee: 'Erika+Kalender@Example.org',
    start: a.start,
    end: a.end,
    stamp: clock.now(),
  });
  await writeFile(join(dir, 'absage-alias.eml'), mail);
  expect(await mailbox.poll()).toMatchObject({ seen: 1, processed: 1, ignored: 0 });
  expect((await store.get(a.id))!.reply).toMatchObject({ status: 'declined', sequence: 0 });
});

it('counts an answer that writes the internationalised domain the other way (A-label for müller.example)', async () => {
  const mailbox = dirMailbox();
  const a = await bookFor(store, {
    start: localDateTime('2026-03-05', '10:00'),
    channel: 'in-person',
    citizen: { email: 'erika@müller.example' },
  });
  const mail = replyMail('outlook', {
    uid: a.uid,
    sequence: 0,
    partstat: 'DECLINED',
    attendee: 'Erika@xn--mller-kva.example',
    start: a.start,
    end: a.end,
    stamp: clock.now(),
  });
  await writeFile(join(dir, 'absage-idn.eml'), mail);
  expect(await mailbox.poll()).toMatchObject({ seen: 1, processed: 1, ignored: 0 });
  expect((await store.get(a.id))!.reply).toMatchObject({ status: 'declined', sequence: 0 });
});

it('counts an answer whose address writes a non-ASCII letter in upper case (ÖZLEM@ for özlem@)', async () => {
  const mailbox = dirMailbox();
  const a = await bookFor(store, {
    start: localDateTime('2026-03-05', '11:00'),
    channel: 'in-person',
    citizen: { email: 'özlem.yıldız@example.org' },
  });
  const mail = replyMail('outlook', {
    uid: a.uid,
    sequence: 0,
    partstat: 'ACCEPTED',
    attendee: 'ÖZLEM.yıldız@Example.org',
    start: a.start,
    end: a.end,
    stamp: clock.now(),
  });
  await writeFile(join(dir, 'zusage-gross.eml'), mail);
  expect(await mailbox.poll()).toMatchObject({ seen: 1, processed: 1, ignored: 0 });
  expect((await store.get(a.id))!.reply).toMatchObject({ status: 'accepted', sequence: 0 });
});

it('moves ignored answers to ignored/, apart from the processed ones, where a person sees them', async () => {
  const mailbox = dirMailbox();
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '11:00');
  const vars = { sequence: 0, partstat: 'DECLINED' as const, start: a.start, end: a.end, stamp: clock.now() };
  await writeFile(
    join(dir, 'fremde-uid.eml'),
    replyMail('gmail', { ...vars, uid: 'other@sprechstunde', attendee: a.citizen.email! }),
  );
  await writeFile(
    join(dir, 'fremde-person.eml'),
    // (a decline from another address goes to the staff member instead: test/mailbox/reply-decisions.test.ts)
    replyMail('gmail', { ...vars, uid: a.uid, attendee: 'stranger@example.com', partstat: 'ACCEPTED' }),
  );
  expect(await mailbox.poll()).toMatchObject({ seen: 2, processed: 0, ignored: 2 });
  expect((await readdir(join(dir, 'ignored'))).sort()).toEqual(['fremde-person.eml', 'fremde-uid.eml']);
  expect(await readdir(join(dir, 'processed'))).not.toContain('fremde-uid.eml');
  expect((await store.get(a.id))!.reply).toBeUndefined();
});

it('counts the ignored answers of the last 7 days on the supervisor summary, once per mail', async () => {
  const mailbox = dirMailbox();
  const before = await replies.countIgnored();
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-05', '12:00');
  const answer = () =>
    replyMail('apple', {
      uid: a.uid,
      sequence: 0,
      partstat: 'ACCEPTED',
      attendee: a.citizen.email!,
      start: a.start,
      end: a.end,
      stamp: clock.now(),
    }).toString('utf8');
  // An answer to a version that does not exist (a stale SEQUENCE is ignored the same way) and a malformed one.
  await writeFile(join(dir, 'zu-neu.eml'), answer().replace(/SEQUENCE:0/g, 'SEQUENCE:5'));
  await writeFile(join(dir, 'kaputt.eml'), answer().replace(/BEGIN:VEVENT/g, 'BEGIN:VEVENT\nXX'));
  const stats = await mailbox.poll();
  expect(stats.ignored).toBe(2);
  expect(await replies.countIgnored()).toBe(before + 2);
  // The same file dropped again (a copy) is known: not counted twice.
  await writeFile(join(dir, 'zu-neu-kopie.eml'), await readFile(join(dir, 'ignored', 'zu-neu.eml')));
  await mailbox.poll();
  expect(await replies.countIgnored()).toBe(before + 2);

  const summary = await buildSummary(
    {
      directory,
      clock,
      appointments: store,
      absences: new AbsenceStore(redis),
      problems: {
        countDeadLetters: () => new RedisDeadLetters(redis).countDeadLetters(),
        countIgnoredReplies: () => replies.countIgnored(),
      },
      replans: new ReplanOutcomeStore(redis),
    },
    { day: '2026-03-02' },
  );
  expect(summary.problems.ignoredReplies).toBe(before + 2);
  expect(cardText(renderSummaryCard(summary, 'de'))).toContain(
    `Nicht zugeordnete Kalenderantworten (7 Tage, im Terminpostfach)\n${before + 2}`,
  );
  // A week later they are no longer counted.
  clock.set(localDateTime('2026-03-09', '08:00'));
  expect(await replies.countIgnored()).toBe(0);
  clock.set(localDateTime('2026-03-02', '08:00'));
});
