/**
 * Bad input to the citizen pages and the staff calendar feed: random and mutated tokens (a real
 * token with characters flipped, cut or appended, other appointments' ids with a real MAC), random
 * query strings and bodies, on GET /c/:token, POST /c/:token/cancel, GET /c/:token/termin.ics and
 * GET /feed/:staffId/:file. Every answer is a page with a 4xx (never a 5xx, never a cancellation),
 * and nothing is written. The rate limit is lifted here (it has its own test) so the token checks
 * are what answers. FUZZ_RUNS sets the number of cases (default 1,000).
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pino from 'pino';
import restify from 'restify';
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { registerCalendarFeed } from '../../src/http/calendar-feed';
import { registerCitizenRoutes } from '../../src/http/citizen-routes';
import { AppointmentStore } from '../../src/store/appointments';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { testRedis } from '../support/redis';
import { changedKeys, snapshotKeys } from '../reliability/support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
jest.setTimeout(120_000);

describe('fuzzing the citizen pages', () => {
  const t = testRedis('fuzz-citizen');
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
  const store = new AppointmentStore(t.redis, clock);
  const links = new CitizenLinks(randomBytes(32).toString('base64url'), 'http://localhost');
  const server = restify.createServer();
  let base = '';
  let realToken = '';
  let realId = '';

  beforeAll(async () => {
    const deps = {
      redis: t.redis,
      appointments: store,
      directory: exampleDirectory(),
      links,
      clock,
      logger: pino({ level: 'silent' }),
    };
    registerCitizenRoutes(server, {
      ...deps,
      canceller: new StoreCitizenCanceller(store, clock),
      rateLimit: { max: 1e9, windowMs: 60_000 },
    });
    registerCalendarFeed(server, deps);
    await new Promise<void>((r) => {
      server.listen(0, '127.0.0.1', () => r());
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const a = await book(store, { start: localDateTime('2026-12-09', '10:00'), channel: 'phone' });
    realId = a.id;
    realToken = links.token(a.id);
  });
  afterAll(async () => {
    server.close();
    await t.cleanup();
  });

  // Built once the real token exists (beforeAll).
  const tokenArb = () =>
    fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.base64String({ maxLength: 120 }),
      // The real token, damaged: one character changed, cut, extended.
      fc
        .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }))
        .map(([i, c]) => {
          const at = i % realToken.length;
          return realToken.slice(0, at) + c + realToken.slice(at + 1);
        })
        .filter((x) => x !== realToken),
      fc.nat().map((n) => realToken.slice(0, n % realToken.length)),
      fc.string({ minLength: 1, maxLength: 20 }).map((s) => realToken + s),
      // A real MAC on another id, or the id with another appointment's MAC.
      fc
        .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 30 })
        .map((h) => `a${h}.${realToken.slice(realToken.indexOf('.') + 1)}`),
      fc.constantFrom(
        `${realId}.`,
        `.${realToken}`,
        `${realId}..x`,
        '%00',
        '..%2F..%2Fetc%2Fpasswd',
        `${realToken}%00`,
      ),
    );
  const route = fc.constantFrom('page', 'cancel', 'ics', 'feed');
  const query = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 40 }).map((q) => `?lang=${encodeURIComponent(q)}`),
    fc.constantFrom('?lang=en', '?lang=de&lang=en', '?__proto__[x]=1'),
  );

  it('answers every forged or damaged link with a 4xx page and writes nothing', async () => {
    const before = await snapshotKeys(t.redis);
    await fc.assert(
      fc.asyncProperty(tokenArb(), route, query, fc.string({ maxLength: 300 }), async (tok, r, q, body) => {
        const enc = encodeURIComponent(tok);
        const url =
          r === 'page'
            ? `${base}/c/${enc}${q}`
            : r === 'cancel'
              ? `${base}/c/${enc}/cancel${q}`
              : r === 'ics'
                ? `${base}/c/${enc}/termin.ics${q}`
                : `${base}/feed/${enc}/${enc}.ics${q}`;
        const res = await fetch(
          url,
          r === 'cancel'
            ? { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
            : {},
        );
        await res.text();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(changedKeys(before, await snapshotKeys(t.redis))).toEqual([]);
    expect((await store.get(realId))!.status).toBe('booked');
    // The real link still works.
    expect((await fetch(`${base}/c/${realToken}`)).status).toBe(200);
  });
});
