/**
 * `npm run migrate-keys [-- --dry-run]`: moves this deployment's data from the layout of versions
 * before the per-deployment hash tag (`<REDIS_KEY_PREFIX>{book}:…`) to the current one
 * (`{<name>}:book:…`), key by key (docs/redis-keys.md). Stop every instance of the deployment first.
 * Configuration as for the bot (REDIS_URL or REDIS_CLUSTER_NODES / REDIS_SENTINELS, REDIS_KEY_PREFIX;
 * .env is read when present). Idempotent: a second run moves nothing. Exit code 1 when a new key
 * already held something else (named; nothing overwritten), 2 for a usage mistake.
 * The logic lives in src/store/key-migration.ts.
 */
import { Cluster } from 'ioredis';
import { migrateKeys, type ScanNode } from '../src/store/key-migration';
import { redisKeyPrefix } from '../src/store/keys';
import { runOperatorCommand, withOperatorRedis } from './operator-command';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--dry-run')) {
    console.error('usage: npm run migrate-keys [-- --dry-run]');
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  // No key prefix: the old keys and the new ones are named in full.
  return withOperatorRedis(
    async (env, redis) => {
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
    },
    { keyPrefix: '' },
  );
}

runOperatorCommand('migrate-keys', main);
