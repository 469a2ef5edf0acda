/**
 * Dead letters and their replay (src/store/outbox/dead-letters.ts, scripts/outbox.ts) against real Redis,
 * the real outbox worker and a real SMTP peer.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ManualClock } from '../../src/domain/clock';
import { describeReplay, formatDeadLetters, maskPersonalData, RedisDeadLetters } from '../../src/store/outbox';
import { keys } from '../../src/store/keys';
import { exampleDirectory } from '../invitations/fixtures';
import { TEST_REDIS_URL, testRedis } from '../support/redis';
import { book } from './book';
import { SmtpPeer, smtpTestPort } from './mail/smtp-peer';
import { drainOutbox, testOutboxWorker } from './worker';

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const CITIZEN = 'erika@example.org';
const STAFF = 'anna.schulz@seelze.example';

describe('outbox dead letters: list and replay', () => {
  const t = testRedis('dead-letters');
  const peers: SmtpPeer[] = [];
  const closers: (() => void)[] = [];
  afterAll(async () => {
    closers.forEach((c) => c());
    await Promise.all(peers.map((p) => p.stop()));
    await t.cleanup();
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox (one key prefix for the whole file).
    await t.redis.del(keys.outbox(), keys.outboxDead(), keys.outboxRetry(), keys.outboxAttempts());
  });

  async function setup(maxAttempts = 3) {
    const smtp = new SmtpPeer(smtpTestPort());
    peers.push(smtp);
    await smtp.start();
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    const { store, mailer, proactive, worker } = testOutboxWorker({
      redis: t.redis,
      clock,
      directory,
      smtpUrl: smtp.url,
      maxAttempts,
    });
    closers.push(() => mailer.close());
    await worker.ensureGroup();
    const drain = () => drainOutbox(worker);
    /** Runs passes until every attempt is used up (retries are due after the backoff). */
    const exhaust = async () => {
      for (let i = 0; i <= maxAttempts; i++) {
        await drain();
        clock.advance(120_000);
      }
    };
    return { smtp, clock, store, proactive, drain, exhaust, dead: new RedisDeadLetters(t.redis) };
  }

  const mailsTo = (smtp: SmtpPeer, address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('dead-letters an invitation the relay refuses; replay after the fix delivers it exactly once', async () => {
    const { smtp, store, drain, exhaust, dead } = await setup();
    smtp.refuse = () => true;
    const a = await book(store, { start: berlin('2026-04-09T10:00'), channel: 'phone' });
    await exhaust();
    expect(smtp.received).toHaveLength(0);

    const listed = await dead.list();
    expect(listed).toEqual([
      expect.objectContaining({ kind: 'citizen-invitation', appointmentId: a.id, attempts: 3, readable: true }),
    ]);
    const entryId = listed[0]!.entryId;

    smtp.refuse = () => false; // the cause is fixed
    const result = await dead.replay(entryId);
    expect(result).toMatchObject({ entryId, outcome: 'replayed' });
    expect(describeReplay(result)).toContain('back in the outbox');
    expect(await t.redis.llen(keys.outboxDead())).toBe(0);
    // A fresh entry: no failed attempts carried over, no retry waiting.
    expect(await t.redis.hlen(keys.outboxAttempts())).toBe(0);
    expect(await t.redis.zcard(keys.outboxRetry())).toBe(0);

    expect(await drain()).toMatchObject({ delivered: 1, dead: 0 });
    expect(await drain()).toMatchObject({ delivered: 0 });
    expect(mailsTo(smtp, CITIZEN)).toHaveLength(1);
    expect(mailsTo(smtp, STAFF)).toHaveLength(1);
    expect(await t.redis.xlen(keys.outbox())).toBe(0);

    // Replaying it again finds nothing: it is no longer a dead letter.
    expect(await dead.replay(entryId)).toEqual({ entryId, outcome: 'not-found' });
  });

  it('stores and lists dead letters without the citizen name or address, even when the SMTP reply named the address', async () => {
    const { smtp, store, exhaust, dead } = await setup();
    smtp.refuse = () => true;
    const a = await book(store, { start: berlin('2026-04-10T10:00'), channel: 'phone' });
    await exhaust();
    // The relay's reply named the recipient: the stored record (kept without a retention period) does not …
    const [stored] = await t.redis.lrange(keys.outboxDead(), 0, -1);
    expect(stored).not.toContain(CITIZEN);
    expect(stored).toContain('<address>');

    // … nor does the list.
    const listed = await dead.list();
    const lines = formatDeadLetters(listed);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ENTRY ID\s+KIND\s+APPOINTMENT\s+ATTEMPTS\s+DEAD SINCE \(UTC\)\s+LAST ERROR$/);
    expect(lines[1]).toContain(listed[0]!.entryId);
    expect(lines[1]).toContain('citizen-invitation');
    expect(lines[1]).toContain(a.id);
    expect(lines[1]).toContain('2026-04-01T');
    expect(lines[1]).toContain('451');
    expect(lines[1]).toContain('<address>');
    const text = lines.join('\n');
    for (const personal of ['erika', 'Erika', 'Mustermann', 'example.org', '5550123'])
      expect(text).not.toContain(personal);
    expect(maskPersonalData('550 <max@example.org> rejected, call +49 170 5550123 or 0511 123456')).toBe(
      '550 <<address>> rejected, call <number> or <number>',
    );
  });

  it('replaying an entry whose mails had in fact been delivered sends nothing again', async () => {
    const { smtp, store, drain, dead } = await setup();
    const a = await book(store, { start: berlin('2026-04-13T10:00'), channel: 'phone' });
    const [[, fields]] = (await t.redis.xrange(keys.outbox(), '-', '+')) as [string, string[]][] as [
      [string, string[]],
    ];
    expect(await drain()).toMatchObject({ delivered: 1 });
    expect(smtp.received).toHaveLength(2);

    // Dead-lettered all the same (e.g. the relay accepted, but the reply was lost on the last attempt
    // of another instance): the record as the worker writes it.
    const key = fields[fields.indexOf('key') + 1]!;
    const msg = JSON.parse(fields[fields.indexOf('msg') + 1]!) as unknown;
    await t.redis.lpush(
      keys.outboxDead(),
      JSON.stringify({ entryId: '1-0', key, msg, error: 'Connection closed', attempts: 3, at: Date.now() }),
    );
    expect(await dead.replay('1-0')).toMatchObject({ outcome: 'replayed' });
    expect(await drain()).toMatchObject({ delivered: 1 }); // done, without sending: the delivered markers exist
    expect(smtp.received).toHaveLength(2);
    expect(mailsTo(smtp, CITIZEN)).toHaveLength(1);
    expect(await store.get(a.id)).toMatchObject({ status: 'booked' });
  });

  it('replaying a half-delivered entry sends only what was missing (citizen mail out, staff copy refused)', async () => {
    const { smtp, store, drain, exhaust, dead } = await setup();
    smtp.refuse = (address) => address === STAFF;
    await book(store, { start: berlin('2026-04-14T10:00'), channel: 'phone' });
    await exhaust();
    expect(mailsTo(smtp, CITIZEN)).toHaveLength(1);
    expect(mailsTo(smtp, STAFF)).toHaveLength(0);
    const [entry] = await dead.list();

    smtp.refuse = () => false;
    expect(await dead.replayAll()).toEqual([expect.objectContaining({ entryId: entry!.entryId, outcome: 'replayed' })]);
    expect(await drain()).toMatchObject({ delivered: 1 });
    expect(mailsTo(smtp, CITIZEN)).toHaveLength(1);
    expect(mailsTo(smtp, STAFF)).toHaveLength(1);
  });

  it('replay of an unknown id changes nothing and says so', async () => {
    const { smtp, store, exhaust, dead } = await setup();
    smtp.refuse = () => true;
    await book(store, { start: berlin('2026-04-15T10:00'), channel: 'phone' });
    await exhaust();
    const before = await t.redis.lrange(keys.outboxDead(), 0, -1);
    const streamBefore = await t.redis.xlen(keys.outbox());

    const result = await dead.replay('9999999999999-0');
    expect(result).toEqual({ entryId: '9999999999999-0', outcome: 'not-found' });
    expect(describeReplay(result)).toBe(
      '9999999999999-0: no such dead letter — nothing changed (see: npm run outbox -- list)',
    );
    expect(await t.redis.lrange(keys.outboxDead(), 0, -1)).toEqual(before);
    expect(await t.redis.xlen(keys.outbox())).toBe(streamBefore);
  });

  it('lists an unreadable entry but refuses to replay it, with a clear message', async () => {
    const { drain, dead } = await setup();
    const badId = await t.redis.xadd(keys.outbox(), '*', 'key', 'k1', 'msg', '{"kind":"no-such-kind"}');
    expect(await drain()).toMatchObject({ dead: 1 });

    const listed = await dead.list();
    expect(listed).toEqual([
      expect.objectContaining({ entryId: badId, kind: null, readable: false, attempts: 0, error: 'malformed entry' }),
    ]);
    expect(formatDeadLetters(listed)[1]).toMatch(new RegExp(`^${badId}\\s+unreadable\\s+-\\s+0\\s`));

    const result = await dead.replay(badId!);
    expect(result).toEqual({ entryId: badId, outcome: 'unreadable' });
    expect(describeReplay(result)).toContain('refused — the entry is unreadable');
    expect(await dead.replayAll()).toEqual([{ entryId: badId, outcome: 'unreadable' }]);
    expect(await t.redis.llen(keys.outboxDead())).toBe(1);
  });
});

describe('npm run outbox (scripts/outbox.ts)', () => {
  const t = testRedis('outbox-cli');
  afterAll(() => t.cleanup());
  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../scripts/outbox.ts'), ...args], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('lists, replays and reports an unknown id with exit code 1', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: t.prefix };
    const msg = { kind: 'citizen-reminder', appointmentId: 'a1', sequence: 0 };
    await t.redis.lpush(
      keys.outboxDead(),
      JSON.stringify({ entryId: '5-0', key: 'a1:citizen-reminder:0', msg, error: 'timeout', attempts: 8, at: 0 }),
    );

    const list = cli(['list'], env);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^5-0\s+citizen-reminder\s+a1\s+8\s+-\s+timeout$/m);

    const unknown = cli(['replay', '6-0'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain('6-0: no such dead letter — nothing changed');

    const replay = cli(['replay', '--all'], env);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/^5-0: back in the outbox as \d+-\d+$/m);
    expect(await t.redis.llen(keys.outboxDead())).toBe(0);
    const [[, fields]] = (await t.redis.xrange(keys.outbox(), '-', '+')) as [[string, string[]]];
    expect(fields).toEqual(['key', 'a1:citizen-reminder:0', 'msg', JSON.stringify(msg)]);
  });

  it('answers a bad environment with one line, and a usage mistake with the usage', () => {
    const bad = cli(['list'], { REDIS_URL: 'http://localhost:6379' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: REDIS_URL/)]);
    const usage = cli(['replay'], {});
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run outbox -- list | replay <entryId>… | replay --all');
  });
});
