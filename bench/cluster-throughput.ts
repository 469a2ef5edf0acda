/**
 * Many towns, one Redis Cluster: 30 deployments (each its own REDIS_KEY_PREFIX, so its own hash tag)
 * book at the same time through the real confirm script, first on a Cluster of 1 master, then of 3
 * masters, each started here on loopback (redis-server and redis-cli from Debian's redis-server).
 * Prints per run the bookings per second, p50/p99, how many towns each master serves and the CPU
 * each master spent (from /proc), and the ratio 3 masters / 1 master, measured and as capacity:
 * total Redis CPU divided by the busiest master's — what 3 masters on 3 hosts would give, since this
 * machine's 2 cores are shared by the 3 masters and the client.
 *   tsx bench/cluster-throughput.ts [bookings per town=600] [contenders per town=16]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Cluster } from 'ioredis';
import { ManualClock } from '../src/domain/clock';
import { isDomainError } from '../src/domain/errors';
import { addDays, localDateTime, weekdayOf } from '../src/domain/time';
import type { Appointment } from '../src/domain/types';
import { AppointmentStore } from '../src/store/appointments';
import { redisKeyPrefix } from '../src/store/keys';
import { OwnRedisCluster } from '../test/support/redis-cluster';
import { benchAppointment, benchDirectory, percentile, rng } from './bench-directory';

const PER_TOWN = Number(process.argv[2] ?? 600);
const CONTENDERS = Number(process.argv[3] ?? 16);
const TOWNS = [
  'seelze', 'garbsen', 'wunstorf', 'neustadt', 'barsinghausen', 'laatzen', 'langenhagen', 'lehrte', 'burgdorf',
  'springe', 'ronnenberg', 'gehrden', 'hemmingen', 'pattensen', 'sehnde', 'uetze', 'wedemark', 'isernhagen',
  'burgwedel', 'wennigsen', 'hameln', 'peine', 'celle', 'nienburg', 'stadthagen', 'rinteln', 'hildesheim',
  'sarstedt', 'alfeld', 'holzminden',
]; // prettier-ignore
const directory = benchDirectory(50);
const firstDay = '2026-03-09';
const days: string[] = [];
for (let d = firstDay; days.length < 20; d = addDays(d, 1)) if (!['sat', 'sun'].includes(weekdayOf(d))) days.push(d);
const clock = new ManualClock(localDateTime(addDays(firstDay, -1), '07:00'));

/** CPU time (ms) a process has used so far: utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function appointmentFor(town: string, i: number, rand: () => number): Appointment {
  return benchAppointment(directory, { id: `${town}-${i}`, days, rand, now: clock.now(), starts: 40 });
}

async function run(masters: number) {
  const cluster = await OwnRedisCluster.start({ masters });
  const clients = TOWNS.map(
    (town) =>
      new Cluster(cluster.seeds, {
        keyPrefix: redisKeyPrefix(`${town}:`),
        enableAutoPipelining: true,
        slotsRefreshTimeout: 10_000,
      }),
  );
  try {
    const stores = clients.map((c) => new AppointmentStore(c, clock));
    await Promise.all(stores.map((s) => s.releaseHold('warm', 'warm')));
    // Which master serves each town (its hash tag's slot).
    const towns = new Map<number, number>();
    for (const town of TOWNS) {
      const master = await cluster.masterOf(await cluster.slotOf(`${redisKeyPrefix(`${town}:`)}book:`));
      towns.set(master, (towns.get(master) ?? 0) + 1);
    }
    const pids = [...towns.keys()].map((port) => cluster.pidOf(port)!);
    const cpuBefore = pids.map(cpuMs);
    const latencies: number[] = [];
    let created = 0;
    let taken = 0;
    const started = performance.now();
    await Promise.all(
      TOWNS.map(async (town, t) => {
        const rand = rng(1000 + t);
        let next = 0;
        await Promise.all(
          Array.from({ length: CONTENDERS }, async () => {
            for (let i = next++; i < PER_TOWN; i = next++) {
              const appointment = appointmentFor(town, i, rand);
              const began = performance.now();
              try {
                const r = await stores[t]!.confirm({
                  clientKey: `ck-${i}`,
                  appointment,
                  audit: { at: clock.now(), actor: 's0', action: 'book', appointmentId: appointment.id },
                  outbox: [
                    { kind: 'citizen-invitation', appointmentId: appointment.id, sequence: 0, reason: 'booked' },
                  ],
                });
                if (r.created) created++;
              } catch (e) {
                if (isDomainError(e) && e.code === 'slot-taken') taken++;
                else throw e;
              }
              latencies.push(performance.now() - began);
            }
          }),
        );
      }),
    );
    const wallMs = performance.now() - started;
    const cpu = pids.map((pid, i) => cpuMs(pid) - cpuBefore[i]!);
    latencies.sort((a, b) => a - b);
    const total = TOWNS.length * PER_TOWN;
    const result = {
      masters,
      perSec: (total / wallMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      towns: [...towns.values()],
      cpu,
      capacity: cpu.reduce((a, b) => a + b, 0) / Math.max(...cpu),
      created,
      taken,
    };
    console.log(
      `  ${masters} master(s): ${result.perSec.toFixed(0)} bookings/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ` +
        `towns per master ${result.towns.join('/')}; Redis CPU per master ${cpu.map((c) => `${c} ms`).join('/')} ` +
        `(created ${created}, slot taken ${taken})`,
    );
    return result;
  } finally {
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    await cluster.stop();
  }
}

async function main() {
  console.log(
    `cluster throughput: ${TOWNS.length} deployments × ${PER_TOWN} bookings, ${CONTENDERS} contenders each, ` +
      `${directory.staff.length} staff × ${days.length} days per town, node ${process.version}`,
  );
  const one = await run(1);
  const three = await run(3);
  console.log(`  ratio 3 masters / 1 master: measured ${(three.perSec / one.perSec).toFixed(2)}×`);
  console.log(
    `  capacity of 3 masters on their own hosts (Redis CPU total / busiest master): ${three.capacity.toFixed(2)}× ` +
      `(1 master: ${one.capacity.toFixed(2)}×)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
