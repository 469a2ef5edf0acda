/**
 * Load over the real protocol: Teams-shaped activities posted with autocannon to /api/messages of
 *   (a) the real app (createApp, auth off, real Redis) answering `hilfe` with the help card,
 *   (b) the real app answering `meine termine` with the agenda card (the staff member's day),
 *   (b') the real app confirming a held booking (the review card's "Termin buchen" button:
 *       an Action.Execute invoke `book.confirm`, holds prepared through the holdSlot use case),
 *   (c) a minimal echo bot on the same botbuilder CloudAdapter + restify stack (bench/echo-bot.ts),
 * each in its own child process (scripts/faults/app-process.ts), replies going to a local connector
 * (POST /v3/conversations/:id/activities) in this process. Per target: the most turns/s it
 * sustains (CONNECTIONS concurrent) with p50/p99, then 200 turns/s twice: paced evenly (one turn
 * every 5 ms, open loop) and with autocannon's overallRate (which sends each second's 200 in a burst); the ratios to the echo bot; peak RSS of each child. Afterwards the booking calendars
 * are read back: every confirm booked, no overlaps.
 *
 *   tsx bench/load.ts [maxTurns=4000] [fixedRate=200] [fixedSeconds=10]
 *   REDIS_URL (default redis://127.0.0.1:6379); keys under bench:load:<random>: are deleted at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { holdSlot } from '../src/app/book';
import { ManualClock } from '../src/domain/clock';
import { isDomainError } from '../src/domain/errors';
import { addDays, localDateTime, weekdayOf } from '../src/domain/time';
import type { Appointment } from '../src/domain/types';
import { AbsenceStore } from '../src/store/absences';
import { AppointmentStore } from '../src/store/appointments';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { spawnApp, type AppProcess } from '../scripts/faults/app-process';
import { benchDirectory, percentile } from './bench-directory';
import { autocannon, Connector, teamsActivity, type AutocannonRequest } from './teams-load';
import { deleteDeploymentKeys } from './own-redis';

const MAX_TURNS = Number(process.argv[2] ?? 4000);
const FIXED_RATE = Number(process.argv[3] ?? 200);
const FIXED_SECONDS = Number(process.argv[4] ?? 10);
const CONNECTIONS = 32;
const WARMUP = 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench:load:${randomBytes(4).toString('hex')}:`;
const directory = benchDirectory(200);
const firstDay = '2026-03-09';
const clockAt = localDateTime(addDays(firstDay, -1), '07:00');
const CITIZEN = {
  citizenName: 'Load Test',
  citizenEmail: 'load@example.org',
  citizenPhone: '+49 5137 0000',
  citizenLanguage: 'de',
};

function activity(connectorUrl: string, staffIndex: number, extra: Record<string, unknown>) {
  return teamsActivity(connectorUrl, `aad-${staffIndex}`, extra);
}

/** A held slot ready to confirm: the data the review card's confirm button carries. */
interface Held {
  staffIndex: number;
  data: Record<string, unknown>;
}

/** Holds `count` distinct 10-minute phone slots across the non-rotating teams, through holdSlot. */
async function prepareHolds(redis: Redis, count: number): Promise<Held[]> {
  const clock = new ManualClock(clockAt);
  const store = new AppointmentStore(redis, clock);
  const deps = { directory, clock, store, absences: new AbsenceStore(redis), holdTtlSeconds: 3600 };
  const staff = directory.staff.map((s, i) => ({ s, i })).filter(({ s }) => !s.team.startsWith('bb-'));
  const days: string[] = [];
  for (let d = firstDay; days.length < 20; d = addDays(d, 1)) if (!['sat', 'sun'].includes(weekdayOf(d))) days.push(d);
  const candidates: { i: number; staffId: string; start: number }[] = [];
  for (const day of days)
    for (const [from, to] of [
      ['08:00', '12:30'],
      ['13:00', '16:00'],
    ] as const)
      for (let t = localDateTime(day, from); t + 10 * 60_000 <= localDateTime(day, to); t += 10 * 60_000)
        for (const { s, i } of staff) candidates.push({ i, staffId: s.id, start: t });
  // Spread over staff first (round-robin) so each calendar gets a few, like a real day.
  candidates.sort((a, b) => a.start - b.start);
  const out: Held[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (out.length < count && next < candidates.length) {
        const c = candidates[next++]!;
        let held;
        try {
          held = await holdSlot(deps, {
            actorId: c.staffId,
            staffId: c.staffId,
            serviceId: 'auskunft',
            channel: 'phone',
            start: c.start,
          });
        } catch (e) {
          if (isDomainError(e)) continue; // outside the rules (e.g. a rotation day): try the next slot
          throw e;
        }
        if (out.length < count)
          out.push({
            staffIndex: c.i,
            data: {
              forStaffId: c.staffId,
              serviceId: 'auskunft',
              channel: 'phone',
              start: held.start,
              holdToken: held.token,
              clientKey: held.clientKey,
              holdExpiresAt: held.expiresAt,
              ...CITIZEN,
            },
          });
      }
    }),
  );
  if (out.length < count) throw new Error(`only ${out.length} slots could be held`);
  return out;
}

type Scenario = 'echo' | 'hilfe' | 'agenda' | 'booking';
const TEXTS: Record<Exclude<Scenario, 'booking'>, string> = { echo: 'hallo', hilfe: 'hilfe', agenda: 'meine termine' };
let confirmsSent = 0;

function requestsFor(scenario: Scenario, connectorUrl: string, holds: Held[]): AutocannonRequest[] {
  let n = 0;
  const staffCount = directory.staff.length;
  const body = (): string => {
    const i = n++;
    if (scenario === 'booking') {
      const h = holds.shift();
      if (!h) throw new Error('hold pool exhausted');
      confirmsSent++;
      return JSON.stringify(
        activity(connectorUrl, h.staffIndex, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', id: randomUUID(), verb: 'book.confirm', data: h.data },
            trigger: 'manual',
          },
        }),
      );
    }
    return JSON.stringify(activity(connectorUrl, i % staffCount, { text: TEXTS[scenario], textFormat: 'plain' }));
  };
  return [
    {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: body() }),
    },
  ];
}

interface Figures {
  turnsPerSec: number;
  p50: number;
  p99: number;
  failed: number;
}

async function run(
  target: AppProcess,
  scenario: Scenario,
  connector: Connector,
  holds: Held[],
  amount: number,
  rate?: number,
): Promise<Figures> {
  const started = performance.now();
  const r = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    amount,
    timeout: 20,
    ...(rate ? { overallRate: rate } : {}),
    requests: requestsFor(scenario, connector.url, holds),
  });
  // autocannon's own `duration` is whole seconds; the wall time is exact.
  return {
    turnsPerSec: r.requests.total / ((performance.now() - started) / 1000),
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.errors + r.timeouts + r.non2xx,
  };
}

/** Waits until the app's outbox worker has delivered (or dead-lettered) every entry. */
async function outboxIdle(redis: Redis, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const groups = (await redis.xinfo('GROUPS', keys.outbox()).catch(() => [])) as unknown[][];
    const busy = groups.some((g) => {
      const f = new Map<string, unknown>();
      for (let i = 0; i + 1 < g.length; i += 2) f.set(String(g[i]), g[i + 1]);
      return Number(f.get('pending')) > 0 || Number(f.get('lag') ?? 0) > 0;
    });
    if (!busy) return;
    if (Date.now() > until) throw new Error('outbox did not drain');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * An open-loop generator at a steady rate: one request every 1000/rate ms, whether or not earlier
 * ones have answered (autocannon's overallRate instead sends each second's quota back to back at
 * the start of the second). Latency = send to end of response, in ms.
 */
async function paced(
  target: AppProcess,
  scenario: Scenario,
  connector: Connector,
  holds: Held[],
  amount: number,
  rate: number,
): Promise<Figures> {
  const [req] = requestsFor(scenario, connector.url, holds);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL('/api/messages', target.url);
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const one = () =>
    new Promise<void>((resolve) => {
      const body = req!.setupRequest({}).body!;
      const t = performance.now();
      const r = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t);
            if ((res.statusCode ?? 0) >= 300) failed++;
            resolve();
          });
        },
      );
      r.on('error', () => (failed++, resolve()));
      r.end(body);
    });
  const inFlight: Promise<void>[] = [];
  for (let sent = 0; sent < amount;) {
    const due = Math.min(amount, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) inFlight.push(one());
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    turnsPerSec: amount / seconds,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    failed,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function checkCalendars(redis: Redis): Promise<{ booked: number; overlaps: number }> {
  const store = new AppointmentStore(redis, new ManualClock(clockAt));
  let booked = 0;
  let overlaps = 0;
  for (const s of directory.staff) {
    const ids = await redis.zrangebyscore(keys.calendar(s.id), '-inf', '+inf');
    const list = (await Promise.all(ids.map((id) => store.get(id))))
      .filter((a): a is Appointment => a !== null)
      .sort((a, b) => a.blockStart - b.blockStart);
    booked += list.length;
    for (let i = 1; i < list.length; i++) if (list[i]!.blockStart < list[i - 1]!.blockEnd) overlaps++;
  }
  return { booked, overlaps };
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL, { keyPrefix: redisKeyPrefix(prefix), enableAutoPipelining: true });
  const connector = new Connector();
  await connector.start();
  const fixedAmount = FIXED_RATE * FIXED_SECONDS;
  const bookingTurns = WARMUP + MAX_TURNS + 2 * fixedAmount;
  process.stdout.write(`holding ${bookingTurns} slots … `);
  const holds = await prepareHolds(redis, bookingTurns + 500);
  console.log('done');

  // Starting under tsx takes more than the default 30 s on a machine shared with other suites.
  const echo = await spawnApp({ mode: 'echo' }, 180_000);
  const app = await spawnApp(
    {
      mode: 'app',
      redisUrl: REDIS_URL,
      prefix,
      clockAt,
      directory: 'bench',
      env: { HOLD_TTL_SECONDS: '3600' },
    },
    180_000,
  );
  const results: Record<Scenario, { max: Figures; fixed: Figures; steady: Figures }> = {} as never;
  try {
    const targets = [
      ['echo', echo],
      ['hilfe', app],
      ['agenda', app],
      ['booking', app],
    ] as const;
    // JIT, connection pools and Redis scripts warm before anything is measured.
    for (const [scenario, target] of targets) await run(target, scenario, connector, holds, WARMUP);
    for (const [scenario, target] of targets) {
      // Mails of earlier bookings are rendered by the app's outbox worker: let it finish so one phase does not pay for another.
      await outboxIdle(redis);
      const steady = await paced(target, scenario, connector, holds, fixedAmount, FIXED_RATE);
      await outboxIdle(redis);
      const fixed = await run(target, scenario, connector, holds, fixedAmount, FIXED_RATE);
      await outboxIdle(redis);
      const max = await run(target, scenario, connector, holds, MAX_TURNS);
      results[scenario] = { max, fixed, steady };
      console.log(
        `${scenario.padEnd(8)} max ${max.turnsPerSec.toFixed(0)} turns/s p50 ${max.p50} ms p99 ${max.p99} ms | steady ${FIXED_RATE}/s p50 ${steady.p50} ms p99 ${steady.p99} ms | autocannon ${FIXED_RATE}/s p50 ${fixed.p50} ms p99 ${fixed.p99} ms | failed ${max.failed + fixed.failed + steady.failed}`,
      );
    }
    const drainStarted = performance.now();
    await outboxIdle(redis);
    const drainMs = performance.now() - drainStarted;
    const rss = { echo: await echo.maxRssKb(), app: await app.maxRssKb() };
    const cal = await checkCalendars(redis);
    const e = results.echo.max.turnsPerSec;
    console.log('');
    console.log(
      `| turn | max turns/s (${CONNECTIONS} conn.) | p50 | p99 | ratio to echo | steady ${FIXED_RATE}/s p50 | p99 | autocannon overallRate ${FIXED_RATE} p50 | p99 |`,
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const s of ['echo', 'hilfe', 'agenda', 'booking'] as const) {
      const { max, fixed, steady } = results[s];
      console.log(
        `| ${s} | ${max.turnsPerSec.toFixed(0)} | ${max.p50} ms | ${max.p99} ms | ${(max.turnsPerSec / e).toFixed(2)} | ${steady.p50} ms | ${steady.p99} ms | ${fixed.p50} ms | ${fixed.p99} ms |`,
      );
    }
    console.log('');
    console.log(`peak RSS: app ${(rss.app / 1024).toFixed(0)} MB, echo ${(rss.echo / 1024).toFixed(0)} MB`);
    console.log(
      `bookings: ${cal.booked} booked of ${confirmsSent} confirms sent, ${cal.overlaps} overlaps; connector received ${connector.posts} activities`,
    );
    const failed = Object.values(results).reduce((n, r) => n + r.max.failed + r.fixed.failed + r.steady.failed, 0);
    console.log(
      `outbox: the invitations of the last booking phase were delivered (.eml) ${(drainMs / 1000).toFixed(1)} s after it ended`,
    );
    console.log(`failed turns (errors, timeouts, non-2xx): ${failed}`);
    console.log(
      `agenda (meine termine) / echo: ${(results.agenda.max.turnsPerSec / e).toFixed(2)}× (goal ≥ 0.9×), hilfe / echo: ${(results.hilfe.max.turnsPerSec / e).toFixed(2)}×`,
    );
    const ok =
      results.agenda.max.turnsPerSec >= 0.9 * e &&
      results.booking.max.turnsPerSec >= e / 2 &&
      results.booking.steady.p99 < 100 &&
      results.hilfe.steady.p99 < 100 &&
      cal.overlaps === 0 &&
      cal.booked === confirmsSent &&
      failed === 0;
    console.log(
      `targets (agenda ≥ 0.9× echo, booking ≥ ½ echo, p99 < 100 ms at a steady ${FIXED_RATE}/s, every confirm booked, no overlap): ${ok ? 'met' : 'NOT met'}`,
    );
  } finally {
    await app.stop();
    await echo.stop();
    await connector.stop();
    await deleteDeploymentKeys(REDIS_URL, prefix);
    await redis.quit();
  }
}

void main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
