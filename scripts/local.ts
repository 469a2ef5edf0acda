/**
 * `npm start`: the bot and the Microsoft 365 Agents Playground on this machine, no Azure, no Teams.
 *
 * 1. Loads .env if present (variables already set in the shell win).
 * 2. Checks Redis at REDIS_URL. If none answers and `redis-server` is installed, starts one with
 *    its data in var/redis (appendonly on); otherwise says exactly what to do and stops.
 * 3. Starts the bot (src/main.ts) on PORT (3978) with the example directory, waits for /readyz.
 * 4. Starts the Playground (TEAMSAPPTESTER_BROWSER=none: it opens no browser) against
 *    http://localhost:3978/api/messages; its mock user (.m365agentsplayground.yml) is Jonas Becker.
 * 5. Prints where to chat. Ctrl+C stops everything it started.
 *
 * `npm start -- --as anna` (a staff id, or the start of a first name from the directory): the
 * Playground's user is that person instead (e.g. Anna Schulz, a supervisor), from a generated
 * Playground config in var/playground/. When the bot already answers on PORT (another `npm start` is
 * running), only a second Playground is started (on a free port): two people in two browser tabs.
 * On another port both terminals need the same PORT (`PORT=3988 npm start -- --as anna`); without it
 * the second one finds no bot on 3978 and starts one of its own there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';

const root = resolve(__dirname, '..');
/** Preloaded into the bot and the Playground: they listen on 127.0.0.1 only (authentication is off locally). */
const LOOPBACK_ONLY = join(__dirname, 'loopback-only.cjs');
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

function say(line: string): void {
  process.stdout.write(`[npm start] ${line}\n`);
}

function loadDotEnv(): void {
  const file = join(root, '.env');
  if (!existsSync(file)) return;
  process.loadEnvFile(file); // Node ≥ 21: does not override variables already set
  say('loaded .env');
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, pipe = false): ChildProcess {
  const proc = spawn(command, args, { cwd: root, env, stdio: pipe ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  children.push({ name, proc });
  proc.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
    if (name === 'playground')
      say('The Playground exits at once when .m365agentsplayground.yml is invalid (it needs exactly five "users").');
    void stopAll(code ?? 1);
  });
  return proc;
}

async function ensureRedis(url: string): Promise<void> {
  if (await redisAnswers(url)) {
    say(`Redis answers at ${new URL(url).host}`);
    return;
  }
  const u = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  if (!local || !onPath('redis-server')) {
    say(`No Redis answers at ${u.host}.`);
    say(
      local
        ? 'Install and start one:  sudo apt-get install redis-server   (Debian/Ubuntu; it starts itself)\n' +
            '                        brew install redis && brew services start redis   (macOS)\n' +
            '                        docker run -d -p 6379:6379 redis:7\n' +
            '            then run `npm start` again (npm start also starts an installed redis-server itself).'
        : 'Start that Redis, or set REDIS_URL in .env to one that runs (e.g. redis://127.0.0.1:6379).',
    );
    process.exit(1);
  }
  const dir = join(root, 'var', 'redis');
  mkdirSync(dir, { recursive: true });
  say(`starting redis-server on port ${u.port || 6379} with data in var/redis (appendonly on)`);
  start(
    'redis-server',
    'redis-server',
    ['--port', u.port || '6379', '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    process.env,
    true,
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  say('redis-server did not answer within 5 s.');
  await stopAll(1);
}

async function waitFor(url: string, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Bot first (graceful shutdown needs Redis), Redis last.
  for (const { proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    await new Promise<void>((resolveExit) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolveExit();
      });
      proc.kill('SIGTERM');
    });
  }
  process.exit(code);
}

interface DirectoryPerson {
  id: string;
  aadObjectId: string;
  upn?: string;
  name: string;
  role?: string;
}

/** `--as <who>` or `--as=<who>` from the command line. */
function asArgument(): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf('--as');
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith('--as='))?.slice('--as='.length);
}

function findPerson(staff: DirectoryPerson[], who: string): DirectoryPerson {
  const w = who.toLowerCase();
  const found =
    staff.find((s) => s.id === w) ??
    staff.find((s) => s.id.startsWith(`${w}-`)) ??
    staff.find((s) => s.name.toLowerCase().startsWith(w));
  if (!found) {
    say(`--as ${who}: nobody of that name in the directory. Try one of: ${staff.map((s) => s.id).join(', ')}`);
    process.exit(1);
  }
  return found;
}

/** A Playground config whose current user is `me`; the Playground wants exactly five further users. */
function playgroundConfigFor(me: DirectoryPerson, staff: DirectoryPerson[]): string {
  const base = readFileSync(join(root, '.m365agentsplayground.yml'), 'utf8');
  const tenantId = /^tenantId: (.+)$/m.exec(base)?.[1] ?? '00000000-0000-0000-0000-0000000000001';
  const bot = /^bot:\n {2}id: (.+)\n {2}name: (.+)$/m.exec(base);
  /** A user entry: under `currentUser:` (indented) or as an item of `users:` (a "- " list item). */
  const person = (p: DirectoryPerson, id: string, listItem: boolean) => {
    const [given = p.name, ...rest] = p.name.split(' ');
    const upn = p.upn ?? `${p.id}@example.org`;
    const fields = [
      `id: ${id}`,
      `name: ${p.name}`,
      `userPrincipleName: ${upn}`,
      `aadObjectId: ${p.aadObjectId}`,
      `givenName: ${given}`,
      `surname: ${rest.join(' ') || given}`,
      `email: ${upn}`,
    ];
    return fields.map((f, i) => (listItem ? (i === 0 ? `  - ${f}` : `    ${f}`) : `  ${f}`)).join('\n');
  };
  const others = staff.filter((s) => s.id !== me.id).slice(0, 5);
  return [
    `# Generated by npm start -- --as ${me.id} (from ${process.env.DIRECTORY_FILE || 'config/directory.example.json'}).`,
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    `  id: ${bot?.[1] ?? '00000000-0000-0000-0000-00000000000011'}`,
    `  name: ${bot?.[2] ?? 'Sprechstunde'}`,
    'currentUser:',
    person(me, 'user-id-0', false),
    'users:',
    ...others.map((o, i) => person(o, `user-id-${i + 1}`, true)),
    // The chats and the team as in the checked-in config, with a personal chat of this person's own.
    base.slice(base.indexOf('personalChat:')).replace(/^( {2}id: )personal-chat-id$/m, `$1personal-chat-${me.id}`),
  ].join('\n');
}

async function main(): Promise<void> {
  loadDotEnv();
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const port = Number(process.env.PORT || 3978);
  // Read after .env is loaded (a .env line counts like a shell variable).
  const wantedPlaygroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
  const directoryFile = process.env.DIRECTORY_FILE || 'config/directory.example.json';
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const who = asArgument();
  const staff = (JSON.parse(readFileSync(join(root, directoryFile), 'utf8')) as { staff: DirectoryPerson[] }).staff;
  const me = who ? findPerson(staff, who) : undefined;
  let configPath: string | undefined;
  if (me) {
    const dir = join(root, 'var', 'playground');
    mkdirSync(dir, { recursive: true });
    configPath = join(dir, `${me.id}.yml`);
    writeFileSync(configPath, playgroundConfigFor(me, staff));
  }

  const botRunning = await fetch(`http://127.0.0.1:${port}/readyz`).then(
    (res) => res.ok,
    () => false,
  );
  if (botRunning && me) say(`the bot already answers on port ${port}: starting only a Playground as ${me.name}`);
  else {
    if (!process.env.REDIS_SENTINELS && !process.env.REDIS_CLUSTER_NODES) await ensureRedis(redisUrl);
    // tsx runs the bot in a child process of its own: only NODE_OPTIONS reaches that child with the preload.
    const botEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DIRECTORY_FILE: directoryFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(LOOPBACK_ONLY)}`.trim(),
    };
    say(`starting the bot on port ${port}`);
    start('bot', process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], botEnv);
    await waitFor(`http://127.0.0.1:${port}/readyz`, 'the bot', 30_000);
  }

  const playground = join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  say('starting the Microsoft 365 Agents Playground');
  const pg = start(
    'playground',
    process.execPath,
    [
      '--require',
      LOOPBACK_ONLY,
      playground,
      '-e',
      `http://localhost:${port}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(wantedPlaygroundPort),
      '--disable-telemetry',
    ],
    {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      ...(configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath } : {}),
      M365_AGENTS_PLAYGROUND_LOGFILE:
        process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(root, 'var', 'm365agentsplayground.log'),
    },
    true,
  );
  // The Playground falls back to a random port when 56150 is taken; it prints "Listening on <port>".
  const playgroundPort = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error('the Playground did not start within 60 s')), 60_000);
    pg.stderr!.pipe(process.stderr);
    pg.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const m = /Listening on (\d+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
  });
  await waitFor(`http://127.0.0.1:${playgroundPort}/`, 'the Playground', 30_000);

  say('');
  say(
    `Chat with the bot:  http://localhost:${playgroundPort}   (you are ${me ? me.name : 'Jonas Becker, Bürgerbüro Team A'})`,
  );
  // The second terminal finds this bot only on the same PORT.
  const samePort = process.env.PORT ? `PORT=${port} ` : '';
  if (!me)
    say(`A second person (e.g. the supervisor Anna Schulz): in another terminal  ${samePort}npm start -- --as anna`);
  say(`Bot endpoint:       http://localhost:${port}/api/messages   health: /healthz, /readyz`);
  say('Type "hilfe" (or "help"). Ctrl+C stops everything.');
}

main().catch(async (e: Error) => {
  say(e.message);
  await stopAll(1);
});
