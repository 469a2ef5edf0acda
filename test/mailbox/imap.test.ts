/**
 * The organisation mailbox against a REAL IMAP server (Dovecot, started by the test on loopback) and
 * the real Redis: answers from Outlook, Gmail, Apple Calendar, Thunderbird and a forwarded one are
 * applied exactly once even with two instances polling at the same time; mail for people stays
 * exactly as it was; bad input is ignored, logged without personal data, and changes nothing.
 */
import { Writable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { IGNORED_KEYWORD, ImapMailSource, parseMailboxUrl, PROCESSED_KEYWORD } from '../../src/mailbox/imap-source';
import { pollMailbox, ReplyProcessor } from '../../src/mailbox/poller';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisReplyStore } from '../../src/store/replies';
import { directBooking } from '../app/support';
import { startDovecot, IMAP_PASSWORD, type Dovecot } from '../support/dovecot';
import { testRedis } from '../support/redis';
import { replyMail, REPLY_CLIENTS, type ReplyVars } from './fixtures';

const directory = loadDirectoryFile('config/directory.example.json');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const { redis, cleanup } = testRedis('mailbox-imap');
const lines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  }),
);

let imap: Dovecot;
const store = new AppointmentStore(redis, clock);
const replies = new RedisReplyStore(redis, clock, store);
const book = directBooking(directory, store, clock, 'imap');

/** One app instance's mailbox reader (its own IMAP connection, the shared Redis). */
function instance(processedFolder?: string) {
  const source = new ImapMailSource(
    {
      ...parseMailboxUrl(imap.url),
      auth: { kind: 'password', password: IMAP_PASSWORD },
      ...(processedFolder ? { processedFolder } : {}),
    },
    replies,
    logger,
  );
  const processor = new ReplyProcessor({ store: replies, logger, ownAddresses: ['termine@seelze.example'] });
  return () => pollMailbox(source, processor);
}

function vars(a: Appointment, extra: Partial<ReplyVars> = {}): ReplyVars {
  return {
    uid: a.uid,
    sequence: a.sequence,
    partstat: 'ACCEPTED',
    attendee: a.citizen.email!,
    start: a.start,
    end: a.end,
    stamp: clock.now(),
    ...extra,
  };
}

const personalMail = (subject: string) =>
  Buffer.from(
    [
      'From: Hans Bürger <hans@example.org>',
      'To: termine@seelze.example',
      `Subject: ${subject}`,
      'Message-ID: <people-' + subject.replace(/\W/g, '') + '@example.org>',
      'Date: Mon, 02 Mar 2026 08:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Guten Tag, ich habe eine Frage zu meinem Antrag.',
      '',
    ].join('\r\n'),
  );

beforeAll(async () => {
  imap = await startDovecot();
});
afterAll(async () => {
  await imap?.stop();
  await cleanup();
});

describe('replies in a real IMAP mailbox (Dovecot)', () => {
  it('applies the answers of all four clients and a forwarded one exactly once, with two instances polling at once', async () => {
    const booked: Appointment[] = [];
    for (const [i, client] of REPLY_CLIENTS.entries()) {
      const a = await book(
        'jonas-becker',
        'meldewesen',
        'in-person',
        '2026-03-04',
        `${String(8 + i).padStart(2, '0')}:00`,
      );
      booked.push(a);
      await imap.append(
        replyMail(
          client,
          vars(a, {
            partstat: client === 'apple' ? 'TENTATIVE' : 'ACCEPTED',
            from: client === 'forwarded' ? 'sohn@example.net' : a.citizen.email,
          }),
        ),
      );
    }
    const people = await imap.append(personalMail('Frage zum Antrag'), 'INBOX', ['\\Flagged']);

    const [one, two] = [instance(), instance()];
    const [s1, s2] = await Promise.all([one(), two()]);
    // Each mail applied once: by one instance or the other, never both.
    expect(s1.processed + s2.processed).toBeGreaterThanOrEqual(REPLY_CLIENTS.length);
    for (const a of booked) {
      const audit = (await store.audit(a.id)).filter((e) => e.action.startsWith('reply-'));
      expect(audit).toHaveLength(1);
      const now = await store.get(a.id);
      expect(now!.reply).toMatchObject({ sequence: 0, status: a === booked[2] ? 'tentative' : 'accepted' });
    }

    // Processed replies: \Seen + keyword. The person's mail: exactly as it was.
    const msgs = await imap.messages();
    for (const m of msgs.filter((m) => m.uid !== people)) {
      expect(m.flags.has('\\Seen')).toBe(true);
      expect(m.flags.has(PROCESSED_KEYWORD)).toBe(true);
    }
    const person = msgs.find((m) => m.uid === people)!;
    expect(person.flags.has('\\Seen')).toBe(false);
    expect(person.flags.has(PROCESSED_KEYWORD)).toBe(false);
    expect(person.flags.has('\\Flagged')).toBe(true);

    // Polling again changes nothing.
    await Promise.all([one(), two()]);
    for (const a of booked)
      expect((await store.audit(a.id)).filter((e) => e.action.startsWith('reply-'))).toHaveLength(1);
  });

  it('40 replies read by three instances at once: each applied once', async () => {
    // (bench/mailbox.ts, 440 mails, is what showed the unsolicited FETCH (FLAGS) answers of one instance's flagging on the other's connection.)
    const booked: Appointment[] = [];
    for (let i = 0; i < 40; i++) {
      const a = await book(
        ['jonas-becker', 'leonie-wagner'][i % 2]!,
        'meldewesen',
        'in-person',
        '2026-03-11',
        `${String(7 + Math.floor(i / 4)).padStart(2, '0')}:${i % 4 < 2 ? '00' : '30'}`,
      );
      booked.push(a);
      await imap.append(replyMail(REPLY_CLIENTS[i % REPLY_CLIENTS.length]!, vars(a)));
    }
    await Promise.all([instance()(), instance()(), instance()()]);
    for (const a of booked)
      expect((await store.audit(a.id)).filter((e) => e.action.startsWith('reply-'))).toHaveLength(1);
  });

  it('a decline records the answer and puts one staff notice with buttons into the outbox', async () => {
    const a = await book('leonie-wagner', 'kfz', 'in-person', '2026-03-05', '10:00');
    await redis.del(keys.outbox());
    await imap.append(replyMail('outlook', vars(a, { partstat: 'DECLINED' })));
    // The same decline arrives twice (a re-sent copy with the same Message-ID): told once.
    const messageId = 'same-decline@mail.example.org';
    await imap.append(replyMail('thunderbird', vars(a, { partstat: 'DECLINED', messageId })));
    await imap.append(replyMail('thunderbird', vars(a, { partstat: 'DECLINED', messageId })));
    await Promise.all([instance()(), instance()()]);
    expect((await store.get(a.id))!.reply).toMatchObject({ status: 'declined', sequence: 0 });
    const entries = await redis.xrange(keys.outbox(), '-', '+');
    const notices = entries.map(
      ([, f]) => JSON.parse(f[3]!) as { kind: string; event?: string; appointmentId: string },
    );
    expect(
      notices.filter((n) => n.kind === 'staff-notice' && n.event === 'citizen-declined' && n.appointmentId === a.id),
    ).toHaveLength(1);
  });

  it('a counter-proposal reaches the staff member once as a notice (through the outbox), two instances polling', async () => {
    const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-06', '09:00');
    await imap.append(
      replyMail('outlook', vars(a, { method: 'COUNTER', start: a.start + 3600_000, end: a.end + 3600_000 })),
    );
    await Promise.all([instance()(), instance()()]);
    const entries = await redis.xrange(keys.outbox(), '-', '+');
    const msgs = entries.map(([, f]) => JSON.parse(f[3]!) as { kind: string; appointmentId: string; event?: string });
    const ofA = msgs.filter((m) => m.appointmentId === a.id);
    expect(ofA.filter((m) => m.kind === 'staff-notice' && m.event === 'citizen-proposed')).toHaveLength(1);
    // Nobody answers the citizen on their own: the staff member decides (test/mailbox/reply-decisions.test.ts).
    expect(ofA.filter((m) => m.kind === 'citizen-declinecounter')).toHaveLength(0);
    expect((await store.get(a.id))!.proposal).toMatchObject({ start: a.start + 3600_000, sequence: 0 });
    expect((await store.get(a.id))!).toMatchObject({ status: 'booked', sequence: 0, start: a.start });
  });

  it('with MAILBOX_PROCESSED_FOLDER a processed reply is moved there (created when missing), never deleted', async () => {
    const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-10', '09:00');
    const uid = await imap.append(replyMail('gmail', vars(a)));
    await instance('Sprechstunde-erledigt')();
    expect((await imap.messages()).some((m) => m.uid === uid)).toBe(false);
    const moved = await imap.messages('Sprechstunde-erledigt');
    expect(moved).toHaveLength(1);
    expect(moved[0]!.flags.has('\\Seen')).toBe(true);
    expect((await store.get(a.id))!.reply).toMatchObject({ status: 'accepted' });
  });

  it('a server that refuses the search for new mail fails the pass loudly instead of reporting no mail', async () => {
    const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-12', '11:30');
    await imap.append(replyMail('gmail', vars(a)));
    // What imapflow answers when the server says NO/BAD to SEARCH (Exchange Online refuses UNKEYWORD searches).
    const refused = jest.spyOn(ImapFlow.prototype, 'search').mockResolvedValueOnce(false);
    try {
      await expect(instance()()).rejects.toThrow('refused the search');
    } finally {
      refused.mockRestore();
    }
    expect((await store.get(a.id))!.reply).toBeUndefined();
    await instance()();
    expect((await store.get(a.id))!.reply).toMatchObject({ status: 'accepted' });
  });

  it('bad input is ignored, logged without personal data, and changes nothing', async () => {
    const a = await book('murat-yilmaz', 'auskunft', 'in-person', '2026-03-09', '11:00');
    // Moved once: the invitation the citizen answers below is SEQUENCE 0, the appointment is at 1.
    await store.move({
      appointmentId: a.id,
      expectedSequence: 0,
      staffId: a.staffId,
      start: a.start + 3600_000,
      end: a.end + 3600_000,
      blockStart: a.blockStart + 3600_000,
      blockEnd: a.blockEnd + 3600_000,
      channel: a.channel,
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'rescheduled', appointmentId: a.id },
      outbox: [],
    });
    const before = JSON.stringify(await store.get(a.id));
    const auditBefore = (await store.audit(a.id)).length;
    lines.length = 0;
    const bad: Buffer[] = [
      replyMail('gmail', vars(a, { uid: 'unknown-appointment@sprechstunde', partstat: 'DECLINED' })),
      replyMail('gmail', vars(a, { attendee: 'stranger@example.com', partstat: 'ACCEPTED' })),
      replyMail('gmail', vars(a, { sequence: 0, partstat: 'DECLINED' })),
      // Malformed iCalendar (Apple's single calendar part, its VEVENT never closed).
      Buffer.from(
        replyMail('apple', vars(a, { sequence: 1, partstat: 'DECLINED' }))
          .toString('utf8')
          .replace(/END:VEVENT\r\n/g, ''),
      ),
      Buffer.from(
        replyMail('thunderbird', vars(a, { sequence: 1, partstat: 'DECLINED' }))
          .toString('utf8')
          .replace('From: ', 'Auto-Submitted: auto-replied\r\nFrom: '),
      ),
      Buffer.from(
        replyMail('thunderbird', vars(a, { sequence: 1, partstat: 'DECLINED' }))
          .toString('utf8')
          .replace(/^Subject: .*$/m, 'Subject: =?UTF-8?Q?Automatische_Antwort:_Ich_bin_im_Urlaub?='),
      ),
      Buffer.from(
        replyMail('thunderbird', vars(a, { sequence: 1, partstat: 'DECLINED' }))
          .toString('utf8')
          .replace('From: ', 'Precedence: bulk\r\nX-Autoreply: yes\r\nFrom: '),
      ),
    ];
    // 20 MB: a decline with a huge attachment is never downloaded.
    const big = replyMail('thunderbird', vars(a, { sequence: 1, partstat: 'DECLINED' })).toString('utf8');
    const cut = big.lastIndexOf('--------------3xO0aQ9Vd2mK7pLr5sT1uW8y--');
    bad.push(
      Buffer.from(
        big.slice(0, cut) +
          '--------------3xO0aQ9Vd2mK7pLr5sT1uW8y\r\nContent-Type: application/octet-stream; name="scan.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
          `${'QUFB'.repeat(19)}\r\n`.repeat((20 * 1024 * 1024) / 78) +
          big.slice(cut),
      ),
    );
    const uids: number[] = [];
    for (const raw of bad) uids.push(await imap.append(raw));
    const stats = await instance()();
    expect(stats.processed).toBe(0);

    expect(JSON.stringify(await store.get(a.id))).toBe(before);
    expect((await store.audit(a.id)).length).toBe(auditBefore);
    const log = lines.join('');
    for (const reason of [
      'unknown-uid',
      'not-attendee',
      'stale-sequence',
      'malformed-icalendar',
      'mail-loop',
      'too-large',
    ])
      expect(log).toContain(reason);
    for (const personal of ['erika@example.org', 'stranger@example.com', 'Erika', 'Mustermann', 'Urlaub', 'Meldewesen'])
      expect(log).not.toContain(personal);
    // None of them is marked processed: people may still look at them.
    const flags = new Map((await imap.messages()).map((m) => [m.uid, m.flags]));
    for (const uid of uids) expect(flags.get(uid)!.has(PROCESSED_KEYWORD)).toBe(false);
    // The ignored answers (the first four) stay unseen and carry the keyword a person can search for;
    // the automatic and too-large mails are left as they were.
    for (const [i, uid] of uids.entries()) {
      expect([i, flags.get(uid)!.has(IGNORED_KEYWORD)]).toEqual([i, i < 4]);
      expect(flags.get(uid)!.has('\\Seen')).toBe(false);
    }
  });
});
