/**
 * The agenda turn against an echo bot on the same stack, measured so that the machine's load cannot
 * decide the ratio: both compiled the way the image runs them (plain `node`, no tsx), both started
 * once and kept running, then short phases ALTERNATE (echo, agenda, echo, agenda, …) and each agenda
 * phase is compared with the echo phases just before and after it. A machine whose load changes
 * during the run moves both sides of a pair alike; the median of the pairs' ratios is the figure.
 *
 * The town is the seed's (scripts/seed: the generated 200-staff directory, appointments booked
 * through the booking path around today), so `meine termine` shows a real day of each clerk.
 *
 *   npx tsx bench/agenda-vs-echo.ts [turnsPerPhase=1500] [connections=32] [rounds=5] [appointments=6000]
 *   BOT_NODE_OPTIONS, ECHO_NODE_OPTIONS: node options for the bot or the echo bot alone (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
 *   REDIS_URL (default redis://127.0.0.1:6379); the keys under bench:agenda:<random>: are deleted at the end.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDirectory } from '../src/config/directory';
import { loadEnv } from '../src/config/env';
import { createRedis } from '../src/store/redis';
import { copyAssets } from '../scripts/copy-assets';
import { seedAppointments } from '../scripts/seed/appointments';
import { townDirectoryInput } from '../scripts/seed/town-directory';
import { transpileInto } from '../scripts/transpile';
import { deleteDeploymentKeys, freePort } from './own-redis';
import { answers, autocannon, Connector, teamsActivity } from './teams-load';

const TURNS = Number(process.argv[2] ?? 1500);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const ROUNDS = Number(process.argv[4] ?? 5);
const APPOINTMENTS = Number(process.argv[5] ?? 6000);
/** What the clerks type (AGENDA_TEXT, default `meine termine`; `hilfe` shows what every turn costs without the agenda). */
const TEXT = process.env.AGENDA_TEXT ?? 'meine termine';
const WARMUP = 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = resolve(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  url: string;
  child: ChildProcess;
}

async function start(build: string, argv: string[], env: NodeJS.ProcessEnv, probe: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, argv, {
    cwd: build,
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await answers(url + probe)); i++) {
    if (i > 600 || child.exitCode !== null) throw new Error(`${argv[0]} did not start`);
    await sleep(100);
  }
  return { url, child };
}

/** CPU time (user + system) the process has used so far, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), counted from the state field here (index 0 = field 3).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** Waits until the process uses under 5 % of a core over a second (at most a minute). */
async function quiet(target: Running): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const before = cpuMs(target.child.pid!);
    await sleep(1000);
    if (cpuMs(target.child.pid!) - before < 50) return;
  }
}

interface Phase {
  /** Average size of a reply the connector received. */
  replyBytes: number;
  turnsPerSec: number;
  /** The process's CPU time per turn: what the turn costs whatever else runs on the machine. */
  cpuMsPerTurn: number;
  /** Redis's CPU time per turn (when it runs on this machine): the agenda's reads, which the echo bot has not. */
  redisCpuMsPerTurn: number;
}

/** Turns/s of `amount` messages saying `text`, spread over `users`, and the target's CPU per turn. */
async function phase(
  target: Running,
  connector: Connector,
  users: string[],
  text: string,
  amount: number,
): Promise<Phase> {
  let n = 0;
  const [postsBefore, bytesBefore] = [connector.posts, connector.bytes];
  const cpuBefore = cpuMs(target.child.pid!);
  const redisBefore = redisPid ? cpuMs(redisPid) : 0;
  const started = performance.now();
  const r = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    amount,
    timeout: 20,
    // autocannon notices that `amount` is reached only at its next sample: with the default of a
    // second, a phase of 1.2 s counted as 2 s and the ratios came out as 0.67 or 1.00.
    sampleInt: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify(teamsActivity(connector.url, users[n++ % users.length]!, { text, textFormat: 'plain' })),
        }),
      },
    ],
  });
  const failed = r.errors + r.timeouts + r.non2xx;
  if (failed > 0) throw new Error(`${failed} of ${amount} turns failed ("${text}")`);
  const seconds = (performance.now() - started) / 1000;
  return {
    replyBytes: (connector.bytes - bytesBefore) / Math.max(1, connector.posts - postsBefore),
    turnsPerSec: r.requests.total / seconds,
    cpuMsPerTurn: (cpuMs(target.child.pid!) - cpuBefore) / r.requests.total,
    redisCpuMsPerTurn: redisPid ? (cpuMs(redisPid) - redisBefore) / r.requests.total : NaN,
  };
}

/** The Redis server's process id when it runs on this machine (its CPU is part of a turn's cost). */
let redisPid: number | undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const build = mkdtempSync(join(tmpdir(), 'sprech-agenda-'));
  const prefix = `bench:agenda:${randomBytes(4).toString('hex')}:`;
  const input = townDirectoryInput();
  const directory = parseDirectory(input, 'seed directory');
  const env = loadEnv({ REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' });
  const redis = createRedis(env);
  const connector = new Connector();
  const running: Running[] = [];
  try {
    process.stdout.write('compiling … ');
    transpileInto(build, ['src', 'bench/echo-bot.ts']);
    copyAssets(join(build, 'dist'));
    symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
    const directoryFile = join(build, 'directory.json');
    writeFileSync(directoryFile, JSON.stringify(input));
    process.stdout.write(`seeding ${APPOINTMENTS} appointments … `);
    const seeded = await seedAppointments(redis, directory, { count: APPOINTMENTS, perDay: 300, concurrency: 32 });
    console.log(`${seeded.booked} booked (${seeded.firstDay} – ${seeded.lastDay})`);
    await connector.start();
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    if (pid && existsSync(`/proc/${pid}/stat`)) redisPid = pid;
    const echo = await start(
      build,
      ['dist/bench/echo-bot.js'],
      process.env.ECHO_NODE_OPTIONS ? { NODE_OPTIONS: process.env.ECHO_NODE_OPTIONS } : {},
      '/api/messages',
    );
    running.push(echo);
    const bot = await start(
      build,
      ['dist/src/main.js'],
      {
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        DIRECTORY_FILE: directoryFile,
        MAIL_DIR: join(build, 'mail'),
        REPLY_DIR: join(build, 'replies'),
        // To look inside: BOT_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' (written when the bot stops).
        ...(process.env.BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BOT_NODE_OPTIONS } : {}),
      },
      '/healthz',
    );
    running.push(bot);
    // The bot's start-up work (indexing the seeded town, reminders of tomorrow's appointments) is not
    // the agenda turn: measure once the process has gone quiet.
    await quiet(bot);
    // Clerks with a calendar (the seed books for those who offer services); everyone's turn is their own.
    const users = directory.staff.filter((s) => s.services.length > 0).map((s) => s.aadObjectId);
    await phase(echo, connector, users, 'hallo', WARMUP);
    await phase(bot, connector, users, TEXT, WARMUP);
    const echoes: Phase[] = [await phase(echo, connector, users, 'hallo', TURNS)];
    const agendas: Phase[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const agenda = await phase(bot, connector, users, TEXT, TURNS);
      agendas.push(agenda);
      echoes.push(await phase(echo, connector, users, 'hallo', TURNS));
      const [before, after] = [echoes[round]!, echoes[round + 1]!];
      ratios.push(agenda.turnsPerSec / ((before.turnsPerSec + after.turnsPerSec) / 2));
      console.log(
        `round ${round + 1}: agenda ${agenda.turnsPerSec.toFixed(0)} turns/s (${agenda.cpuMsPerTurn.toFixed(2)} ms CPU a turn, replies of ${(agenda.replyBytes / 1000).toFixed(1)} kB), echo before/after ${before.turnsPerSec.toFixed(0)}/${after.turnsPerSec.toFixed(0)} turns/s (${before.cpuMsPerTurn.toFixed(2)}/${after.cpuMsPerTurn.toFixed(2)} ms) → ${ratios[round]!.toFixed(2)}×`,
      );
    }
    const cpuAgenda = median(agendas.map((p) => p.cpuMsPerTurn));
    const cpuEcho = median(echoes.map((p) => p.cpuMsPerTurn));
    console.log('');
    console.log(
      `agenda (${TEXT}) / echo, ${CONNECTIONS} connections, ${TURNS} turns a phase, ${ROUNDS} rounds: turns/s median ${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; goal ≥ 0.9×); agenda ${median(agendas.map((p) => p.turnsPerSec)).toFixed(0)} turns/s, echo ${median(echoes.map((p) => p.turnsPerSec)).toFixed(0)} turns/s`,
    );
    const cpuRedis = median(agendas.map((p) => p.redisCpuMsPerTurn));
    console.log(
      `CPU a turn: agenda ${cpuAgenda.toFixed(2)} ms, echo ${cpuEcho.toFixed(2)} ms → on a core of its own the agenda would run at ${(cpuEcho / cpuAgenda).toFixed(2)}× the echo bot${Number.isNaN(cpuRedis) ? '' : `; Redis ${cpuRedis.toFixed(2)} ms a turn of the agenda (${median(echoes.map((p) => p.redisCpuMsPerTurn)).toFixed(2)} during the echo phases)`}`,
    );
  } finally {
    for (const r of running) {
      const exited = new Promise((done) => r.child.once('exit', done));
      r.child.kill('SIGTERM');
      await exited;
    }
    await connector.stop();
    redis.disconnect();
    await deleteDeploymentKeys(REDIS_URL, prefix);
    rmSync(build, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
