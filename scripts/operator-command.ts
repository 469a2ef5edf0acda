/**
 * What the operator commands (`npm run outbox`, `npm run purge-unreadable`, `npm run migrate-keys`)
 * share: configuration as for the bot (.env read when present; variables already set win), Redis
 * connected and asked once, one line naming the problem when either fails (exit code 1), the
 * connection closed at the end, and the process's exit code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadEnv, type Env } from '../src/config/env';
import { assertRedisAnswers, closeRedis, createRedis } from '../src/store/redis';
import type { RedisClient } from '../src/store/redis-client';

/** Runs `use` with the deployment's Redis; `keyPrefix: ''` names keys in full (the key migration). */
export async function withOperatorRedis(
  use: (env: Env, redis: RedisClient) => Promise<number>,
  options: { keyPrefix?: string } = {},
): Promise<number> {
  const envFile = join(__dirname, '..', '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile); // variables already set win
  let env: Env;
  let redis: RedisClient | undefined;
  try {
    env = loadEnv();
    redis = createRedis(env, { ...options, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined); // reported by assertRedisAnswers / the failing command
    await assertRedisAnswers(redis, env.REDIS_CLUSTER_NODES ?? env.REDIS_SENTINELS ?? new URL(env.REDIS_URL).host);
  } catch (e) {
    redis?.disconnect();
    // One line naming the problem, as the bot says it at start-up.
    console.error(e instanceof ConfigError ? e.message : String(e));
    return 1;
  }
  try {
    return await use(env, redis);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return 1;
  } finally {
    await closeRedis(redis);
  }
}

/** Runs the command and exits with its code; an unexpected failure is one line naming the command. */
export function runOperatorCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`npm run ${name}: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
