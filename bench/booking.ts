/**
 * Booking benchmark against the real Redis (REDIS_URL, default redis://127.0.0.1:6379, or
 * REDIS_CLUSTER_NODES): 1,000 concurrent contenders book 10-minute slots of 200 staff members
 * (5-minute grid, so neighbouring slots collide), through the real path: booking rules in
 * TypeScript, then the confirm Lua script (overlap re-check, appointment, indexes, audit, outbox).
 * Then the same number of trivial EVALSHA calls with the same concurrency and connections as the
 * raw Redis baseline. Prints throughput, p50/p99, the ratio, and the number of double bookings
 * found by reading every calendar back (must be 0). Cleans up its keys.
 *   tsx bench/booking.ts [attempts=20000] [contenders=1000]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Redis, { Cluster } from 'ioredis';
import { ManualClock } from '../src/domain/clock';
import { isDomainError } from '../src/domain/errors';
import { addDays, localDateTime, weekdayOf } from '../src/domain/time';
import type { Appointment } from '../src/domain/types';
import { AppointmentStore } from '../src/store/appointments';
import { keys, redisKeyPrefix } from '../src/store/keys';
import type { RedisClient } from '../src/store/redis-client';
import { benchAppointment, benchDirectory, percentile, rng } from './bench-directory';

const ATTEMPTS = Number(process.argv[2] ?? 20_000);
const CONTENDERS = Number(process.argv[3] ?? 1_000);
const CONNECTIONS = 16;
const MIN = 60_000;
const prefix = redisKeyPrefix(`bench:booking:${randomBytes(4).toString('hex')}:`);
const directory = benchDirectory(200);
const firstDay = '2026-03-09';
const days: string[] = [];
for (let d = firstDay; days.length < 20; d = addDays(d, 1)) if (!['sat', 'sun'].includes(weekdayOf(d))) days.push(d);
const clock = new ManualClock(localDateTime(addDays(firstDay, -1), '07:00'));

function connect(): RedisClient {
  if (process.env.REDIS_CLUSTER_NODES) {
    const nodes = process.env.REDIS_CLUSTER_NODES.split(',').map((s) => ({
      host: s.split(':')[0]!,
      port: Number(s.split(':')[1]),
    }));
    return new Cluster(nodes, { keyPrefix: prefix, enableAutoPipelining: true });
  }
  return new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    keyPrefix: prefix,
    enableAutoPipelining: true,
  });
}

/** Runs `total` operations with `concurrency` workers; returns latencies (ms) and wall time. */
async function contend(total: number, concurrency: number, op: (i: number) => Promise<void>) {
  const latencies: number[] = new Array<number>(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await op(i);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { wallMs, opsPerSec: (total / wallMs) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** EVALSHA calls and µs from INFO commandstats (single node only; shared with other clients). */
async function evalshaStats(redis: RedisClient): Promise<{ calls: number; usec: number }> {
  if (redis instanceof Cluster) return { calls: 0, usec: 0 };
  const info = await redis.info('commandstats');
  const m = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(info);
  return m ? { calls: Number(m[1]), usec: Number(m[2]) } : { calls: 0, usec: 0 };
}

async function countDoubleBookings(
  redis: RedisClient,
  stores: AppointmentStore[],
): Promise<{ overlaps: number; booked: number }> {
  let overlaps = 0;
  let booked = 0;
  for (const staff of directory.staff) {
    const ids = await redis.zrangebyscore(keys.calendar(staff.id), '-inf', '+inf');
    const list: Appointment[] = (await Promise.all(ids.map((id) => stores[0]!.get(id)))).filter(
      (a): a is Appointment => a !== null,
    );
    list.sort((a, b) => a.blockStart - b.blockStart);
    booked += list.length;
    for (let i = 1; i < list.length; i++) if (list[i]!.blockStart < list[i - 1]!.blockEnd) overlaps++;
  }
  return { overlaps, booked };
}

async function cleanup(redis: RedisClient) {
  const nodes: Redis[] =
    redis instanceof Cluster ? redis.nodes('master') : [new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (found.length) await node.unlink(...found);
    } while (cursor !== '0');
    if (!(redis instanceof Cluster)) node.disconnect();
  }
}

async function main() {
  const conns = Array.from({ length: CONNECTIONS }, connect);
  const stores = conns.map((c) => new AppointmentStore(c, clock));
  const rand = rng(42);
  let created = 0;
  let taken = 0;
  // warm-up: load the scripts on every connection
  await Promise.all(stores.map((s, i) => s.releaseHold(`warm-${i}`, 'warm')));

  const statsBefore = await evalshaStats(conns[0]!);
  const booking = await contend(ATTEMPTS, CONTENDERS, async (i) => {
    const id = `b${i}`;
    const appointment = benchAppointment(directory, { id, days, rand, now: clock.now(), starts: 20 });
    try {
      const r = await stores[i % CONNECTIONS]!.confirm({
        clientKey: `ck-${i}`,
        appointment,
        audit: { at: clock.now(), actor: 's0', action: 'book', appointmentId: id },
        outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
      });
      if (r.created) created++;
    } catch (e) {
      if (isDomainError(e) && e.code === 'slot-taken') taken++;
      else throw e;
    }
  });

  const statsBetween = await evalshaStats(conns[0]!);
  for (const c of conns) c.defineCommand('benchNoop', { numberOfKeys: 1, lua: 'return 1' });
  type Noop = { benchNoop(key: string): Promise<number> };
  await Promise.all(conns.map((c) => (c as unknown as Noop).benchNoop(keys.bookBase())));
  const baseline = await contend(ATTEMPTS, CONTENDERS, async (i) => {
    await (conns[i % CONNECTIONS] as unknown as Noop).benchNoop(keys.bookBase());
  });

  const statsAfter = await evalshaStats(conns[0]!);

  // Second baseline: the same writes a booking makes, as a plain MULTI/EXEC without any checks.
  const sample = JSON.stringify({
    id: 'x',
    uid: 'x@bench',
    sequence: 0,
    staffId: 's0',
    serviceId: 'auskunft',
    channel: 'phone',
    start: clock.now(),
    end: clock.now(),
    blockStart: clock.now(),
    blockEnd: clock.now(),
    status: 'booked',
    citizen: { name: 'Bench', email: 'bench@example.org', phone: '+49 1', language: 'de' },
    createdAt: clock.now(),
    createdBy: 's0',
    updatedAt: clock.now(),
  });
  const rawWrites = await contend(ATTEMPTS, CONTENDERS, async (i) => {
    const id = `raw${i}`;
    const staffId = `raw-s${i % 200}`;
    const score = clock.now() + i * MIN;
    await conns[i % CONNECTIONS]!.multi()
      .set(keys.appointment(id), sample)
      .zadd(keys.calendar(staffId), score, id)
      .zadd(keys.calendarEnds(staffId), score + 10 * MIN, id)
      .zadd(keys.staffAppointments(staffId), score, id)
      .sadd(keys.day('2026-03-09'), id)
      .zadd(keys.byStart(), score, id)
      .set(keys.idempotency(`raw-ck-${i}`), id, 'PX', 3_600_000)
      .rpush(keys.audit(id), '{"at":0,"actor":"s0","action":"book","appointmentId":"x"}')
      .xadd(
        keys.outbox(),
        '*',
        'key',
        `${id}:citizen-invitation:0`,
        'msg',
        '{"kind":"citizen-invitation","appointmentId":"x","sequence":0,"reason":"booked"}',
      )
      .exec();
  });
  const serverUs = (a: { calls: number; usec: number }, b: { calls: number; usec: number }) =>
    b.calls > a.calls ? ((b.usec - a.usec) / (b.calls - a.calls)).toFixed(1) : 'n/a';
  const { overlaps, booked } = await countDoubleBookings(conns[0]!, stores);
  const f = (x: number) => x.toFixed(2);
  console.log(
    `booking bench: ${ATTEMPTS} attempts, ${CONTENDERS} concurrent contenders, ${directory.staff.length} staff × ${days.length} days, ${CONNECTIONS} connections, ${process.env.REDIS_CLUSTER_NODES ? 'cluster' : 'single node'}, node ${process.version}`,
  );
  console.log(
    `  booking (rules + confirm script): ${booking.opsPerSec.toFixed(0)} attempts/s, p50 ${f(booking.p50)} ms, p99 ${f(booking.p99)} ms (created ${created}, slot taken ${taken})`,
  );
  console.log(
    `  raw EVALSHA baseline ('return 1'): ${baseline.opsPerSec.toFixed(0)} calls/s, p50 ${f(baseline.p50)} ms, p99 ${f(baseline.p99)} ms`,
  );
  console.log(
    `  Redis-side time per script call (INFO commandstats, whole server): confirm ≈ ${serverUs(statsBefore, statsBetween)} µs, 'return 1' ≈ ${serverUs(statsBetween, statsAfter)} µs`,
  );
  console.log(`  ratio booking / EVALSHA baseline throughput: ${(booking.opsPerSec / baseline.opsPerSec).toFixed(2)}`);
  console.log(
    `  raw writes of a booking (MULTI/EXEC, no checks): ${rawWrites.opsPerSec.toFixed(0)} bookings/s, p50 ${f(rawWrites.p50)} ms, p99 ${f(rawWrites.p99)} ms; ratio booking / raw writes: ${(booking.opsPerSec / rawWrites.opsPerSec).toFixed(2)}`,
  );
  console.log(`  appointments in calendars: ${booked} (created ${created}); double bookings: ${overlaps}`);
  await cleanup(conns[0]!);
  await Promise.all(conns.map((c) => c.quit()));
  if (overlaps !== 0 || booked !== created) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
