/**
 * A bot process killed with SIGKILL in the middle of bookings. The app runs in a child process
 * (scripts/faults/app-process.ts); 300 held slots are confirmed concurrently over HTTP and the
 * process is killed once the first 60 answers are in. Then:
 *   - nothing is half written: every booked appointment is in its staff calendar, has its
 *     idempotency key and its invitation in the outbox; every calendar entry has its appointment;
 *   - a new process takes over and the user presses "confirm" again on every card: each slot ends
 *     up booked exactly once (the ones booked before the crash are returned, not booked twice);
 *   - holds nobody confirmed block their slot until they expire, then free it.
 */
import { expect } from '@jest/globals';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { holdSlot } from '../../src/app/book';
import { ManualClock } from '../../src/domain/clock';
import { addDays, localDateTime } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { directoryFor, spawnApp, type AppProcess } from '../../scripts/faults/app-process';
import { testRedis, TEST_REDIS_URL } from '../support/redis';
import { calendarConsistency } from './support';

jest.setTimeout(90_000);

const DAY = '2026-03-10';
const CITIZEN = {
  citizenName: 'Absturz Test',
  citizenEmail: 'absturz@example.org',
  citizenPhone: '0511 3333',
  citizenLanguage: 'de',
};
const HOLD_TTL_SECONDS = 120;

/** Posts one Action.Execute book.confirm as `staffIndex`'s Teams user; resolves with the status, or 0 when the connection died. */
function confirmAt(url: string, staffIndex: number, data: Record<string, unknown>): Promise<number> {
  const aad = `aad-${staffIndex}`;
  const body = JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:s${staffIndex}`, aadObjectId: aad },
    recipient: { id: '28:bot' },
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal', tenantId: 't' },
    channelData: { tenant: { id: 't' } },
    locale: 'de-DE',
    value: { action: { type: 'Action.Execute', verb: 'book.confirm', data }, trigger: 'manual' },
  });
  return new Promise((resolve) => {
    const req = request(
      `${url}/api/messages`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

describe('a bot process killed with SIGKILL during bookings', () => {
  const t = testRedis('rel-crash');
  const directory = directoryFor('bench');
  const clockAt = localDateTime(addDays(DAY, -1), '07:00');
  const clock = new ManualClock(clockAt);
  const store = new AppointmentStore(t.redis, clock);
  const deps = { directory, clock, store, absences: new AbsenceStore(t.redis), holdTtlSeconds: HOLD_TTL_SECONDS };
  const config = {
    mode: 'app' as const,
    redisUrl: TEST_REDIS_URL,
    prefix: t.prefix,
    clockAt,
    directory: 'bench' as const,
    outboxWorker: false,
    env: { HOLD_TTL_SECONDS: String(HOLD_TTL_SECONDS) },
  };
  let app: AppProcess | undefined;

  afterAll(async () => {
    await app?.kill();
    await t.cleanup();
  });

  it('leaves no half-written appointment, books every slot once after the restart, and lets unused holds expire', async () => {
    const staff = directory.staff.map((s, i) => ({ s, i })).filter(({ s }) => !s.team.startsWith('bb-'));
    const cards: { staffIndex: number; data: Record<string, unknown> }[] = [];
    for (const hhmm of ['08:00', '08:10', '08:20']) {
      for (const { s, i } of staff.slice(0, 100)) {
        const held = await holdSlot(deps, {
          actorId: s.id,
          staffId: s.id,
          serviceId: 'auskunft',
          channel: 'phone',
          start: localDateTime(DAY, hhmm),
        });
        cards.push({
          staffIndex: i,
          data: {
            forStaffId: s.id,
            serviceId: 'auskunft',
            channel: 'phone',
            start: held.start,
            holdToken: held.token,
            clientKey: held.clientKey,
            holdExpiresAt: held.expiresAt,
            ...CITIZEN,
          },
        });
      }
    }
    // Holds that nobody will confirm (the user walked away, or their turn died with the process).
    const abandoned = await Promise.all(
      staff.slice(0, 10).map(({ s }) =>
        holdSlot(deps, {
          actorId: s.id,
          staffId: s.id,
          serviceId: 'auskunft',
          channel: 'phone',
          start: localDateTime(DAY, '11:00'),
        }).then((h) => ({ staffId: s.id, ...h })),
      ),
    );

    app = await spawnApp(config);
    const first = app;
    let answered = 0;
    let killed: Promise<void> | undefined;
    const statuses = await Promise.all(
      cards.map((c) =>
        confirmAt(first.url, c.staffIndex, c.data).then((status) => {
          if (status === 200 && ++answered === 60) killed = first.kill();
          return status;
        }),
      ),
    );
    await killed;
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(60);
    expect(ok).toBeLessThan(cards.length); // the kill did interrupt bookings

    // Nothing half written.
    const afterCrash = await calendarConsistency(t.redis, directory);
    expect(afterCrash).toMatchObject({ overlaps: 0, missingInCalendar: [], orphanEntries: [] });
    const outboxIds = new Set(
      (await t.redis.xrange(keys.outbox(), '-', '+')).map(
        ([, f]) => (JSON.parse(f[f.indexOf('msg') + 1]!) as { appointmentId?: string }).appointmentId,
      ),
    );
    for (const c of cards) {
      const id = await t.redis.get(keys.idempotency(String(c.data.clientKey)));
      if (!id) continue;
      expect(await store.get(id)).toMatchObject({ status: 'booked' });
      expect(outboxIds.has(id)).toBe(true);
    }
    const bookedBeforeRestart = afterCrash.appointments;

    // A new process; every card's confirm is pressed again (a new activity: Teams' own retry of the killed turn is not needed).
    app = await spawnApp(config);
    const second = app;
    const again = await Promise.all(cards.map((c) => confirmAt(second.url, c.staffIndex, c.data)));
    expect(again.every((s) => s === 200)).toBe(true);
    const afterRestart = await calendarConsistency(t.redis, directory);
    expect(afterRestart).toMatchObject({ overlaps: 0, missingInCalendar: [], orphanEntries: [] });
    expect(afterRestart.appointments).toBe(cards.length);
    expect(bookedBeforeRestart).toBeLessThan(cards.length);
    await second.stop();
    console.info(
      `SIGKILL: ${ok} of ${cards.length} confirms answered before the kill, ${bookedBeforeRestart} booked in Redis, ${afterRestart.appointments} after the restart and the re-press, 0 half-written`,
    );

    // Unused holds block their slot for others until they expire, then free it.
    for (const h of abandoned) {
      const pttl = await t.redis.pttl(keys.hold(h.token));
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(HOLD_TTL_SECONDS * 1000);
      await expect(
        store.hold({
          staffId: h.staffId,
          blockStart: h.start,
          blockEnd: h.end,
          ttlMs: 60_000,
          holder: 'somebody-else',
        }),
      ).rejects.toMatchObject({ code: 'slot-taken' });
    }
    clock.advance(HOLD_TTL_SECONDS * 1000 + 1);
    for (const h of abandoned)
      await expect(
        store.hold({
          staffId: h.staffId,
          blockStart: h.start,
          blockEnd: h.end,
          ttlMs: 60_000,
          holder: 'somebody-else',
        }),
      ).resolves.toMatchObject({ token: expect.any(String) });
  });
});
