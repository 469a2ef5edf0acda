/**
 * Lua scripts: one file per atomic command in src/store/lua/, named `<name>-<numKeys>.lua`
 * (BullMQ's layout), each opening with a comment of its KEYS and ARGV.
 *
 *   await runScript<number>(redis, 'releaseLock', [key], [token]);
 *
 * `release-lock-1.lua` becomes the command `releaseLock` with 1 key. Scripts are defined once
 * per client with ioredis `defineCommand` (EVALSHA, falling back to EVAL after a Redis restart);
 * works the same on a single node, Sentinel and Cluster. To add a script, drop a file into lua/.
 * A line `-- @include <name>` is replaced by lua/includes/<name>.lua (helpers shared by scripts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './redis-client';

/**
 * Next to this file: src/store/lua from source (tsx, jest), dist/src/store/lua in a build
 * (`npm run build` copies it there, scripts/copy-assets.ts).
 */
function luaDir(): string {
  const dir = join(__dirname, 'lua');
  if (!existsSync(dir))
    throw new Error(`Lua scripts not found at ${dir} (a build must copy src/store/lua: npm run build)`);
  return dir;
}

interface ScriptFile {
  command: string;
  numberOfKeys: number;
  lua: string;
}

let cache: ScriptFile[] | undefined;

function scriptFiles(): ScriptFile[] {
  if (cache) return cache;
  const dir = luaDir();
  cache = readdirSync(dir)
    .filter((f) => f.endsWith('.lua'))
    .map((file) => {
      const m = /^([a-z0-9-]+)-(\d+)\.lua$/.exec(file);
      if (!m) throw new Error(`Lua script "${file}" must be named <name>-<numKeys>.lua`);
      const command = m[1]!.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      const lua = readFileSync(join(dir, file), 'utf8').replace(/^-- @include ([a-z0-9-]+)\s*$/gm, (_, name: string) =>
        readFileSync(join(dir, 'includes', `${name}.lua`), 'utf8'),
      );
      return { command, numberOfKeys: Number(m[2]), lua };
    });
  return cache;
}

const defined = new WeakSet<object>();

/** Defines every script on this client (idempotent). */
export function defineScripts(redis: RedisClient): void {
  if (defined.has(redis)) return;
  for (const s of scriptFiles()) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  defined.add(redis);
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

/** Runs a script by its command name; keys get the client's key prefix like any other command. */
export async function runScript<T>(
  redis: RedisClient,
  command: string,
  keys: string[],
  args: (string | number)[],
): Promise<T> {
  defineScripts(redis);
  const fn = (redis as unknown as Record<string, ScriptCall | undefined>)[command];
  if (typeof fn !== 'function') throw new Error(`unknown Lua script "${command}"`);
  return (await fn.call(redis, ...keys, ...args)) as T;
}
