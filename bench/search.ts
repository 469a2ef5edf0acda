/**
 * Search and team agenda benchmark: does whoever answers the phone find any appointment
 * fast in a town of 50,000? In a redis-server of its own it
 *   1. seeds N appointments (default 50,000: 200 staff, about 90 days) with `npm run seed`'s code
 *      (scripts/seed: the generated 200-staff directory, every booking through holdSlot + confirmBooking
 *      and the confirm script, which also writes the search index), citizens with varied names (a few
 *      common surnames, thousands of rarer ones, as in a German town) and their own phone numbers;
 *   2. searches as a clerk of the Bürgerbüro (`searchAppointments`: the Redis index, the records, the
 *      rights filter and the audit write — what `suchen …` costs besides the card) by surname, phone
 *      number (typed `0151 …`) and reference, each Q times for citizens drawn at random from the town:
 *      p50 / p99 / max;
 *   3. builds the team week agenda of a team of 8 (`teamAppointments`: 8 day indexes over the week,
 *      their records; then the card): p50 / p99 / max over Q weeks of the seeded range.
 *
 *   npx tsx bench/search.ts                          # N = 50,000, Q = 500 (seeding takes a few minutes)
 *   SEARCH_N=5000 SEARCH_Q=200 npx tsx bench/search.ts   # a quick run
 */
import { performance } from 'node:perf_hooks';
import { searchAppointments } from '../src/app/search-appointments';
import { teamAppointments } from '../src/app/team-agenda';
import { teamAgendaCard } from '../src/bot/cards/team-agenda-cards';
import { activityBytes } from '../src/bot/cards/ac';
import { teamAgendaView } from '../src/bot/staff/team-agenda';
import { parseDirectory, type DirectoryInput } from '../src/config/directory';
import { loadEnv } from '../src/config/env';
import { ManualClock } from '../src/domain/clock';
import { parseSearch } from '../src/domain/search-keys';
import { addDays, localDateTime, mondayOf } from '../src/domain/time';
import type { Appointment, Directory } from '../src/domain/types';
import { RedisSearchIndex } from '../src/store/appointment-search';
import { AppointmentStore } from '../src/store/appointments';
import { createRedis } from '../src/store/redis';
import type { RedisClient } from '../src/store/redis-client';
import { seedAppointments } from '../scripts/seed/appointments';
import { townDirectoryInput } from '../scripts/seed/town-directory';
import { OwnRedisServer } from '../test/support/redis-server';
import { percentile, rng } from './bench-directory';

const N = Number(process.env.SEARCH_N ?? 50_000);
const Q = Number(process.env.SEARCH_Q ?? 500);
/** About 90 days: 28 ahead and the rest in the past, ~62 working days at this many a day. */
const PER_DAY = Math.ceil(N / 62);
const NOW = localDateTime('2026-12-07', '07:00'); // a Monday
const ACTOR = 'jonas-becker';

// ---- the citizens: common surnames often, thousands of rarer ones -----------------------------------
const COMMON = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
];
const FIRST = ['Anna', 'Ben', 'Clara', 'Deniz', 'Emil', 'Frieda', 'Gisela', 'Hans', 'Ilse', 'Jan', 'Karin', 'Lukas'];
const START = [
  'Ber',
  'Hol',
  'Kra',
  'Lin',
  'Mei',
  'Ro',
  'Sche',
  'Wal',
  'Fri',
  'Hen',
  'Kle',
  'Bra',
  'Stö',
  'Gro',
  'Ha',
  'Ne',
  'Zim',
  'Mar',
  'Kö',
  'Lo',
];
const MIDDLE = ['', 'en', 'er', 'ing', 'an', 'el', 'au', 'ol'];
const END = [
  'mann',
  'er',
  'ke',
  'berg',
  'dorf',
  'hoff',
  'feld',
  'rich',
  'ßen',
  'ner',
  'stein',
  'bach',
  'ow',
  'ski',
  'sen',
  'kamp',
];

function citizenNames(): string[] {
  const rare = START.flatMap((s) => MIDDLE.flatMap((m) => END.map((e) => `${s}${m}${e}`)));
  // Each common surname ≈ 0.45 % of citizens (≈ 220 appointments in 50,000), each rare one ≈ 0.04 %.
  const surnames = [...COMMON.flatMap((c) => Array<string>(12).fill(c)), ...rare];
  const rand = rng(7);
  return surnames.map((s) => `${FIRST[Math.floor(rand() * FIRST.length)]!} ${s}`);
}

// ---- a team of 8 for the team agenda ------------------------------------------------------------------

/** The seeded town, with 8 people of Bürgerbüro A led as a team of their own (what is stored does not change). */
function withTeamOf8(input: DirectoryInput): { directory: Directory; lead: string } {
  const eight = input.staff.filter((s) => s.team === 'buergerbuero-a').slice(0, 8);
  const ids = new Set(eight.map((s) => s.id));
  const lead = eight[0]!.id;
  const team = input.teams.find((t) => t.id === 'buergerbuero-a')!;
  return {
    lead,
    directory: parseDirectory(
      {
        ...input,
        teams: [...input.teams, { ...team, id: 'team-8', name: 'Team 8', shift: false, bookableBy: undefined }],
        staff: input.staff.map((s) =>
          !ids.has(s.id)
            ? s
            : s.id === lead
              ? { ...s, team: 'team-8', role: 'supervisor' as const, supervises: ['team-8'] }
              : { ...s, team: 'team-8', role: 'staff' as const, supervises: undefined },
        ),
      },
      'bench directory with a team of 8',
    ),
  };
}

// ---- measuring --------------------------------------------------------------------------------------------

interface Row {
  what: string;
  p50: number;
  p99: number;
  max: number;
  /** CPU time of this process per query (p50, p99) and of redis-server (mean), ms: the cost without the machine's other load. */
  cpu50: number;
  cpu99: number;
  redisCpu: number;
  note: string;
}

/** redis-server's CPU time so far (user + system, ms). */
async function redisCpuMs(redis: RedisClient): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return (get('used_cpu_user') + get('used_cpu_sys')) * 1000;
}

async function timed(
  redis: RedisClient,
  runs: number,
  op: (i: number) => Promise<void>,
): Promise<Omit<Row, 'what' | 'note'>> {
  for (let i = 0; i < Math.min(20, runs); i++) await op(i); // warm-up: the JIT and the connection
  const ms: number[] = [];
  const cpu: number[] = [];
  const redis0 = await redisCpuMs(redis);
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await op(i);
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const redisCpu = (await redisCpuMs(redis)) - redis0;
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1]!,
    cpu50: percentile(cpu, 50),
    cpu99: percentile(cpu, 99),
    redisCpu: redisCpu / runs,
  };
}

const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

async function main(): Promise<void> {
  const server = await OwnRedisServer.start(['--save', '', '--appendonly', 'no']);
  const env = loadEnv({ REDIS_URL: server.url, REDIS_KEY_PREFIX: 'bench-search:', LOG_LEVEL: 'silent' });
  const redis = createRedis(env);
  try {
    const input = townDirectoryInput();
    const town = parseDirectory(input, 'seed directory');
    const started = performance.now();
    const seeded = await seedAppointments(redis, town, {
      count: N,
      perDay: PER_DAY,
      now: NOW,
      concurrency: 64,
      names: citizenNames(),
      progress: (k) => process.stdout.write(`\r${k} booked …`),
    });
    process.stdout.write('\r');
    console.log(
      `seeded ${seeded.booked} appointments of ${town.staff.length} staff in ${((performance.now() - started) / 1000).toFixed(0)} s: ${seeded.firstDay} – ${seeded.lastDay} (${seeded.cancelled} cancelled, ${seeded.refused} refused)`,
    );

    const clock = new ManualClock(NOW);
    const store = new AppointmentStore(redis, clock);
    const index = new RedisSearchIndex(redis, 30 * 86_400_000);
    const all = await store.listByStartRange(0, Number.MAX_SAFE_INTEGER);
    const rand = rng(11);
    const draw = (): Appointment => all[Math.floor(rand() * all.length)]!;
    const drawn = Array.from({ length: Q }, draw);
    const deps = { directory: town, clock, index, appointments: store, audit: index };
    const search = async (q: string) => {
      const parsed = parseSearch(q);
      if (!parsed.ok) throw new Error(`not a search: ${q}`);
      const r = await searchAppointments(deps, { actorId: ACTOR, key: parsed.key });
      return r.total;
    };
    const hits: Record<string, number[]> = { surname: [], phone: [], reference: [] };
    const surname = (a: Appointment) => a.citizen.name.split(' ').slice(-1)[0]!;
    const national = (e164: string) => `0${e164.slice(3, 6)} ${e164.slice(6)}`;
    const rows: Row[] = [];
    const row = async (what: string, runs: number, op: (i: number) => Promise<void>) => {
      rows.push({ what, ...(await timed(redis, runs, op)), note: '' });
    };
    await row(`search by surname ("suchen Müller", "suchen Kleinerdorf")`, Q, async (i) => {
      hits.surname!.push(await search(surname(drawn[i]!)));
    });
    await row('search by phone number ("suchen 0151 20001234")', Q, async (i) => {
      const a = drawn.slice(i).find((x) => x.citizen.phone) ?? all.find((x) => x.citizen.phone)!;
      hits.phone!.push(await search(national(a.citizen.phone!)));
    });
    await row('search by reference ("T-4K7Q")', Q, async (i) => {
      const a = drawn.slice(i).find((x) => x.ref) ?? all.find((x) => x.ref)!;
      hits.reference!.push(await search(a.ref!));
    });
    for (const [k, list] of Object.entries(hits)) {
      const sorted = list.sort((a, b) => a - b);
      const r = rows.find((x) => x.what.includes(k === 'reference' ? 'reference' : k))!;
      r.note = `hits p50 ${percentile(sorted, 50)}, max ${sorted[sorted.length - 1]} (Jonas may see)`;
    }

    // The team week agenda of a team of 8, over the weeks of the seeded range.
    const { directory, lead } = withTeamOf8(input);
    const weeks: string[] = [];
    for (let d = mondayOf(seeded.firstDay); d <= seeded.lastDay; d = addDays(d, 7)) weeks.push(d);
    const weekOf = (i: number) => weeks[i % weeks.length]!;
    const agendaDeps = { directory, clock, appointments: store };
    const readWeek = (i: number) => {
      // "termine team woche" asked on the Monday of that week.
      clock.set(localDateTime(weekOf(i), '07:00'));
      return teamAppointments(agendaDeps, { actorId: lead, range: { kind: 'week', offsetWeeks: 0 } });
    };
    let listed = 0;
    await row('team week agenda, team of 8: read (8 day indexes, their records)', Q, async (i) => {
      const week = await readWeek(i);
      listed = Math.max(
        listed,
        week.days.reduce((n, d) => n + d.groups.reduce((m, g) => m + g.appointments.length, 0), 0),
      );
    });
    rows[rows.length - 1]!.note = `${weeks.length} weeks, up to ${listed} appointments a week`;
    let bytes = 0;
    await row('team week agenda, team of 8: read + card', Q, async (i) => {
      const week = await readWeek(i);
      const card = teamAgendaCard(
        teamAgendaView(directory, lead, 'de', { kind: 'week', offsetWeeks: 0 }, week, clock.now()),
      );
      bytes = Math.max(bytes, activityBytes(card));
    });
    rows[rows.length - 1]!.note = `card ≤ ${(bytes / 1000).toFixed(1)} KB (UTF-16)`;

    const width = Math.max(...rows.map((r) => r.what.length));
    console.log(`\n${N} appointments, ${Q} queries each (ms, wall clock, one at a time)`);
    const head = ['p50', 'p99', 'max', 'cpu50', 'cpu99', 'redis'].map((h) => h.padStart(6)).join('  ');
    console.log(`${'what'.padEnd(width)}  ${head}  note`);
    for (const r of rows) {
      const cells = [r.p50, r.p99, r.max, r.cpu50, r.cpu99, r.redisCpu].map((x) => f(x).padStart(6)).join('  ');
      console.log(`${r.what.padEnd(width)}  ${cells}  ${r.note}`);
    }
    console.log(
      'p50 / p99 / max: wall clock; cpu50 / cpu99: CPU time of this process per query; redis: redis-server CPU per query (mean). The machine is shared: compare CPU with the targets.',
    );
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
