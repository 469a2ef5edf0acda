/**
 * POST /sms/seven over real HTTP on real Redis: seven.io's signed delivery reports and inbound SMS
 * (signed as test/support/seven-server.ts's signedWebhook does, like seven.io). Signature, age and
 * size are checked before anything is read; a report updates the appointment's SMS status (a failed
 * one puts a citizen without email on the call list); STOP switches SMS off for the number's upcoming
 * appointments; another reply puts a call back on the serving staff member's list; Redis away → 503.
 */
import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import type { Appointment } from '../../src/domain/types';
import { registerSevenWebhook, WEBHOOK_MAX_BYTES } from '../../src/http/sms-webhook';
import { createHttpServer, type HttpServer } from '../../src/http/server';
import { isStopReply, SmsInbound } from '../../src/sms/receipts';
import { AppointmentStore } from '../../src/store/appointments';
import { CallStore } from '../../src/store/calls';
import { keys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis-client';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { RedisSmsReplies } from '../../src/store/sms-replies';
import { SmsStatusStore } from '../../src/store/sms-status';
import { book } from '../delivery/book';
import { testRedis } from '../support/redis';
import { signedWebhook } from '../support/seven-server';

const logger = pino({ level: 'silent' });
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const SECRET = 'seven-signing-secret-for-tests';
const PUBLIC = 'https://termine.seelze.example';
const SIGNED_URL = `${PUBLIC}/sms/seven`;

const t = testRedis('sms-webhook');
const clock = new ManualClock(berlin('2026-12-18T10:00'));
const store = new AppointmentStore(t.redis, clock);
const calls = new CallStore(t.redis, clock);
const servers: HttpServer[] = [];

function inbound(redis: RedisClient): SmsInbound {
  const appointments = new AppointmentStore(redis, clock);
  return new SmsInbound({
    messages: new RedisSmsMessages(redis),
    status: new SmsStatusStore(redis, clock),
    replies: new RedisSmsReplies(redis, appointments),
    smsOff: (id, actor, detail) => appointments.smsOff(id, actor, detail),
    now: () => clock.now(),
    logger,
  });
}

async function serve(redis: RedisClient = t.redis): Promise<string> {
  const http = createHttpServer({
    bot: { handle: () => Promise.resolve() },
    redis,
    logger,
    routes: [
      (server) =>
        registerSevenWebhook(server, { secret: SECRET, publicBaseUrl: PUBLIC, events: inbound(redis), logger }),
    ],
  });
  servers.push(http);
  const port = await http.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}/sms/seven`;
}

let url: string;
beforeAll(async () => {
  url = await serve();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.shutdown(100)));
  await t.cleanup();
});

async function post(
  body: string,
  headers: Record<string, string> = signedWebhook(SECRET, SIGNED_URL, body),
  to = url,
): Promise<{ status: number; json: { status?: string; error?: string } }> {
  const res = await fetch(to, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as { status?: string; error?: string } };
}

const dlr = (msgId: string, status: string) =>
  JSON.stringify({
    webhook_event: 'dlr',
    webhook_timestamp: '2026-12-18 10:00:05',
    data: { msg_id: msgId, status, timestamp: '2026-12-18 10:00:04' },
  });
const mo = (sender: string, text: string) =>
  JSON.stringify({
    webhook_event: 'sms_mo',
    webhook_timestamp: '2026-12-18 10:01:00',
    data: { id: '681590', sender, system: '4915126716517', text, time: '1608210060', message_type: 'SMS' },
  });

async function smsBooking(phone: string, at: string, extra: Partial<Appointment['citizen']> = {}) {
  return book(store, {
    start: berlin(at),
    channel: 'phone',
    citizen: { name: 'Ilse Ohnenetz', email: undefined, phone, smsConsent: true, ...extra },
  });
}

/** An SMS seven.io accepted for `a` under `messageId`, as the outbox records it. */
async function sent(a: Appointment, messageId: string) {
  await new RedisSmsMessages(t.redis).partAccepted(`ref-${messageId}`, 0, messageId, {
    appointmentId: a.id,
    sequence: a.sequence,
    event: 'booked',
    parts: 1,
  });
  await new SmsStatusStore(t.redis, clock).record({
    appointmentId: a.id,
    sequence: a.sequence,
    event: 'booked',
    status: 'sent',
    at: clock.now(),
  });
}

describe('seven.io webhook: who may post', () => {
  it('refuses a request without a valid signature with 401 and the reason', async () => {
    const body = dlr('1', 'DELIVERED');
    expect(await post(body, {})).toEqual({
      status: 401,
      json: { error: 'missing X-Signature, X-Timestamp or X-Nonce' },
    });
    const forged = signedWebhook('another-secret', SIGNED_URL, body);
    expect(await post(body, forged)).toEqual({ status: 401, json: { error: 'signature does not match' } });
    // Signed for another body: the body was changed on the way.
    const other = signedWebhook(SECRET, SIGNED_URL, dlr('2', 'DELIVERED'));
    expect((await post(body, other)).status).toBe(401);
    // Signed for another address.
    const elsewhere = signedWebhook(SECRET, 'https://evil.example/sms/seven', body);
    expect((await post(body, elsewhere)).status).toBe(401);
  });

  it('refuses a timestamp more than 5 minutes old (a replay) with 401', async () => {
    const body = dlr('1', 'DELIVERED');
    const old = signedWebhook(SECRET, SIGNED_URL, body, Date.now() - 6 * 60_000);
    expect(await post(body, old)).toEqual({ status: 401, json: { error: 'X-Timestamp more than 5 minutes away' } });
  });

  it('refuses a body over 16 KB with 413, signed or not', async () => {
    const body = mo('4915112345678', 'x'.repeat(WEBHOOK_MAX_BYTES));
    expect(await post(body)).toMatchObject({ status: 413, json: { error: 'body over 16384 bytes' } });
  });

  it('answers 400 for a signed body that is no report or SMS, and 200 for events it does not use', async () => {
    expect(await post(JSON.stringify({ webhook_event: 'dlr', data: {} }))).toMatchObject({ status: 400 });
    expect(await post(JSON.stringify({ webhook_event: 'tracking', data: { sms_id: '1' } }))).toEqual({
      status: 200,
      json: { status: 'ignored' },
    });
  });
});

describe('seven.io webhook: delivery reports', () => {
  it('records "delivered" on the appointment, and a redelivered report changes nothing', async () => {
    const a = await smsBooking('+4915112340101', '2026-12-21T08:00');
    await sent(a, '77001');
    expect(await post(dlr('77001', 'BUFFERED'))).toEqual({ status: 200, json: { status: 'in transit' } });
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'sent' });
    expect(await post(dlr('77001', 'DELIVERED'))).toEqual({ status: 200, json: { status: 'recorded' } });
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'delivered', event: 'booked' });
    expect((await post(dlr('77001', 'DELIVERED'))).status).toBe(200);
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'delivered' });
  });

  it('records "failed" with the status and puts a citizen without email on the call list', async () => {
    const a = await smsBooking('+4915112340102', '2026-12-21T09:00');
    await sent(a, '77002');
    expect((await post(dlr('77002', 'NOTDELIVERED'))).status).toBe(200);
    expect((await store.get(a.id))?.sms).toMatchObject({ status: 'failed', reason: 'NOTDELIVERED' });
    expect(await calls.get(a.id)).toMatchObject({ cause: 'sms-failed', staffId: a.staffId });
  });
});

describe('seven.io webhook: replies', () => {
  it('knows STOP in any case and with spaces, and nothing else', () => {
    for (const text of ['STOP', 'stop', ' Stopp ', 'STOPP.', 'Stop!']) expect(isStopReply(text)).toBe(true);
    for (const text of ['Stop bitte nicht', 'stoppen', 'Ich komme später', '']) expect(isStopReply(text)).toBe(false);
  });

  it('STOP switches SMS off for every upcoming appointment of the number, however it was written', async () => {
    const one = await smsBooking('+4915112340103', '2026-12-21T10:00');
    const two = await smsBooking('0151 12340103', '2026-12-22T10:00');
    const past = await smsBooking('+4915112340103', '2026-12-17T10:00');
    const other = await smsBooking('+4915112340199', '2026-12-21T10:30');
    expect(await post(mo('4915112340103', ' Stopp '))).toEqual({ status: 200, json: { status: 'received' } });
    expect((await store.get(one.id))?.citizen.smsConsent).toBe(false);
    expect((await store.get(two.id))?.citizen.smsConsent).toBe(false);
    expect((await store.get(past.id))?.citizen.smsConsent).toBe(true);
    expect((await store.get(other.id))?.citizen.smsConsent).toBe(true);
    const audit = (await t.redis.lrange(keys.audit(one.id), 0, -1)).map((e) => JSON.parse(e) as { action: string });
    expect(audit.map((e) => e.action)).toContain('sms-off');
    // Nothing else: no call, and STOP again is harmless.
    expect(await calls.get(one.id)).toBeNull();
    expect((await post(mo('4915112340103', 'STOP'))).status).toBe(200);
  });

  it('another reply puts "call back" on the list of who serves the next appointment, without the text', async () => {
    const later = await smsBooking('+4915112340104', '2026-12-23T10:00');
    const next = await smsBooking('+4915112340104', '2026-12-21T11:00', { email: undefined });
    const outboxBefore = await t.redis.xlen(keys.outbox());
    expect((await post(mo('4915112340104', 'Ich komme 10 Minuten später'))).status).toBe(200);
    expect(await calls.get(next.id)).toMatchObject({ cause: 'sms-reply', staffId: next.staffId, tries: 0 });
    expect(await calls.get(later.id)).toBeNull();
    const entries = await t.redis.xrange(keys.outbox(), '-', '+');
    expect(entries.length).toBe(outboxBefore + 1);
    const last = JSON.stringify(entries.at(-1));
    expect(last).toMatch(/staff-call/);
    expect(last).toMatch(/sms-reply/);
    expect(last).not.toMatch(/Minuten/);
    // A second reply while the call is open adds nothing.
    expect((await post(mo('4915112340104', 'Hallo?'))).status).toBe(200);
    expect(await t.redis.xlen(keys.outbox())).toBe(outboxBefore + 1);
    // SMS stay on: only STOP switches them off.
    expect((await store.get(next.id))?.citizen.smsConsent).toBe(true);
  });

  it('answers 503 when Redis cannot take the event, so seven.io sends it again', async () => {
    const down = t.connect();
    await down.quit();
    const downUrl = await serve(down);
    const body = dlr('77003', 'DELIVERED');
    expect(await post(body, signedWebhook(SECRET, SIGNED_URL, body), downUrl)).toEqual({
      status: 503,
      json: { error: 'not stored now, please try again' },
    });
    const reply = mo('4915112340105', 'STOP');
    expect((await post(reply, signedWebhook(SECRET, SIGNED_URL, reply), downUrl)).status).toBe(503);
  });
});
