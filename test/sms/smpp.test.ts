/**
 * SMS_PROVIDER=smpp against a real SMPP 3.4 server on loopback (test/support/smpp-server.ts): the
 * submit_sm as an aggregator receives it, concatenation, throttling and refusals through the real
 * outbox on real Redis, bind failures, a dropped connection, receipts and replies.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import { OutboxWorker } from '../../src/delivery/outbox-worker';
import { SmsDelivery } from '../../src/sms/delivery';
import { SmsRefused, SmsUnavailable, type SmsReceipt, type SmsReply } from '../../src/sms/provider';
import { countSegments } from '../../src/sms/segments';
import { parseSmppUrl, SmppProvider } from '../../src/sms/smpp';
import { keys } from '../../src/store/keys';
import { RedisShortLinks } from '../../src/store/short-links';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { loadEnv } from '../../src/config/env';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { createMailer } from '../../src/delivery/mail/transport';
import { drainOutbox, RecordingSender, testLinks } from '../delivery/worker';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';
import { startTestSmsc, type TestSmsc } from '../support/smpp-server';

const logger = pino({ level: 'silent' });
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const ESME_RTHROTTLED = 0x58;
const ESME_RINVDSTADR = 0x0b;

const smscs: TestSmsc[] = [];
const providers: SmppProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
  await Promise.all(smscs.splice(0).map((s) => s.close()));
});

async function smsc(): Promise<TestSmsc> {
  const s = await startTestSmsc();
  smscs.push(s);
  return s;
}

function provider(url: string, extra: Partial<ConstructorParameters<typeof SmppProvider>[0]> = {}): SmppProvider {
  const p = new SmppProvider({
    url: parseSmppUrl(url)!,
    sender: 'Seelze',
    window: 10,
    ratePerSecond: 1000,
    logger,
    reconnectMs: { min: 20, max: 200 },
    bindWaitMs: 2_000,
    ...extra,
  });
  providers.push(p);
  p.start();
  return p;
}

const sms = (text: string, to = '+4915112345678') => ({ to, text, ...countSegments(text), reference: 'ref-1' });

/** Waits (bounded) until `check` holds; the condition is what the test asserts afterwards. */
async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SMS_URL and SMS_SENDER are checked at start-up', () => {
  it('names SMS_URL when SMS_PROVIDER=smpp has none or one of another form', () => {
    expect(() => loadEnv({ SMS_PROVIDER: 'smpp' })).toThrow(/SMS_URL: required with SMS_PROVIDER=smpp/);
    expect(() => loadEnv({ SMS_PROVIDER: 'smpp', SMS_URL: 'smpp://host:2775' })).toThrow(
      /SMS_URL: must be smpp:\/\/system_id:password@host:2775/,
    );
    expect(() =>
      loadEnv({ SMS_PROVIDER: 'smpp', SMS_SENDER: 'Stadtverwaltung Seelze', SMS_URL: 'smpp://a:b@h:2775' }),
    ).toThrow(/SMS_SENDER: must be a name of at most 11/);
    const env = loadEnv({ SMS_PROVIDER: 'smpp', SMS_URL: 'smpp://seelze:ge%40heim@smsc.example:2776' });
    expect(parseSmppUrl(env.SMS_URL!)).toEqual({
      host: 'smsc.example',
      port: 2776,
      tls: false,
      systemId: 'seelze',
      password: 'ge@heim',
    });
  });
});

describe('SMPP provider', () => {
  it('binds as a transceiver and sends one GSM-7 submit_sm with the sender, the number and a receipt request', async () => {
    const s = await smsc();
    const p = provider(s.url);
    const text = 'Stadt Seelze: Ihr Termin am Mo., 21.12., 08:00 Uhr. Grüße, Ärger, Maß & 5 €';
    const sent = await p.send(sms(text));
    expect(s.binds).toEqual([{ systemId: 'seelze', ok: true }]);
    expect(s.submits).toHaveLength(1);
    expect(s.submits[0]).toMatchObject({
      destination: '4915112345678',
      source: 'Seelze',
      sourceTon: 5,
      dataCoding: 0,
      esmClass: 0,
      registeredDelivery: 1,
      udh: null,
      text,
    });
    expect(sent).toEqual({ messageId: s.submits[0]!.messageId, messageIds: [s.submits[0]!.messageId] });
    expect(p.status()).toEqual({ bound: true });
  });

  it('sends a numeric sender as an international number', async () => {
    const s = await smsc();
    await provider(s.url, { sender: '+4951377890' }).send(sms('Hallo'));
    expect(s.submits[0]).toMatchObject({ source: '4951377890', sourceTon: 1 });
  });

  it('sends two segments as two submit_sm with one concatenation header, cut where the counter cuts', async () => {
    const s = await smsc();
    const p = provider(s.url);
    const gsm = `${'Grüße aus Seelze. '.repeat(9)}Ende`;
    expect(countSegments(gsm)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    const sent = await p.send(sms(gsm));
    expect(s.submits).toHaveLength(2);
    const [one, two] = s.submits;
    expect(one!.esmClass & 0x40).toBe(0x40);
    expect(one!.udh![0]).toBe(0x00);
    expect([...one!.udh!.subarray(3)]).toEqual([2, 1]);
    expect([...two!.udh!.subarray(3)]).toEqual([2, 2]);
    expect(one!.udh![2]).toBe(two!.udh![2]);
    expect(one!.text).toHaveLength(153);
    expect(one!.text + two!.text).toBe(gsm);
    expect(sent.messageIds).toEqual([one!.messageId, two!.messageId]);

    const ucs = `Termin bei 王 ${'x'.repeat(70)}`;
    expect(countSegments(ucs)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    await p.send(sms(ucs));
    const [three, four] = s.submits.slice(2);
    expect(three!.dataCoding).toBe(8);
    expect(three!.text).toHaveLength(67);
    expect(three!.text + four!.text).toBe(ucs);
  });

  it('waits for the window: never more submit_sm outstanding than SMS_SMPP_WINDOW', async () => {
    const s = await smsc();
    s.respondAfterMs = 30;
    const p = provider(s.url, { window: 2 });
    let outstanding = 0;
    let most = 0;
    s.onSubmit = () => {
      outstanding += 1;
      most = Math.max(most, outstanding);
      setTimeout(() => (outstanding -= 1), 30);
      return undefined;
    };
    await Promise.all([1, 2, 3, 4, 5].map((i) => p.send({ ...sms(`SMS ${i}`), reference: `r${i}` })));
    expect(s.submits).toHaveLength(5);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('rejects a throttled submit as unavailable (the outbox retries) and a refused number for good', async () => {
    const s = await smsc();
    const p = provider(s.url);
    s.onSubmit = () => ESME_RTHROTTLED;
    await expect(p.send(sms('Hallo'))).rejects.toEqual(new SmsUnavailable('ESME_RTHROTTLED'));
    s.onSubmit = () => ESME_RINVDSTADR;
    const refusal = p.send(sms('Hallo'));
    await expect(refusal).rejects.toBeInstanceOf(SmsRefused);
    await expect(refusal).rejects.toMatchObject({ reason: 'ESME_RINVDSTADR' });
  });

  it('reports a refused bind, keeps retrying, and sends once the aggregator accepts the bind again', async () => {
    const s = await smsc();
    s.refuseBinds = true;
    const p = provider(s.url, { bindWaitMs: 100 });
    await until(() => s.binds.length >= 2, 'two bind attempts');
    expect(s.binds.every((b) => !b.ok)).toBe(true);
    expect(p.status()).toMatchObject({ bound: false, lastError: 'ESME_RINVPASWD' });
    await expect(p.send(sms('Hallo'))).rejects.toEqual(new SmsUnavailable('SMPP not bound (ESME_RINVPASWD)'));
    s.refuseBinds = false;
    await until(() => p.status().bound, 'bound');
    await p.send(sms('Hallo'));
    expect(s.submits).toHaveLength(1);
  });

  it('reconnects after the aggregator drops the connection, and keeps the link alive with enquire_link', async () => {
    const s = await smsc();
    const p = provider(s.url, { enquireLinkMs: 20 });
    await p.send(sms('Eins'));
    await until(() => s.enquireLinks >= 2, 'enquire_link');
    s.dropAll();
    await until(() => !p.status().bound, 'unbound');
    await p.send(sms('Zwei'));
    expect(s.binds.filter((b) => b.ok)).toHaveLength(2);
    expect(s.submits.map((x) => x.text)).toEqual(['Eins', 'Zwei']);
  });

  it('hands final delivery receipts and replies on, and answers deliver_sm only after they were handled', async () => {
    const s = await smsc();
    const p = provider(s.url);
    const receipts: SmsReceipt[] = [];
    const replies: SmsReply[] = [];
    let failNext = false;
    p.listen({
      receipt: async (r) => {
        if (failNext) {
          failNext = false;
          throw new Error('Redis away');
        }
        receipts.push(r);
      },
      reply: async (r) => void replies.push(r),
    });
    const { messageId } = await p.send(sms('Hallo'));
    expect(await s.receipt(messageId, 'ENROUTE')).toBe(0);
    expect(await s.receipt(messageId, 'DELIVRD')).toBe(0);
    failNext = true;
    // Not handled: "try again later" (0x64), the SMSC delivers it again.
    expect(await s.receipt('m0000ff', 'UNDELIV', '011')).toBe(0x64);
    expect(await s.receipt('m0000ff', 'UNDELIV', '011')).toBe(0);
    expect(receipts).toEqual([
      { messageId, status: 'delivered' },
      { messageId: 'm0000ff', status: 'failed', reason: 'UNDELIV (err 011)' },
    ]);
    expect(await s.reply('4915112345678', 'Stopp')).toBe(0);
    expect(replies).toEqual([{ from: '+4915112345678', text: 'Stopp' }]);
  });
});

describe('SMPP through the outbox', () => {
  const t = testRedis('sms-smpp');
  afterAll(() => t.cleanup());
  const directory = exampleDirectory();

  function worker(smsProvider: SmppProvider, clock: ManualClock) {
    const store = new AppointmentStore(t.redis, clock);
    const mailer = createMailer({ SMTP_URL: undefined, MAIL_DIR: join(tmpdir(), 'sprechstunde-sms-smpp-mail') });
    const w = new OutboxWorker(
      {
        redis: t.redis,
        appointments: store,
        directory,
        mailer,
        proactive: new RecordingSender(),
        links: testLinks,
        clock,
        logger,
        sms: new SmsDelivery({
          provider: smsProvider,
          shortLinks: new RedisShortLinks(t.redis, clock),
          publicBaseUrl: 'https://termine.seelze.example',
          messages: new RedisSmsMessages(t.redis),
        }),
      },
      { consumer: 'w1', maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 },
    );
    return { store, worker: w };
  }

  async function smsBooking(store: AppointmentStore, phone = '+4915112345678', at = '2026-12-21T08:00') {
    return book(store, {
      start: berlin(at),
      channel: 'phone',
      citizen: { name: 'Ilse Ohnenetz', email: undefined, phone, smsConsent: true },
    });
  }

  it('retries a throttled SMS with backoff and sends it once the aggregator takes it again: not lost, sent once', async () => {
    const s = await smsc();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s.url), clock);
    await w.ensureGroup();
    await smsBooking(store);
    s.onSubmit = () => ESME_RTHROTTLED;
    expect(await drainOutbox(w)).toMatchObject({ retry: 1, dead: 0 });
    expect(await t.redis.zcard(keys.outboxRetry())).toBe(1);
    s.onSubmit = null;
    clock.advance(2_000);
    expect(await drainOutbox(w)).toMatchObject({ delivered: 1, dead: 0 });
    clock.advance(120_000);
    await drainOutbox(w);
    // One SMS of two segments, each sent once.
    expect(s.submits.map((x) => [...x.udh!.subarray(3)])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(s.submits[0]!.text).toMatch(/Mo\., 21\. Dez\. 2026, 08:00 Uhr/);
  });

  it('sends only the second segment again when the aggregator took the first and throttled the second', async () => {
    const s = await smsc();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s.url), clock);
    await w.ensureGroup();
    await smsBooking(store, '+4915112345670', '2026-12-21T10:00');
    s.onSubmit = (_submit, n) => (n === 2 ? ESME_RTHROTTLED : undefined);
    expect(await drainOutbox(w)).toMatchObject({ retry: 1 });
    expect(s.submits).toHaveLength(1);
    s.onSubmit = null;
    clock.advance(2_000);
    expect(await drainOutbox(w)).toMatchObject({ delivered: 1 });
    expect(s.submits.map((x) => [...x.udh!.subarray(3)])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(s.submits[0]!.udh![2]).toBe(s.submits[1]!.udh![2]);
  });

  it('dead-letters a refused number at once, with the SMPP reason and without the number', async () => {
    const s = await smsc();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s.url), clock);
    await w.ensureGroup();
    const before = await t.redis.llen(keys.outboxDead());
    await smsBooking(store, '+4915199887766', '2026-12-21T09:00');
    s.onSubmit = () => ESME_RINVDSTADR;
    expect(await drainOutbox(w)).toMatchObject({ dead: 1, retry: 0 });
    const [record] = (await t.redis.lrange(keys.outboxDead(), 0, 0)).map(
      (r) => JSON.parse(r) as { error: string; attempts: number },
    );
    expect(await t.redis.llen(keys.outboxDead())).toBe(before + 1);
    expect(record!.error).toMatch(/permanent SMS refusal \(ESME_RINVDSTADR\)/);
    expect(record!.attempts).toBe(1);
    expect(JSON.stringify(record)).not.toMatch(/15199887766/);
  });
});
