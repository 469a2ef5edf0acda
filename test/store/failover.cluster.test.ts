/**
 * Many towns on one Redis Cluster, on a real Cluster the test starts itself
 * (3 masters, each with a replica): two deployments with different REDIS_KEY_PREFIX are served by
 * different masters, and a planned master failover (CLUSTER FAILOVER on the replica) in the middle of
 * bookings loses no booking, books no slot twice and sends no invitation twice. The whole app runs
 * (createApp with the Cluster client of src/store/redis.ts, its outbox worker mailing a real SMTP peer).
 */
import { randomBytes } from 'node:crypto';
import { confirmBooking } from '../../src/app/book';
import { findPooledSlots } from '../../src/app/pooled-search';
import { loadDirectoryFile } from '../../src/config/directory';
import { loadEnv } from '../../src/config/env';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { createLogger } from '../../src/logger';
import { createApp, type App } from '../../src/main';
import { keys, redisKeyPrefix } from '../../src/store/keys';
import { createRedis } from '../../src/store/redis';
import type { RedisClient } from '../../src/store/redis-client';
import { SmtpSink } from '../e2e/support';
import { OwnRedisCluster } from '../support/redis-cluster';

const directory = loadDirectoryFile('config/directory.example.json');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until every outbox entry is delivered (acknowledged) and none waits for a retry. */
async function outboxIdle(redis: RedisClient): Promise<void> {
  for (;;) {
    const groups = (await redis.xinfo('GROUPS', keys.outbox())) as unknown[][];
    const busy = groups.some((g) => {
      const f = new Map<string, unknown>();
      for (let i = 0; i + 1 < g.length; i += 2) f.set(String(g[i]), g[i + 1]);
      return Number(f.get('pending')) > 0 || Number(f.get('lag') ?? 0) > 0;
    });
    if (groups.length > 0 && !busy && (await redis.zcard(keys.outboxRetry())) === 0) return;
    await pause(100);
  }
}

describe('many deployments on one Redis Cluster (3 masters with replicas)', () => {
  let cluster: OwnRedisCluster;
  const smtp = new SmtpSink();
  beforeAll(async () => {
    cluster = await OwnRedisCluster.start({ masters: 3, replicas: 1 });
    await smtp.start();
  }, 90_000);
  afterAll(async () => {
    await smtp.stop();
    await cluster?.stop();
  });

  const slotOf = (prefix: string) => cluster.slotOf(`${redisKeyPrefix(prefix)}book:outbox`);

  async function startApp(prefix: string, clock: ManualClock): Promise<{ app: App; redis: RedisClient }> {
    const env = loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_CLUSTER_NODES: cluster.nodesSpec,
      REDIS_KEY_PREFIX: prefix,
      JOBS_ENABLED: 'false',
      SMTP_URL: smtp.url,
    });
    const redis = createRedis(env);
    const app = await createApp({
      env,
      logger: createLogger('silent'),
      directory: () => directory,
      redis,
      clock,
      port: 0,
      host: '127.0.0.1',
    });
    return { app, redis };
  }

  it('puts two deployments with different REDIS_KEY_PREFIX on different masters', async () => {
    // Names whose tags hash to slots served by different masters of an evenly split 3-master cluster.
    const [seelze, lehrte] = ['seelze:', 'lehrte:'];
    const masters = [await cluster.masterOf(await slotOf(seelze)), await cluster.masterOf(await slotOf(lehrte))];
    expect(masters[0]).not.toBe(masters[1]);
    // And what each deployment writes is on its master (at start-up: the generated citizen-link secret), nothing on the other.
    const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
    const apps = [await startApp(seelze, clock), await startApp(lehrte, clock)];
    try {
      for (const [i, prefix] of [seelze, lehrte].entries()) {
        const pattern = `${redisKeyPrefix(prefix)}*`;
        expect(await cluster.keysOn(masters[i]!, pattern)).toContain(
          `${redisKeyPrefix(prefix)}${keys.citizenLinkSecret()}`,
        );
        expect(await cluster.keysOn(masters[1 - i]!, pattern)).toEqual([]);
      }
    } finally {
      for (const { app } of apps) await app.close();
    }
  }, 60_000);

  it('loses no booking and mails no invitation twice when the master fails over during bookings', async () => {
    const prefix = `test:failover:${randomBytes(4).toString('hex')}:`;
    const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
    const { app, redis } = await startApp(prefix, clock);
    try {
      const { appointments, absences } = app.services.staff;
      // Free phone slots of the Bürgerbüro over the next days, from the pooled search.
      const { slots } = await findPooledSlots(
        { directory, clock, store: appointments, absences },
        { bookedBy: 'jonas-becker', serviceIds: ['auskunft'], channel: 'phone', staffChoice: 'pool', count: 80 },
      );
      expect(slots.length).toBe(80);
      const slot = await slotOf(prefix);
      const before = await cluster.masterOf(slot);

      const booked = new Map<string, Appointment>();
      let taken = 0;
      let retried = 0;
      let next = 0;
      let failover: Promise<number> | undefined;
      const clerk = async () => {
        for (let i = next++; i < slots.length; i = next++) {
          if (i === 25) failover = cluster.failover(slot);
          const s = slots[i]!;
          const clientKey = `ck_failover_${i}`;
          // A clerk presses "Verbindlich buchen" again (same client key) until the bot answers.
          for (;;) {
            try {
              const r = await confirmBooking(
                { directory, clock, store: appointments, absences, holdTtlSeconds: 300 },
                {
                  actorId: s.staffId,
                  staffId: s.staffId,
                  serviceId: 'auskunft',
                  channel: 'phone',
                  start: s.start,
                  holdToken: '',
                  clientKey,
                  citizen: {
                    name: `Bürger ${i}`,
                    email: `citizen-${i}@example.org`,
                    phone: '+49 5137 12345',
                    language: 'de',
                  },
                },
              );
              booked.set(clientKey, r.appointment);
              break;
            } catch (e) {
              if (isDomainError(e)) {
                if (e.code !== 'slot-taken') throw e;
                taken++;
                break;
              }
              retried++;
              await pause(100);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, clerk));
      const after = await failover!;
      expect(after).not.toBe(before);
      expect(await cluster.masterOf(slot)).toBe(after);

      // Every booking the clerks were told about is there, once, and no staff member is booked twice.
      expect(booked.size + taken).toBe(slots.length);
      expect(booked.size).toBeGreaterThan(40);
      const stored = await Promise.all([...booked.values()].map((a) => appointments.get(a.id)));
      expect(stored.filter((a) => a?.status !== 'booked')).toEqual([]);
      const byStaff = new Map<string, Appointment[]>();
      for (const a of stored as Appointment[]) byStaff.set(a.staffId, [...(byStaff.get(a.staffId) ?? []), a]);
      for (const list of byStaff.values()) {
        list.sort((x, y) => x.blockStart - y.blockStart);
        for (let i = 1; i < list.length; i++) expect(list[i]!.blockStart).toBeGreaterThanOrEqual(list[i - 1]!.blockEnd);
        const inCalendar = await redis.zrange(keys.calendar(list[0]!.staffId), '0', '-1');
        expect(inCalendar.sort()).toEqual(list.map((a) => a.id).sort());
      }

      // Each citizen gets exactly one invitation, also those booked around the failover.
      const citizens = [...booked.values()].map((a) => a.citizen.email!);
      await smtp.waitUntil((mails) => citizens.every((c) => mails.some((m) => m.to.includes(c))), 60_000);
      // Nothing pending or waiting for a retry any more: a second mail would have been sent by now.
      await outboxIdle(redis);
      await app.outbox.stop();
      const perCitizen = citizens.map((c) => smtp.mails.filter((m) => m.to.includes(c)).length);
      expect(perCitizen.filter((n) => n !== 1)).toEqual([]);
      console.info(
        `failover during ${slots.length} bookings: ${booked.size} booked, ${taken} slot taken, ${retried} presses repeated, ${citizens.length} invitations each sent once`,
      );
    } finally {
      await app.close();
    }
  }, 120_000);
});
