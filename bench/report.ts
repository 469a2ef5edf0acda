/**
 * The period report of a big town: 24 months × 200 staff ≈ 150,000 appointments, asked for by an
 * admin (all teams) over the whole two years. Prints how long the page and the workbook take end
 * to end (facts read from Redis, figures, HTML / streamed xlsx) and the extra memory (peak RSS and
 * heap above the state before the request).
 *
 *   tsx bench/report.ts                 # 150,000 appointments (about a minute to fill Redis)
 *   tsx bench/report.ts --n 20000       # smaller, for a quick look
 *   tsx bench/report.ts --live 5000     # how many of them are live records (default 3 months' worth)
 *
 * Redis: REDIS_URL (default redis://127.0.0.1:6379), under a key prefix of its own, removed at the
 * end. The older appointments are written as retention leaves them (compacted facts, one hash per
 * month: encodeFacts, as lua/retention-1.lua writes); the recent ones are live appointments, booked
 * through the store's confirm script. The report reads both, as in production.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { buildReport, type ReportDeps } from '../src/app/build-report';
import { parseDirectory } from '../src/config/directory';
import { appointmentUid } from '../src/domain/calendar-busy';
import type { AppointmentFacts } from '../src/domain/appointment-facts';
import { ManualClock } from '../src/domain/clock';
import type { ReportRange } from '../src/domain/report-range';
import { addDays, DAY, localDateTime, MINUTE } from '../src/domain/time';
import type { Appointment, AppointmentStatus, Channel, Directory, Staff } from '../src/domain/types';
import { isWorkingDay } from '../src/domain/working-days';
import { reportPageHtml } from '../src/reports/page';
import { reportTables } from '../src/reports/table';
import { writeReportWorkbook } from '../src/reports/xlsx';
import { AbsenceStore } from '../src/store/absences';
import { encodeFacts, factsMonthOf, readAppointmentFacts } from '../src/store/appointment-facts';
import { AppointmentStore } from '../src/store/appointments';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { townDirectoryInput } from '../scripts/seed/town-directory';
import { deleteDeploymentKeys } from './own-redis';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 150_000);
const MONTHS = 24;
const TODAY = '2026-12-07';
const FIRST = '2024-12-01';
const LAST = '2026-11-30';

const directory: Directory = parseDirectory(townDirectoryInput(200), 'bench directory');
const admin: Staff = { ...directory.staff[0]!, role: 'admin' };
const range: ReportRange = { kind: 'days', from: FIRST, to: LAST };

/** Deterministic pseudo-random numbers (the same town every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const workingDays: string[] = [];
for (let d = FIRST; d <= LAST; d = addDays(d, 1)) if (isWorkingDay(directory, d)) workingDays.push(d);

const CHANNELS: Channel[] = ['video', 'phone', 'in-person'];
const STATUSES: AppointmentStatus[] = ['completed', 'completed', 'completed', 'no-show', 'cancelled'];

/** The i-th appointment: spread over the working days and staff, one every 20 minutes of a staff day. */
function appointmentAt(i: number, random: () => number): Appointment {
  const day = workingDays[Math.floor((i / N) * workingDays.length)]!;
  const staff = directory.staff[i % directory.staff.length]!;
  const slot = Math.floor(i / directory.staff.length) % 24;
  const start = localDateTime(day, '08:00') + slot * 20 * MINUTE;
  const serviceId = staff.services[i % staff.services.length] ?? directory.services[0]!.id;
  const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
  const createdAt = start - Math.floor(random() * 20 * DAY) - HOUR_OF(random);
  const id = `b${i.toString(36)}`;
  return {
    id,
    uid: appointmentUid(id),
    sequence: 0,
    staffId: staff.id,
    serviceId,
    channel: CHANNELS[i % 3]!,
    start,
    end: start + 15 * MINUTE,
    blockStart: start,
    blockEnd: start + 20 * MINUTE,
    status,
    ...(status === 'cancelled'
      ? {
          cancelledBy: random() < 0.5 ? ('citizen' as const) : ('staff' as const),
          cancelledAt: start - random() * 3 * DAY,
        }
      : {}),
    citizen: { name: 'Bench Citizen', email: 'bench@example.org', language: 'de' },
    createdAt,
    createdBy: staff.id,
    updatedAt: createdAt,
    reachedBy: ['email'],
  };
}
const HOUR_OF = (random: () => number) => Math.floor(random() * 8) * 3_600_000;

async function fill(redis: Redis, store: AppointmentStore, live: number): Promise<void> {
  const random = rng(7);
  const teamOf = new Map(directory.staff.map((s) => [s.id, s.team]));
  const compacted = N - live;
  let pipe = redis.pipeline();
  for (let i = 0; i < compacted; i++) {
    const a = appointmentAt(i, random);
    const f: AppointmentFacts = {
      id: a.id,
      staffId: a.staffId,
      teamId: teamOf.get(a.staffId) ?? null,
      serviceIds: [a.serviceId],
      channel: a.channel,
      start: a.start,
      end: a.end,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      createdAt: a.createdAt,
      status: a.status,
      cancelledBy: a.status === 'cancelled' ? (a.cancelledBy ?? 'staff') : null,
      cancelledAt: a.status === 'cancelled' ? (a.cancelledAt ?? a.updatedAt) : null,
      moves: 0,
      reachedBy: ['email'],
    };
    pipe.hset(keys.facts(factsMonthOf(f.start), f.staffId), f.id, encodeFacts(f));
    pipe.sadd(keys.factsStaff(factsMonthOf(f.start)), f.staffId);
    if (i % 5000 === 4999) {
      await pipe.exec();
      pipe = redis.pipeline();
    }
  }
  await pipe.exec();
  // The last months as live appointments, through the confirm script (index, day set, audit, outbox).
  const inFlight: Promise<unknown>[] = [];
  for (let i = compacted; i < N; i++) {
    const a = appointmentAt(i, random);
    const booked = { ...a, status: 'booked' as const };
    delete (booked as Partial<Appointment>).cancelledBy;
    delete (booked as Partial<Appointment>).cancelledAt;
    inFlight.push(
      store.confirm({
        clientKey: a.id,
        appointment: booked,
        audit: { at: a.createdAt, actor: a.staffId, action: 'book', appointmentId: a.id },
        outbox: [],
      }),
    );
    if (inFlight.length >= 64) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
}

/** Resident memory and heap, sampled every 20 ms while `work` runs: the peaks above the start. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; rssMb: number; heapMb: number; result: T }> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  const m = process.memoryUsage();
  rss = Math.max(rss, m.rss);
  heap = Math.max(heap, m.heapUsed);
  return { ms, rssMb: (rss - base.rss) / 2 ** 20, heapMb: (heap - base.heapUsed) / 2 ** 20, result };
}

/** A sink that counts the workbook's bytes (the HTTP response in production). */
function counter(): Writable & { bytes: number } {
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      w.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  w.bytes = 0;
  return w;
}

async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-report-${randomBytes(3).toString('hex')}:`;
  const redis = new Redis(url, { keyPrefix: redisKeyPrefix(prefix) });
  const clock = new ManualClock(localDateTime(TODAY, '09:00'));
  const store = new AppointmentStore(redis, clock);
  const live = Math.min(N, arg('live', Math.round(N / MONTHS) * 3));
  try {
    const filled = performance.now();
    await fill(redis, store, live);
    console.log(
      `${N} appointments (${N - live} compacted, ${live} live), ${directory.staff.length} staff, ${MONTHS} months: filled in ${((performance.now() - filled) / 1000).toFixed(1)} s`,
    );
    const deps: ReportDeps = {
      directory,
      clock,
      facts: (q) => readAppointmentFacts(redis, q),
      absences: new AbsenceStore(redis),
    };
    const links = { xlsx: '/x.xlsx', csv: '/x.csv', otherLanguage: '/x?lang=en' };
    // One warm-up so that module loading and JIT do not count.
    await buildReport(deps, admin, { kind: 'month', from: '2026-11-01', to: '2026-11-30' });

    const page = await measure(async () => {
      const report = await buildReport(deps, admin, range);
      return reportPageHtml(report, directory, 'de', links).length;
    });
    const xlsx = await measure(async () => {
      const report = await buildReport(deps, admin, range);
      const out = counter();
      await writeReportWorkbook(out, reportTables(report, directory, 'de'), 'de', {
        title: 'Auswertung',
        generatedAt: clock.now(),
      });
      return out.bytes;
    });
    const fmt = (m: { ms: number; rssMb: number; heapMb: number }) =>
      `${(m.ms / 1000).toFixed(2)} s, +${m.rssMb.toFixed(0)} MB RSS, +${m.heapMb.toFixed(0)} MB heap`;
    console.log(`page (HTML ${(page.result / 1024).toFixed(0)} KB): ${fmt(page)}`);
    console.log(`xlsx (${(xlsx.result / 1024).toFixed(0)} KB): ${fmt(xlsx)}`);
    const ok = page.ms <= 5000 && xlsx.ms <= 5000 && page.rssMb <= 200 && xlsx.rssMb <= 200;
    console.log(ok ? 'within the goal (≤ 5 s, ≤ 200 MB extra)' : 'OVER the goal (≤ 5 s, ≤ 200 MB extra)');
  } finally {
    await deleteDeploymentKeys(url, prefix);
    redis.disconnect();
  }
}

void main();
