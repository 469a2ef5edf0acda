/**
 * The real app (createApp from src/main.ts) — or the echo bot of bench/echo-bot.ts — in a child
 * process of its own, for load, fault and multi-instance runs: a process can be killed with SIGKILL,
 * its memory is its own, and two of them share one Redis like two instances would.
 *
 *   const child = await spawnApp({ mode: 'app', redisUrl, prefix, clockAt, directory: 'bench' });
 *   child.url                  // http://127.0.0.1:<port>
 *   await child.maxRssKb()     // peak resident set size of the child so far
 *   child.logs                 // every line the child wrote to stdout (pino JSON with LOG_LEVEL)
 *   await child.stop()         // graceful (SIGTERM → app.close()); child.kill() is SIGKILL
 *
 * The child is this file run with `node --import tsx`; its configuration travels in the
 * APP_PROCESS_CONFIG environment variable (JSON).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchDirectory } from '../../bench/bench-directory';
import { loadDirectoryFile } from '../../src/config/directory';
import type { Directory } from '../../src/domain/types';

export interface AppProcessConfig {
  mode: 'app' | 'echo';
  redisUrl?: string;
  /** REDIS_KEY_PREFIX of the app (test and bench runs use their own). */
  prefix?: string;
  /** A fixed ManualClock time (epoch ms); the system clock when absent. */
  clockAt?: number;
  /** 'bench' = bench/bench-directory.ts (200 staff), 'example' = config/directory.example.json. */
  directory?: 'bench' | 'example';
  /** Further environment variables for loadEnv (LOG_LEVEL, JOBS_ENABLED, SUMMARY_CRON, SMTP_URL …). */
  env?: Record<string, string>;
  /** Start the outbox worker (default true). */
  outboxWorker?: boolean;
}

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  /** stdout lines of the child (pino JSON when LOG_LEVEL is not silent). */
  logs: string[];
  maxRssKb(): Promise<number>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

type ToChild = { type: 'rss' } | { type: 'stop' };
type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'rss'; kb: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

export function directoryFor(kind: 'bench' | 'example' = 'example'): Directory {
  return kind === 'bench' ? benchDirectory(200) : loadDirectoryFile('config/directory.example.json');
}

export async function spawnApp(config: AppProcessConfig, timeoutMs = 30_000): Promise<AppProcess> {
  const child: ChildProcess = fork(__filename, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, APP_PROCESS_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const logs: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => logs.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('app process did not start in time')), timeoutMs);
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port);
      }
      if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`app process failed: ${m.message}`));
      }
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`app process exited with ${code}`))));
  });
  const ask = <T extends FromChild['type']>(msg: ToChild, answer: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve) => {
      const on = (m: FromChild) => {
        if (m.type === answer) {
          child.off('message', on);
          resolve(m as Extract<FromChild, { type: T }>);
        }
      };
      child.on('message', on);
      child.send(msg);
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    logs,
    exited,
    maxRssKb: async () => (await ask({ type: 'rss' }, 'rss')).kb,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' } satisfies ToChild);
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs inside the child. */
async function childMain(config: AppProcessConfig): Promise<void> {
  const send = (m: FromChild) => process.send?.(m);
  let close: () => Promise<void>;
  let port: number;
  // Imported here, so the echo bot's process loads botbuilder and restify only (its RSS is the stack's).
  if (config.mode === 'echo') {
    const { startEchoBot } = await import('../../bench/echo-bot.js');
    const echo = await startEchoBot(0);
    port = echo.port;
    close = () => echo.close();
  } else {
    const { loadEnv } = await import('../../src/config/env.js');
    const { ManualClock, systemClock } = await import('../../src/domain/clock.js');
    const { createLogger } = await import('../../src/logger.js');
    const { createApp } = await import('../../src/main.js');
    const { createRedis } = await import('../../src/store/redis.js');
    const env = loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: config.redisUrl ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: config.prefix ?? '',
      JOBS_ENABLED: 'false',
      MAIL_DIR: join(tmpdir(), `sprechstunde-app-process-${process.pid}`),
      ...config.env,
    });
    const directory = directoryFor(config.directory);
    const redis = createRedis(env);
    // Connection errors are expected in fault runs (Redis restarted); the app answers turns with an apology meanwhile.
    redis.on('error', () => undefined);
    const app = await createApp({
      env,
      logger: createLogger(env.LOG_LEVEL),
      directory: () => directory,
      redis,
      clock: config.clockAt !== undefined ? new ManualClock(config.clockAt) : systemClock,
      port: 0,
      host: '127.0.0.1',
      ...(config.outboxWorker === false ? { outboxWorker: false } : {}),
    });
    port = app.port;
    close = () => app.close();
  }
  process.on('message', (m: ToChild) => {
    if (m.type === 'rss') send({ type: 'rss', kb: process.resourceUsage().maxRSS });
    if (m.type === 'stop') void close().finally(() => (send({ type: 'stopped' }), process.exit(0)));
  });
  process.once('SIGTERM', () => void close().finally(() => process.exit(0)));
  send({ type: 'ready', port });
}

if (require.main === module && process.env.APP_PROCESS_CONFIG) {
  childMain(JSON.parse(process.env.APP_PROCESS_CONFIG) as AppProcessConfig).catch((e: Error) => {
    process.send?.({ type: 'failed', message: e.message } satisfies FromChild);
    process.exit(1);
  });
}
