process.env.TZ = 'UTC';

import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { DateTime } from 'luxon';
import { loadEnv, type Env } from '../../../src/config/env';
import { ManualClock } from '../../../src/domain/clock';
import { MailRefusedError } from '../../../src/delivery/mail/mailer';
import { createMailer } from '../../../src/delivery/mail/transport';
import { EXCHANGE_ONLINE_SCOPE } from '../../../src/meetings/client-credentials';
import { createGraphClient, MeetingProviderError } from '../../../src/meetings';
import { GraphStandIn } from '../../calendars/graph-stand-in';
import { exampleDirectory } from '../../invitations/fixtures';
import { testRedis } from '../../support/redis';
import { book } from '../book';
import { leaves, parseMime, SmtpPeer, smtpTestPort } from './smtp-peer';
import { drainOutbox, testOutboxWorker } from '../worker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const ORG_MAILBOX = directory.organisation.mailbox;
const APP = { GRAPH_TENANT_ID: 'seelze-tenant', GRAPH_CLIENT_ID: 'sprechstunde-app', GRAPH_CLIENT_SECRET: 'secret' };

/** The iTIP facts of a received MIME message, read back with ical.js. */
function itipOf(raw: string) {
  const parts = leaves(parseMime(raw));
  const calendar = parts.find((p) => p.headers.get('content-type')!.startsWith('text/calendar'))!;
  const attachment = parts.find((p) => /application\/ics/.test(p.headers.get('content-type') ?? ''))!;
  const cal = ICAL.Component.fromString(calendar.body);
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return {
    mimeMethod: /method=([A-Z]+)/.exec(calendar.headers.get('content-type')!)?.[1],
    method: cal.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    attachmentEqualsAlternative: attachment.body.replace(/(\r?\n)+$/, '') === calendar.body.replace(/(\r?\n)+$/, ''),
  };
}

describe('mail through Microsoft 365 without Basic authentication', () => {
  const t = testRedis('m365-mail');
  const graph = new GraphStandIn();
  const peers: SmtpPeer[] = [];
  beforeAll(() => graph.start());
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await graph.stop();
    await t.cleanup();
  });

  /** Exchange Online after 2026: AUTH required, XOAUTH2 only, a token for outlook.office365.com of our app. */
  async function exchangeOnlineRelay(): Promise<SmtpPeer> {
    const peer = new SmtpPeer(smtpTestPort(), {
      xoauth2: (user, token) => user === ORG_MAILBOX && graph.acceptsToken(token, EXCHANGE_ONLINE_SCOPE),
    });
    peers.push(peer);
    await peer.start();
    return peer;
  }

  function xoauth2Env(peer: SmtpPeer): Env {
    return loadEnv({
      ...APP,
      SMTP_AUTH: 'xoauth2',
      SMTP_URL: `smtp://${encodeURIComponent(ORG_MAILBOX)}@127.0.0.1:${peer.port}`,
      GRAPH_LOGIN_URL: graph.url,
      GRAPH_BASE_URL: graph.baseUrl,
    });
  }

  const mail = (to: string) => ({ from: ORG_MAILBOX, to, subject: 'Test', text: 'Hallo' });

  it('with SMTP_AUTH=xoauth2 an invitation reaches a relay that takes nothing but XOAUTH2, and no password is ever sent', async () => {
    const relay = await exchangeOnlineRelay();
    const clock = new ManualClock(berlin('2026-12-28T09:00'));
    const tokensBefore = graph.tokensIssued;
    const mailer = createMailer(xoauth2Env(relay), { clock });
    expect(mailer.kind).toBe('smtp-xoauth2');
    const { store, worker } = testOutboxWorker({ redis: t.redis, clock, directory, smtpUrl: '', mailer });
    await worker.ensureGroup();
    const a = await book(store, {
      start: berlin('2027-01-04T09:00'),
      channel: 'video',
      meetingUrl: 'https://meet.example/r',
    });
    expect(await drainOutbox(worker)).toMatchObject({ delivered: 1, dead: 0 });
    mailer.close();

    const toCitizen = relay.received.filter((m) => m.to.includes('erika@example.org'));
    expect(toCitizen).toHaveLength(1);
    expect(itipOf(toCitizen[0]!.raw)).toEqual({
      mimeMethod: 'REQUEST',
      method: 'REQUEST',
      uid: a.uid,
      attachmentEqualsAlternative: true,
    });
    expect(relay.received.some((m) => m.to.includes('anna.schulz@seelze.example'))).toBe(true);
    // Two mails, one token (cached), every AUTH an XOAUTH2 of the mailbox user, no password anywhere.
    expect(graph.tokensIssued - tokensBefore).toBe(1);
    expect(relay.authAttempts.length).toBeGreaterThanOrEqual(2);
    for (const attempt of relay.authAttempts) {
      expect(attempt).toMatchObject({ method: 'XOAUTH2', username: ORG_MAILBOX, accepted: true });
      expect(attempt.password).toBeUndefined();
    }
  });

  it('renews the token before it expires', async () => {
    const relay = await exchangeOnlineRelay();
    const clock = new ManualClock(berlin('2026-12-28T09:00'));
    graph.tokenLifetimeSeconds = 600;
    try {
      const mailer = createMailer(xoauth2Env(relay), { clock });
      await mailer.send(mail('a@example.org'));
      clock.advance(8 * 60_000); // still well inside its lifetime: the cached token
      await mailer.send(mail('b@example.org'));
      clock.advance(81_000); // 40 s before expiry: renewed before it could run out in flight
      await mailer.send(mail('c@example.org'));
      mailer.close();
      const tokens = relay.authAttempts.map((x) => x.accessToken);
      expect(tokens[0]).toBe(tokens[1]);
      expect(tokens[2]).not.toBe(tokens[1]);
      expect(relay.authAttempts.every((x) => x.accepted)).toBe(true);
    } finally {
      graph.tokenLifetimeSeconds = 3600;
    }
  });

  it('after a 535 to a stale token fetches a fresh one and tries once more; a relay that keeps refusing fails the attempt', async () => {
    const relay = await exchangeOnlineRelay();
    const clock = new ManualClock(berlin('2026-12-28T09:00'));
    const mailer = createMailer(xoauth2Env(relay), { clock });
    await mailer.send(mail('a@example.org'));
    graph.revokeTokens(); // a rotated secret or revoked token: the cached one is refused
    await mailer.send(mail('b@example.org'));
    expect(relay.authAttempts.map((x) => x.accepted)).toEqual([true, false, true]);
    expect(relay.received.map((m) => m.to)).toEqual([['a@example.org'], ['b@example.org']]);

    // Refused whatever token comes: exactly one renewal, then the error for the outbox's backoff.
    const closed = new SmtpPeer(smtpTestPort(), { xoauth2: () => false });
    peers.push(closed);
    await closed.start();
    const refused = createMailer(xoauth2Env(closed), { clock });
    await expect(refused.send(mail('c@example.org'))).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(closed.authAttempts).toHaveLength(2);
    expect(closed.received).toHaveLength(0);
    mailer.close();
    refused.close();
  });

  function graphEnv(): Env {
    return loadEnv({ ...APP, MAIL_TRANSPORT: 'graph', GRAPH_LOGIN_URL: graph.url, GRAPH_BASE_URL: graph.baseUrl });
  }

  function graphMailer(clock: ManualClock) {
    const env = graphEnv();
    const client = createGraphClient(env, { clock, limits: { maxAttempts: 3, maxRetryAfterMs: 2_000 } })!;
    return createMailer(env, { clock, graph: client });
  }

  it('with MAIL_TRANSPORT=graph the organisation mailbox sends the same MIME message through sendMail', async () => {
    graph.mailSenders.add(ORG_MAILBOX);
    const clock = new ManualClock(berlin('2026-12-28T09:00'));
    const mailer = graphMailer(clock);
    expect(mailer.kind).toBe('graph');
    const { store, worker } = testOutboxWorker({ redis: t.redis, clock, directory, smtpUrl: '', mailer });
    await worker.ensureGroup();
    const before = graph.sentMail.length;
    const a = await book(store, { start: berlin('2027-01-05T10:00'), channel: 'phone' });
    expect(await drainOutbox(worker)).toMatchObject({ delivered: 1, dead: 0 });

    const sent = graph.sentMail.slice(before);
    expect(sent).toHaveLength(2); // citizen and staff copy
    for (const m of sent) {
      expect(m.mailbox).toBe(ORG_MAILBOX);
      expect(m.contentType).toMatch(/^text\/plain/);
      expect(parseMime(m.mime).headers.get('from')).toContain(ORG_MAILBOX);
      expect(itipOf(m.mime)).toEqual({
        mimeMethod: 'REQUEST',
        method: 'REQUEST',
        uid: a.uid,
        attachmentEqualsAlternative: true,
      });
    }
    expect(sent.map((m) => parseMime(m.mime).headers.get('to'))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('erika@example.org'),
        expect.stringContaining('anna.schulz@seelze.example'),
      ]),
    );
  });

  it('honours 429 Retry-After, and tells retryable from permanent refusals', async () => {
    graph.mailSenders.add(ORG_MAILBOX);
    const clock = new ManualClock(berlin('2026-12-28T09:00'));
    const mailer = graphMailer(clock);

    graph.failNext(/sendMail$/, 429, { 'retry-after': '1' });
    const sent = graph.sentMail.length;
    await mailer.send(mail('a@example.org'));
    expect(graph.sentMail.length - sent).toBe(1); // waited a second, then Graph took it

    // Longer than the mailer waits: thrown as retryable (the outbox backs off), not waited out.
    graph.failNext(/sendMail$/, 429, { 'retry-after': '120' });
    await expect(mailer.send(mail('a@example.org'))).rejects.toMatchObject({ code: 'rate-limited', retryable: true });

    // The application access policy does not cover this mailbox: retryable, says what to check.
    const forbidden = mailer.send({ ...mail('a@example.org'), from: 'buergermeister@seelze.example' });
    await expect(forbidden).rejects.toBeInstanceOf(MeetingProviderError);
    await expect(forbidden).rejects.toThrow(/application access policy/);

    // Malformed for Graph: permanent.
    graph.failNext(/sendMail$/, 400);
    await expect(mailer.send(mail('a@example.org'))).rejects.toBeInstanceOf(MailRefusedError);

    // Larger than Graph's 4 MB request limit: refused before it is sent.
    const big = 'x'.repeat(3_500_000);
    const callsBefore = graph.calls.sendMail;
    await expect(mailer.send({ ...mail('a@example.org'), text: big })).rejects.toThrow(/larger than Graph accepts/);
    expect(graph.calls.sendMail).toBe(callsBefore);
  });
});
