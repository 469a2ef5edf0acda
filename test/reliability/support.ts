/**
 * Shared by the reliability, fuzz and security tests:
 *   snapshotKeys(redis, ignore)  every key under the connection's prefix with its content, to prove
 *                                that a refused input wrote nothing;
 *   remoteHarness(url, …)        the Teams harness driving an app that runs in another process
 *                                (scripts/faults/app-process.ts), with its own local connector;
 *   calendarConsistency(redis)   appointment records vs. calendar entries, overlaps per staff member;
 *   OwnRedisServer, freeLoopbackPort  a redis-server of a test's own (crash and restart it freely).
 */
import type Redis from 'ioredis';
import type { Appointment, Directory } from '../../src/domain/types';
import type { App } from '../../src/main';
import { keys } from '../../src/store/keys';
import { LocalConnector, TeamsHarness } from '../support/teams-harness';

export { freeLoopbackPort, OwnRedisServer } from '../support/redis-server';

/** Key families a turn writes whatever it says: dedupe claims, conversation references, rate-limit counters. */
/** Written by any turn without changing what the bot knows: dedupe, conversation references, rate limits, the search audit. */
export const TURN_BOOKKEEPING = [/^bot:seen:/, /^bot:convref:/, /^rl:citizen:/, /^search:audit$/];

/** key → type and content, for keys under the prefix of `redis` (keyPrefix option), minus `ignore`. */
export async function snapshotKeys(redis: Redis, ignore: RegExp[] = TURN_BOOKKEEPING): Promise<Map<string, string>> {
  const prefix = redis.options.keyPrefix ?? '';
  const out = new Map<string, string>();
  let cursor = '0';
  const found: string[] = [];
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...batch.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
  for (const key of found.sort()) {
    if (ignore.some((re) => re.test(key))) continue;
    const type = await redis.type(key);
    let content: unknown;
    if (type === 'string') content = await redis.get(key);
    // Sorted: a hash's iteration order is not its content (a read such as HMGET may move a rehash along).
    else if (type === 'hash') content = Object.entries(await redis.hgetall(key)).sort(([a], [b]) => (a < b ? -1 : 1));
    else if (type === 'zset') content = await redis.zrange(key, '0', '-1', 'WITHSCORES');
    else if (type === 'set') content = (await redis.smembers(key)).sort();
    else if (type === 'list') content = await redis.lrange(key, 0, -1);
    else if (type === 'stream') content = await redis.xlen(key);
    out.set(key, `${type}:${JSON.stringify(content)}`);
  }
  return out;
}

/** The keys that differ between two snapshots (added, removed or changed). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const all = new Set([...before.keys(), ...after.keys()]);
  return [...all].filter((k) => before.get(k) !== after.get(k));
}

/**
 * A TeamsHarness whose app runs elsewhere (a child process at `url`): say/invoke/submit and the
 * flow helpers work as in-process; `h.app` has only `url`.
 */
export async function remoteHarness(url: string, directory: Directory, redis: Redis): Promise<TeamsHarness> {
  const connector = new LocalConnector();
  await connector.start();
  // Only `url` of App is read by the harness's request helpers.
  const app = { url, close: async () => undefined } as unknown as App;
  return new TeamsHarness(app, connector, directory, async () => connector.stop(), redis);
}

export interface Consistency {
  appointments: number;
  /** Booked appointments appointment missing from their staff calendar. */
  missingInCalendar: string[];
  /** Calendar entries without an appointment record. */
  orphanEntries: string[];
  overlaps: number;
}

/** Reads every appointment and calendar under the prefix of `redis` and cross-checks them. */
export async function calendarConsistency(redis: Redis, directory: Directory): Promise<Consistency> {
  const prefix = redis.options.keyPrefix ?? '';
  const apptPrefix = keys.appointment('');
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}${apptPrefix}*`, 'COUNT', 1000);
    cursor = next;
    ids.push(...batch.map((k) => k.slice(prefix.length + apptPrefix.length)));
  } while (cursor !== '0');
  const result: Consistency = { appointments: 0, missingInCalendar: [], orphanEntries: [], overlaps: 0 };
  const calendars = new Map<string, { id: string; blockStart: number; blockEnd: number }[]>();
  for (const s of directory.staff) {
    const entries = await redis.zrange(keys.calendar(s.id), '0', '-1');
    const list: { id: string; blockStart: number; blockEnd: number }[] = [];
    for (const id of entries) {
      const raw = await redis.get(keys.appointment(id));
      if (!raw) {
        result.orphanEntries.push(id);
        continue;
      }
      const appt = JSON.parse(raw) as Appointment;
      list.push({ id, blockStart: appt.blockStart, blockEnd: appt.blockEnd });
    }
    list.sort((a, b) => a.blockStart - b.blockStart);
    for (let i = 1; i < list.length; i++) if (list[i]!.blockStart < list[i - 1]!.blockEnd) result.overlaps++;
    calendars.set(s.id, list);
  }
  for (const id of ids) {
    const appt = JSON.parse((await redis.get(keys.appointment(id))) ?? '{}') as Appointment;
    if (appt.status !== 'booked') continue;
    result.appointments++;
    if (!calendars.get(appt.staffId)?.some((e) => e.id === id)) result.missingInCalendar.push(id);
  }
  return result;
}

/** Waits until the outbox's consumer groups have delivered (or dead-lettered) every entry; false on timeout. */
export async function outboxIdle(redis: Redis, timeoutMs = 20_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const groups = (await redis.xinfo('GROUPS', keys.outbox()).catch(() => [])) as unknown[][];
    const busy =
      groups.length === 0 ||
      groups.some((g) => {
        const f = new Map<string, unknown>();
        for (let i = 0; i + 1 < g.length; i += 2) f.set(String(g[i]), g[i + 1]);
        return Number(f.get('pending')) > 0 || Number(f.get('lag') ?? 0) > 0;
      });
    if (!busy && (await redis.zcard(keys.outboxRetry())) === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Keys under the prefix of `redis` that start with `start` (SCAN, never KEYS). */
export async function scanKeys(redis: Redis, start: string): Promise<string[]> {
  const prefix = redis.options.keyPrefix ?? '';
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}${start}*`, 'COUNT', 1000);
    cursor = next;
    out.push(...batch.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
  return out;
}
