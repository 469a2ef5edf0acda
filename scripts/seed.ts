/**
 * `npm run seed`: a realistic town in the local Redis, so the Playground (and the growth benchmark)
 * shows a town hall that looks real. Writes a generated 200-staff directory (the example directory's
 * people, Jonas and Anna included, grown by five departments) to var/seed/directory.json and books
 * appointments through the real booking path (scripts/seed/appointments.ts): ≈ 1,500 a week, the
 * next four weeks and as much history as the count asks for (default 24,000 ≈ 16 weeks).
 *
 *   npm run seed                          # 24,000 appointments, keys under REDIS_KEY_PREFIX
 *   npm run seed -- --appointments 5000 --per-day 300 --reset
 *   DIRECTORY_FILE=var/seed/directory.json npm start
 *
 * Loads .env like `npm start`. Refuses to book into a Redis that already holds appointments under the
 * prefix unless `--reset` (which deletes every key under REDIS_KEY_PREFIX first); a refusal writes
 * nothing, not even the directory file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { parseDirectory } from '../src/config/directory';
import { ConfigError, DEFAULT_REDIS_KEY_PREFIX, loadEnv } from '../src/config/env';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { createRedis } from '../src/store/redis';
import type { RedisClient } from '../src/store/redis-client';
import { seedAppointments } from './seed/appointments';
import { townDirectoryInput } from './seed/town-directory';

const root = resolve(__dirname, '..');
export const SEED_DIRECTORY_FILE = 'var/seed/directory.json';

/**
 * Deletes every key the app keeps under REDIS_KEY_PREFIX `prefix` (`seelze:` → the keys `{seelze}:…`,
 * src/store/keys.ts); a local Redis only; SCAN + UNLINK in pages.
 */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  const keyPrefix = redisKeyPrefix(prefix);
  const raw = new Redis(redisUrl);
  let deleted = 0;
  let cursor = '0';
  try {
    do {
      const [next, found] = await raw.scan(
        cursor,
        'MATCH',
        `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (found.length) deleted += await raw.unlink(...found);
    } while (cursor !== '0');
  } finally {
    raw.disconnect();
  }
  return deleted;
}

function usage(message: string): never {
  console.error(`npm run seed: ${message}`);
  console.error('usage: npm run seed -- [--appointments N (default 24000)] [--per-day N (default 300)] [--reset]');
  process.exit(2);
}

async function main(): Promise<void> {
  const envFile = join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let args;
  try {
    args = parseArgs({
      options: {
        appointments: { type: 'string', default: '24000' },
        'per-day': { type: 'string', default: '300' },
        reset: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  const count = Number(args.appointments);
  const perDay = Number(args['per-day']);
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000)
    usage('--appointments must be a whole number 0–1000000');
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 10_000) usage('--per-day must be a whole number 1–10000');
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const redis = createRedis(env);
  try {
    const outcome = await seedTown(redis, {
      redisUrl: env.REDIS_URL,
      prefix: env.REDIS_KEY_PREFIX,
      file: join(root, SEED_DIRECTORY_FILE),
      reset: args.reset,
      count,
      perDay,
      log: (line) => console.log(line),
      progress: (n) => process.stdout.write(`\r${n} booked …`),
    });
    if (outcome === 'refused') {
      console.error(
        `npm run seed: Redis at ${new URL(env.REDIS_URL).host} already holds appointments under "${env.REDIS_KEY_PREFIX}"; nothing was changed (neither Redis nor ${SEED_DIRECTORY_FILE}). Add --reset to delete every key under that prefix first.`,
      );
      process.exitCode = 1;
    }
  } finally {
    redis.disconnect();
  }
}

export interface SeedTownOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: `--reset` deletes the keys the app keeps under it. */
  prefix: string;
  /** Where the generated directory is written. */
  file: string;
  reset: boolean;
  count: number;
  perDay: number;
  log: (line: string) => void;
  progress?: (booked: number) => void;
  now?: number;
}

/**
 * The seed after its arguments: refuses (and writes nothing, neither Redis nor the directory file)
 * when Redis already holds appointments and `reset` is off; otherwise empties the prefix if asked,
 * writes the directory and books.
 */
export async function seedTown(redis: RedisClient, o: SeedTownOptions): Promise<'refused' | 'seeded'> {
  if (!o.reset && (await redis.zcard(keys.byStart())) > 0) return 'refused';
  if (o.reset) o.log(`--reset: ${await deletePrefix(o.redisUrl, o.prefix)} keys under "${o.prefix}" deleted`);
  const input = townDirectoryInput();
  const directory = parseDirectory(input, 'seed directory');
  mkdirSync(dirname(o.file), { recursive: true });
  writeFileSync(o.file, `${JSON.stringify(input, null, 2)}\n`);
  o.log(`directory: ${directory.staff.length} staff in ${directory.teams.length} teams → ${relative(root, o.file)}`);

  const started = performance.now();
  const r = await seedAppointments(redis, directory, {
    count: o.count,
    perDay: o.perDay,
    ...(o.now !== undefined ? { now: o.now } : {}),
    ...(o.progress ? { progress: o.progress } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const memory = /used_memory:(\d+)/.exec(await redis.info('memory'))?.[1];
  if (o.progress) process.stdout.write('\r');
  o.log(
    `${r.booked} appointments booked in ${seconds.toFixed(1)} s (${Math.round(r.booked / seconds)}/s), ${r.firstDay} – ${r.lastDay}: ${r.completed} completed, ${r.noShows} no-shows, ${r.cancelled} cancelled${r.refused ? `, ${r.refused} refused by the rules` : ''}`,
  );
  if (memory) o.log(`Redis used memory: ${(Number(memory) / 1024 / 1024).toFixed(1)} MB (the whole Redis)`);
  // The bot finds the town only under the prefix it was seeded with.
  const samePrefix = o.prefix === DEFAULT_REDIS_KEY_PREFIX ? '' : `REDIS_KEY_PREFIX=${o.prefix} `;
  o.log(
    `try it: ${samePrefix}DIRECTORY_FILE=${SEED_DIRECTORY_FILE} npm start   (you are Jonas Becker; --as anna for the supervisor)`,
  );
  return 'seeded';
}

if (require.main === module)
  main().catch((e: Error) => {
    console.error(e);
    process.exit(1);
  });
