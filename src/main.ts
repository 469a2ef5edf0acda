/**
 * Composition root: env → logger → directory → Redis (must answer) → stores → bot → HTTP.
 *
 *   createApp(deps)  wires everything on a given Redis/directory and listens on `deps.port`
 *                    (0 = any free port); tests call it in-process. Returns { server, port, url, close }.
 *   main()           what `npm run serve` / `tsx src/main.ts` runs: reads the environment, fails
 *                    with one line naming the broken variable, handles SIGTERM/SIGINT (graceful
 *                    shutdown) and SIGHUP (directory reload).
 */
import type { Server } from 'restify';
import { createBotEndpoint } from './bot/adapter';
import { createRouter, registerHandlers, type BotServices } from './bot/handlers';
import { TeamsBot } from './bot/teams-bot';
import { DirectoryHolder } from './config/directory-reload';
import { ConfigError, loadEnv, type Env } from './config/env';
import { systemClock, type Clock } from './domain/clock';
import type { Directory } from './domain/types';
import { createHttpServer } from './http/server';
import { createLogger, type Logger } from './logger';
import { ActivityDedupe } from './store/activity-dedupe';
import { ConversationRefStore } from './store/conversation-refs';
import { assertRedisAnswers, createRedis, type RedisClient } from './store/redis';

export interface AppDeps {
  env: Env;
  logger: Logger;
  /** The current directory; called once per turn (DirectoryHolder.get in production). */
  directory: () => Directory;
  redis: RedisClient;
  clock?: Clock;
  /** Port to listen on; 0 picks a free one. Defaults to env.PORT. */
  port?: number;
  host?: string;
  /** close() quits this Redis connection (default true). */
  ownsRedis?: boolean;
}

export interface App {
  server: Server;
  port: number;
  url: string;
  services: BotServices;
  /** Graceful: stop accepting, finish in-flight turns, close Redis. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { env, logger, redis } = deps;
  const clock = deps.clock ?? systemClock;

  const services: BotServices = {
    clock,
    directory: deps.directory,
    conversationRefs: new ConversationRefStore(redis),
    dedupe: new ActivityDedupe(redis),
  };
  const router = registerHandlers(createRouter(), services);
  const bot = new TeamsBot({
    directory: services.directory,
    conversationRefs: services.conversationRefs,
    dedupe: services.dedupe,
    router,
    clock,
    logger: logger.child({ component: 'bot' }),
    tenantId: env.TEAMS_TENANT_ID,
  });
  const endpoint = createBotEndpoint(env, bot, logger.child({ component: 'bot' }));
  if (!endpoint.authenticationEnabled)
    logger.warn('AUTHENTICATION IS OFF: MicrosoftAppId is empty, /api/messages accepts unsigned requests. Local use only.');

  const http = createHttpServer({
    bot: endpoint,
    redis,
    logger,
    readiness: () => ({ directory: { staff: deps.directory().staff.length } }),
  });
  const port = await http.listen(deps.port ?? env.PORT, deps.host);
  logger.info({ port, auth: endpoint.authenticationEnabled }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    server: http.server,
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    close: () =>
      (closing ??= (async () => {
        await http.shutdown();
        if (deps.ownsRedis !== false) await redis.quit().catch(() => redis.disconnect());
        logger.info('stopped');
      })()),
  };
}

export async function main(): Promise<App> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (e) {
    // One line naming the variable; no stack trace for a configuration mistake.
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  let directory: DirectoryHolder;
  let redis: RedisClient | undefined;
  try {
    directory = new DirectoryHolder(env.DIRECTORY_FILE, logger);
    redis = createRedis(env);
    redis.on('error', (e: Error) => logger.warn({ error: e.message }, 'redis connection error'));
    await assertRedisAnswers(redis, env.REDIS_CLUSTER_NODES ?? env.REDIS_SENTINELS ?? new URL(env.REDIS_URL).host);
  } catch (e) {
    redis?.disconnect();
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const app = await createApp({ env, logger, directory: () => directory.get(), redis });
  directory.reloadOnSighup();
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return app;
}

if (require.main === module) void main();
