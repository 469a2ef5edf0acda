/**
 * botbuilder `Storage` on Redis with real eTag semantics, as botbuilder-core's MemoryStorage:
 * - every write stores a new eTag;
 * - a write carrying the eTag it read succeeds only if nobody wrote in between (else it rejects
 *   with "eTag conflict" and changes nothing);
 * - a write with eTag '*' or without eTag overwrites.
 * The check-and-write is one Lua script (storage-write-1.lua), so it holds across instances.
 *
 * Implements the Storage shape structurally (read/write/delete), so this module does not import
 * botbuilder: `new ConversationState(new RedisStorage(redis))` works as is.
 * Bot state is never the source of truth (appointments live in the booking store); `ttlMs`
 * lets abandoned conversation state expire.
 */
import { randomUUID } from 'node:crypto';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

/** A stored item: any JSON object, with the eTag botbuilder round-trips. */
export type StoreItem = { eTag?: string } & Record<string, unknown>;
/** Matches botbuilder's `StoreItems` ({ [key: string]: any }), so RedisStorage is a `Storage`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreItems = Record<string, any>;

export interface RedisStorageOptions {
  /** Items expire this long after their last write; 0 keeps them. */
  ttlMs?: number;
}

export class RedisStorage {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStorageOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 0;
  }

  async read(storageKeys: string[]): Promise<StoreItems> {
    if (!storageKeys) throw new ReferenceError('Keys are required when reading.');
    const result: StoreItems = {};
    const found = await Promise.all(storageKeys.map((k) => this.redis.hmget(keys.storage(k), 'e', 'd')));
    storageKeys.forEach((k, i) => {
      const [eTag, doc] = found[i]!;
      if (eTag == null || doc == null) return;
      result[k] = { ...(JSON.parse(doc) as Record<string, unknown>), eTag };
    });
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Keys are written one by one (as MemoryStorage does): they may live in different Cluster slots.
    for (const [k, item] of Object.entries(changes)) {
      const { eTag, ...doc } = (item ?? {}) as StoreItem;
      const written = await runScript<number>(
        this.redis,
        'storageWrite',
        [keys.storage(k)],
        [JSON.stringify(doc), typeof eTag === 'string' ? eTag : '', randomUUID(), this.ttlMs],
      );
      if (written !== 1) throw new Error(`Storage: error writing "${k}" due to eTag conflict.`);
    }
  }

  async delete(storageKeys: string[]): Promise<void> {
    if (!storageKeys) throw new ReferenceError('Keys are required when deleting.');
    if (storageKeys.length) await Promise.all(storageKeys.map((k) => this.redis.del(keys.storage(k))));
  }
}
