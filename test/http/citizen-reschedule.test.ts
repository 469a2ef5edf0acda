process.env.TZ = 'UTC';

import pino from 'pino';
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { CitizenLinks } from '../../src/app/citizen-links';
import { StoreCitizenRescheduler } from '../../src/app/citizen-reschedule';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { OutboxMessage } from '../../src/domain/types';
import { registerCitizenRoutes } from '../../src/http/citizen-routes';
import { createHttpServer } from '../../src/http/server';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { testRedis } from '../support/redis';
import { choices } from './forms';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });

describe('reschedule link (citizen pages over real HTTP, real Redis)', () => {
  const t = testRedis('citizen-reschedule');
  // Monday of a week in which team A (Anna Schulz) works.
  const clock = new ManualClock(localDateTime('2026-05-11', '07:00'));
  const store = new AppointmentStore(t.redis, clock);
  const links = new CitizenLinks('r'.repeat(40), 'http://localhost');
  let maxMoves = 2;
  let base = '';
  const routeDeps = () => {
    const absences = new AbsenceStore(t.redis);
    return {
      redis: t.redis,
      appointments: store,
      directory,
      links,
      clock,
      logger,
      canceller: new StoreCitizenCanceller(store, clock),
      rescheduler: new StoreCitizenRescheduler(() => ({ directory, clock, store, absences, maxMoves })),
      publicBaseUrl: 'https://termine.seelze.example',
      rateLimit: { max: 10_000, windowMs: 60_000 },
    };
  };

  // The app's own server (its body reader and limits), with the citizen routes only.
  const http = createHttpServer({
    bot: { handle: () => Promise.resolve() },
    redis: t.redis,
    logger,
    routes: [(server) => registerCitizenRoutes(server, routeDeps())],
  });
  beforeAll(async () => {
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterEach(() => {
    maxMoves = 2;
    clock.set(localDateTime('2026-05-11', '07:00'));
  });
  afterAll(async () => {
    await http.shutdown();
    await t.cleanup();
  });

  const page = (id: string, query = '') => fetch(`${base}/c/${links.token(id)}/reschedule${query}`);
  const post = (action: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(base + action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const outbox = async (id: string) =>
    (await t.redis.xrange(keys.outbox(), '-', '+'))
      .map(([, f]) => JSON.parse(f[3]!) as OutboxMessage)
      .filter((m) => 'appointmentId' in m && m.appointmentId === id);

  it('offers the same staff member first, then colleagues who offer the service, for the same service and channel', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-13', '10:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
      serviceId: 'auskunft',
    });
    const res = await page(a.id);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Stadt Seelze');
    expect(html.indexOf('<h2>Bei Anna Schulz</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2>Bei einer Kollegin oder einem Kollegen</h2>')).toBeGreaterThan(
      html.indexOf('<h2>Bei Anna Schulz</h2>'),
    );
    const options = choices(html);
    const own = options.filter((o) => o.fields.staff === 'anna-schulz');
    const pool = options.filter((o) => o.fields.staff !== 'anna-schulz');
    expect(own.length).toBeGreaterThan(0);
    expect(pool.length).toBeGreaterThan(0);
    expect(options.indexOf(pool[0]!)).toBeGreaterThan(options.indexOf(own[own.length - 1]!));
    // Colleagues offer the service; the current time itself is not offered; the token and sequence ride in the form.
    for (const o of pool) expect(directory.staff.find((s) => s.id === o.fields.staff)!.services).toContain('auskunft');
    expect(options.some((o) => o.fields.staff === 'anna-schulz' && Number(o.fields.start) === a.start)).toBe(false);
    expect(options.every((o) => o.fields.token === links.token(a.id) && o.fields.sequence === '0')).toBe(true);
    expect((await store.get(a.id))!.sequence).toBe(0); // GET changes nothing
    const en = await (await page(a.id, '?lang=en')).text();
    expect(en).toContain('<h2>With Anna Schulz</h2>');
  });

  it('moves once on a choice, queues REQUEST+1 with the old time and Teams notices; the same page posted again moves nothing', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-13', '11:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const [first, second] = choices(await (await page(a.id)).text());
    const done = await post(first!.action, first!.fields, { origin: 'https://termine.seelze.example' });
    expect(done.status).toBe(200);
    const text = await done.text();
    expect(text).toContain('Ihr Termin ist verschoben');
    expect(text).toContain('Bisher: Mittwoch, 13. Mai 2026, 11:00–11:15 Uhr');
    const moved = (await store.get(a.id))!;
    expect(moved).toMatchObject({ sequence: 1, citizenMoves: 1, start: Number(first!.fields.start), status: 'booked' });
    const msgs = (await outbox(a.id)).slice(1);
    const previous = { staffId: 'anna-schulz', start: a.start, end: a.end, channel: 'phone' };
    expect(msgs).toEqual([
      { kind: 'citizen-invitation', appointmentId: a.id, sequence: 1, reason: 'rescheduled', previous },
      { kind: 'staff-notice', staffId: 'anna-schulz', appointmentId: a.id, event: 'citizen-rescheduled', previous },
    ]);
    expect(
      (await t.redis.lrange(keys.audit(a.id), 0, -1)).map((e) => (JSON.parse(e) as { actor: string }).actor),
    ).toContain('citizen');

    // Back button, second tab: the page's sequence is out of date → 409, nothing moves.
    const again = await post(second!.action, second!.fields);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('inzwischen geändert');
    expect((await store.get(a.id))!.sequence).toBe(1);
    expect(await outbox(a.id)).toHaveLength(3);
  });

  it('used twice at once (two choices posted together): exactly one move', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-14', '09:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const options = choices(await (await page(a.id)).text()).slice(0, 2);
    const results = await Promise.all(options.concat(options).map((o) => post(o.action, o.fields)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await store.get(a.id)).toMatchObject({ sequence: 1, citizenMoves: 1 });
    expect((await outbox(a.id)).filter((m) => m.kind === 'citizen-invitation')).toHaveLength(2);
  });

  it('hands over to a colleague of the pool: notices to both staff members', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-14', '10:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const colleague = choices(await (await page(a.id)).text()).find((o) => o.fields.staff !== 'anna-schulz')!;
    expect((await post(colleague.action, colleague.fields)).status).toBe(200);
    const moved = (await store.get(a.id))!;
    expect(moved.staffId).toBe(colleague.fields.staff);
    const notices = (await outbox(a.id)).filter((m) => m.kind === 'staff-notice');
    expect(notices.map((n) => n.kind === 'staff-notice' && n.staffId).sort()).toEqual(
      ['anna-schulz', colleague.fields.staff].sort(),
    );
  });

  it('offers times from the pooled search for all services of a combined appointment, and moves it whole', async () => {
    // Meldewesen + Ausweis in person (15 + 20 min): Murat Yilmaz offers no Ausweis, so he is never offered.
    const a = await book(store, {
      start: localDateTime('2026-05-13', '10:00'),
      minutes: 35,
      channel: 'in-person',
      staffId: 'jonas-becker',
      serviceIds: ['meldewesen', 'ausweis'],
    });
    const html = await (await page(a.id)).text();
    expect(html).toContain('<h2>Bei Jonas Becker</h2>');
    expect(html).toContain('<dd>An-, Um- und Abmeldung + Personalausweis und Reisepass</dd>');
    const options = choices(html);
    expect(options.filter((o) => o.fields.staff === 'jonas-becker').length).toBeGreaterThan(0);
    const pool = options.filter((o) => o.fields.staff !== 'jonas-becker');
    expect(pool.length).toBeGreaterThan(0);
    for (const o of pool) {
      const colleague = directory.staff.find((s) => s.id === o.fields.staff)!;
      expect(colleague.services).toEqual(expect.arrayContaining(['meldewesen', 'ausweis']));
    }
    expect(options.some((o) => o.fields.staff === 'murat-yilmaz')).toBe(false);
    // Each offered time is 35 minutes long (both services), as the label says.
    expect(options[0]!.label).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    const [from, to] = /(\d\d:\d\d)–(\d\d:\d\d)/
      .exec(options[0]!.label)!
      .slice(1)
      .map((t) => {
        const [h, m] = t.split(':').map(Number);
        return h! * 60 + m!;
      });
    expect(to! - from!).toBe(35);

    // A tampered form naming someone who does not offer both services (or is outside the pool) moves nothing.
    for (const staff of ['murat-yilmaz', 'peter-klein'])
      expect((await post(pool[0]!.action, { ...pool[0]!.fields, staff })).status).toBe(400);
    expect((await store.get(a.id))!.sequence).toBe(0);

    expect((await post(pool[0]!.action, pool[0]!.fields)).status).toBe(200);
    const moved = (await store.get(a.id))!;
    expect(moved).toMatchObject({
      staffId: pool[0]!.fields.staff,
      start: Number(pool[0]!.fields.start),
      serviceIds: ['meldewesen', 'ausweis'],
      sequence: 1,
    });
    expect(moved.end - moved.start).toBe(35 * 60_000);
  });

  it('the pool is whom the staff member may book: a counsellor of the social services is offered no colleague', async () => {
    // Soziale Dienste name nobody in bookableBy, and Elif Demir supervises no one.
    const a = await book(store, {
      start: localDateTime('2026-05-13', '11:00'),
      minutes: 45,
      channel: 'phone',
      staffId: 'elif-demir',
      serviceId: 'sozialberatung',
    });
    const html = await (await page(a.id)).text();
    const options = choices(html);
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => o.fields.staff === 'elif-demir')).toBe(true);
    expect(html).not.toContain('Bei einer Kollegin oder einem Kollegen');
    // Maria Lange offers the service too, but is not Elif Demir's to book: a form naming her is refused.
    expect((await post(options[0]!.action, { ...options[0]!.fields, staff: 'maria-lange' })).status).toBe(400);
  });

  it('stops at RESCHEDULE_MAX_MOVES, enforced inside the Lua move too, and says why', async () => {
    maxMoves = 1;
    const a = await book(store, {
      start: localDateTime('2026-05-15', '09:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const [first] = choices(await (await page(a.id)).text());
    expect((await post(first!.action, first!.fields)).status).toBe(200);
    const refused = await page(a.id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('bereits einmal online verschoben');
    // A stale form with the right sequence still cannot pass the limit (the TS check is not the only one).
    const now = (await store.get(a.id))!;
    await expect(
      store.move({
        appointmentId: a.id,
        expectedSequence: now.sequence,
        staffId: now.staffId,
        start: now.start + 3_600_000,
        end: now.end + 3_600_000,
        blockStart: now.blockStart + 3_600_000,
        blockEnd: now.blockEnd + 3_600_000,
        channel: now.channel,
        citizenMoveLimit: 1,
        audit: { at: clock.now(), actor: 'citizen', action: 'rescheduled', appointmentId: a.id },
        outbox: [],
      }),
    ).rejects.toMatchObject({ code: 'move-limit' });
    expect((await store.get(a.id))!.sequence).toBe(1);
  });

  it('moves only to a time the page offered: a form changed to :27 or :21 gets a readable page and changes nothing', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-20', '11:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const options = choices(await (await page(a.id)).text());
    const choice = options.find((o) => o.fields.staff === 'anna-schulz')!;
    const offered = new Set(options.map((o) => `${o.fields.staff} ${o.fields.start}`));
    const before = (await outbox(a.id)).length;
    for (const minutes of [27, 21]) {
      const start = Number(choice.fields.start) + minutes * 60_000;
      expect(offered.has(`anna-schulz ${start}`)).toBe(false);
      const res = await post(choice.action, { ...choice.fields, start: String(start) });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain('Zu dieser Uhrzeit bieten wir keinen Termin an');
      expect(html).toContain('Ihr Termin ist unverändert');
      expect(html).toContain('<html lang="de">');
    }
    const en = await post(`${choice.action}?lang=en`, {
      ...choice.fields,
      start: String(Number(choice.fields.start) + 27 * 60_000),
    });
    expect(await en.text()).toContain('We offer no appointment at this time');
    const now = (await store.get(a.id))!;
    expect(now.sequence).toBe(0);
    expect(now.start).toBe(a.start);
    expect(await outbox(a.id)).toHaveLength(before);
    // The offered time itself still moves it.
    expect((await post(choice.action, choice.fields)).status).toBe(200);
    expect((await store.get(a.id))!.start).toBe(Number(choice.fields.start));
  });

  it('refuses within the minimum notice, after the appointment, for forged links and foreign or changed forms', async () => {
    const a = await book(store, {
      start: localDateTime('2026-05-11', '07:20'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const late = await page(a.id);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('so kurzfristig');

    clock.set(localDateTime('2026-05-11', '08:00'));
    expect((await page(a.id)).status).toBe(410);

    const b = await book(store, {
      start: localDateTime('2026-05-18', '09:00'),
      channel: 'phone',
      staffId: 'anna-schulz',
    });
    const forged = await fetch(`${base}/c/${b.id}.${'A'.repeat(43)}/reschedule`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Dieser Link ist ungültig');

    const [choice] = choices(await (await page(b.id)).text());
    const foreign = await post(choice!.action, choice!.fields, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await post(choice!.action, choice!.fields, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // "Origin: null" (a sandboxed frame, a data: page) is refused unless the browser says the post is same-origin.
    const nullCrossSite = await post(choice!.action, choice!.fields, {
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(nullCrossSite.status).toBe(403);
    const nullUnknown = await post(choice!.action, choice!.fields, { origin: 'null' });
    expect(nullUnknown.status).toBe(403);
    const noToken = await post(choice!.action, { ...choice!.fields, token: 'x' });
    expect(noToken.status).toBe(400);
    const night = await post(choice!.action, {
      ...choice!.fields,
      start: String(localDateTime('2026-05-18', '03:00')),
    });
    expect(night.status).toBe(400);
    const json = await fetch(base + choice!.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(choice!.fields),
    });
    expect(json.status).toBe(400);
    expect((await store.get(b.id))!.sequence).toBe(0);
  });
});
