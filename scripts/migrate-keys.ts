/**
 * `npm run migrate-keys [-- --dry-run]`: moves this deployment's data from the layout of versions
 * before the per-deployment hash tag (`<REDIS_KEY_PREFIX>{book}:…`) to the current one
 * (`{<name>}:book:…`), key by key (docs/redis-keys.md). Stop every instance of the deployment first.
 * Configuration as for the bot (REDIS_URL or REDIS_CLUSTER_NODES / REDIS_SENTINELS, REDIS_KEY_PREFIX;
 * .env is read when present). Idempotent: a second run moves nothing. Exit code 1 when a new key
 * already held something else (named; nothing overwritten), 2 for a usage mistake.
 * The logic lives in src/store/key-migration.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { ConfigError, loadEnv, type Env } from '../src/config/env';
import { migrateKeys, type ScanNode } from '../src/store/key-migration';
import { redisKeyPrefix } from '../src/store/keys';
import { assertRedisAnswers, closeRedis, createRedis } from '../src/store/redis';
import type { RedisClient } from '../src/store/redis-client';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--dry-run')) {
    console.error('usage: npm run migrate-keys [-- --dry-run]');
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  const envFile = join(__dirname, '..', '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile); // variables already set win
  let env: Env;
  let redis: RedisClient | undefined;
  try {
    env = loadEnv();
    // No key prefix: the old keys and the new ones are named in full.
    redis = createRedis(env, { keyPrefix: '', maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined); // reported by assertRedisAnswers / the failing command
    await assertRedisAnswers(redis, env.REDIS_CLUSTER_NODES ?? env.REDIS_SENTINELS ?? new URL(env.REDIS_URL).host);
  } catch (e) {
    redis?.disconnect();
    console.error(e instanceof ConfigError ? e.message : String(e));
    return 1;
  }
  try {
    const nodes: ScanNode[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
    const prefix = env.REDIS_KEY_PREFIX;
    console.log(
      `${dryRun ? 'Counting' : 'Moving'} keys ${prefix}{book}:… and ${prefix}<namespace>:… → ${redisKeyPrefix(prefix)}…`,
    );
    const r = await migrateKeys(redis, nodes, prefix, { dryRun });
    const per = Object.entries(r.byNamespace)
      .map(([ns, n]) => `${ns} ${n}`)
      .join(', ');
    console.log(`found ${r.found} old keys${per ? ` (${per})` : ''}`);
    if (!dryRun) console.log(`moved ${r.moved}, finished ${r.finished} (copied before, old key deleted now)`);
    for (const key of r.conflicts) console.error(`conflict: ${key} already holds other data — left as it is`);
    return r.conflicts.length ? 1 : 0;
  } finally {
    await closeRedis(redis);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`npm run migrate-keys: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
