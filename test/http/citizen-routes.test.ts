process.env.TZ = 'UTC';

import { DateTime } from 'luxon';
import pino from 'pino';
import restify from 'restify';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { registerCalendarFeed } from '../../src/http/calendar-feed';
import { registerCitizenRoutes, resolveCitizenLinkSecret } from '../../src/http/citizen-routes';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';

// ical.js is an ES module with a CommonJS build; jest loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

const directory = exampleDirectory();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const logger = pino({ level: 'silent' });

describe('citizen routes', () => {
  const t = testRedis('citizen-routes');
  const clock = new ManualClock(berlin('2026-05-04T08:00'));
  const store = new AppointmentStore(t.redis, clock);
  let links: CitizenLinks;
  let base = '';
  const server = restify.createServer();

  beforeAll(async () => {
    links = new CitizenLinks(
      await resolveCitizenLinkSecret({ NODE_ENV: 'development', CITIZEN_LINK_SECRET: undefined }, t.redis),
      'http://localhost',
    );
    const deps = { redis: t.redis, appointments: store, directory, links, clock, logger };
    registerCitizenRoutes(server, {
      ...deps,
      canceller: new StoreCitizenCanceller(store, clock),
      rateLimit: { max: 1000, windowMs: 60_000 },
    });
    registerCalendarFeed(server, deps);
    await new Promise<void>((r) => {
      server.listen(0, '127.0.0.1', () => r());
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.close();
    await t.cleanup();
  });

  const path = (url: string) => base + new URL(url).pathname;
  const outboxKinds = async () =>
    (await t.redis.xrange(keys.outbox(), '-', '+')).map(([, f]) => JSON.parse(f[3]!) as { kind: string });

  it('keeps one generated secret for all instances in development and refuses to run without one in production', async () => {
    const again = await resolveCitizenLinkSecret({ NODE_ENV: 'development', CITIZEN_LINK_SECRET: undefined }, t.redis);
    expect(new CitizenLinks(again, 'http://localhost').token('abc')).toBe(links.token('abc'));
    await expect(
      resolveCitizenLinkSecret({ NODE_ENV: 'production', CITIZEN_LINK_SECRET: undefined }, t.redis),
    ).rejects.toThrow(/required/);
  });

  it('shows what will be cancelled, cancels once on confirmation and queues the CANCEL and the staff notice', async () => {
    const a = await book(store, { start: berlin('2026-05-06T10:00'), channel: 'in-person' });
    const page = await fetch(path(links.cancelUrl(a.id)));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Mittwoch, 6. Mai 2026');
    expect(html).toContain('10:00–10:15 Uhr');
    expect(html).toContain('<form method="post"');
    expect(html).not.toContain('Erika');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect((await store.get(a.id))!.status).toBe('booked'); // GET changes nothing

    const before = (await outboxKinds()).length;
    const done = await fetch(`${path(links.cancelUrl(a.id))}/cancel`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Ihr Termin ist abgesagt');
    const after = await store.get(a.id);
    expect(after).toMatchObject({ status: 'cancelled', cancelledBy: 'citizen', sequence: 1 });
    expect((await outboxKinds()).slice(before).map((m) => m.kind)).toEqual(['citizen-cancellation', 'staff-notice']);

    // Second use: a clear page, nothing changes.
    const second = await fetch(`${path(links.cancelUrl(a.id))}/cancel`, { method: 'POST' });
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('bereits abgesagt');
    expect((await store.get(a.id))!.sequence).toBe(1);
    expect((await outboxKinds()).length).toBe(before + 2);
    expect((await fetch(path(links.icsUrl(a.id)))).status).toBe(410);
  });

  it('refuses a cancel posted from another site (403) and cancels nothing, as for the reschedule form', async () => {
    const a = await book(store, { start: berlin('2026-05-07T10:00'), channel: 'in-person' });
    const url = `${path(links.cancelUrl(a.id))}/cancel`;
    const forgeries: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of forgeries) {
      const forged = await fetch(url, { method: 'POST', headers });
      expect(forged.status).toBe(403);
    }
    expect((await store.get(a.id))!).toMatchObject({ status: 'booked', sequence: 0 });
    const ours = await fetch(url, {
      method: 'POST',
      headers: { origin: new URL(base).origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(ours.status).toBe(200);
    expect((await store.get(a.id))!.status).toBe('cancelled');
  });

  it('answers a wrong or truncated token with a clear page and changes nothing', async () => {
    const a = await book(store, { start: berlin('2026-05-07T10:00'), channel: 'phone' });
    const token = links.token(a.id);
    const forged = `${a.id}.${'A'.repeat(43)}`;
    for (const bad of [forged, token.slice(0, -1), a.id, 'nonsense']) {
      const res = await fetch(`${base}/c/${bad}/cancel`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Dieser Link ist ungültig');
    }
    expect((await store.get(a.id))!.status).toBe('booked');
    const en = await fetch(`${base}/c/${forged}?lang=en`);
    expect(await en.text()).toContain('This link is not valid');
  });

  it('stops working after the appointment has ended', async () => {
    const local = new ManualClock(berlin('2026-05-04T08:00'));
    const a = await book(new AppointmentStore(t.redis, local), {
      start: berlin('2026-05-04T09:00'),
      channel: 'video',
      meetingUrl: 'https://meet.jit.si/seelze-x',
    });
    clock.set(berlin('2026-05-04T09:30'));
    try {
      const res = await fetch(`${path(links.cancelUrl(a.id))}/cancel`, { method: 'POST' });
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('der Link gilt nicht mehr');
      expect((await store.get(a.id))!.status).toBe('booked');
    } finally {
      clock.set(berlin('2026-05-04T08:00'));
    }
  });

  it('serves the "save to calendar" file as a plain PUBLISH event (no attendees, no RSVP, final CRLF), and pages in the booking language', async () => {
    const a = await book(store, {
      start: berlin('2026-05-08T10:00'),
      channel: 'phone',
      citizen: { language: 'en', name: 'Jane Doe', email: 'jane@example.org' },
    });
    const res = await fetch(path(links.icsUrl(a.id)));
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    const text = await res.text();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/RSVP|ATTENDEE/);
    const cal = ICAL.Component.fromString(text);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe(a.uid);
    // Booked in English: the page is English without ?lang=, German with ?lang=de.
    const page = await (await fetch(path(links.cancelUrl(a.id)))).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Friday 8 May 2026');
    expect(page).toContain('Stadt Seelze');
    const de = await (await fetch(`${path(links.cancelUrl(a.id))}?lang=de`)).text();
    expect(de).toContain('<html lang="de">');
    expect(de).toContain('Freitag, 8. Mai 2026');
  });

  it('serves the staff feed only with the right token and without citizen data', async () => {
    await book(store, { start: berlin('2026-05-11T10:00'), channel: 'phone' });
    const ok = await fetch(path(links.feedUrl('anna-schulz')));
    expect(ok.status).toBe(200);
    const ics = await ok.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toMatch(/Erika|example\.org|5550123/);
    expect((await fetch(`${base}/feed/anna-schulz/${'A'.repeat(43)}.ics`)).status).toBe(404);
  });
});

describe('citizen routes rate limit', () => {
  const t = testRedis('citizen-rate');
  afterAll(() => t.cleanup());

  it('answers 429 with a page once an IP exceeds the limit', async () => {
    const clock = new ManualClock(berlin('2026-05-04T08:00'));
    const store = new AppointmentStore(t.redis, clock);
    const server = restify.createServer();
    registerCitizenRoutes(server, {
      redis: t.redis,
      appointments: store,
      canceller: new StoreCitizenCanceller(store, clock),
      directory,
      links: new CitizenLinks('y'.repeat(40), 'http://localhost'),
      clock,
      logger,
      rateLimit: { max: 3, windowMs: 60_000 },
    });
    await new Promise<void>((r) => {
      server.listen(0, '127.0.0.1', () => r());
    });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${base}/c/guess${i}.x`)).status);
    server.close();
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});
