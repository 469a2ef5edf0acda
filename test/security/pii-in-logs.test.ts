/**
 * No personal data in logs: the real app in its own process (scripts/faults/app-process.ts) with
 * LOG_LEVEL=trace, a full journey over HTTP — booking by phone with a note, booking by video,
 * cancelling one in Teams with a reason and the other on the citizen page, the outbox worker mailing
 * invitations and cancellations (.eml) — then every line the process logged is searched for the
 * citizens' names, emails, phone numbers, the free texts typed in and the citizen link token.
 */
import { randomBytes } from 'node:crypto';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { spawnApp, directoryFor, type AppProcess } from '../../scripts/faults/app-process';
import { bookThroughCards, cardText, command, press } from '../bot/flows/support';
import { postJson, type TeamsHarness } from '../support/teams-harness';
import { testRedis, TEST_REDIS_URL } from '../support/redis';
import { outboxIdle, remoteHarness, scanKeys } from '../reliability/support';

jest.setTimeout(60_000);

const PAULA = {
  citizenName: 'Paulina Privatmann',
  citizenEmail: 'paulina.privat@example.org',
  citizenPhone: '+49 5137 918273',
  citizenLanguage: 'de',
};
const VIKTOR = {
  citizenName: 'Viktor Verschwiegen',
  citizenEmail: 'v.verschwiegen@example.net',
  citizenLanguage: 'en',
};
const NOTE = 'Bringt Unterlagen zur Scheidung mit';
const REASON = 'Frau Privatmann ist erkrankt';

describe('logs of a full booking and cancellation journey', () => {
  const t = testRedis('sec-pii');
  const clockAt = localDateTime('2026-12-08', '07:30');
  const secret = randomBytes(32).toString('base64url');
  const directory = directoryFor('example');
  let app: AppProcess;
  let h: TeamsHarness;

  beforeAll(async () => {
    app = await spawnApp({
      mode: 'app',
      redisUrl: TEST_REDIS_URL,
      prefix: t.prefix,
      clockAt,
      directory: 'example',
      env: { LOG_LEVEL: 'trace', CITIZEN_LINK_SECRET: secret, PUBLIC_BASE_URL: 'http://127.0.0.1' },
    });
    h = await remoteHarness(app.url, directory, t.redis);
  });
  afterAll(async () => {
    await h?.close();
    await app?.stop();
    await t.cleanup();
  });

  it('contains no citizen name, email, phone number, note or cancellation reason', async () => {
    const store = new AppointmentStore(t.redis, new ManualClock(clockAt));
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone', citizen: { ...PAULA, note: NOTE } });
    await bookThroughCards(h, { serviceId: 'meldewesen', channel: 'video', citizen: VIKTOR });
    const booked = await store.listForStaff('jonas-becker', 0, 8_640_000_000_000);
    expect(booked).toHaveLength(2);
    const paula = booked.find((a) => a.citizen.email === PAULA.citizenEmail)!;
    const viktor = booked.find((a) => a.citizen.email === VIKTOR.citizenEmail)!;

    // Cancel Paulina's in Teams with a typed reason; Viktor cancels his own on the citizen page.
    const agenda = await command(h, 'meine termine');
    const ask = await press(h, agenda, 'appt.cancelAsk', { where: (a) => a.data.appointmentId === paula.id });
    expect(cardText(await press(h, ask, 'appt.cancel', { inputs: { reason: 'other', reasonText: REASON } }))).toContain(
      'abgesagt',
    );
    const links = new CitizenLinks(secret, app.url);
    expect((await postJson(`${app.url}/c/${links.token(viktor.id)}/cancel`, '')).status).toBe(200);
    // A page for a forged token and a typo in Teams, so error paths log too.
    await fetch(`${app.url}/c/${viktor.id}.forged`);
    await h.say(`termin für ${PAULA.citizenName} ${PAULA.citizenPhone}`);

    // Wait for the outbox worker to mail all four (2 invitations, 2 cancellations).
    expect(await outboxIdle(t.redis)).toBe(true);
    expect((await scanKeys(t.redis, keys.delivered(''))).length).toBeGreaterThanOrEqual(4);
    await app.stop();

    const logs = app.logs.join('\n');
    expect(app.logs.length).toBeGreaterThan(20);
    expect(logs).toContain('appointment booked');
    const forbidden = [
      PAULA.citizenName,
      'Paulina',
      'Privatmann',
      PAULA.citizenEmail,
      'paulina.privat',
      PAULA.citizenPhone,
      '918273',
      VIKTOR.citizenName,
      'Verschwiegen',
      VIKTOR.citizenEmail,
      NOTE,
      'Scheidung',
      REASON,
      'erkrankt',
      // The citizen link token (its path was logged at debug level).
      links.token(viktor.id),
    ];
    for (const needle of forbidden)
      expect({ needle, found: logs.toLowerCase().includes(needle.toLowerCase()) }).toEqual({ needle, found: false });
  });
});
