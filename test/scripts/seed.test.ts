/**
 * `npm run seed`'s code: a 200-staff town and appointments booked through the real booking path.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDirectory } from '../../src/config/directory';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { systemClock } from '../../src/domain/clock';
import { seedAppointments } from '../../scripts/seed/appointments';
import { runReminderSweep } from '../../src/jobs/reminders';
import { townDirectoryInput } from '../../scripts/seed/town-directory';
import { deletePrefix, seedTown } from '../../scripts/seed';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

const t = testRedis('scripts-seed');
const directory = parseDirectory(townDirectoryInput(), 'seed directory');

afterAll(() => t.cleanup());

describe('npm run seed', () => {
  it('generates a valid 200-staff directory that keeps the example people (Jonas, Anna) and their Teams identities', () => {
    expect(directory.staff).toHaveLength(200);
    expect(new Set(directory.staff.map((s) => s.id)).size).toBe(200);
    expect(directory.staff.find((s) => s.id === 'jonas-becker')?.aadObjectId).toBe(
      '00000000-0000-0000-0000-0000000000020',
    );
    expect(directory.staff.find((s) => s.id === 'anna-schulz')?.role).toBe('supervisor');
    expect(directory.teams.length).toBeGreaterThan(4);
  });

  it('books the asked number through the booking path: no overlaps, history marked, the coming days first, the outbox left empty', async () => {
    const now = localDateTime('2026-12-07', '09:00');
    const r = await seedAppointments(t.redis, directory, { count: 600, perDay: 20, now, concurrency: 8 });
    expect(r.booked).toBe(600);
    expect(r.refused).toBe(0);
    expect(r.completed + r.noShows).toBeGreaterThan(0);
    expect(r.lastDay > '2026-12-07').toBe(true);
    expect(r.firstDay < '2026-12-07').toBe(true);
    expect(await t.redis.zcard(keys.byStart())).toBe(600);
    expect(await t.redis.xlen(keys.outbox()).catch(() => 0)).toBe(0);
    const store = new AppointmentStore(t.redis, systemClock);
    for (const s of directory.staff) {
      const list = (await store.listForStaff(s.id, 0, Number.MAX_SAFE_INTEGER)).filter((a) => a.status !== 'cancelled');
      for (let i = 1; i < list.length; i++) expect(list[i]!.blockStart).toBeGreaterThanOrEqual(list[i - 1]!.blockEnd);
      for (const a of list) expect(a.createdAt).toBeLessThan(Math.min(a.start, now));
    }
    // Nobody exists to be reminded: the first reminder sweep of the seeded town queues nothing.
    const queued = await runReminderSweep(
      {
        redis: t.redis,
        appointments: store,
        citizenMinutes: 7 * 24 * 60,
        staffMinutes: 7 * 24 * 60,
        smsMinutes: 7 * 24 * 60,
      },
      now,
    );
    expect(queued).toEqual({ citizenReminders: 0, staffReminders: 0, smsReminders: 0 });
    expect(await t.redis.xlen(keys.outbox()).catch(() => 0)).toBe(0);
  }, 120_000);

  it('a re-run without --reset refuses before writing anything: Redis and the directory file stay as they were', async () => {
    const before = await t.redis.zcard(keys.byStart());
    expect(before).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    const file = join(dir, 'directory.json');
    const lines: string[] = [];
    try {
      const outcome = await seedTown(t.redis, {
        redisUrl: TEST_REDIS_URL,
        prefix: t.prefix,
        file,
        reset: false,
        count: 10,
        perDay: 5,
        log: (l) => lines.push(l),
      });
      expect(outcome).toBe('refused');
      expect(existsSync(file)).toBe(false);
      expect(lines).toEqual([]);
      expect(await t.redis.zcard(keys.byStart())).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--reset deletes the keys the app keeps under REDIS_KEY_PREFIX (the {prefix}: keys), then seeds afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    const file = join(dir, 'directory.json');
    const lines: string[] = [];
    try {
      const outcome = await seedTown(t.redis, {
        redisUrl: TEST_REDIS_URL,
        prefix: t.prefix,
        file,
        reset: true,
        count: 40,
        perDay: 20,
        now: localDateTime('2026-12-07', '09:00'),
        log: (l) => lines.push(l),
      });
      expect(outcome).toBe('seeded');
      expect(lines[0]).toMatch(/^--reset: [1-9]\d* keys under /);
      expect(existsSync(file)).toBe(true);
      expect(await t.redis.zcard(keys.byStart())).toBe(40);
      expect(await deletePrefix(TEST_REDIS_URL, t.prefix)).toBeGreaterThan(0);
      expect(await t.redis.zcard(keys.byStart())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
