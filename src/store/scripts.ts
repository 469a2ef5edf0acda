/**
 * Lua scripts: one file per atomic command in src/store/lua/, named `<name>-<numKeys>.lua`
 * (BullMQ's layout), each opening with a comment of its KEYS and ARGV.
 *
 *   await runScript<number>(redis, 'storageWrite', [key], [json, expectedETag, newETag]);
 *
 * `storage-write-1.lua` becomes the command `storageWrite` with 1 key. Scripts are defined once
 * per client with ioredis `defineCommand` (EVALSHA, falling back to EVAL after a Redis restart);
 * works the same on a single node, Sentinel and Cluster. To add a script, drop a file into lua/.
 * A line `-- @include <name>` is replaced by lua/includes/<name>.lua (helpers shared by scripts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RedisClient } from './redis';

/** Next to this file when run from source (tsx, jest); the source folder when run from dist/. */
function luaDir(): string {
  const here = join(__dirname, 'lua');
  return existsSync(here) ? here : resolve(__dirname, '../../../src/store/lua');
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
