/**
 * REPLY_DIR, the local stand-in for the organisation mailbox: .eml files dropped there are processed
 * like IMAP mail and moved to processed/ (never deleted); the same mail dropped twice counts once.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
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
import { directBooking } from '../app/support';
import { testRedis } from '../support/redis';
import { replyMail } from './fixtures';

const directory = loadDirectoryFile('config/directory.example.json');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const { redis, cleanup } = testRedis('mailbox-dir');
const store = new AppointmentStore(redis, clock);
const replies = new RedisReplyStore(redis, clock, store);
const book = directBooking(directory, store, clock, 'dir');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sprech-replies-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await cleanup();
});

it('processes dropped .eml files once and moves every one of them to processed/', async () => {
  const mailbox = createMailbox(loadEnv({ REPLY_DIR: dir }), {
    store: replies,
    clock,
    logger: pino({ level: 'silent' }),
    ownAddresses: ['termine@seelze.example'],
  });
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
  const mailbox = createMailbox(loadEnv({ REPLY_DIR: dir }), {
    store: replies,
    clock,
    logger: pino({ level: 'silent' }),
    ownAddresses: ['termine@seelze.example'],
  });
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

it('moves ignored answers to ignored/, apart from the processed ones, where a person sees them', async () => {
  const mailbox = createMailbox(loadEnv({ REPLY_DIR: dir }), {
    store: replies,
    clock,
    logger: pino({ level: 'silent' }),
    ownAddresses: ['termine@seelze.example'],
  });
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
