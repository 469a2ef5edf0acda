/**
 * The build stands alone: the compiled app runs from a folder holding only dist/, node_modules,
 * package.json and the directory file — no src/. The TypeScript is transpiled file by file with the
 * project's compiler options (what tsc emits, minus the type check `npm test` does anyway, so the
 * test stays fast); the assets come from the same scripts/copy-assets.ts `npm run build` runs.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { copyAssets } from '../../scripts/copy-assets';
import { freeLoopbackPort } from '../reliability/support';
import { testRedis, TEST_REDIS_URL } from '../support/redis';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** src/**\/*.ts → <out>/dist/src/**\/*.js with tsconfig.build.json's options. */
function transpileInto(out: string): void {
  const configPath = join(ROOT, 'tsconfig.build.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, (file) => ts.sys.readFile(file)).config,
    ts.sys,
    ROOT,
  );
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { ...parsed.options, sourceMap: false },
      fileName: file,
    });
    const target = join(out, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}

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

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sprech-build-'));
  transpileInto(dir);
  copyAssets(join(dir, 'dist'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(ROOT, 'config/directory.example.json'), join(dir, 'directory.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
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

test('node dist/src/main.js starts without src/, answers /readyz and stops cleanly on SIGTERM', async () => {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redis.prefix,
      DIRECTORY_FILE: 'directory.json',
      MAIL_DIR: join(dir, 'mail'),
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
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
