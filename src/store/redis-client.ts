import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';

/** A connection to Redis: one node (plain or via Sentinel) or a cluster. Opened by createRedis (redis.ts). */
export type RedisClient = Redis | Cluster;
