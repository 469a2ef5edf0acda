/**
 * Redis at maxmemory with `noeviction` (a redis-server of the test's own): it still answers PING
 * but refuses writes. /readyz reports not-ready while writes fail (and ready again once they work),
 * the log says so plainly once, and a failed turn's log line names the cause (OOM), not just "ReplyError".
 */
import { Writable } from 'node:stream';
import Redis from 'ioredis';
import pino from 'pino';
import { safeError } from '../../src/domain/safe-error';
import { createHttpServer, type HttpServer } from '../../src/http/server';
import { OwnRedisServer } from './support';

jest.setTimeout(60_000);

describe('Redis full (maxmemory, noeviction)', () => {
  let server: OwnRedisServer;
  let redis: Redis;
  let http: HttpServer;
  let base = '';
  const lines: string[] = [];

  beforeAll(async () => {
    server = await OwnRedisServer.start([
      '--maxmemory',
      '4mb',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    redis = new Redis(server.url, { keyPrefix: 'sprechstunde:', maxRetriesPerRequest: 1 });
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _e, done) {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      }),
    );
    http = createHttpServer({ bot: { handle: async () => undefined }, redis, logger });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await http.shutdown();
    redis.disconnect();
    await server.stop();
  });

  it('is not ready while writes fail, says why once, and is ready again when they work', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    let refused: unknown;
    // Big values first, then small ones: a write is refused once used memory exceeds maxmemory.
    for (let i = 0; i < 100_000 && !refused; i++)
      await redis.set(`filler:${i}`, 'x'.repeat(i < 40 ? 64 * 1024 : 512)).catch((e: unknown) => (refused = e));
    expect(refused).toBeInstanceOf(Error);
    // Memory now hovers at the limit; below what is used, every write is refused (this server only).
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    await redis.config('SET', 'maxmemory', String(used - 256 * 1024));
    const facts = safeError(refused);
    expect(facts.type).toBe('ReplyError');
    expect(String(facts.cause)).toContain('OOM');

    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', redis: { status: 'error', writes: 'failing' } });
    }
    const said = lines.filter((l) => l.includes('Redis refuses writes'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('OOM');

    await redis.config('SET', 'maxmemory', '64mb');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(lines.some((l) => l.includes('ready again'))).toBe(true);
  });
});
