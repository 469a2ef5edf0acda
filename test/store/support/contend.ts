/**
 * A child process for the cross-process race test: opens its own connections and tries to confirm
 * N overlapping bookings of one slot concurrently; prints {"created":x,"taken":y} as JSON.
 * Env: CONTEND_PREFIX, CONTEND_REDIS_URL or CONTEND_CLUSTER_NODES, CONTEND_N, CONTEND_TAG,
 * CONTEND_STAFF, CONTEND_START.
 */
import Redis, { Cluster } from 'ioredis';
import { ManualClock } from '../../../src/domain/clock';
import { isDomainError } from '../../../src/domain/errors';
import { AppointmentStore } from '../../../src/store/appointments';
import { redisKeyPrefix } from '../../../src/store/keys';
import { clusterNodes } from './store-targets';
import { sampleAppointment } from './appointments-fixture';

async function main() {
  const prefix = redisKeyPrefix(process.env.CONTEND_PREFIX!);
  const n = Number(process.env.CONTEND_N ?? '100');
  const tag = process.env.CONTEND_TAG ?? 'p';
  const start = Number(process.env.CONTEND_START);
  const staffId = process.env.CONTEND_STAFF ?? 'anna';
  const clock = new ManualClock(start - 24 * 3600 * 1000);
  const connect = () =>
    process.env.CONTEND_CLUSTER_NODES
      ? new Cluster(clusterNodes(process.env.CONTEND_CLUSTER_NODES), { keyPrefix: prefix })
      : new Redis(process.env.CONTEND_REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
  const conns = Array.from({ length: Math.min(n, 20) }, connect);
  let created = 0;
  let taken = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const store = new AppointmentStore(conns[i % conns.length]!, clock);
      const appointment = sampleAppointment({ id: `${tag}-${i}`, staffId, start: start + (i % 3) * 5 * 60_000 });
      try {
        const r = await store.confirm({
          clientKey: `${tag}-${i}`,
          appointment,
          audit: { at: clock.now(), actor: 'anna', action: 'book', appointmentId: appointment.id },
          outbox: [],
        });
        if (r.created) created++;
      } catch (e) {
        if (isDomainError(e) && e.code === 'slot-taken') taken++;
        else throw e;
      }
    }),
  );
  process.stdout.write(JSON.stringify({ created, taken }) + '\n');
  await Promise.all(conns.map((c) => c.quit()));
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
