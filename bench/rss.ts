/**
 * Memory of the compiled bot against an echo bot on the same stack (botbuilder CloudAdapter +
 * restify, bench/echo-bot.ts), both compiled the way the image runs them (scripts/transpile.ts,
 * plain `node`, no tsx), each alone in its own process, under the same HTTP load: Teams-shaped
 * messages to /api/messages (the bot answers `hilfe` with its help card for directory staff, the echo
 * bot echoes), replies to a local connector. Per process: idle RSS after start-up (settled), peak RSS
 * (the kernel's high-water mark, VmHWM) over the load, and idle RSS again afterwards; then the ratios.
 *
 *   tsx bench/rss.ts [turns=6000] [connections=32] [rounds=1]
 *   REDIS_URL (default redis://127.0.0.1:6379); the bot's keys under bench:rss:<random>: are deleted at the end.
 *
 * The bot runs as deployed by default: jobs on, outbox worker on, mail to .eml files, a directory of
 * 200 staff (bench/bench-directory.ts, as bench/load.ts), no optional provider (IMAP, CalDAV, Graph, SMPP stay unloaded). Linux only (/proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyAssets } from '../scripts/copy-assets';
import { transpileInto } from '../scripts/transpile';
import { benchDirectory } from './bench-directory';
import { answers, autocannon, Connector, teamsActivity } from './teams-load';
import { deleteDeploymentKeys } from './own-redis';

const TURNS = Number(process.argv[2] ?? 6000);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const ROUNDS = Number(process.argv[4] ?? 1);
const WARMUP = 500;
const SETTLE_MS = 5000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = resolve(__dirname, '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

interface Target {
  name: 'bot' | 'echo';
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** A probe path that answers once it listens. */
  probe: string;
  /** The text each turn sends. */
  text: string;
}

interface Figures {
  idle: number;
  peak: number;
  after: number;
  turnsPerSec: number;
  failed: number;
}

async function measure(target: Target, port: number, connector: Connector, users: string[]): Promise<Figures> {
  const child: ChildProcess = spawn(process.execPath, target.argv, {
    cwd: build,
    env: { PATH: process.env.PATH, PORT: String(port), ...target.env },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; !(await answers(url + target.probe)); i++) {
      if (i > 300) throw new Error(`${target.name} did not start`);
      await sleep(100);
    }
    await sleep(SETTLE_MS);
    const idle = memory(child.pid!).rss;
    let n = 0;
    const body = () =>
      JSON.stringify(
        teamsActivity(connector.url, users[n++ % users.length]!, { text: target.text, textFormat: 'plain' }),
      );
    const load = (amount: number) =>
      autocannon({
        url,
        connections: CONNECTIONS,
        amount,
        timeout: 20,
        requests: [
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: body() }),
          },
        ],
      });
    await load(WARMUP);
    const started = performance.now();
    const r = await load(TURNS);
    const seconds = (performance.now() - started) / 1000;
    const { peak } = memory(child.pid!);
    await sleep(SETTLE_MS);
    const after = memory(child.pid!).rss;
    return { idle, peak, after, turnsPerSec: r.requests.total / seconds, failed: r.errors + r.timeouts + r.non2xx };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const build = mkdtempSync(join(tmpdir(), 'sprech-rss-'));

async function main(): Promise<void> {
  process.stdout.write('compiling … ');
  transpileInto(build, ['src', 'bench/echo-bot.ts']);
  copyAssets(join(build, 'dist'));
  symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
  console.log('done');
  const connector = new Connector();
  await connector.start();
  const prefix = `bench:rss:${randomBytes(4).toString('hex')}:`;
  // 200 staff as in bench/load.ts: each connection's turns are mostly another person's (no state contention).
  const directory = benchDirectory(200);
  const directoryFile = join(build, 'directory.json');
  writeFileSync(directoryFile, JSON.stringify(directory));
  const staff = directory.staff.map((s) => s.aadObjectId);
  const targets: Target[] = [
    { name: 'echo', argv: ['dist/bench/echo-bot.js'], env: {}, probe: '/api/messages', text: 'hallo' },
    {
      name: 'bot',
      argv: ['dist/src/main.js'],
      env: {
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        DIRECTORY_FILE: directoryFile,
        MAIL_DIR: join(build, 'mail'),
        REPLY_DIR: join(build, 'replies'),
      },
      probe: '/healthz',
      text: 'hilfe',
    },
  ];
  const results: Record<Target['name'], Figures[]> = { echo: [], bot: [] };
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const t of targets) {
        const f = await measure(t, 41000 + Math.floor(Math.random() * 9000), connector, staff);
        results[t.name].push(f);
        console.log(
          `${t.name.padEnd(4)} idle ${f.idle.toFixed(0)} MB, peak ${f.peak.toFixed(0)} MB, after ${f.after.toFixed(0)} MB, ${f.turnsPerSec.toFixed(0)} turns/s, failed ${f.failed}`,
        );
      }
  } finally {
    await connector.stop();
    // The bot's keys carry the deployment's hash tag ({bench:rss:…}:), which a match on the bare prefix missed.
    await deleteDeploymentKeys(REDIS_URL, prefix);
    rmSync(build, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const of = (name: Target['name'], k: keyof Figures) => median(results[name].map((f) => f[k]));
  console.log('');
  console.log(`| ${TURNS} turns, ${CONNECTIONS} connections | idle RSS | peak RSS | idle after load | turns/s |`);
  console.log('|---|---|---|---|---|');
  for (const name of ['bot', 'echo'] as const)
    console.log(
      `| ${name === 'bot' ? 'Sprechstunde (compiled, `hilfe`)' : 'echo bot (same stack)'} | ${of(name, 'idle').toFixed(0)} MB | ${of(name, 'peak').toFixed(0)} MB | ${of(name, 'after').toFixed(0)} MB | ${of(name, 'turnsPerSec').toFixed(0)} |`,
    );
  const peakRatio = of('bot', 'peak') / of('echo', 'peak');
  const idleRatio = of('bot', 'idle') / of('echo', 'idle');
  console.log('');
  console.log(`ratio bot/echo: peak ${peakRatio.toFixed(2)}×, idle ${idleRatio.toFixed(2)}× (target: peak ≤ 1.2×)`);
  const failed = [...results.bot, ...results.echo].reduce((n, f) => n + f.failed, 0);
  console.log(`failed turns: ${failed}; target ${peakRatio <= 1.2 && failed === 0 ? 'met' : 'NOT met'}`);
}

void main();
