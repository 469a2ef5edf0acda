/**
 * The key contract (docs/redis-keys.md), checked on what really runs: a Redis of the test's own
 * records every command with MONITOR — the app's own and every `redis.call` inside the Lua scripts —
 * while the bot books, cancels, delivers its outbox and runs its jobs; Redis itself names each
 * command's keys (COMMAND GETKEYS). Every key carries the deployment's hash tag, so on a Cluster the
 * whole deployment, and with it every script, lives in one slot; a second deployment gets another.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import { bookThroughCards, command, press } from '../bot/flows/support';
import { OwnRedisServer } from '../support/redis-server';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';

describe('every key of a deployment carries its hash tag (MONITOR on a Redis of the test’s own)', () => {
  let server: OwnRedisServer;
  let monitor: Redis;
  let feed: Redis;
  let folder: string;
  const seen: { args: string[]; source: string }[] = [];
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));

  beforeAll(async () => {
    // A one-node cluster holding every slot: plain clients work on it, and it answers CLUSTER KEYSLOT.
    server = await OwnRedisServer.start(['--save', '', '--appendonly', 'no', '--cluster-enabled', 'yes']);
    const admin = new Redis(server.url);
    await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    while (!String(await admin.call('CLUSTER', 'INFO')).includes('cluster_state:ok'))
      await new Promise((r) => setTimeout(r, 50));
    admin.disconnect();
    folder = await mkdtemp(join(tmpdir(), 'sprech-contract-'));
    monitor = new Redis(server.url);
    feed = await monitor.monitor();
    feed.on('monitor', (_time: string, args: string[], source: string) => seen.push({ args, source }));
  }, 30_000);
  afterAll(async () => {
    feed?.disconnect();
    monitor?.disconnect();
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** Runs the bot's work under one deployment: bookings, a cancellation, outbox delivery, the jobs. */
  async function work(label: string): Promise<TeamsHarness> {
    const h = await startTeamsHarness({
      label,
      clock,
      outboxWorker: false,
      redisUrl: server.url,
      env: { REPLY_DIR: join(folder, `replies-${label}`), MAIL_DIR: join(folder, `mail-${label}`) },
    });
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
    await bookThroughCards(h, { serviceId: 'meldewesen', channel: 'video', forStaffId: '*' });
    const agenda = await command(h, 'meine termine woche');
    await press(h, await press(h, agenda, 'appt.cancelAsk'), 'appt.cancel');
    await h.app.outbox.ensureGroup();
    await h.app.outbox.runOnce();
    await h.app.jobs.reminderSweep(clock.now() + DAY);
    await h.app.jobs.dailySummary(clock.now());
    await h.app.jobs.mailboxPoll.run(clock.now());
    await h.app.jobs.retention(clock.now() + 400 * DAY);
    await fetch(`${h.app.url}/c/not-a-token`);
    return h;
  }

  it('touches only keys under the deployment’s tag, in scripts too; two deployments land in different slots', async () => {
    const seelze = await work('seelze');
    const lehrte = await work('lehrte');
    const prefixes = [seelze, lehrte].map((h) => h.redis.options.keyPrefix!);
    expect(prefixes.map((p) => p.startsWith('{') && p.endsWith('}:'))).toEqual([true, true]);
    await Promise.all([seelze.close(), lehrte.close()]);
    feed.disconnect();

    // Redis names the keys of every distinct command it ran (ours and those inside the scripts).
    const plain = new Redis(server.url);
    const distinct = [...new Map(seen.map((c) => [JSON.stringify(c.args), c])).values()];
    const touched = (
      await Promise.all(
        distinct.map(async (c) => {
          const keys = (await plain.call('COMMAND', 'GETKEYS', ...c.args).catch(() => [])) as string[];
          return keys.map((key) => ({ key, lua: c.source === 'lua' }));
        }),
      )
    ).flat();
    const slotOf = async (key: string) => Number(await plain.call('CLUSTER', 'KEYSLOT', key));
    const fromScripts = touched.filter((t) => t.lua);
    // The run really went through the scripts (confirm, hold, cancel, outbox, retention, …).
    const family = (key: string) => {
      const rest = key.slice(key.indexOf('}:') + 2).split(':');
      return rest[0] === 'book' ? `book:${rest[1]}` : rest[0];
    };
    expect(new Set(fromScripts.map((t) => family(t.key))).size).toBeGreaterThanOrEqual(6);
    expect(touched.filter((t) => !prefixes.some((p) => t.key.startsWith(p)))).toEqual([]);
    // One slot per deployment, a different one for each.
    const slots = await Promise.all(
      prefixes.map(
        async (p) => new Set(await Promise.all(touched.filter((t) => t.key.startsWith(p)).map((t) => slotOf(t.key)))),
      ),
    );
    await plain.quit();
    expect(slots.map((s) => s.size)).toEqual([1, 1]);
    expect([...slots[0]!][0]).not.toBe([...slots[1]!][0]);
  }, 120_000);
});
