/**
 * jest globalSetup: the suite gets a redis-server of its own on a free loopback port (no persistence),
 * so its time and result never depend on what else lives in the machine's Redis (a shared
 * 127.0.0.1:6379 with 160,000 keys of earlier runs made every prefix SCAN slow). The workers are
 * started after this and inherit TEST_REDIS_URL; test/support/redis.ts connects there.
 *
 * TEST_REDIS_URL set by whoever runs the tests (another server, on purpose) is used as it is.
 * A watchdog stops the server when the jest process ends without its teardown (killed, Ctrl-C).
 */
import { spawn } from 'node:child_process';
import Redis from 'ioredis';
import { OwnRedisServer } from './redis-server';

export interface SuiteRedis {
  server: OwnRedisServer;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REDIS_URL) return;
  const server = await OwnRedisServer.start(['--save', '', '--appendonly', 'no']);
  const raw = new Redis(server.url);
  const info = await raw.info('server');
  await raw.quit();
  process.env.TEST_REDIS_URL = server.url;
  process.env.TEST_REDIS_RUN_ID = /run_id:(\w+)/.exec(info)?.[1] ?? '';
  (globalThis as { suiteRedis?: SuiteRedis }).suiteRedis = { server };
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} && kill -0 ${server.pid}; do sleep 2; done 2>/dev/null; kill ${server.pid} 2>/dev/null`,
    ],
    {
      detached: true,
      stdio: 'ignore',
    },
  ).unref();
}
