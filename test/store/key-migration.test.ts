/**
 * `npm run migrate-keys`: one deployment's data of the layout before the per-deployment hash tag
 * (`<prefix>{book}:…`, `<prefix>calsync:…`) moves to `{<name>}:…` with type, content, an outbox
 * stream's consumer group and the time to live intact; a second run moves nothing; an interrupted
 * run is finished; a new key holding other data is never overwritten; other deployments' keys stay.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ConfigError, loadEnv } from '../../src/config/env';
import {
  holdsOldLayout,
  keyNamespaces,
  refuseOldKeyLayout,
  migrateKeys,
  newKeyOf,
} from '../../src/store/key-migration';
import { keys, redisKeyPrefix } from '../../src/store/keys';
import { keysMatching, TEST_REDIS_URL } from '../support/redis';

const ROOT = join(__dirname, '../..');

describe('moving a deployment to its own hash tag (npm run migrate-keys)', () => {
  const old = `test:migrate:${randomBytes(4).toString('hex')}:`;
  const other = `test:migrate-other:${randomBytes(4).toString('hex')}:`;
  const raw = new Redis(TEST_REDIS_URL);
  const app = new Redis(TEST_REDIS_URL, { keyPrefix: redisKeyPrefix(old) });
  afterAll(async () => {
    for (const pattern of [`${old}*`, `${other}*`, `${redisKeyPrefix(old)}*`]) {
      const found = await keysMatching(raw, pattern);
      if (found.length) await raw.unlink(...found);
    }
    await raw.quit();
    await app.quit();
  });

  async function seedOldLayout(prefix: string) {
    await raw.set(`${prefix}{book}:appt:a1`, '{"id":"a1"}');
    await raw.zadd(`${prefix}{book}:cal:katrin`, 1000, 'a1');
    await raw.xadd(`${prefix}{book}:outbox`, '*', 'key', 'a1:citizen-invitation:0', 'msg', '{}');
    await raw.xgroup('CREATE', `${prefix}{book}:outbox`, 'delivery', '0');
    await raw.set(`${prefix}{book}:idem:ck1`, 'a1', 'PX', 600_000);
    await raw.hset(`${prefix}calsync:status:katrin`, 'lastSuccess', '1', 'firstRead', '1');
    await raw.set(`${prefix}bot:convref:x`, '{}');
  }

  it('knows the namespaces of keys.ts, the booking one included', () => {
    expect(keyNamespaces()).toEqual(expect.arrayContaining(['book', 'bot', 'calsync', 'job', 'secret']));
    expect(newKeyOf('seelze:', 'seelze:{book}:appt:a1')).toBe('{seelze}:book:appt:a1');
    expect(newKeyOf('seelze:', 'seelze:calsync:lock:s')).toBe('{seelze}:calsync:lock:s');
  });

  it('moves every key with its content, consumer group and time to live, and nothing of another deployment', async () => {
    await seedOldLayout(old);
    await seedOldLayout(other);
    const dry = await migrateKeys(raw, [raw], old, { dryRun: true });
    expect(dry).toMatchObject({ found: 6, moved: 0, byNamespace: { book: 4, bot: 1, calsync: 1 } });

    const r = await migrateKeys(raw, [raw], old);
    expect(r).toMatchObject({ found: 6, moved: 6, finished: 0, conflicts: [] });
    // The bot reads them under the new prefix, as keys.ts names them.
    expect(await app.get(keys.appointment('a1'))).toBe('{"id":"a1"}');
    expect(await app.zrange(keys.calendar('katrin'), '0', '-1')).toEqual(['a1']);
    const groups = (await app.xinfo('GROUPS', keys.outbox())) as unknown[][];
    expect(groups.map((g) => g[1])).toEqual(['delivery']);
    expect(await app.pttl(keys.idempotency('ck1'))).toBeGreaterThan(500_000);
    expect(await app.hget(keys.calendarSync('status', 'katrin'), 'firstRead')).toBe('1');
    expect(await app.get(keys.conversationRef('x'))).toBe('{}');
    const left = await keysMatching(raw, `${old}*`);
    expect(left).toEqual([]);
    const untouched = await keysMatching(raw, `${other}*`);
    expect(untouched).toHaveLength(6);

    // Idempotent: nothing left to move.
    expect(await migrateKeys(raw, [raw], old)).toMatchObject({ found: 0, moved: 0 });
  });

  it('finishes an interrupted run and never overwrites a new key holding other data', async () => {
    // Interrupted after RESTORE, before DEL: the old key is still there, equal to the new one.
    await raw.restore(`${old}{book}:appt:a1`, 0, await raw.dumpBuffer(`${redisKeyPrefix(old)}book:appt:a1`));
    // The new version ran before the migration and wrote a2 itself.
    await raw.set(`${old}{book}:appt:a2`, 'old');
    await app.set(keys.appointment('a2'), 'new');
    const r = await migrateKeys(raw, [raw], old);
    expect(r).toMatchObject({ found: 2, moved: 0, finished: 1, conflicts: [`${redisKeyPrefix(old)}book:appt:a2`] });
    expect(await raw.exists(`${old}{book}:appt:a1`)).toBe(0);
    expect(await raw.get(`${old}{book}:appt:a2`)).toBe('old');
    expect(await app.get(keys.appointment('a2'))).toBe('new');
  });

  it('keeps the bot from starting on data of the old layout, naming the command that moves it', async () => {
    const stale = `test:migrate-stale:${randomBytes(4).toString('hex')}:`;
    expect(await holdsOldLayout(raw, stale)).toBe(false);
    await raw.xadd(`${stale}{book}:outbox`, '*', 'key', 'k', 'msg', '{}');
    expect(await holdsOldLayout(raw, stale)).toBe(true);
    const env = loadEnv({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: stale });
    // What main() runs right after Redis answers, before anything else starts.
    await expect(refuseOldKeyLayout(env)).rejects.toThrow(ConfigError);
    await expect(refuseOldKeyLayout(env)).rejects.toThrow(/REDIS_KEY_PREFIX: .*npm run migrate-keys/);
    await raw.del(`${stale}{book}:outbox`);
    await expect(refuseOldKeyLayout(env)).resolves.toBeUndefined();
  });

  it('as a command: says what it found and moved, and exits 1 naming a conflict', () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/migrate-keys.ts'), ...args],
        {
          env: { ...process.env, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: old, REDIS_CLUSTER_NODES: '' },
          encoding: 'utf8',
          cwd: ROOT,
        },
      );
    const conflict = run();
    expect(conflict.status).toBe(1);
    expect(conflict.stdout).toContain('found 1 old keys (book 1)');
    expect(conflict.stderr).toContain(`conflict: ${redisKeyPrefix(old)}book:appt:a2`);
    expect(run('--wrong').status).toBe(2);
  });
});
