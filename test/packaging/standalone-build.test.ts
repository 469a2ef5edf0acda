/**
 * What the container image holds starts alone: a folder laid out exactly as the image's /app
 * (scripts/image-files.ts, the list the Dockerfile test holds the Dockerfile to) — dist/, the
 * directory file and only the production dependencies of the lock file — runs the image's CMD,
 * answers /readyz, passes the image's HEALTHCHECK and stops cleanly. No src/, no dev dependencies:
 * node_modules holds links to the production packages only, and node runs with --preserve-symlinks,
 * so a require of a dev-only package fails here as it would in the image. The TypeScript is
 * transpiled file by file with the project's compiler options (what tsc emits, minus the type check
 * `npm test` does anyway, so the test stays fast); the assets come from the same
 * scripts/copy-assets.ts `npm run build` runs.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyAssets } from '../../scripts/copy-assets';
import { transpileInto } from '../../scripts/transpile';
import { IMAGE_DEPENDENCIES, IMAGE_FILES, productionPackages } from '../../scripts/image-files';
import { execForm, parseDockerfile } from './dockerfile';
import { freeLoopbackPort } from '../reliability/support';
import { testRedis, TEST_REDIS_URL } from '../support/redis';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

const redis = testRedis('build');
let dir: string;

const runtime = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).at(-1)!;
const instruction = (keyword: string) => runtime.instructions.find((i) => i.keyword === keyword)!.args;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sprech-build-'));
  for (const entry of IMAGE_FILES) {
    if (entry === 'dist') {
      transpileInto(dir);
      copyAssets(join(dir, 'dist'));
    } else {
      mkdirSync(dirname(join(dir, entry)), { recursive: true });
      copyFileSync(join(ROOT, entry), join(dir, entry));
    }
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Parameters<
    typeof productionPackages
  >[0];
  for (const name of productionPackages(lock)) {
    const target = join(dir, IMAGE_DEPENDENCIES, name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), target, 'dir');
  }
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await redis.cleanup();
});

test('the build copies the Lua scripts and their includes next to the compiled store', () => {
  const lua = (sub: string) => readdirSync(join(ROOT, 'src/store/lua', sub)).filter((f) => f.endsWith('.lua'));
  expect(readdirSync(join(dir, 'dist/src/store/lua')).filter((f) => f.endsWith('.lua'))).toEqual(lua(''));
  expect(readdirSync(join(dir, 'dist/src/store/lua/includes'))).toEqual(lua('includes'));
});

test('providers and libraries that are not configured or not used yet are not loaded: imapflow, tsdav, mailparser, smpp, nodemailer, exceljs and ical.js stay out of a default start-up', async () => {
  const probe = [
    "require('./dist/src/main.js');",
    'const loaded = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean);',
    'process.stdout.write(JSON.stringify([...new Set(loaded)]));',
  ].join('\n');
  const child = spawn(process.execPath, ['--preserve-symlinks', '-e', probe], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  const loaded = JSON.parse(out) as string[];
  expect(loaded).toEqual(expect.arrayContaining(['botbuilder', 'restify', 'ioredis']));
  for (const lazy of ['imapflow', 'tsdav', 'mailparser', 'smpp', 'nodemailer', 'exceljs', 'ical.js'])
    expect(loaded).not.toContain(lazy);
});

test('the image has no dev dependency: the lock file marks none of its packages dev-only', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Parameters<
    typeof productionPackages
  >[0];
  const prod = productionPackages(lock);
  expect(prod).toEqual(expect.arrayContaining(['botbuilder', 'ioredis', 'nodemailer', 'restify']));
  for (const dev of ['jest', 'typescript', 'tsx', 'smtp-server', 'eslint']) expect(prod).not.toContain(dev);
});

/** The image's CMD / HEALTHCHECK argv with this machine's node (and its links kept, see above). */
const local = (argv: string[]) => {
  const [cmd, ...rest] = argv;
  if (cmd !== 'node') throw new Error(`the image runs ${cmd}, not node`);
  return { cmd: process.execPath, args: ['--preserve-symlinks', ...rest] };
};

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  const { cmd, args } = local(argv);
  const child = spawn(cmd, args, { cwd: dir, env, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

test("the image's CMD starts from its files alone, answers /readyz, passes its HEALTHCHECK and stops cleanly on SIGTERM", async () => {
  const port = await freeLoopbackPort();
  const { cmd, args } = local(execForm(instruction('CMD')));
  // The image's environment (NODE_ENV=production needs the Bot Framework credentials; development runs without).
  const child = spawn(cmd, args, {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redis.prefix,
      MAIL_DIR: join(dir, 'mail'),
      SMS_DIR: join(dir, 'sms'),
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  let ready = 0;
  for (let i = 0; i < 300 && exitCode === undefined && ready !== 200; i++) {
    ready = await status(`http://127.0.0.1:${port}/readyz`);
    if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  if (ready !== 200) child.kill('SIGKILL');
  expect({ ready, output }).toEqual({ ready: 200, output: expect.any(String) as string });
  const healthcheck = execForm(instruction('HEALTHCHECK'));
  expect(await run(healthcheck, { PATH: process.env.PATH, PORT: String(port) })).toBe(0);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
