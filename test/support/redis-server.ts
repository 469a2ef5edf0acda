/**
 * A redis-server of a test's own, and the small network helpers it needs. No imports from src, so
 * jest's globalSetup (test/support/global-setup.ts) can load it before any test file.
 *   OwnRedisServer, freeLoopbackPort, redisPongs
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on the loopback interface (closed again before it is returned). */
export async function freeLoopbackPort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** True when a Redis at 127.0.0.1:`port` answers PING with PONG (not LOADING, not refused) within `timeoutMs`. */
export async function redisPongs(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}

/**
 * A redis-server of the test's own (not the shared one), in a temporary directory, for faults that
 * need the server itself: crash it (SIGKILL), start it again on the same port and directory (the
 * append-only file is replayed), stop it and remove the directory.
 *
 *   const server = await OwnRedisServer.start(['--appendonly', 'yes', '--appendfsync', 'always', '--save', '']);
 *   server.url          // redis://127.0.0.1:<port>
 *   await server.crash();   await server.restart();   await server.stop();
 */
export class OwnRedisServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly extraArgs: string[],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(extraArgs: string[] = [], readyTimeoutMs = 10_000): Promise<OwnRedisServer> {
    const dir = await mkdtemp(join(tmpdir(), 'sprechstunde-redis-'));
    const server = new OwnRedisServer(await freeLoopbackPort(), dir, extraArgs);
    await server.launch(readyTimeoutMs);
    return server;
  }

  /** Starts redis-server (again) on the same port and directory; resolves once it answers PING. */
  async launch(readyTimeoutMs = 10_000): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--daemonize',
      'no',
      '--logfile',
      join(this.dir, 'redis.log'),
      ...this.extraArgs,
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
    const until = Date.now() + readyTimeoutMs;
    for (;;) {
      if (await redisPongs(this.port, 500)) return;
      const failed = await Promise.race([
        spawnFailed,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 50)),
      ]);
      if (failed) throw new Error(`redis-server could not be started: ${failed.message}`);
      if (child.exitCode !== null)
        throw new Error(`redis-server exited with ${child.exitCode} (see ${join(this.dir, 'redis.log')})`);
      if (Date.now() > until)
        throw new Error(`redis-server on port ${this.port} did not answer PING within ${readyTimeoutMs} ms`);
    }
  }

  /** Alias of launch(): the same port, the same directory (and so the same append-only file). */
  restart(readyTimeoutMs = 10_000): Promise<void> {
    return this.launch(readyTimeoutMs);
  }

  /** SIGKILL: a crash, no shutdown work (no final fsync, no RDB). */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the server (SIGTERM, SIGKILL after `graceMs`) and removes its directory. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
