/**
 * Moves one deployment's data from the layout before the per-deployment hash tag to the current one
 * (docs/redis-keys.md, `npm run migrate-keys`):
 *
 *   <REDIS_KEY_PREFIX>{book}:<rest>   →  {<name>}:book:<rest>
 *   <REDIS_KEY_PREFIX><ns>:<rest>     →  {<name>}:<ns>:<rest>     (every other namespace of keys.ts)
 *
 * Key by key with DUMP / RESTORE (type, content, an outbox stream's consumer groups and the time to
 * live stay as they were), then DEL of the old key. Old and new key are in different slots, so this
 * is not one atomic step: the bot must be stopped meanwhile. Idempotent: a second run finds nothing;
 * after an interruption between RESTORE and DEL the new key equals the old one and the old one is
 * just deleted. A new key holding something else is never overwritten (a conflict, reported).
 * Only the key shapes of keys.ts directly under the prefix are looked at.
 */
import { ConfigError } from '../config/env';
import { keys, redisKeyPrefix } from './keys';
import { createRedis, type RedisEnv } from './redis';

/** The commands the migration needs: a connection without key prefix (a node or a Cluster). */
export interface MigrationClient {
  dumpBuffer(key: string): Promise<Buffer | null>;
  pttl(key: string): Promise<number>;
  restore(key: string, ttl: number, value: Buffer): Promise<unknown>;
  del(key: string): Promise<number>;
}

/** Where to SCAN: every master of a Cluster, or the one node. */
export interface ScanNode {
  scan(cursor: string, match: 'MATCH', pattern: string, count: 'COUNT', n: number): Promise<[string, string[]]>;
}

export interface MigrationResult {
  /** Old keys found. */
  found: number;
  /** Copied to the new name and deleted. */
  moved: number;
  /** The new key already held the same (an interrupted run): only the old one was deleted. */
  finished: number;
  /** The new key holds something else: both left as they are. */
  conflicts: string[];
  /** Old keys found per namespace. */
  byNamespace: Record<string, number>;
}

/** The namespaces of keys.ts: the first segment of every key it builds (new keys follow by themselves). */
export function keyNamespaces(): string[] {
  const sample = Object.values(keys).flatMap((build) => {
    try {
      return [(build as (...a: string[]) => string)('x', 'x', 'x')];
    } catch {
      return []; // a builder that needs other arguments: its namespace is another builder's too
    }
  });
  return [...new Set(sample.filter((k) => typeof k === 'string').map((k) => k.split(':')[0]!))].sort();
}

const BOOK = 'book';
const OLD_BOOK = '{book}';
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** The old name's namespace part → the new key. */
export function newKeyOf(deploymentPrefix: string, oldKey: string): string {
  const rest = oldKey.slice(deploymentPrefix.length);
  const moved = rest.startsWith(`${OLD_BOOK}:`) ? `${BOOK}:${rest.slice(OLD_BOOK.length + 1)}` : rest;
  return `${redisKeyPrefix(deploymentPrefix)}${moved}`;
}

/**
 * Keys every deployment that has booked anything holds in the old layout (the start index and the
 * outbox stream): one EXISTS answers "is there old data to migrate?" without scanning the keyspace.
 */
export function oldLayoutMarkers(deploymentPrefix: string): string[] {
  return [keys.byStart(), keys.outbox()].map((k) => `${deploymentPrefix}${OLD_BOOK}:${k.slice(BOOK.length + 1)}`);
}

/** True when this deployment's data still lies in the old layout: the bot would start with empty calendars. */
export async function holdsOldLayout(
  client: { exists(...keys: string[]): Promise<number> },
  deploymentPrefix: string,
): Promise<boolean> {
  return (await client.exists(...oldLayoutMarkers(deploymentPrefix))) > 0;
}

/**
 * Data written before the per-deployment hash tag lies under `<prefix>{book}:…`: started on it, the bot
 * would see empty calendars and book over every appointment. Refuse, and name the one command that helps.
 */
export async function refuseOldKeyLayout(env: RedisEnv & { REDIS_KEY_PREFIX: string }): Promise<void> {
  const raw = createRedis(env, { keyPrefix: '', maxRetriesPerRequest: 1 });
  raw.on('error', () => undefined); // the main connection reports Redis errors
  try {
    if (await holdsOldLayout(raw, env.REDIS_KEY_PREFIX))
      throw new ConfigError(
        `Invalid configuration: REDIS_KEY_PREFIX: Redis still holds this deployment's data in the layout before the per-deployment hash tag (${oldLayoutMarkers(env.REDIS_KEY_PREFIX).join(', ')}). Stop every instance and run \`npm run migrate-keys\` first (docs/redis-keys.md).`,
      );
  } finally {
    raw.disconnect();
  }
}

export async function migrateKeys(
  client: MigrationClient,
  nodes: readonly ScanNode[],
  deploymentPrefix: string,
  options: { dryRun?: boolean; onProgress?: (done: number) => void } = {},
): Promise<MigrationResult> {
  const result: MigrationResult = { found: 0, moved: 0, finished: 0, conflicts: [], byNamespace: {} };
  const target = redisKeyPrefix(deploymentPrefix);
  for (const ns of keyNamespaces()) {
    const pattern = `${globEscape(deploymentPrefix)}${ns === BOOK ? OLD_BOOK : ns}:*`;
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        // A key already under the new prefix (a prefix that looks like its own tag) is not old.
        for (const oldKey of found.filter((k) => !k.startsWith(target))) {
          result.found++;
          result.byNamespace[ns] = (result.byNamespace[ns] ?? 0) + 1;
          if (options.dryRun) continue;
          await moveOne(client, oldKey, newKeyOf(deploymentPrefix, oldKey), result);
          options.onProgress?.(result.moved + result.finished);
        }
      } while (cursor !== '0');
    }
  }
  return result;
}

async function moveOne(client: MigrationClient, oldKey: string, newKey: string, result: MigrationResult) {
  const [value, pttl] = await Promise.all([client.dumpBuffer(oldKey), client.pttl(oldKey)]);
  if (value === null) return; // gone meanwhile (expired)
  const existing = await client.dumpBuffer(newKey);
  if (existing !== null) {
    if (existing.equals(value)) {
      await client.del(oldKey);
      result.finished++;
    } else result.conflicts.push(newKey);
    return;
  }
  await client.restore(newKey, pttl > 0 ? pttl : 0, value);
  await client.del(oldKey);
  result.moved++;
}
