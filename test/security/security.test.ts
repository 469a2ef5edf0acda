/**
 * Security over real HTTP (the Teams harness): forged tokens, foreign tenants, staff reaching into
 * a colleague's calendar or a supervisor's summary, citizen links that are guessed, reused or
 * stale, the citizen pages' rate limit. Each refusal is checked to have written nothing.
 * (Personal data in logs: pii-in-logs.test.ts; npm audit: docs/reliability.md.)
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { keys } from '../../src/store/keys';
import { appointmentsOf, bookThroughCards, cardText, invokeCard } from '../bot/flows/support';
import { postJson, startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { changedKeys, snapshotKeys } from '../reliability/support';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The token's last base64url character with a data bit flipped, so the tampered MAC never decodes to the real one. */
const flipLastChar = (token: string) => B64URL[B64URL.indexOf(token.slice(-1)) ^ 16]!;

const APP_ID = '3f2a1b4c-0000-4000-8000-0000000000a1';
const TENANT = '00000000-0000-0000-0000-0000000000001';

describe('authentication on: unsigned and wrongly signed requests', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'sec-auth',
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'a-client-secret-for-the-test',
        MicrosoftAppTenantId: TENANT,
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const claims = () => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: h.connector.url,
    nbf: Math.floor(Date.now() / 1000) - 60,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  // Refused before any key is looked up: 401.
  const malformed: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['garbage in the Authorization header', () => ({ authorization: `Bearer ${randomBytes(64).toString('base64')}` })],
    [
      'a Basic Authorization header',
      () => ({ authorization: `Basic ${Buffer.from(`${APP_ID}:a-client-secret-for-the-test`).toString('base64')}` }),
    ],
  ];
  // Well-formed JWTs: botbuilder fetches the Bot Framework signing keys (login.botframework.com) to
  // check the key id. An unknown key is refused with 401; where the endpoint is unreachable (this
  // offline sandbox) too, without detail (key-endpoint.test.ts). Either way no turn runs.
  const forged: [string, () => Record<string, string>][] = [
    [
      'a token signed with a random RSA key (right issuer and audience)',
      () => ({
        authorization: `Bearer ${jwt.sign(claims(), privateKey, { algorithm: 'RS256', keyid: randomUUID() })}`,
      }),
    ],
    [
      'a token signed with the app password as HMAC secret',
      () => ({ authorization: `Bearer ${jwt.sign(claims(), 'a-client-secret-for-the-test', { algorithm: 'HS256' })}` }),
    ],
    [
      'an unsigned token (alg none)',
      () => ({ authorization: `Bearer ${jwt.sign(claims(), '', { algorithm: 'none' })}` }),
    ],
  ];

  it.each(malformed)('answers 401 to %s, runs no turn and writes nothing', async (_name, headers) => {
    const before = await snapshotKeys(h.redis, []);
    const activity = h.activity(h.user('anna-schulz'), { type: 'message', text: 'hilfe' });
    const turn = await h.send(activity, headers());
    expect(turn.status).toBe(401);
    expect(h.connector.activities).toHaveLength(0);
    expect(changedKeys(before, await snapshotKeys(h.redis, []))).toEqual([]);
  });

  it.each(forged)('refuses %s with 401, runs no turn and writes nothing', async (_name, headers) => {
    const before = await snapshotKeys(h.redis, []);
    const turn = await h.send(h.activity(h.user('anna-schulz'), { type: 'message', text: 'hilfe' }), headers());
    expect(turn.status).toBe(401);
    expect(h.connector.activities).toHaveLength(0);
    expect(changedKeys(before, await snapshotKeys(h.redis, []))).toEqual([]);
  });

  it('runs no card action either (a forged booking confirm books nothing)', async () => {
    const before = await snapshotKeys(h.redis, []);
    const turn = await h.send(
      h.activity(h.user(), {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'book.confirm', data: { forStaffId: 'jonas-becker' } } },
      }),
      { authorization: `Bearer ${jwt.sign(claims(), privateKey, { algorithm: 'RS256', keyid: 'x' })}` },
    );
    expect([401, 500]).toContain(turn.status);
    expect(h.connector.activities).toHaveLength(0);
    expect(changedKeys(before, await snapshotKeys(h.redis, []))).toEqual([]);
  });
});

describe('tenant, staff boundaries and citizen links', () => {
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
  const secret = randomBytes(32).toString('base64url');
  let h: TeamsHarness;
  let links: CitizenLinks;
  let jonasAppointmentId = '';

  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'sec-boundaries',
      clock,
      outboxWorker: false,
      env: { TEAMS_TENANT_ID: TENANT, CITIZEN_LINK_SECRET: secret },
    });
    links = new CitizenLinks(secret, h.baseUrl);
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: {
        citizenName: 'Greta Grenz',
        citizenEmail: 'greta@example.org',
        citizenPhone: '0511 99887',
        citizenLanguage: 'de',
      },
    });
    jonasAppointmentId = (await appointmentsOf(h, 'jonas-becker'))[0]!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses an activity from another tenant, also a card action, and writes nothing', async () => {
    const before = await snapshotKeys(h.redis, []);
    const replies = await h.say('meine termine', h.user(), { tenantId: '99999999-9999-4999-8999-999999999999' });
    expect(textOf(replies[0]!)).toContain('Stadt Seelze');
    const res = await h.invoke(
      { verb: 'appt.cancel', data: { appointmentId: jonasAppointmentId, sequence: 0, reason: 'other' } },
      h.user(),
      { tenantId: '99999999-9999-4999-8999-999999999999' },
    );
    expect(JSON.stringify(res.body)).toContain('Stadt Seelze');
    expect(changedKeys(before, await snapshotKeys(h.redis, []))).toEqual([]);
  });

  it('refuses an activity whose two tenant fields disagree, whichever names the foreign tenant', async () => {
    const foreign = '99999999-9999-4999-8999-999999999999';
    const before = await snapshotKeys(h.redis, []);
    for (const mixed of [
      { channelData: { tenant: { id: foreign } } },
      {
        conversation: {
          id: 'a:personal-mixed',
          conversationType: 'personal',
          tenantId: foreign,
          isGroup: false,
          name: '',
        },
      },
    ]) {
      const res = await h.send({ ...h.activity(h.user(), { type: 'message', text: 'meine termine' }), ...mixed });
      expect(res.replies.map(textOf).join('\n')).toContain('nur Beschäftigten von Stadt Seelze');
    }
    expect(changedKeys(before, await snapshotKeys(h.redis, []))).toEqual([]);
  });

  const asPeter = async (verb: string, data: Record<string, unknown>) => {
    const res = await h.invoke({ verb, data }, h.user('peter-klein'));
    expect(res.status).toBe(200);
    return cardText(invokeCard(res.body));
  };

  it.each([
    [
      'see a colleague’s agenda',
      'agenda.show',
      () => ({ range: { kind: 'week', offsetWeeks: 0 }, forStaffId: 'jonas-becker' }),
    ],
    [
      'open the cancel dialog of a colleague’s appointment',
      'appt.cancelAsk',
      () => ({ appointmentId: jonasAppointmentId, sequence: 0 }),
    ],
    [
      'cancel a colleague’s appointment',
      'appt.cancel',
      () => ({ appointmentId: jonasAppointmentId, sequence: 0, reason: 'other' }),
    ],
    [
      'reschedule a colleague’s appointment',
      'appt.reschedule',
      () => ({ appointmentId: jonasAppointmentId, sequence: 0 }),
    ],
    [
      'move a colleague’s appointment',
      'appt.move',
      () => ({ appointmentId: jonasAppointmentId, sequence: 0, start: localDateTime('2026-12-09', '09:00') }),
    ],
    [
      'mark a colleague’s appointment as no-show',
      'appt.outcome',
      () => ({ appointmentId: jonasAppointmentId, sequence: 0, outcome: 'no-show' }),
    ],
    [
      'hold a slot in a colleague’s calendar',
      'book.hold',
      () => ({
        forStaffId: 'jonas-becker',
        serviceId: 'kfz',
        channel: 'phone',
        start: localDateTime('2026-12-09', '09:00'),
      }),
    ],
  ])('a staff member of another team cannot %s', async (_what, verb, data) => {
    const before = await snapshotKeys(h.redis);
    const text = await asPeter(verb, data());
    expect(text).toContain('Das dürfen Sie nicht');
    expect(text).not.toContain('Greta');
    expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
    expect((await appointmentsOf(h, 'jonas-becker'))[0]).toMatchObject({
      id: jonasAppointmentId,
      status: 'booked',
      sequence: 0,
    });
  });

  it('a staff member cannot see a supervisor’s summary', async () => {
    const replies = await h.say('tagesübersicht', h.user('peter-klein'));
    const text = replies.map(textOf).join('\n');
    expect(text).toMatch(/Vorgesetzte|Leitung|nur für|dürfen/i);
    expect(text).not.toContain('Greta');
  });

  it('a citizen link cannot be guessed: random and tampered tokens get a 4xx page and change nothing', async () => {
    const before = await snapshotKeys(h.redis);
    const real = links.token(jonasAppointmentId);
    const guesses = [
      `${jonasAppointmentId}.${randomBytes(32).toString('base64url')}`,
      // The MAC with a data bit of its last character flipped (its lowest bits are padding: A→B decodes alike).
      `${jonasAppointmentId}.${real.slice(real.indexOf('.') + 1, -1)}${flipLastChar(real)}`,
      `appt_${randomBytes(16).toString('hex')}.${real.slice(real.indexOf('.') + 1)}`,
      randomBytes(24).toString('base64url'),
    ];
    for (const token of guesses) {
      const page = await fetch(`${h.baseUrl}/c/${token}`);
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      const post = await postJson(`${h.baseUrl}/c/${token}/cancel`, '');
      expect(post.status).toBeGreaterThanOrEqual(400);
      expect(post.status).toBeLessThan(500);
    }
    expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
  });

  it('a citizen link works once: after the cancellation it cannot cancel again, and after the appointment it stops working', async () => {
    const token = links.token(jonasAppointmentId);
    expect((await postJson(`${h.baseUrl}/c/${token}/cancel`, '')).status).toBe(200);
    expect((await appointmentsOf(h, 'jonas-becker'))[0]!.status).toBe('cancelled');
    const outbox = await h.redis.xlen(keys.outbox());
    const again = await postJson(`${h.baseUrl}/c/${token}/cancel`, '');
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(await h.redis.xlen(keys.outbox())).toBe(outbox);

    // A second booking, then the clock moves past its end: the link is dead.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: {
        citizenName: 'Otto Spät',
        citizenEmail: 'otto@example.org',
        citizenPhone: '0511 12121',
        citizenLanguage: 'de',
      },
    });
    const second = (await appointmentsOf(h, 'jonas-becker')).find((a) => a.status === 'booked')!;
    const saved = clock.now();
    clock.set(second.end + 60_000);
    try {
      const page = await fetch(`${h.baseUrl}/c/${links.token(second.id)}`);
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect((await postJson(`${h.baseUrl}/c/${links.token(second.id)}/cancel`, '')).status).toBeGreaterThanOrEqual(
        400,
      );
      expect((await appointmentsOf(h, 'jonas-becker')).find((a) => a.id === second.id)!.status).toBe('booked');
    } finally {
      clock.set(saved);
    }
  });

  it('limits the citizen pages per IP: 429 with a page once the window is used up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await fetch(`${h.baseUrl}/c/${randomBytes(12).toString('base64url')}`)).status);
    expect(statuses).toContain(429);
    const limited = await fetch(`${h.baseUrl}/c/x`);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Zu viele|too many/i);
  });
});
