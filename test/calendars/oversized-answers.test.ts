/**
 * A staff calendar that answers with hundreds of megabytes, or trickles its answer byte by byte,
 * fails that one calendar with a reason: the bot stops reading just past the bound (the server sees
 * the connection closed), and the other calendars of the same pass are read as usual.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { CalDavCalendarProvider } from '../../src/calendars/caldav';
import { CalendarSync } from '../../src/calendars/sync';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { ClientCredentialsToken } from '../../src/meetings/client-credentials';
import { CALENDAR_ANSWER_MAX_BYTES } from '../../src/net/bounded-body';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';

const EMPTY = '<?xml version="1.0"?><multistatus xmlns="DAV:"></multistatus>';

describe('calendar servers that answer too much or too slowly', () => {
  const t = testRedis('oversized');
  const directory = exampleDirectory();
  const [huge, slow, ...others] = directory.staff;
  let server: Server;
  let url: string;
  let hugeBytesSent = 0;
  let slowTimer: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const upn = decodeURIComponent((req.url ?? '').split('/')[1] ?? '');
      req.resume();
      req.on('end', () => {
        if (req.method === 'PROPFIND' || (upn !== huge!.upn && upn !== slow!.upn)) {
          res.writeHead(207, { 'content-type': 'application/xml' });
          return res.end(EMPTY);
        }
        res.writeHead(207, { 'content-type': 'application/xml' });
        if (upn === slow!.upn) {
          res.write('<?xml version="1.0"?><multistatus xmlns="DAV:">');
          slowTimer = setInterval(() => res.write(' '), 50);
          res.on('close', () => clearInterval(slowTimer));
          return;
        }
        // 400 MB of XML-looking text, written as fast as the client reads it.
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && hugeBytesSent < 400 * 1024 * 1024) {
            hugeBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.write('<?xml version="1.0"?><multistatus xmlns="DAV:">');
        pump();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    clearInterval(slowTimer);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  const syncWith = (timeoutMs: number, staff = directory.staff) =>
    new CalendarSync({
      provider: new CalDavCalendarProvider({ urlTemplate: `${url}/{upn}/calendar/`, timeoutMs }),
      redis: t.redis,
      directory: () => ({ ...directory, staff }),
      clock: new ManualClock(localDateTime('2026-03-30', '06:00')),
      logger: pino({ level: 'silent' }),
      tentativeIsBusy: true,
      staleAfterMs: 30 * 60_000,
      concurrency: 2,
    });

  it('stops reading a calendar that answers with 400 MB just past the bound; the others of the pass are read', async () => {
    const sync = syncWith(60_000, [huge!, ...others]);
    const result = await sync.syncAll();
    expect(result).toMatchObject({ failed: 1, synced: others.length });
    const statuses = new Map((await sync.statuses()).map((s) => [s.staffId, s]));
    expect(statuses.get(huge!.id)?.lastError).toBe('invalid-response');
    for (const s of others) expect(statuses.get(s.id)?.lastSuccess).toBeDefined();
    // Streamed and cancelled: far less than the 400 MB offered was sent before the bot hung up.
    expect(hugeBytesSent).toBeLessThan(CALENDAR_ANSWER_MAX_BYTES + 32 * 1024 * 1024);
  });

  it('fails a calendar that trickles its answer once the time of its call is up', async () => {
    const sync = syncWith(1_000);
    expect(await sync.syncStaff(slow!)).toBe('failed');
    const [status] = await sync.store.statuses([slow!.id]);
    expect(status?.lastError).toBe('unavailable');
  });

  it('gives up a calendar whose whole read takes longer than its bound, even if every call is quick enough', async () => {
    const never = { kind: 'caldav' as const, label: 'Kalender', read: () => new Promise<never>(() => undefined) };
    const sync = new CalendarSync({
      provider: never,
      redis: t.redis,
      directory: () => directory,
      clock: new ManualClock(localDateTime('2026-03-30', '06:00')),
      logger: pino({ level: 'silent' }),
      tentativeIsBusy: true,
      staleAfterMs: 30 * 60_000,
      readTimeoutMs: 200,
    });
    expect(await sync.syncStaff(others[0]!)).toBe('failed');
    const [status] = await sync.store.statuses([others[0]!.id]);
    expect(status?.lastError).toBe('unavailable');
  });

  it('refuses a token endpoint that answers megabytes instead of a token', async () => {
    const token = new ClientCredentialsToken({
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      loginUrl: url,
      scope: 'https://graph.microsoft.com/.default',
      clock: new ManualClock(0),
      post: () =>
        Promise.resolve(
          new Response(`{"access_token":"${'x'.repeat(2 * 1024 * 1024)}","expires_in":3600}`, {
            headers: { 'content-type': 'application/json' },
          }),
        ),
    });
    await expect(token.get()).rejects.toMatchObject({ code: 'invalid-response' });
  });
});
