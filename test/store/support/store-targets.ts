import { Cluster } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { testRedis } from '../../support/redis';
import { redisKeyPrefix } from '../../../src/store/keys';
import { closeRedis } from '../../../src/store/redis';
import type { RedisClient } from '../../../src/store/redis-client';

/** A Redis target for the store suite: the shared single node, or a local cluster. */
export interface StoreTarget {
  name: string;
  prefix: string;
  redis: RedisClient;
  /** Another, separate connection with the same key prefix. */
  connect(): RedisClient;
  cleanup(): Promise<void>;
  /** How a child process reaches the same target. */
  env: Record<string, string>;
}

export function singleNodeTarget(label: string): StoreTarget {
  const t = testRedis(label);
  return {
    name: 'single node',
    prefix: t.prefix,
    redis: t.redis,
    connect: t.connect,
    cleanup: t.cleanup,
    env: { CONTEND_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  };
}

export function clusterNodes(spec: string): { host: string; port: number }[] {
  return spec.split(',').map((s) => {
    const [host, port] = s.trim().split(':');
    return { host: host!, port: Number(port) };
  });
}

export function clusterTarget(label: string, spec: string): StoreTarget {
  const prefix = `test:${label}:${randomBytes(4).toString('hex')}:`;
  const keyPrefix = redisKeyPrefix(prefix);
  const opened: Cluster[] = [];
  const connect = () => {
    const c = new Cluster(clusterNodes(spec), { keyPrefix, redisOptions: { maxRetriesPerRequest: 2 } });
    opened.push(c);
    return c;
  };
  const redis = connect();
  const cleanup = async () => {
    for (const node of redis.nodes('master')) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
        cursor = next;
        // keys come back with the prefix; this node connection has none, so delete them as they are
        if (found.length) await node.unlink(...found);
      } while (cursor !== '0');
    }
    await Promise.all(opened.map(closeRedis));
  };
  return { name: 'cluster', prefix, redis, connect, cleanup, env: { CONTEND_CLUSTER_NODES: spec } };
}
