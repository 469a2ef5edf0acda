/**
 * Reading the organisation mailbox: N citizen replies (the four clients' formats, a tenth of them
 * mail for people) in a real Dovecot, read by two instances polling at once on the real Redis.
 * Prints the pass time, replies per second and that each reply was applied exactly once.
 *
 *   npx tsx bench/mailbox.ts [replies=400]
 */
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import pino from 'pino';
import { loadDirectoryFile } from '../src/config/directory';
import { ManualClock } from '../src/domain/clock';
import { localDateTime, MINUTE } from '../src/domain/time';
import type { Appointment } from '../src/domain/types';
import { ImapMailSource, parseMailboxUrl } from '../src/mailbox/imap-source';
import { pollMailbox, ReplyProcessor } from '../src/mailbox/poller';
import { AppointmentStore } from '../src/store/appointments';
import { RedisReplyStore } from '../src/store/replies';
import { replyMail, type ReplyClient } from '../test/mailbox/fixtures';
import { IMAP_PASSWORD, startDovecot } from '../test/support/dovecot';
import { redisKeyPrefix } from '../src/store/keys';
import { deleteDeploymentKeys } from './own-redis';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 400);
  const prefix = `bench:mailbox:${Date.now()}:`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: redisKeyPrefix(prefix) });
  const directory = loadDirectoryFile('config/directory.example.json');
  const clock = new ManualClock(localDateTime('2026-03-02', '07:00'));
  const store = new AppointmentStore(redis, clock);
  const replies = new RedisReplyStore(redis, clock, store);
  const imap = await startDovecot();
  const logger = pino({ level: 'silent' });
  try {
    const staff = directory.staff.filter((s) => s.services.includes('meldewesen')).map((s) => s.id);
    const clients: ReplyClient[] = ['outlook', 'gmail', 'apple', 'thunderbird', 'forwarded'];
    const booked: Appointment[] = [];
    for (let i = 0; i < n; i++) {
      const start =
        localDateTime('2026-03-03', '08:00') +
        Math.floor(i / staff.length) * 15 * MINUTE +
        7 * 24 * 60 * MINUTE * Math.floor(i / (staff.length * 30));
      const id = `bench${i}`;
      const a: Appointment = {
        id,
        uid: `${id}@sprechstunde`,
        sequence: 0,
        staffId: staff[i % staff.length]!,
        serviceId: 'meldewesen',
        channel: 'in-person',
        start,
        end: start + 15 * MINUTE,
        blockStart: start,
        blockEnd: start + 15 * MINUTE,
        status: 'booked',
        citizen: { name: 'Erika Muster', email: `c${i}@example.org`, language: 'de' },
        createdAt: clock.now(),
        createdBy: 'anna-schulz',
        updatedAt: clock.now(),
      };
      await store.confirm({
        clientKey: `b-${id}`,
        appointment: a,
        audit: { at: clock.now(), actor: 'x', action: 'booked', appointmentId: id },
        outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
      });
      booked.push(a);
    }
    const appendStart = performance.now();
    for (const [i, a] of booked.entries()) {
      if (i % 10 === 9) await imap.append(`From: hans@example.org\r\nSubject: Frage ${i}\r\n\r\nHallo\r\n`);
      await imap.append(
        replyMail(clients[i % clients.length]!, {
          uid: a.uid,
          sequence: 0,
          partstat: i % 7 === 0 ? 'DECLINED' : 'ACCEPTED',
          attendee: a.citizen.email!,
          start: a.start,
          end: a.end,
          stamp: clock.now(),
        }),
      );
    }
    const appendMs = performance.now() - appendStart;
    const instance = () => () =>
      pollMailbox(
        new ImapMailSource(
          { ...parseMailboxUrl(imap.url), auth: { kind: 'password', password: IMAP_PASSWORD } },
          replies,
          logger,
        ),
        new ReplyProcessor({ store: replies, logger, ownAddresses: ['termine@seelze.example'] }),
      );
    const t0 = performance.now();
    const [s1, s2] = await Promise.all([instance()(), instance()()]);
    const passMs = performance.now() - t0;
    let once = 0;
    for (const a of booked)
      if ((await store.audit(a.id)).filter((e) => e.action.startsWith('reply-')).length === 1) once++;
    const t1 = performance.now();
    const idle = await instance()();
    const idleMs = performance.now() - t1;
    console.log(
      `mailbox: ${n} replies + ${Math.floor(n / 10)} mails for people in Dovecot (appended in ${Math.round(appendMs)} ms)`,
    );
    console.log(
      `two instances polling at once: ${Math.round(passMs)} ms → ${Math.round((n / passMs) * 1000)} replies/s; processed ${s1.processed} + ${s2.processed}, untouched ${s1.untouched + s2.untouched}`,
    );
    console.log(`applied exactly once: ${once} of ${n}`);
    console.log(`a pass with nothing new: ${Math.round(idleMs)} ms (seen ${idle.seen})`);
  } finally {
    await imap.stop();
    await deleteDeploymentKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    redis.disconnect();
  }
}

void main();
