/**
 * Pooled search benchmark, through the app entry point `findPooledSlots`:
 *  1. speed: earliest 6 pooled slots over 200 staff × 20 working days with 10,000 appointments,
 *     p50/p99 per search (the clerk may book everyone: every service is `bookableBy: "everyone"`);
 *  2. fairness: 1,000 pooled bookings (each takes the first slot offered) over 20 equally free
 *     colleagues → bookings per colleague, max − min (and the worst single day).
 *   npx tsx bench/pooled-search.ts
 */
import { performance } from 'node:perf_hooks';
import { findPooledSlots, type PooledSearchDeps } from '../src/app/pooled-search';
import { parseDirectory } from '../src/config/directory';
import { buildBusyIndex } from '../src/domain/slots';
import { addDays, localDateTime, MINUTE, weekdayOf } from '../src/domain/time';
import type { Appointment, Channel, Directory } from '../src/domain/types';
import { benchDirectory, percentile, rng } from './bench-directory';

const base = benchDirectory(200);
// Everyone may book everyone (the widest pool: the worst case for the search).
const directory: Directory = {
  ...base,
  services: base.services.map((s) => ({ ...s, bookableBy: 'everyone' as const })),
};
const firstDay = '2026-03-09'; // a Monday
const days: string[] = [];
for (let d = firstDay; days.length < 20; d = addDays(d, 1)) if (!['sat', 'sun'].includes(weekdayOf(d))) days.push(d);
const now = localDateTime(firstDay, '07:00');
const clock = { now: () => now };
const noAbsences = { listOverlapping: () => Promise.resolve([]) };

const GRID = ['08:00', '08:40', '09:20', '10:00', '10:40', '11:20', '13:00', '13:40', '14:20', '15:00'];
function makeBook(count: number, seed: number): Appointment[] {
  const rand = rng(seed);
  const taken = new Set<string>();
  const out: Appointment[] = [];
  while (out.length < count) {
    const staff = directory.staff[Math.floor(rand() * directory.staff.length)]!;
    const date = days[Math.floor(rand() * days.length)]!;
    const slot = Math.floor(rand() * GRID.length);
    const key = `${staff.id}|${date}|${slot}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const blockStart = localDateTime(date, GRID[slot]!);
    out.push(appointment(`a${out.length}`, staff.id, blockStart, blockStart + 30 * MINUTE, blockStart + 40 * MINUTE));
  }
  return out;
}

function appointment(id: string, staffId: string, start: number, end: number, blockEnd: number): Appointment {
  return {
    id,
    uid: `${id}@bench`,
    sequence: 0,
    staffId,
    serviceId: 'auskunft',
    channel: 'video',
    start,
    end,
    blockStart: start,
    blockEnd,
    status: 'booked',
    citizen: { name: 'n', language: 'de' },
    createdAt: 0,
    createdBy: 's0',
    updatedAt: 0,
  };
}

async function speed(): Promise<void> {
  const book = makeBook(10_000, 1);
  const busy = buildBusyIndex(book);
  const deps: PooledSearchDeps = {
    directory,
    clock,
    absences: noAbsences,
    store: { busyIndex: () => Promise.resolve(busy) },
  };
  const combos: [string[], Channel][] = [
    [['meldewesen'], 'in-person'],
    [['meldewesen'], 'video'],
    [['kfz'], 'in-person'],
    [['beratung'], 'phone'],
    [['auskunft'], 'video'],
    [['bau'], 'video'],
    [['meldewesen', 'kfz'], 'in-person'],
  ];
  const rand = rng(7);
  const queries = Array.from({ length: 5000 }, () => {
    const [serviceIds, channel] = combos[Math.floor(rand() * combos.length)]!;
    const day = rand() < 0.3 ? days[Math.floor(rand() * 15)] : undefined;
    return { bookedBy: 's5', serviceIds, channel, staffChoice: 'pool' as const, ...(day ? { day } : {}) };
  });
  for (const q of queries.slice(0, 300)) await findPooledSlots(deps, q); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const byKind = new Map<string, number[]>();
  let found = 0;
  for (const q of queries) {
    const c = process.cpuUsage();
    const s = performance.now();
    const r = await findPooledSlots(deps, q);
    const ms = performance.now() - s;
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    times.push(ms);
    const kind = `${q.serviceIds.join('+')}/${q.channel}${q.day ? '/day' : ''}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    found += r.slots.length;
  }
  if (process.env.BENCH_DETAIL)
    for (const [k, list] of byKind) {
      list.sort((a, b) => a - b);
      console.log(`  ${k}: p50 ${percentile(list, 50).toFixed(3)} p99 ${percentile(list, 99).toFixed(3)}`);
    }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `speed: ${directory.staff.length} staff, ${days.length} working days, ${book.length} appointments, ${queries.length} pooled searches ` +
      `(30 % for one day, 1 in 7 for two services; ${(found / queries.length).toFixed(1)} slots each)\n` +
      `  findPooledSlots wall clock p50 ${f(percentile(times, 50))} ms, p99 ${f(percentile(times, 99))} ms, max ${f(times[times.length - 1]!)} ms\n` +
      `  CPU time of the process per search (unaffected by other processes on the machine) p50 ${f(percentile(cpu, 50))} ms, p99 ${f(percentile(cpu, 99))} ms`,
  );
}

/** 20 equally free colleagues (one team that is always on site), 1,000 bookings taking the first slot offered. */
async function fairness(): Promise<{ min: number; max: number; perDayMaxMin: number }> {
  const hours = [['08:00', '16:00']] as [string, string][];
  const small = parseDirectory({
    organisation: { name: 'Bench', mailbox: 'b@bench.example', address: 'x', phone: '+49 1' },
    teams: [{ id: 'desk', name: 'Desk', location: 'EG' }],
    services: [
      {
        id: 'auskunft',
        name: { de: 'A', en: 'A' },
        durationMin: 15,
        channels: ['phone'],
        minNoticeMin: 0,
        horizonDays: 60,
      },
    ],
    staff: Array.from({ length: 20 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      aadObjectId: `aad-c${i}`,
      upn: `c${i}@bench.example`,
      name: `Colleague ${i}`,
      team: 'desk',
      services: ['auskunft'],
      hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
      phone: '+49 2',
    })),
  });
  // The desk books each other (team-level bookableBy).
  const dir: Directory = { ...small, teams: small.teams.map((t) => ({ ...t, bookableBy: ['desk'] })) };
  const book: Appointment[] = [];
  const deps: PooledSearchDeps = {
    directory: dir,
    clock,
    absences: noAbsences,
    store: { busyIndex: () => Promise.resolve(buildBusyIndex(book)) },
  };
  for (let i = 0; i < 1000; i++) {
    const r = await findPooledSlots(deps, {
      bookedBy: 'c00',
      serviceIds: ['auskunft'],
      channel: 'phone',
      staffChoice: 'pool',
      count: 1,
    });
    const slot = r.slots[0]!;
    book.push(appointment(`f${i}`, slot.staffId, slot.start, slot.end, slot.end));
  }
  const counts = new Map(dir.staff.map((s) => [s.id, 0]));
  const perDay = new Map<string, Map<string, number>>();
  for (const a of book) {
    counts.set(a.staffId, counts.get(a.staffId)! + 1);
    const d = new Date(a.start).toISOString().slice(0, 10);
    const m = perDay.get(d) ?? new Map(dir.staff.map((s) => [s.id, 0]));
    m.set(a.staffId, m.get(a.staffId)! + 1);
    perDay.set(d, m);
  }
  const values = [...counts.values()];
  const perDayMaxMin = Math.max(...[...perDay.values()].map((m) => Math.max(...m.values()) - Math.min(...m.values())));
  return { min: Math.min(...values), max: Math.max(...values), perDayMaxMin };
}

async function main(): Promise<void> {
  console.log(`pooled search, node ${process.version}`);
  await speed();
  const fair = await fairness();
  console.log(
    `fairness: 1,000 pooled bookings over 20 equally free colleagues (each takes the first slot offered): ` +
      `per colleague min ${fair.min}, max ${fair.max}, max − min ${fair.max - fair.min}; worst day max − min ${fair.perDayMaxMin}`,
  );
}

void main();
