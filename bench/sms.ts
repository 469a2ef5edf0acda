/**
 * SMS through the outbox to a real SMPP 3.4 server on loopback (the server side of the `smpp` package,
 * test/support/smpp-server.ts, as the SMPP tests use it), in a redis-server of the bench's own:
 *
 * 1. Throughput: N bookings of citizens with a mobile number, SMS consent and no email (each booking's
 *    outbox gets its `citizen-sms` entry in the same Lua step), then one outbox worker — one instance,
 *    as main.ts runs it: SmsDelivery with the part ledger, the SMS status and the short links — sends
 *    them all through SmppProvider (SMS_SMPP_WINDOW 10, SMS_RATE_PER_SECOND as given). SMS/s and
 *    segments/s from the first pass to the last submit_sm answered.
 * 2. Reminder sweep: 10,000 appointments starting within the next 24 hours (REMINDER_SMS_MINUTES 1440),
 *    one runReminderSweep: its time and the reminder SMS it wrote into the outbox (once each: a
 *    second sweep writes none). With --deliver also sends them through SMPP and times that.
 *
 *   npx tsx bench/sms.ts [--sms 1000] [--sweep 10000] [--rate 100] [--instances 1] [--deliver]
 *
 * --instances K: K outbox workers, each with its own SMPP session, draining the one outbox at once (K app
 * instances). The worker delivers one entry after the other, so on a loaded machine the Redis round trips
 * of each delivery, not SMPP, bound one instance.
 */
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import pino from 'pino';
import { ManualClock } from '../src/domain/clock';
import { localDateTime, MINUTE } from '../src/domain/time';
import type { Appointment, Directory, OutboxMessage } from '../src/domain/types';
import { OutboxWorker } from '../src/delivery/outbox-worker';
import { createMailer } from '../src/delivery/mail/transport';
import { CitizenLinks } from '../src/app/citizen-links';
import type { ProactiveSender } from '../src/app/ports';
import { runReminderSweep } from '../src/jobs/reminders';
import { SmsDelivery } from '../src/sms/delivery';
import { parseSmppUrl, SmppProvider } from '../src/sms/smpp';
import { AppointmentStore } from '../src/store/appointments';
import { CallStore } from '../src/store/calls';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { RedisShortLinks } from '../src/store/short-links';
import { RedisSmsMessages } from '../src/store/sms-messages';
import { SmsStatusStore } from '../src/store/sms-status';
import { startTestSmsc, type TestSmsc } from '../test/support/smpp-server';
import { benchDirectory } from './bench-directory';
import { startRedis } from './own-redis';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const logger = pino({ level: process.env.BENCH_LOG ?? 'silent' });
const noTeams: ProactiveSender = { sendToStaff: () => Promise.resolve('sent' as const) };

/** 200 staff as in the other benches, under the example town's name and number (so the SMS are Seelze's length). */
function directory(): Directory {
  const d = benchDirectory(200);
  return {
    ...d,
    organisation: { ...d.organisation, name: 'Stadt Seelze', phone: '+49 5137 8280' },
  };
}

/** Books `n` phone appointments for SMS citizens, `perStaff` back to back per staff member from `from`. */
async function seed(
  store: AppointmentStore,
  dir: Directory,
  n: number,
  from: number,
  idPrefix: string,
  outbox: boolean,
  /** The citizens' numbers are +49151<numberBase + i>: one SMS per number, so the SMSC's numbers count the SMS. */
  numberBase: number,
): Promise<void> {
  const staff = dir.staff.filter((s) => s.services.includes('kfz')).map((s) => s.id);
  const all = dir.staff.map((s) => s.id);
  const pool = n > staff.length * 40 ? all : staff;
  const perStaff = Math.ceil(n / pool.length);
  // Spread each staff member's appointments over the window, 15 minutes each.
  const step = Math.max(15 * MINUTE, Math.floor((23 * 60 * MINUTE) / perStaff / MINUTE) * MINUTE);
  const batch: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const staffId = pool[i % pool.length]!;
    const start = from + Math.floor(i / pool.length) * step;
    const id = `${idPrefix}${i}`;
    const a: Appointment = {
      id,
      uid: `${id}@sprechstunde`,
      sequence: 0,
      staffId,
      serviceId: dir.staff.find((s) => s.id === staffId)!.services[0]!,
      channel: 'phone',
      start,
      end: start + 15 * MINUTE,
      blockStart: start,
      blockEnd: start + 15 * MINUTE,
      status: 'booked',
      citizen: {
        name: `Bürgerin ${i}`,
        phone: `+49151${String(numberBase + i)}`,
        smsConsent: true,
        language: 'de',
      },
      createdAt: start - 3 * 24 * 60 * MINUTE,
      createdBy: staffId,
      updatedAt: start - 3 * 24 * 60 * MINUTE,
    };
    const messages: OutboxMessage[] = outbox
      ? [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }]
      : [];
    batch.push(
      store.confirm({
        clientKey: id,
        appointment: a,
        audit: { at: a.createdAt, actor: staffId, action: 'booked', appointmentId: id },
        outbox: messages,
      }),
    );
    if (batch.length >= 200) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

function worker(redis: Redis, dir: Directory, clock: ManualClock, provider: SmppProvider): OutboxWorker {
  return new OutboxWorker(
    {
      redis,
      appointments: new AppointmentStore(redis, clock),
      directory: dir,
      mailer: createMailer({ SMTP_URL: undefined, MAIL_DIR: 'var/bench-sms-mail' }),
      proactive: noTeams,
      links: new CitizenLinks('x'.repeat(40), 'https://termine.seelze.de'),
      clock,
      logger,
      calls: new CallStore(redis, clock),
      sms: new SmsDelivery({
        provider,
        shortLinks: new RedisShortLinks(redis, clock),
        publicBaseUrl: 'https://termine.seelze.de',
        messages: new RedisSmsMessages(redis),
        status: new SmsStatusStore(redis, clock),
        now: () => clock.now(),
      }),
    },
    { consumer: 'bench', maxAttempts: 8 },
  );
}

/**
 * Runs the workers (one per instance) at once until none finds anything; seconds, SMS and segments
 * the SMSC answered meanwhile.
 */
async function drain(ws: OutboxWorker[], smsc: TestSmsc): Promise<{ seconds: number; sms: number; segments: number }> {
  const before = smsc.submits.length;
  const messagesBefore = new Set(smsc.submits.map((s) => s.destination)).size;
  const t0 = performance.now();
  await Promise.all(
    ws.map(async (w) => {
      for (;;) {
        const tr = performance.now();
        const r = await w.runOnce(0);
        if (process.env.BENCH_DEBUG) console.log(JSON.stringify(r), (performance.now() - tr).toFixed(0), 'ms');
        if (r.retry + r.dead > 0) throw new Error(`unexpected: ${JSON.stringify(r)}`);
        if (r.delivered + r.skipped === 0) break;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const segments = smsc.submits.length - before;
  // One SMS per citizen number in this bench: the numbers count the SMS, the submits their segments.
  const sms = new Set(smsc.submits.map((s) => s.destination)).size - messagesBefore;
  return { seconds, sms, segments };
}

async function main(): Promise<void> {
  const n = arg('sms', 1000);
  const sweepN = arg('sweep', 10_000);
  const rate = arg('rate', 100);
  const instances = arg('instances', 1);
  const deliver = process.argv.includes('--deliver');
  const os = await import('node:os');
  const own = await startRedis();
  const redis = new Redis(own.port, '127.0.0.1', { keyPrefix: redisKeyPrefix('bench-sms:') });
  const smsc = await startTestSmsc();
  const dir = directory();
  const now = localDateTime('2026-12-14', '07:00');
  const clock = new ManualClock(now);
  const store = new AppointmentStore(redis, clock);
  // One SMPP session and one outbox worker per instance (main.ts runs one worker per instance).
  const providers = Array.from(
    { length: instances },
    () => new SmppProvider({ url: parseSmppUrl(smsc.url)!, sender: 'Seelze', window: 10, ratePerSecond: rate, logger }),
  );
  // How much of the time the providers' sends take (the rest is the outbox and Redis).
  let sendMs = 0;
  for (const p of providers) {
    p.start();
    const send = p.send.bind(p);
    p.send = async (sms, ledger) => {
      const t = performance.now();
      try {
        return await send(sms, ledger);
      } finally {
        sendMs += performance.now() - t;
      }
    };
  }
  const cpu0 = process.cpuUsage();
  try {
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(
          ' ',
        )} on ${os.cpus().length} cores; ${instances} instance(s), SMS_RATE_PER_SECOND ${rate} each, window 10`,
    );
    // 1. Throughput: the booking SMS of n bookings a week ahead (outside the sweep's window).
    await seed(store, dir, n, localDateTime('2026-12-21', '08:00'), 'tp', true, 20_000_000);
    const ws = providers.map((p) => worker(redis, dir, clock, p));
    await ws[0]!.ensureGroup();
    const tp = await drain(ws, smsc);
    console.log(
      `throughput: ${tp.sms} SMS (${tp.segments} segments) through the outbox to SMPP in ${tp.seconds.toFixed(1)} s = ` +
        `${(tp.sms / tp.seconds).toFixed(0)} SMS/s, ${(tp.segments / tp.seconds).toFixed(0)} segments/s; ` +
        `the providers' sends took ${(sendMs / 1000).toFixed(1)} s of it (summed over instances)`,
    );

    // 2. The reminder sweep over sweepN appointments in the next 24 hours.
    await seed(store, dir, sweepN, now + 60 * MINUTE, 'sw', false, 40_000_000);
    const outboxBefore = await redis.xlen(keys.outbox());
    const sweepDeps = { redis, appointments: store, citizenMinutes: 1440, staffMinutes: 15, smsMinutes: 1440 };
    const t0 = performance.now();
    const swept = await runReminderSweep(sweepDeps, now);
    const sweepSeconds = (performance.now() - t0) / 1000;
    const written = (await redis.xlen(keys.outbox())) - outboxBefore;
    const again = await runReminderSweep(sweepDeps, now);
    console.log(
      `reminder sweep: ${sweepN} appointments in ${sweepSeconds.toFixed(1)} s; ${swept.smsReminders} reminder SMS ` +
        `written to the outbox (${written} entries, ${swept.staffReminders} of them staff reminders); ` +
        `a second sweep wrote ${again.smsReminders}`,
    );
    if (deliver) {
      const d = await drain(ws, smsc);
      console.log(
        `reminders delivered: ${d.sms} SMS (${d.segments} segments) in ${d.seconds.toFixed(1)} s = ${(d.sms / d.seconds).toFixed(0)} SMS/s`,
      );
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(`bench process CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  } finally {
    await Promise.all(providers.map((p) => p.close()));
    await smsc.close();
    redis.disconnect();
    own.proc.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
