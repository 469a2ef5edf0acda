/**
 * TRUST_PROXY: the client address comes from the right end of X-Forwarded-For (what our own
 * proxies wrote), never from the client-controlled first entry; without TRUST_PROXY the header is
 * ignored. Checked as a function and on the citizen pages' rate limit over real HTTP.
 */
import pino from 'pino';
import restify from 'restify';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { clientAddress, parseTrustProxy } from '../../src/http/client-address';
import { registerCitizenRoutes } from '../../src/http/citizen-routes';
import { loadEnv } from '../../src/config/env';
import { AppointmentStore } from '../../src/store/appointments';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1', parseTrustProxy(undefined))).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, parseTrustProxy('1'))).toBe('203.0.113.9');
  });

  it('takes the entry the trusted hops wrote, whatever the client put first', () => {
    const one = parseTrustProxy('1');
    expect(clientAddress('10.0.0.4', '198.51.100.1, 203.0.113.7', one)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.4', 'anything, 203.0.113.7', one)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.4', '203.0.113.7', parseTrustProxy('2'))).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.4', '198.51.100.1, 203.0.113.7, 10.0.0.9', parseTrustProxy('2'))).toBe('203.0.113.7');
  });

  it('skips the trusted proxies named by address or CIDR from the right', () => {
    const cidrs = parseTrustProxy('10.0.0.0/8, 169.254.0.0/16, fd00::/8');
    expect(clientAddress('10.0.0.4', '1.2.3.4, 203.0.113.7, 169.254.1.1', cidrs)).toBe('203.0.113.7');
    expect(clientAddress('fd00::1', '2001:db8::5', cidrs)).toBe('2001:db8::5');
    expect(clientAddress('203.0.113.50', '1.2.3.4', cidrs)).toBe('203.0.113.50');
  });

  it('refuses a TRUST_PROXY that is neither a hop count nor addresses', () => {
    expect(() => parseTrustProxy('yes')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/prefix/);
    expect(() => loadEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8,169.254.0.0/16' }).TRUST_PROXY).toBe('10.0.0.0/8,169.254.0.0/16');
  });
});

describe('citizen page rate limit behind one proxy (TRUST_PROXY=1)', () => {
  const t = testRedis('client-address');
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
  const server = restify.createServer();
  let base = '';
  beforeAll(async () => {
    const store = new AppointmentStore(t.redis, clock);
    registerCitizenRoutes(server, {
      redis: t.redis,
      appointments: store,
      directory: exampleDirectory(),
      links: new CitizenLinks('z'.repeat(40), 'http://localhost'),
      clock,
      logger: pino({ level: 'silent' }),
      canceller: { cancelByCitizen: () => Promise.reject(new Error('not used')) },
      rateLimit: { max: 2, windowMs: 60_000 },
      trustProxy: '1',
    });
    await new Promise<void>((r) => {
      server.listen(0, '127.0.0.1', () => r());
    });
    const address = server.address() as unknown as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    server.close();
    await t.cleanup();
  });

  const get = (xff: string) => fetch(`${base}/c/not-a-token`, { headers: { 'x-forwarded-for': xff } });

  it('counts the client the proxy saw, not what the client wrote first', async () => {
    expect((await get('1.1.1.1, 203.0.113.7')).status).toBe(404);
    expect((await get('2.2.2.2, 203.0.113.7')).status).toBe(404);
    expect((await get('3.3.3.3, 203.0.113.7')).status).toBe(429);
    expect((await get('3.3.3.3, 198.51.100.20')).status).toBe(404);
  });
});
