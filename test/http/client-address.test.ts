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
import { clientAddress, parseTrustProxy, trustProxyWarning } from '../../src/http/client-address';
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

describe('the start-up warning for a hop count', () => {
  it("warns for a hop count (believed on every connection), not for the proxies' addresses", () => {
    expect(trustProxyWarning(parseTrustProxy('1'))).toMatch(
      /^TRUST_PROXY=1 is a hop count: .*reachable only through the proxy/,
    );
    expect(trustProxyWarning(parseTrustProxy('10.0.0.0/8'))).toBeUndefined();
    expect(trustProxyWarning(parseTrustProxy(undefined))).toBeUndefined();
  });
});

/** The citizen pages with TRUST_PROXY as given, on a real port; warnings the pages log are collected. */
function citizenPages(label: string, trustProxy: string) {
  const t = testRedis(label);
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
  const server = restify.createServer();
  const warnings: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void warnings.push(String((JSON.parse(line) as { msg?: string }).msg)) },
  );
  let base = '';
  beforeAll(async () => {
    const store = new AppointmentStore(t.redis, clock);
    registerCitizenRoutes(server, {
      redis: t.redis,
      appointments: store,
      directory: exampleDirectory(),
      links: new CitizenLinks('z'.repeat(40), 'http://localhost'),
      clock,
      logger,
      canceller: { cancelByCitizen: () => Promise.reject(new Error('not used')) },
      rateLimit: { max: 2, windowMs: 60_000 },
      trustProxy,
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
  return {
    warnings,
    get: (xff?: string) => fetch(`${base}/c/not-a-token`, xff ? { headers: { 'x-forwarded-for': xff } } : {}),
  };
}

describe('citizen page rate limit behind one proxy (TRUST_PROXY=1)', () => {
  const pages = citizenPages('client-address', '1');

  it('counts the client the proxy saw, not what the client wrote first', async () => {
    expect((await pages.get('1.1.1.1, 203.0.113.7')).status).toBe(404);
    expect((await pages.get('2.2.2.2, 203.0.113.7')).status).toBe(404);
    expect((await pages.get('3.3.3.3, 203.0.113.7')).status).toBe(429);
    expect((await pages.get('3.3.3.3, 198.51.100.20')).status).toBe(404);
    expect(pages.warnings).toEqual([]);
  });

  it('warns once when a request comes without X-Forwarded-For: the app port is reachable around the proxy', async () => {
    await pages.get();
    await pages.get();
    expect(pages.warnings).toHaveLength(1);
    expect(pages.warnings[0]).toMatch(/without X-Forwarded-For although TRUST_PROXY=1: the app port is reachable/);
  });
});

describe("TRUST_PROXY as the proxies' addresses", () => {
  describe('a client connecting directly (not from the proxy at 10.0.0.0/8)', () => {
    const pages = citizenPages('client-address-direct', '10.0.0.0/8');

    it('is counted by its own address whatever X-Forwarded-For it writes', async () => {
      expect((await pages.get('198.51.100.1')).status).toBe(404);
      expect((await pages.get('198.51.100.2')).status).toBe(404);
      expect((await pages.get('198.51.100.3')).status).toBe(429);
      expect(pages.warnings).toEqual([]);
    });
  });

  describe('requests from the proxy (127.0.0.1)', () => {
    const pages = citizenPages('client-address-proxy', '127.0.0.1');

    it('are counted by the client address the proxy wrote', async () => {
      expect((await pages.get('198.51.100.1')).status).toBe(404);
      expect((await pages.get('198.51.100.1')).status).toBe(404);
      expect((await pages.get('198.51.100.1')).status).toBe(429);
      expect((await pages.get('spoofed, 198.51.100.2')).status).toBe(404);
    });
  });
});
