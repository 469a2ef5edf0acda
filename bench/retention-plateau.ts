/**
 * Two years of a 200-staff town: every week 1,500 appointments are booked through
 * the real booking path (scripts/seed), and retention (RETENTION_DAYS 90) compacts what ended before.
 * Prints Redis' used memory every 4 weeks on a redis-server of its own: it must reach a plateau (aim:
 * ≤ 80 MB with 24 months of facts for reports), and the bytes per live appointment and per compacted
 * fact (the README's figures). "Without compaction" is the memory of the weeks before retention
 * first compacts anything, per appointment, times every appointment of the two years.
 *
 *   npx tsx bench/retention-plateau.ts                         # 104 weeks, 300 a working day (≈ 25 min here)
 *   PLATEAU_WEEKS=30 PLATEAU_PER_DAY=100 npx tsx bench/retention-plateau.ts   # a quick run
 */
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { parseDirectory } from '../src/config/directory';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { simulateTownYears } from '../scripts/seed/town-years';
import { townDirectoryInput } from '../scripts/seed/town-directory';
import { startRedis } from './own-redis';

const WEEKS = Number(process.env.PLATEAU_WEEKS ?? 104);
const PER_DAY = Number(process.env.PLATEAU_PER_DAY ?? 300);
const RETENTION_DAYS = Number(process.env.PLATEAU_RETENTION_DAYS ?? 90);
const FIRST_MONDAY = '2025-01-06';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
}

/** The facts buckets: how many facts, and their bytes (MEMORY USAGE of every bucket, all fields sampled). */
async function factsFigures(redis: Redis, raw: Redis, prefix: string): Promise<{ facts: number; bytes: number }> {
  let facts = 0;
  let bytes = 0;
  let cursor = '0';
  do {
    const [next, found] = await raw.scan(cursor, 'MATCH', `${prefix}${keys.facts('*', '*')}`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      facts += await raw.hlen(key);
      bytes += Number(await raw.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    }
  } while (cursor !== '0');
  return { facts, bytes };
}

async function main(): Promise<void> {
  const directory = parseDirectory(townDirectoryInput(), 'seed directory');
  const server = await startRedis();
  const prefix = redisKeyPrefix('plateau:');
  const redis = new Redis(server.port, '127.0.0.1', { keyPrefix: prefix, enableAutoPipelining: true });
  const raw = new Redis(server.port, '127.0.0.1');
  const started = performance.now();
  try {
    const baseline = await usedMemory(raw);
    console.log(
      `${directory.staff.length} staff, ${PER_DAY} appointments a working day, ${WEEKS} weeks from ${FIRST_MONDAY}, retention ${RETENTION_DAYS} days (Redis at start: ${mb(baseline)})`,
    );
    console.log('week | day        | live appts | facts   | used memory | of it facts');
    let beforeRetention: { bytesPerAppointment: number } | undefined;
    let total = 0;
    const rows: { week: number; used: number; live: number; facts: number; factsBytes: number }[] = [];
    await simulateTownYears(redis, directory, {
      firstMonday: FIRST_MONDAY,
      weeks: WEEKS,
      perDay: PER_DAY,
      retentionDays: RETENTION_DAYS,
      afterWeek: async (w) => {
        total += w.booked;
        const live = await redis.zcard(keys.byStart());
        // Until the first compaction every appointment is live: its memory is what each would cost forever.
        if (w.compacted === 0 && live === total)
          beforeRetention = { bytesPerAppointment: ((await usedMemory(raw)) - baseline) / live };
        if (w.week % 4 !== 0 && w.week !== WEEKS) return;
        const used = await usedMemory(raw);
        const f = await factsFigures(redis, raw, prefix);
        rows.push({ week: w.week, used, live, facts: f.facts, factsBytes: f.bytes });
        console.log(
          `${String(w.week).padStart(4)} | ${w.today} | ${String(live).padStart(10)} | ${String(f.facts).padStart(7)} | ${mb(used).padStart(11)} | ${mb(f.bytes).padStart(10)}`,
        );
      },
    });
    const last = rows[rows.length - 1]!;
    const perLive = (last.used - baseline - last.factsBytes) / last.live;
    const perFact = last.factsBytes / Math.max(1, last.facts);
    console.log(
      `\n${total} appointments in ${((performance.now() - started) / 1000).toFixed(0)} s. After ${WEEKS} weeks: used memory ${mb(last.used)} (${last.live} live appointments, ${last.facts} compacted facts of ${mb(last.factsBytes)}).`,
    );
    console.log(
      `per live appointment (record, indexes, search entries, audit): ${Math.round(perLive)} bytes; per compacted fact: ${Math.round(perFact)} bytes`,
    );
    const year = rows.filter((r) => r.week >= WEEKS - 52);
    if (year.length > 1) {
      const first = year[0]!;
      console.log(
        `the last year: ${mb(first.used)} → ${mb(last.used)} (+${mb(last.used - first.used)}, of it facts +${mb(last.factsBytes - first.factsBytes)}); live appointments ${first.live} → ${last.live}`,
      );
    }
    if (beforeRetention)
      console.log(
        `without compaction (${Math.round(beforeRetention.bytesPerAppointment)} bytes per appointment, measured before retention first compacted): ≈ ${mb(baseline + beforeRetention.bytesPerAppointment * total)} after ${WEEKS} weeks, growing ${mb(beforeRetention.bytesPerAppointment * PER_DAY * 5 * 52)} a year`,
      );
  } finally {
    redis.disconnect();
    raw.disconnect();
    server.proc.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
