/**
 * The restify server:
 *
 *   POST /api/messages   Bot Framework activities → BotEndpoint (JWT checked there unless auth is off)
 *   GET  /healthz        the process is up (200 {"status":"ok"})
 *   GET  /readyz         Redis answers and we are not shutting down (200, else 503; JSON detail)
 *
 * Bodies are limited to `bodyLimitBytes` (413 beyond). Other modules add routes (citizen pages,
 * calendar feed) through `routes`. `shutdown()` stops accepting connections, lets in-flight
 * requests (bot turns) finish — up to `drainTimeoutMs` — then closes the remaining sockets.
 */
import type { ServerResponse } from 'node:http';
import restify, { type Server } from 'restify';
import { maskTokens, type Logger } from '../logger';
import { writeReadyProbe } from '../store/ready-probe';
import type { RedisClient } from '../store/redis-client';
import { TIMED_OUT, within } from '../domain/timeout';

export interface HttpDeps {
  bot: { handle(req: restify.Request & { body?: unknown }, res: ServerResponse): Promise<void> };
  redis: RedisClient;
  logger: Logger;
  bodyLimitBytes?: number;
  /** More routes (e.g. citizen pages): called once with the server before it listens. */
  routes?: ((server: Server) => void)[];
  /** Extra readiness facts (e.g. directory size), merged into /readyz. */
  readiness?: () => Record<string, unknown>;
}

export interface HttpServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stop accepting, wait for in-flight requests, close sockets. Idempotent. */
  shutdown(drainTimeoutMs?: number): Promise<void>;
  inFlight(): number;
}

const READY_PING_TIMEOUT_MS = 1000;

/**
 * Redis answers, and accepts a write: at maxmemory with `noeviction` it still answers PING but
 * refuses every write (OOM), and an instance that cannot book must not look ready.
 */
async function pingRedis(
  redis: RedisClient,
): Promise<{ ok: boolean; latencyMs?: number; error?: string; writes?: 'ok' | 'failing' }> {
  const started = process.hrtime.bigint();
  try {
    if ((await within(redis.ping(), READY_PING_TIMEOUT_MS)) === TIMED_OUT) return { ok: false, error: 'timeout' };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    const wrote = await within(writeReadyProbe(redis, Date.now()), READY_PING_TIMEOUT_MS);
    if (wrote === TIMED_OUT) return { ok: false, latencyMs, error: 'write timeout', writes: 'failing' };
    return { ok: true, latencyMs, writes: 'ok' };
  } catch (e) {
    return { ok: false, latencyMs, error: (e as Error).message, writes: 'failing' };
  }
}

export function createHttpServer(deps: HttpDeps): HttpServer {
  const log = deps.logger.child({ component: 'http' });
  const server = restify.createServer({ name: 'sprechstunde', handleUncaughtExceptions: false });
  let active = 0;
  let closing = false;
  let drained: (() => void) | undefined;

  // Count requests from arrival to the end of the response, so shutdown can wait for them.
  server.pre((req, res, next) => {
    active++;
    const started = process.hrtime.bigint();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      active--;
      // Built only when debug logging is on: this runs for every request.
      if (log.isLevelEnabled('debug'))
        log.debug(
          {
            reqId: req.id(),
            method: req.method,
            route: maskTokens(req.getPath()),
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      if (active === 0) drained?.();
    };
    res.once('finish', finish);
    res.once('close', finish);
    if (closing) res.setHeader('Connection', 'close');
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only (activities). restify's full bodyParser would hand multipart bodies to formidable,
  // which bypasses maxBodySize and writes uploads to the temp dir before any authentication —
  // an anonymous way to fill the disk. No route takes form fields (the citizen cancel form is a bare button).
  server.use((req, res, next) => {
    if (!/^multipart\//i.test(req.contentType())) return next();
    res.send(415, { error: 'unsupported media type: send application/json' });
    return next(false);
  });
  // jsonBodyParser hands its options to restify's bodyReader, which enforces maxBodySize (413); the typings omit it.
  const jsonBody: restify.plugins.JsonBodyParserOptions & { maxBodySize: number } = {
    maxBodySize: deps.bodyLimitBytes ?? 256 * 1024,
    mapParams: false,
  };
  server.use(restify.plugins.jsonBodyParser(jsonBody));

  server.post('/api/messages', async (req, res) => {
    const activityId = (req.body as { id?: unknown } | undefined)?.id;
    if (log.isLevelEnabled('debug'))
      log.debug(
        { reqId: req.id(), activityId: typeof activityId === 'string' ? activityId : undefined },
        'activity received',
      );
    await deps.bot.handle(req, res);
  });

  // A restify handler with two arguments must be async; this one has nothing to await, so it takes `next`.
  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok' });
    next();
  });

  let writesFailing = false;
  server.get('/readyz', async (_req, res) => {
    const redis = await pingRedis(deps.redis);
    const ready = redis.ok && !closing;
    // Said once when Redis starts or stops refusing writes, plainly (the reply names the cause).
    if ((redis.writes === 'failing') !== writesFailing) {
      writesFailing = redis.writes === 'failing';
      if (writesFailing) log.error({ redisError: redis.error?.slice(0, 200) }, 'not ready: Redis refuses writes');
      else log.info('ready again: Redis accepts writes');
    }
    res.json(ready ? 200 : 503, {
      status: ready ? 'ready' : 'unavailable',
      shuttingDown: closing,
      redis: redis.ok
        ? { status: 'ok', latencyMs: Math.round(redis.latencyMs! * 100) / 100, writes: 'ok' }
        : { status: 'error', error: redis.error, ...(redis.writes ? { writes: redis.writes } : {}) },
      ...(deps.readiness?.() ?? {}),
    });
  });

  for (const add of deps.routes ?? []) add(server);

  let shutdownPromise: Promise<void> | undefined;

  return {
    server,
    inFlight: () => active,
    listen: (port, host = '0.0.0.0') =>
      new Promise<number>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          const address = server.server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    shutdown: (drainTimeoutMs = 10_000) => {
      shutdownPromise ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) =>
          server.server.listening ? server.server.close(() => resolve()) : resolve(),
        );
        server.server.closeIdleConnections();
        if (active > 0) {
          await within(new Promise<void>((resolve) => (drained = resolve)), drainTimeoutMs);
          if (active > 0) log.warn({ inFlight: active }, 'shutdown: requests still running after the drain timeout');
        }
        server.server.closeAllConnections();
        await stopped;
      })();
      return shutdownPromise;
    },
  };
}
