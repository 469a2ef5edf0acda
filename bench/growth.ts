/**
 * Growth benchmark: does a turn stay as fast when the town holds 150,000 appointments as
 * when it holds 1,000? For each N it
 *   1. starts its own redis-server on a free loopback port (so "used memory" is the town's alone),
 *   2. seeds N appointments with `npm run seed`'s code (scripts/seed: the generated 200-staff
 *      directory, every booking through holdSlot + confirmBooking and the Lua scripts),
 *   3. starts the COMPILED bot (`npm run build`, then `node dist/src/main.js`) twice: once on the
 *      Redis directly, once through a TCP proxy that delays every client→server chunk by 1 ms
 *      (+1 ms round trip, like a managed Redis nearby),
 *   4. posts Teams-shaped activities over HTTP (auth off; replies go to a local connector) and
 *      measures each command's latency: 1 client (p50 of 20 after 3 warm-ups) and 16 clients at
 *      once (p50 of 64),
 * and prints one table of it. At the largest N it also measures whether a clerk waits for
 * summaries (15 clerks asking for their agenda, p99 alone and with 4 summaries running) and the bot's
 * RSS over 20 rounds of 16 concurrent summaries.
 *
 *   npx tsx bench/growth.ts                      # N = 1000,10000,50000,150000 (≈ 15 min here)
 *   GROWTH_N=1000,10000 npx tsx bench/growth.ts  # a quick run
 *   GROWTH_SKIP_BUILD=1 …                         # use the dist/ of an earlier `npm run build`
 *   GROWTH_DIST=/tmp/dist-before …                # another build (e.g. a copy of dist/ before a change)
 *   GROWTH_PER_DAY=2000 (default)                 # appointments per working day before history starts
 *   GROWTH_CACHE=/tmp/growth-cache                # keep each seeded town as a Redis dump there and start
 *                                                 # from it on a later run the same day (seeding 150k takes long)
 *   GROWTH_CACHE=… npx tsx bench/growth.ts --seed-only     # only seed the towns not yet dumped today, then stop
 *   GROWTH_CACHE=… npx tsx bench/growth.ts --measure-only  # only measure; stops if a town's dump is missing
 *   GROWTH_BOT_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof'  # node options for the bot (e.g. a CPU profile)
 *   GROWTH_ONLY=pooled                            # only that command (agendaToday, agendaWeek, summary, summaryCold
 *                                                 # — after a change —, pooled, sentence), 200 turns on one client,
 *                                                 # with the bot's CPU and Redis's time a turn: a profile of it alone;
 *                                                 # GROWTH_SLOWLOG=1 also lists its Redis commands over 0.3 ms;
 *                                                 # GROWTH_ONLY=stall: only the clerks' agenda with 4 summaries
 *                                                 # running, and RSS over rounds of summaries
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { parseDirectory } from '../src/config/directory';
import { addDays, localDateOf } from '../src/domain/time';
import type { Directory } from '../src/domain/types';
import { isWorkingDay } from '../src/domain/working-days';
import { loadEnv } from '../src/config/env';
import { keys, redisKeyPrefix } from '../src/store/keys';
import { createRedis } from '../src/store/redis';
import { seedAppointments } from '../scripts/seed/appointments';
import { townDirectoryInput } from '../scripts/seed/town-directory';
import { percentile } from './bench-directory';
import { freePort, startRedis } from './own-redis';
import { Connector } from './teams-load';

const root = resolve(__dirname, '..');
const SIZES = (process.env.GROWTH_N ?? '1000,10000,50000,150000').split(',').map(Number);
const PER_DAY = Number(process.env.GROWTH_PER_DAY ?? 2000);
const PREFIX = 'growth:';
const CACHE = process.env.GROWTH_CACHE ? resolve(process.env.GROWTH_CACHE) : undefined;
/** Seeding (≈ 40 min for 150k here) and measuring can run apart: the dumps in GROWTH_CACHE join them. */
const SEED_ONLY = process.argv.includes('--seed-only');
const MEASURE_ONLY = process.argv.includes('--measure-only');
if ((SEED_ONLY || MEASURE_ONLY) && !CACHE) throw new Error('--seed-only and --measure-only need GROWTH_CACHE');
const work = mkdtempSync(join(tmpdir(), 'sprechstunde-growth-'));
const input = townDirectoryInput();
const directory: Directory = parseDirectory(input, 'seed directory');
const directoryFile = join(work, 'directory.json');
writeFileSync(directoryFile, JSON.stringify(input));

const round = (ms: number) => (ms >= 100 ? Math.round(ms) : Math.round(ms * 10) / 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the peers: a Redis of our own (own-redis.ts), a delaying proxy, the local Bot Connector ----------

/** A TCP proxy adding `delayMs` to every client→server chunk (order kept): + delayMs per round trip. */
class DelayProxy {
  private server = createTcpServer((client) => this.pipe(client));
  private sockets = new Set<Socket>();
  port = 0;
  constructor(
    private readonly upstreamPort: number,
    private readonly delayMs: number,
  ) {}
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }
  private pipe(client: Socket): void {
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client).add(upstream);
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]!.due <= now) upstream.write(queue.shift()!.chunk);
      if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0]!.due - now));
    };
    client.on('data', (chunk) => {
      queue.push({ due: performance.now() + this.delayMs, chunk });
      timer ??= setTimeout(flush, this.delayMs);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => (client.destroy(), upstream.destroy());
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

// ---- the compiled bot ------------------------------------------------------------------------------

interface Bot {
  url: string;
  proc: ChildProcess;
  /** CPU time (user + system) the bot process has used so far, ms. */
  cpuMs(): number;
  rssMb(): { now: number; peak: number };
  stop(): Promise<void>;
}

/** The compiled app: dist/ (or GROWTH_DIST, e.g. a copy of an earlier build to compare with). */
const dist = resolve(process.env.GROWTH_DIST ?? join(root, 'dist'));

function build(): void {
  if (process.env.GROWTH_DIST || (process.env.GROWTH_SKIP_BUILD && existsSync(join(dist, 'src/main.js')))) return;
  process.stdout.write('npm run build … ');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
  console.log('done');
}

/** Node 22 of the project (the `node` dev dependency) when present, else this Node. */
const nodeBinary = existsSync(join(root, 'node_modules/.bin/node'))
  ? join(root, 'node_modules/.bin/node')
  : process.execPath;

async function startBot(redisPort: number): Promise<Bot> {
  const port = await freePort();
  const proc = spawn(nodeBinary, [join(dist, 'src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_KEY_PREFIX: PREFIX,
      DIRECTORY_FILE: directoryFile,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      MAIL_DIR: join(work, 'mail'),
      REPLY_DIR: join(work, 'replies'),
      // To look inside: GROWTH_BOT_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' (one profile per bot started).
      ...(process.env.GROWTH_BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.GROWTH_BOT_NODE_OPTIONS } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 300 || proc.exitCode !== null) throw new Error('the compiled bot did not become ready');
    await sleep(100);
  }
  const status = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  };
  const ticks = 100; // USER_HZ on Linux
  return {
    url,
    proc,
    cpuMs: () => {
      const fields = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    rssMb: () => ({ now: status('VmRSS'), peak: status('VmHWM') }),
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

// ---- turns ---------------------------------------------------------------------------------------

const staffByName = (name: string) => directory.staff.find((s) => s.name === name)!;
const clerks = directory.staff.filter((s) => s.team.startsWith('buergerbuero') && s.role === 'staff');
const anna = staffByName('Anna Schulz');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let connectorUrl = '';

function activity(aad: string, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: `29:${aad}`, name: 'Bench', aadObjectId: aad, role: 'user' },
    recipient: { id: '28:sprechstunde-bot', name: 'Sprechstunde', role: 'bot' },
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal', tenantId: 'bench-tenant', isGroup: false },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'de-DE',
    localTimezone: 'Europe/Berlin',
    ...extra,
  };
}

type Turn = (client: number) => Record<string, unknown>;
const text =
  (who: (client: number) => string, words: string): Turn =>
  (client) =>
    activity(who(client), { text: words, textFormat: 'plain' });
const invoke =
  (who: (client: number) => string, data: Record<string, unknown>): Turn =>
  (client) =>
    activity(who(client), {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', id: randomUUID(), verb: data.verb, data }, trigger: 'manual' },
    });

/** Posts one activity; resolves with the latency in ms (throws on a non-2xx answer). */
function post(bot: Bot, body: Record<string, unknown>): Promise<number> {
  const json = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolvePost, reject) => {
    const req = httpRequest(
      `${bot.url}/api/messages`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolvePost(performance.now() - started)
            : reject(new Error(`turn answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(json);
  });
}

/** Latencies of `perClient` turns by each of `clients` clients at once, sorted; `before` runs unmeasured before each turn. */
async function measure(
  bot: Bot,
  turn: Turn,
  clients: number,
  perClient: number,
  before?: () => Promise<unknown>,
): Promise<number[]> {
  const out: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        await before?.();
        out.push(await post(bot, turn(c)));
      }
    }),
  );
  return out.sort((a, b) => a - b);
}

/**
 * p50 of 1 client (20 turns after 3 warm-ups) and of 16 clients at once (4 turns each), and the bot's
 * CPU time per turn of the 1-client run: on a machine shared with other work the wall clock shows the
 * scheduler too, the CPU time only the turn.
 */
async function p50s(
  bot: Bot,
  turn: Turn,
  before?: () => Promise<unknown>,
): Promise<{ one: number; sixteen: number; cpu: number }> {
  await measure(bot, turn, 1, 3, before);
  const cpu0 = bot.cpuMs();
  const one = percentile(await measure(bot, turn, 1, 20, before), 50);
  const cpu = (bot.cpuMs() - cpu0) / 20;
  const sixteen = percentile(await measure(bot, turn, 16, 4, before), 50);
  return { one: round(one), sixteen: round(sixteen), cpu: round(cpu) };
}

// ---- the run -------------------------------------------------------------------------------------

function dayOfBench(): string {
  let d = localDateOf(Date.now());
  while (!isWorkingDay(directory, d)) d = addDays(d, 1);
  return d;
}
const german = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

type P50s = Awaited<ReturnType<typeof p50s>>;

interface Row {
  n: number;
  agenda: { today: number; week: number; cpu: number };
  summary: P50s;
  /** The summary right after a change (the book's version counted up before each one): nothing kept. */
  summaryCold: P50s;
  pooled: P50s;
  sentence: P50s;
  rtt: { summary: number; pooled: number; sentence: number; agenda: number };
  redisMb: number;
  botRssMb: number;
  seedSeconds: number;
}

function commands(day: string) {
  const clerk = (c: number) => clerks[c % clerks.length]!.aadObjectId;
  return {
    agendaToday: text(clerk, `meine termine ${german(day)}`),
    agendaWeek: text(clerk, 'meine termine woche'),
    summary: text(() => anna.aadObjectId, `tagesübersicht ${german(day)}`),
    pooled: invoke(clerk, { verb: 'book.service', serviceId: 'ausweis' }),
    sentence: text(clerk, `Kfz Telefon ${german(day)} 10 Uhr`),
  };
}

/** The seed books relative to today, so a dump fits only the day it was seeded. */
const dumpName = (n: number) => `growth-${n}-${PER_DAY}-${localDateOf(Date.now())}.rdb`;

/**
 * The town of N appointments in a redis-server of its own: seeded now, or — with GROWTH_CACHE — loaded
 * from the dump an earlier run seeded today (the seed books relative to today, so only today's dump fits).
 */
async function townRedis(n: number): Promise<{ port: number; stop(): void; redisMb: number; seedSeconds: number }> {
  const dump = dumpName(n);
  if (CACHE) mkdirSync(CACHE, { recursive: true });
  const redis = await startRedis(CACHE ? ['--dir', CACHE, '--dbfilename', dump] : []);
  const stop = () => void redis.proc.kill('SIGTERM');
  const admin = new Redis(redis.port, '127.0.0.1');
  try {
    // What the town uses: used memory over that of the empty server.
    const used = async () => {
      const info = await admin.info('memory');
      return (
        (Number(/used_memory:(\d+)/.exec(info)![1]) - Number(/used_memory_startup:(\d+)/.exec(info)![1])) / 1024 / 1024
      );
    };
    if (CACHE && (await admin.dbsize()) > 0) {
      console.log(`N=${n}: the town seeded earlier today (${join(CACHE, dump)})`);
      return { port: redis.port, stop, redisMb: await used(), seedSeconds: 0 };
    }
    if (MEASURE_ONLY) throw new Error(`--measure-only: no dump of N=${n} seeded today (${join(CACHE!, dump)})`);
    const env = loadEnv({
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_KEY_PREFIX: PREFIX,
      LOG_LEVEL: 'silent',
    });
    const seeder = createRedis(env);
    const seedStarted = performance.now();
    const seeded = await seedAppointments(seeder, directory, {
      count: n,
      perDay: PER_DAY,
      concurrency: 64,
      progress: (k) => process.stdout.write(`\r  N=${n}: ${k} booked …`),
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    seeder.disconnect();
    process.stdout.write('\r');
    console.log(
      `N=${n}: ${seeded.booked} booked in ${seedSeconds.toFixed(0)} s (${seeded.firstDay} – ${seeded.lastDay}; ${seeded.completed} completed, ${seeded.noShows} no-shows, ${seeded.cancelled} cancelled, ${seeded.refused} refused)`,
    );
    if (CACHE) await admin.save();
    return { port: redis.port, stop, redisMb: await used(), seedSeconds };
  } catch (e) {
    stop();
    throw e;
  } finally {
    admin.disconnect();
  }
}

async function runSize(n: number, last: boolean): Promise<Row> {
  const town = await townRedis(n);
  const redisPort = town.port;
  const proxy = new DelayProxy(redisPort, 1);
  await proxy.start();
  const day = dayOfBench();
  const cmd = commands(day);
  const only = process.env.GROWTH_ONLY;
  if (only === 'stall') {
    // Only the clerks' agenda with and without 4 summaries running, and RSS over the summary rounds.
    await proxy.stop();
    const bot = await startBot(redisPort);
    try {
      for (const t of Object.values(cmd)) await measure(bot, t, 4, 5);
      await stallAndMemory(bot, cmd);
      return profileRow(n, town, { one: 0, sixteen: 0, cpu: 0 }, bot.rssMb().peak);
    } finally {
      await bot.stop();
      town.stop();
    }
  }
  if (only) {
    await proxy.stop();
    return profileOnly(
      n,
      town,
      only === 'summaryCold' ? cmd.summary : cmd[only as keyof typeof cmd],
      only === 'summaryCold',
    );
  }
  const bot = await startBot(redisPort);
  const slow = await startBot(proxy.port);
  try {
    // The JIT and the connection pools warm up before anything is measured.
    for (const b of [bot, slow]) for (const t of Object.values(cmd)) await measure(b, t, 4, 5);
    const agendaToday = await p50s(bot, cmd.agendaToday);
    const agendaWeek = await p50s(bot, cmd.agendaWeek);
    const summary = await p50s(bot, cmd.summary);
    const versions = new Redis(redisPort, '127.0.0.1', { keyPrefix: redisKeyPrefix(PREFIX) });
    const summaryCold = await p50s(bot, cmd.summary, () => versions.incr(keys.bookVersion()));
    versions.disconnect();
    const pooled = await p50s(bot, cmd.pooled);
    const sentence = await p50s(bot, cmd.sentence);
    const rttOne = async (t: Turn) => (await p50s(slow, t)).one;
    const rtt = {
      agenda: await rttOne(cmd.agendaToday),
      summary: await rttOne(cmd.summary),
      pooled: await rttOne(cmd.pooled),
      sentence: await rttOne(cmd.sentence),
    };
    const row: Row = {
      n,
      agenda: { today: agendaToday.one, week: agendaWeek.one, cpu: agendaToday.cpu },
      summary,
      summaryCold,
      pooled,
      sentence,
      rtt,
      redisMb: town.redisMb,
      botRssMb: bot.rssMb().peak,
      seedSeconds: town.seedSeconds,
    };
    console.log(
      `  agenda ${row.agenda.today}/${row.agenda.week} ms, summary ${summary.one} (${summary.sixteen}) ms, after a change ${summaryCold.one} (${summaryCold.sixteen}) ms, pooled ${pooled.one} (${pooled.sixteen}) ms, sentence ${sentence.one} (${sentence.sixteen}) ms; +1 ms RTT: agenda ${rtt.agenda}, summary ${rtt.summary}, pooled ${rtt.pooled}, sentence ${rtt.sentence} ms; Redis ${row.redisMb.toFixed(1)} MB, bot peak RSS ${row.botRssMb.toFixed(0)} MB`,
    );
    if (last) await stallAndMemory(bot, cmd);
    return row;
  } finally {
    await bot.stop();
    await slow.stop();
    await proxy.stop();
    town.stop();
  }
}

/** The table's row of a GROWTH_ONLY run: only the one figure measured. */
function profileRow(n: number, town: Awaited<ReturnType<typeof townRedis>>, one: P50s, botRssMb: number): Row {
  return {
    n,
    agenda: { today: 0, week: 0, cpu: 0 },
    summary: one,
    summaryCold: one,
    pooled: one,
    sentence: one,
    rtt: { summary: 0, pooled: 0, sentence: 0, agenda: 0 },
    redisMb: town.redisMb,
    botRssMb,
    seedSeconds: town.seedSeconds,
  };
}

/** GROWTH_ONLY: one command on one bot, nothing else in its profile; the row holds only its p50. */
async function profileOnly(
  n: number,
  town: Awaited<ReturnType<typeof townRedis>>,
  turn: Turn | undefined,
  afterChange: boolean,
): Promise<Row> {
  if (!turn) throw new Error(`GROWTH_ONLY=${process.env.GROWTH_ONLY}: no such command`);
  const bot = await startBot(town.port);
  const admin = new Redis(town.port, '127.0.0.1');
  const versions = new Redis(town.port, '127.0.0.1', { keyPrefix: redisKeyPrefix(PREFIX) });
  // After a change: the book's version counted up before each turn, so nothing kept is used.
  const before = afterChange ? () => versions.incr(keys.bookVersion()) : undefined;
  try {
    await measure(bot, turn, 1, 20, before);
    await admin.config('RESETSTAT');
    await admin.config('SET', 'slowlog-log-slower-than', '300');
    await admin.slowlog('RESET');
    const cpu0 = bot.cpuMs();
    const latencies = await measure(bot, turn, 1, 200, before);
    const cpu = (bot.cpuMs() - cpu0) / 200;
    const p50 = round(percentile(latencies, 50));
    // Redis's share: its commands' time a turn, the costliest first.
    const stats = [...(await admin.info('commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+),usec=(\d+)/g)]
      .map(([, name, calls, usec]) => ({ name, calls: Number(calls) / 200, ms: Number(usec) / 1000 / 200 }))
      .sort((a, b) => b.ms - a.ms);
    if (process.env.GROWTH_SLOWLOG)
      for (const e of (await admin.slowlog('GET', 10)) as unknown[][])
        console.log(JSON.stringify([e[2], (e[3] as string[]).slice(0, 8)]));
    const redisMs = stats.reduce((sum, c) => sum + c.ms, 0);
    console.log(
      `  ${process.env.GROWTH_ONLY}: p50 ${p50} ms over 200 turns; bot CPU ${round(cpu)} ms a turn; Redis ${redisMs.toFixed(2)} ms a turn (${stats
        .slice(0, 4)
        .map((c) => `${c.name} ${c.calls}× ${c.ms.toFixed(2)} ms`)
        .join(', ')})`,
    );
    return profileRow(n, town, { one: p50, sixteen: 0, cpu: 0 }, bot.rssMb().peak);
  } finally {
    admin.disconnect();
    versions.disconnect();
    await bot.stop();
    town.stop();
  }
}

/** Clerks' agenda p99 alone and with 4 summaries running; RSS over 20 rounds of 16 summaries. */
async function stallAndMemory(bot: Bot, cmd: ReturnType<typeof commands>): Promise<void> {
  // A p99 of 300 turns swings by a third between rounds on this machine: three rounds each, alternating,
  // and the medians compared.
  const agendaRound = async () => percentile(await measure(bot, cmd.agendaToday, 15, 20), 99);
  const alone: number[] = [];
  const withSummaries: number[] = [];
  let summaries = 0;
  for (let r = 0; r < 3; r++) {
    alone.push(await agendaRound());
    let running = true;
    const background = Array.from({ length: 4 }, async () => {
      while (running) {
        await post(bot, cmd.summary(0));
        summaries++;
      }
    });
    await sleep(200);
    withSummaries.push(await agendaRound());
    running = false;
    await Promise.all(background);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!;
  const list = (xs: number[]) => xs.map(round).join(', ');
  console.log(
    `  stall: 15 clerks' agenda p99 ${list(alone)} ms alone, ${list(withSummaries)} ms with 4 summaries running (${summaries} summaries meanwhile): median ${round(median(withSummaries))} ÷ ${round(median(alone))} = ${(median(withSummaries) / median(alone)).toFixed(2)}× (goal ≤ 1.5×)`,
  );
  const rss: number[] = [];
  for (let r = 1; r <= 20; r++) {
    await measure(bot, cmd.summary, 16, 1);
    rss.push(bot.rssMb().now);
  }
  const growth = Math.max(...rss.slice(1)) / rss[0]!;
  console.log(
    `  RSS per round of 16 concurrent summaries (MB): ${rss.map((x) => x.toFixed(0)).join(' ')}; max after round 1 = ${((growth - 1) * 100).toFixed(0)} % over round 1 (goal ≤ 10 %)`,
  );
}

function table(rows: Row[]): void {
  const cols = rows.map((r) => (r.n >= 1000 ? `${r.n / 1000}k` : String(r.n)));
  const line = (label: string, f: (r: Row) => string) => console.log(`| ${label} | ${rows.map(f).join(' | ')} |`);
  console.log('');
  console.log(`| command (1 client p50, in brackets 16 clients) | ${cols.join(' | ')} |`);
  console.log(`|---|${cols.map(() => '---').join('|')}|`);
  line('`meine termine` (day / week)', (r) => `${r.agenda.today} / ${r.agenda.week} ms`);
  line('`tagesübersicht` (supervisor of the Bürgerbüro)', (r) => `${r.summary.one} (${r.summary.sixteen}) ms`);
  line(
    '`tagesübersicht` right after a change (nothing kept)',
    (r) => `${r.summaryCold.one} (${r.summaryCold.sixteen}) ms`,
  );
  line('pooled search (service button → slots)', (r) => `${r.pooled.one} (${r.pooled.sixteen}) ms`);
  line('`Kfz Telefon <day> 10 Uhr`', (r) => `${r.sentence.one} (${r.sentence.sixteen}) ms`);
  line(
    '+1 ms RTT: agenda / summary / pooled / sentence',
    (r) => `${r.rtt.agenda} / ${r.rtt.summary} / ${r.rtt.pooled} / ${r.rtt.sentence} ms`,
  );
  line(
    'bot CPU per turn, 1 client: agenda / summary / after a change / pooled / sentence',
    (r) => `${r.agenda.cpu} / ${r.summary.cpu} / ${r.summaryCold.cpu} / ${r.pooled.cpu} / ${r.sentence.cpu} ms`,
  );
  line('Redis used memory', (r) => `${r.redisMb.toFixed(1)} MB`);
  line('bot peak RSS', (r) => `${r.botRssMb.toFixed(0)} MB`);
  if (rows.length > 1) {
    const first = rows[0]!;
    const lastRow = rows[rows.length - 1]!;
    const g = (f: (r: Row) => number) => (f(lastRow) / f(first)).toFixed(2);
    console.log('');
    console.log(
      `growth ${cols[0]} → ${cols[cols.length - 1]} (1 client): agenda ${g((r) => r.agenda.today)}×, summary ${g((r) => r.summary.one)}×, pooled ${g((r) => r.pooled.one)}×, sentence ${g((r) => r.sentence.one)}× (goal ≤ 1.5×)`,
    );
  }
  const l = rows[rows.length - 1]!;
  console.log(
    `at ${cols[cols.length - 1]}: summary ${l.summary.one} ms (goal ≤ 30) / ${l.summary.sixteen} ms (≤ 200); pooled ${l.pooled.one} / ${l.pooled.sixteen} ms and sentence ${l.sentence.one} / ${l.sentence.sixteen} ms (≤ 15 / ≤ 100); +1 ms RTT ÷ loopback: summary ${(l.rtt.summary / l.summary.one).toFixed(2)}, pooled ${(l.rtt.pooled / l.pooled.one).toFixed(2)}, sentence ${(l.rtt.sentence / l.sentence.one).toFixed(2)} (goal ≤ 2)`,
  );
}

/** --seed-only: each town seeded and dumped (or found dumped already), nothing measured. */
async function seedOnly(): Promise<void> {
  const started = performance.now();
  for (const n of SIZES) (await townRedis(n)).stop();
  rmSync(work, { recursive: true, force: true });
  console.log(`towns ready in ${CACHE} after ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

async function main(): Promise<void> {
  console.log(
    `growth bench: N = ${SIZES.join(', ')}; ${PER_DAY} per working day; day ${dayOfBench()}; load average ${(
      await import('node:os')
    )
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  if (SEED_ONLY) return seedOnly();
  const missing = MEASURE_ONLY ? SIZES.filter((n) => !existsSync(join(CACHE!, dumpName(n)))) : [];
  if (missing.length > 0)
    throw new Error(`--measure-only: no dump seeded today for N=${missing.join(', ')} in ${CACHE}`);
  build();
  const connector = new Connector();
  await connector.start();
  connectorUrl = connector.url;
  const rows: Row[] = [];
  try {
    for (const [i, n] of SIZES.entries()) rows.push(await runSize(n, i === SIZES.length - 1));
    table(rows);
  } finally {
    agent.destroy();
    await connector.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
