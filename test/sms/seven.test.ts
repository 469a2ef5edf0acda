/**
 * SMS_PROVIDER=seven against a local stand-in speaking seven.io's HTTP API (test/support/seven-server.ts):
 * the request as seven.io receives it, its answers mapped for the outbox (sent, throttled with
 * Retry-After, down, a refused key, an invalid number), through the real outbox on real Redis.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { loadEnv } from '../../src/config/env';
import { ManualClock } from '../../src/domain/clock';
import { OutboxWorker } from '../../src/delivery/outbox-worker';
import { createMailer } from '../../src/delivery/mail/transport';
import { createSmsProvider } from '../../src/sms';
import { SmsDelivery } from '../../src/sms/delivery';
import { SmsRefused, SmsUnavailable } from '../../src/sms/provider';
import { countSegments } from '../../src/sms/segments';
import { parseSevenAnswer, SevenProvider } from '../../src/sms/seven';
import { AppointmentStore } from '../../src/store/appointments';
import { CallStore } from '../../src/store/calls';
import { keys } from '../../src/store/keys';
import { RedisShortLinks } from '../../src/store/short-links';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { SmsStatusStore } from '../../src/store/sms-status';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { drainOutbox, RecordingSender, testLinks } from '../delivery/worker';
import { testRedis } from '../support/redis';
import { sevenJson, startTestSeven, type TestSeven } from '../support/seven-server';

const logger = pino({ level: 'silent' });
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

const standIns: TestSeven[] = [];
afterEach(async () => {
  await Promise.all(standIns.splice(0).map((s) => s.close()));
});

async function standIn(): Promise<TestSeven> {
  const s = await startTestSeven();
  standIns.push(s);
  return s;
}

const provider = (s: TestSeven, extra: Partial<ConstructorParameters<typeof SevenProvider>[0]> = {}) =>
  new SevenProvider({ apiKey: s.apiKey, sender: 'Seelze', apiUrl: s.url, logger, ...extra });

const sms = (text: string, to = '+4915112345678', reference = 'ref-1') => ({
  to,
  text,
  ...countSegments(text),
  reference,
});

describe('SMS_PROVIDER=seven is checked at start-up', () => {
  it('names SMS_API_KEY and SMS_WEBHOOK_SECRET when they are missing', () => {
    expect(() => loadEnv({ SMS_PROVIDER: 'seven' })).toThrow(
      /SMS_API_KEY: required with SMS_PROVIDER=seven.*SMS_WEBHOOK_SECRET: required with SMS_PROVIDER=seven/,
    );
    expect(() => loadEnv({ SMS_PROVIDER: 'seven', SMS_API_KEY: 'has spaces in it', SMS_WEBHOOK_SECRET: 's' })).toThrow(
      /SMS_API_KEY: must be the API key/,
    );
  });

  it('names SMS_API_URL when it is no http(s) URL, and defaults to the real gateway', () => {
    const ok = { SMS_PROVIDER: 'seven', SMS_API_KEY: 'abcdefgh12345', SMS_WEBHOOK_SECRET: 'secret' };
    expect(() => loadEnv({ ...ok, SMS_API_URL: 'ftp://gateway.example/api' })).toThrow(/SMS_API_URL: /);
    expect(loadEnv(ok).SMS_API_URL).toBe('https://gateway.seven.io/api');
  });

  it('keeps the file provider by default and needs no key then', () => {
    const env = loadEnv({});
    expect(env.SMS_PROVIDER).toBe('file');
    expect(env.SMS_API_KEY).toBeUndefined();
  });

  it('builds the seven.io provider from the environment', async () => {
    const s = await standIn();
    const env = loadEnv({
      SMS_PROVIDER: 'seven',
      SMS_API_KEY: s.apiKey,
      SMS_WEBHOOK_SECRET: 'secret',
      SMS_API_URL: s.url,
      SMS_SENDER: 'Seelze',
    });
    const p = await createSmsProvider(env, logger);
    expect(p.kind).toBe('http');
    await p.send(sms('Hallo'));
    expect(s.requests).toHaveLength(1);
  });
});

describe('seven.io provider', () => {
  it('posts the number, the text and the sender with the API key and returns the message id', async () => {
    const s = await standIn();
    const text = 'Stadt Seelze: Ihr Termin am Mo., 21.12., 08:00 Uhr. Grüße, Ärger, Maß & 5 €';
    const sent = await provider(s).send(sms(text));
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]).toMatchObject({
      apiKey: s.apiKey,
      contentType: 'application/x-www-form-urlencoded',
      fields: { to: '+4915112345678', text, from: 'Seelze', json: '1', foreign_id: 'ref-1' },
    });
    expect(sent).toEqual({ messageId: '77229135001', messageIds: ['77229135001'] });
  });

  it('records the message id in the ledger and does not send again what was accepted before', async () => {
    const s = await standIn();
    const p = provider(s);
    const recorded: [number, string, number][] = [];
    const ledger = {
      accepted: (part: number) => Promise.resolve(recorded.find(([p0]) => p0 === part)?.[1]),
      record: (part: number, id: string, of: number) => Promise.resolve(void recorded.push([part, id, of])),
    };
    const first = await p.send(sms('Hallo'), ledger);
    const again = await p.send(sms('Hallo'), ledger);
    expect(recorded).toEqual([[0, first.messageId, 1]]);
    expect(again).toEqual(first);
    expect(s.requests).toHaveLength(1);
  });

  it('takes 429 as throttled with its Retry-After, and 500 or 503 as unavailable', async () => {
    const s = await standIn();
    const p = provider(s);
    s.answer = () => ({ status: 429, headers: { 'Retry-After': '120' }, body: 'Too Many Requests' });
    await expect(p.send(sms('Hallo'))).rejects.toEqual(new SmsUnavailable('seven.io HTTP 429', 120_000));
    const thrown = await p.send(sms('Hallo')).catch((e: unknown) => e);
    expect((thrown as SmsUnavailable).retryAfterMs).toBe(120_000);
    s.answer = () => ({ status: 500, body: 'Internal Server Error' });
    await expect(p.send(sms('Hallo'))).rejects.toBeInstanceOf(SmsUnavailable);
    s.answer = () => ({ status: 503, headers: { 'Retry-After': '7' }, body: '' });
    await expect(p.send(sms('Hallo'))).rejects.toMatchObject({ retryAfterMs: 7_000 });
    expect(p.status()).toEqual({ bound: false, lastError: 'seven.io HTTP 503' });
    s.answer = null;
    await p.send(sms('Hallo'));
    expect(p.status()).toEqual({ bound: true });
  });

  it('refuses for good on a wrong API key, as HTTP 401 or as return code 900', async () => {
    const s = await standIn();
    await expect(provider(s, { apiKey: 'wrong-key-000' }).send(sms('Hallo'))).rejects.toEqual(
      new SmsRefused('seven.io 900: API key refused (SMS_API_KEY)'),
    );
    s.answer = () => ({ status: 401, body: '{"error":"Unauthorized"}' });
    await expect(provider(s).send(sms('Hallo'))).rejects.toEqual(
      new SmsRefused('seven.io HTTP 401: API key refused (SMS_API_KEY)'),
    );
  });

  it('refuses an invalid number for good with the code and without the number', async () => {
    const s = await standIn();
    const refusal = await provider(s)
      .send(sms('Hallo', '+49123'))
      .catch((e: unknown) => e);
    expect(refusal).toEqual(new SmsRefused('seven.io 202: invalid recipient number'));
    expect(String((refusal as Error).message)).not.toMatch(/49123/);
  });

  it('counts "sent within 180 s already" as sent: an earlier attempt whose answer was lost went out', async () => {
    const s = await standIn();
    s.answer = () => ({ status: 200, body: sevenJson('402') });
    const sent = await provider(s).send(sms('Hallo', '+4915112345678', 'ref-dup'));
    expect(sent).toEqual({ messageId: 'seven-ref-dup', messageIds: ['seven-ref-dup'] });
  });

  it('keeps an SMS for later when the answer is too large, not understood, or does not come in time', async () => {
    const s = await standIn();
    s.answer = () => ({ status: 200, body: `{"success":"100","pad":"${'x'.repeat(70_000)}"}` });
    await expect(provider(s).send(sms('Hallo'))).rejects.toEqual(new SmsUnavailable('seven.io answer too large'));
    s.answer = () => ({ status: 200, body: '<html>maintenance</html>' });
    await expect(provider(s).send(sms('Hallo'))).rejects.toEqual(new SmsUnavailable('seven.io answer not understood'));
    await expect(provider(s, { apiUrl: 'http://127.0.0.1:1/api' }).send(sms('Hallo'))).rejects.toEqual(
      new SmsUnavailable('seven.io no connection'),
    );
  });

  it('reads the bare return code of older gateways and the message error of a JSON answer', () => {
    expect(parseSevenAnswer('900')).toEqual({ code: '900' });
    expect(parseSevenAnswer(sevenJson('100', { id: '123' }))).toEqual({ code: '100', messageId: '123' });
    expect(parseSevenAnswer(JSON.stringify({ success: 100, messages: [{ id: 5, success: true }] }))).toEqual({
      code: '100',
      messageId: '5',
    });
    expect(
      parseSevenAnswer(JSON.stringify({ success: '100', messages: [{ id: null, success: false, error: '202' }] })),
    ).toEqual({ code: '202' });
    expect(parseSevenAnswer('{"nothing":1}')).toBeNull();
  });
});

describe('seven.io through the outbox', () => {
  const t = testRedis('sms-seven');
  afterAll(() => t.cleanup());
  const directory = exampleDirectory();

  function worker(smsProvider: SevenProvider, clock: ManualClock) {
    const store = new AppointmentStore(t.redis, clock);
    const mailer = createMailer({ SMTP_URL: undefined, MAIL_DIR: join(tmpdir(), 'sprechstunde-sms-seven-mail') });
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
          status: new SmsStatusStore(t.redis, clock),
          now: () => clock.now(),
        }),
      },
      { consumer: 'w1', maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, random: () => 0.5 },
    );
    return { store, worker: w, calls: new CallStore(t.redis, clock) };
  }

  async function smsBooking(store: AppointmentStore, phone: string, at: string) {
    return book(store, {
      start: berlin(at),
      channel: 'phone',
      citizen: { name: 'Ilse Ohnenetz', email: undefined, phone, smsConsent: true },
    });
  }

  it('sends the SMS once, records seven.io message id for the receipts and "sent" on the appointment', async () => {
    const s = await standIn();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s), clock);
    await w.ensureGroup();
    const a = await smsBooking(store, '+4915112340001', '2026-12-21T08:00');
    expect(await drainOutbox(w)).toMatchObject({ retry: 0, dead: 0 });
    clock.advance(60_000);
    await drainOutbox(w);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.fields.text).toMatch(/Mo\., 21\. Dez\. 2026, 08:00 Uhr/);
    expect(await t.redis.hget(keys.smsSent(s.requests[0]!.fields.foreign_id!), 'p0')).toBe('77229135001');
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'sent', event: 'booked' });
  });

  it('waits at least as long as seven.io asks after a 429, then sends it once', async () => {
    const s = await standIn();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s, { now: () => clock.now() }), clock);
    await w.ensureGroup();
    await smsBooking(store, '+4915112340002', '2026-12-21T09:00');
    s.answer = () => ({ status: 429, headers: { 'Retry-After': '120' }, body: '' });
    expect(await drainOutbox(w)).toMatchObject({ retry: 1, dead: 0 });
    const [entry, retryAt] = await t.redis.zrange(keys.outboxRetry(), '0', '0', 'WITHSCORES');
    expect(Number(retryAt)).toBe(clock.now() + 120_000);
    s.answer = null;
    clock.advance(60_000);
    expect(await drainOutbox(w)).toMatchObject({ delivered: 0 });
    clock.advance(60_000);
    expect(await drainOutbox(w)).toMatchObject({ delivered: 1 });
    expect(await t.redis.zscore(keys.outboxRetry(), entry!)).toBeNull();
    expect(s.requests).toHaveLength(2);
  });

  it('retries after a 500 with the outbox backoff and sends it once seven.io is back', async () => {
    const s = await standIn();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w } = worker(provider(s), clock);
    await w.ensureGroup();
    await smsBooking(store, '+4915112340003', '2026-12-21T10:00');
    s.answer = () => ({ status: 500, body: 'Internal Server Error' });
    expect(await drainOutbox(w)).toMatchObject({ retry: 1, dead: 0 });
    s.answer = null;
    clock.advance(2_000);
    expect(await drainOutbox(w)).toMatchObject({ delivered: 1, dead: 0 });
    expect(s.requests.filter((r) => r.fields.to === '+4915112340003')).toHaveLength(2);
  });

  it('dead-letters at once on a refused key, with the reason, and puts the citizen without email on the call list', async () => {
    const s = await standIn();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w, calls } = worker(provider(s, { apiKey: 'wrong-key-000' }), clock);
    await w.ensureGroup();
    const a = await smsBooking(store, '+4915112340004', '2026-12-21T11:00');
    expect(await drainOutbox(w)).toMatchObject({ dead: 1, retry: 0 });
    const [record] = (await t.redis.lrange(keys.outboxDead(), 0, 0)).map(
      (r) => JSON.parse(r) as { error: string; attempts: number },
    );
    expect(record!.error).toMatch(/permanent SMS refusal \(seven\.io 900: API key refused \(SMS_API_KEY\)\)/);
    expect(record!.attempts).toBe(1);
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'failed' });
    expect(await calls.get(a.id)).toMatchObject({ appointmentId: a.id, cause: 'sms-failed', staffId: a.staffId });
  });

  it('dead-letters an invalid number at once without the number, and the citizen goes on the call list', async () => {
    const s = await standIn();
    const clock = new ManualClock(berlin('2026-12-18T10:00'));
    const { store, worker: w, calls } = worker(provider(s), clock);
    await w.ensureGroup();
    const a = await smsBooking(store, '+4915112340005', '2026-12-21T12:00');
    s.answer = () => ({ status: 200, body: sevenJson('202') });
    expect(await drainOutbox(w)).toMatchObject({ dead: 1, retry: 0 });
    const [record] = (await t.redis.lrange(keys.outboxDead(), 0, 0)).map((r) => JSON.parse(r) as { error: string });
    expect(record!.error).toMatch(/seven\.io 202: invalid recipient number/);
    expect(JSON.stringify(record)).not.toMatch(/15112340005/);
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'failed' });
    expect(await calls.get(a.id)).toMatchObject({ cause: 'sms-failed' });
  });
});
