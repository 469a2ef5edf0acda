import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { Env } from '../config/env';
import { ConfigError } from '../config/env';
import { TIMED_OUT, within } from '../domain/timeout';
import type { RedisClient } from './redis-client';
import { redisKeyPrefix } from './keys';
import { defineScripts } from './scripts';

export type RedisEnv = Pick<
  Env,
  'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME' | 'REDIS_CLUSTER_NODES' | 'REDIS_KEY_PREFIX'
>;

function hostPorts(list: string, variable: string): { host: string; port: number }[] {
  return list.split(',').map((entry) => {
    const m = /^\s*([^:\s]+):(\d+)\s*$/.exec(entry);
    if (!m) throw new ConfigError(`${variable}: expected host:port[,host:port…], got "${entry.trim()}"`);
    return { host: m[1]!, port: Number(m[2]) };
  });
}

/**
 * The one place that opens Redis connections: plain URL (rediss:// for TLS), Sentinel or Cluster.
 * Credentials and TLS come from REDIS_URL in every mode. Commands queue while reconnecting,
 * but fail fast (maxRetriesPerRequest) so a turn can answer "please try again" instead of hanging.
 * maxRetriesPerRequest counts reconnect attempts, so they stay ≤ 1 s apart: with ioredis 6's own
 * backoff (doubling up to 5 s) a queued command waited up to 15 s, a turn with several commands
 * longer, and the app noticed a returned Redis only up to 5 s late (test/reliability/redis-restart.test.ts).
 */
export function createRedis(env: RedisEnv, overrides: RedisOptions = {}): RedisClient {
  // Scripts are defined before the first command: an auto-pipeline opened before defineCommand
  // lacks the script's method, and ioredis then misaligns that batch's replies and crashes
  // (redis/ioredis#1931; seen here under load).
  const client = openRedis(env, overrides);
  defineScripts(client);
  return client;
}

function openRedis(env: RedisEnv, overrides: RedisOptions): RedisClient {
  const url = new URL(env.REDIS_URL);
  const auth = {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
  const tls = url.protocol === 'rediss:' ? {} : undefined;
  const common: RedisOptions = {
    // The deployment's prefix is also the hash tag of every key: `seelze:` → `{seelze}:` (keys.ts).
    keyPrefix: redisKeyPrefix(env.REDIS_KEY_PREFIX),
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 1000) + Math.floor(Math.random() * 100),
    enableAutoPipelining: true,
    ...overrides,
  };
  if (env.REDIS_CLUSTER_NODES) {
    return new Cluster(hostPorts(env.REDIS_CLUSTER_NODES, 'REDIS_CLUSTER_NODES'), {
      keyPrefix: common.keyPrefix,
      enableAutoPipelining: true,
      redisOptions: { ...common, ...auth, tls },
    });
  }
  if (env.REDIS_SENTINELS) {
    return new Redis({
      ...common,
      ...auth,
      tls,
      sentinels: hostPorts(env.REDIS_SENTINELS, 'REDIS_SENTINELS'),
      name: env.REDIS_SENTINEL_NAME,
    });
  }
  return new Redis(env.REDIS_URL, common);
}

/** Start-up check: fails with a clear message when Redis does not answer within `timeoutMs`. */
export async function assertRedisAnswers(redis: RedisClient, where: string, timeoutMs = 5000): Promise<void> {
  let reason: string;
  try {
    if ((await within(redis.ping(), timeoutMs)) !== TIMED_OUT) return;
    reason = 'no answer';
  } catch (e) {
    reason = (e as Error).message;
  }
  throw new ConfigError(`Redis does not answer at ${where} (${reason}). Start Redis or set REDIS_URL.`);
}

/**
 * Closes a connection gracefully (QUIT, pending replies first), or drops it when QUIT fails.
 * An already ended connection is left alone: disconnect() on it arms ioredis' force-close timer
 * (2 s) on a dead socket, which nothing clears and which keeps the process alive.
 */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === 'end') return;
  await redis.quit().catch(() => redis.disconnect());
}
