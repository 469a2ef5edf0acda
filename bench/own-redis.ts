/**
 * A redis-server of the bench's own on a free loopback port (no persistence), so what it measures —
 * "used memory" above all — is the bench's alone; and, for the benches that use the machine's Redis,
 * the removal of what they wrote there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { redisKeyPrefix } from '../src/store/keys';

export async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** `extra`: more redis-server arguments, e.g. `--dir d --dbfilename f.rdb` to start from a saved dump. */
export async function startRedis(extra: string[] = []): Promise<{ port: number; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra],
    {
      stdio: 'ignore',
    },
  );
  const client = new Redis(port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  // A server loading a dump answers LOADING until it is done.
  for (;;) {
    const ok = await client.ping().then(
      () => true,
      (e: Error) => {
        if (!/LOADING/.test(e.message)) throw e;
        return false;
      },
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  client.disconnect();
  return { port, proc };
}

/** Deletes every key of the deployment with this REDIS_KEY_PREFIX (`{name}:…`) from the Redis at `url`. */
export async function deleteDeploymentKeys(url: string, keyPrefix: string): Promise<void> {
  const raw = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, found] = await raw.scan(cursor, 'MATCH', `${redisKeyPrefix(keyPrefix)}*`, 'COUNT', 1000);
      cursor = next;
      if (found.length) await raw.unlink(...found);
    } while (cursor !== '0');
  } finally {
    raw.disconnect();
  }
}
