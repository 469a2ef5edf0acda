/**
 * Records written before text was normalised at the edges (a lone UTF-16 surrogate in a citizen's
 * name, which Redis' Lua JSON decoder rejects) and records that cannot be read at all: staff and
 * citizen cancel still work, retention compacts what it can, skips the rest without stopping,
 * and reports each skipped record once (appointment ids only, no personal data in the log).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { runRetention } from '../../src/app/retention';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import { decodeFacts } from '../../src/store/appointment-facts';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { book } from '../delivery/book';
import { testRedis } from '../support/redis';

const { redis, cleanup } = testRedis('retention-unreadable');
const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
const store = new AppointmentStore(redis, clock);
afterAll(cleanup);

/** Writes the record as an earlier version did: JSON.stringify escapes the lone surrogate. */
async function poison(id: string): Promise<void> {
  const a = (await store.get(id))!;
  await redis.set(keys.appointment(id), JSON.stringify({ ...a, citizen: { ...a.citizen, name: 'Erika \ud800' } }));
}

describe('appointments holding a lone surrogate from before normalisation', () => {
  it('can still be cancelled by staff and by the citizen', async () => {
    const a = await book(store, { start: localDateTime('2026-12-09', '09:00'), channel: 'phone' });
    const b = await book(store, { start: localDateTime('2026-12-09', '10:00'), channel: 'phone' });
    await poison(a.id);
    await poison(b.id);
    const byStaff = await store.cancel({
      appointmentId: a.id,
      by: 'staff',
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'cancel', appointmentId: a.id },
      outbox: [],
    });
    expect(byStaff).toMatchObject({ status: 'cancelled', citizen: { name: 'Erika \ufffd' } });
    const byCitizen = await new StoreCitizenCanceller(store, clock).cancelByCitizen(b.id);
    expect(byCitizen.status).toBe('cancelled');
  });
});

describe('retention with records it cannot read', () => {
  it('compacts the repairable ones, skips the unreadable one, reports it once and logs no personal data', async () => {
    const start = localDateTime('2026-12-10', '09:00');
    const good = await book(store, { start, channel: 'phone', citizen: { name: 'Gerda Gut' } });
    const repairable = await book(store, { start: start + 3_600_000, channel: 'phone' });
    const broken = await book(store, { start: start + 7_200_000, channel: 'phone', citizen: { name: 'Bruno Bruch' } });
    const after = await book(store, { start: start + 10_800_000, channel: 'phone' });
    await poison(repairable.id);
    await redis.set(keys.appointment(broken.id), '{"citizen":{"name":"Bruno Bruch"'); // cut off mid-write

    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const reports: string[][] = [];
    const deps = {
      store: new RedisRetentionStore(redis, () => 'buergerbuero-a'),
      logger,
      retentionDays: 90,
      auditRetentionDays: 365,
      reportUnreadable: async (ids: string[]) => void reports.push(ids),
    };
    const now = start + 100 * DAY;

    const first = await runRetention(deps, now);
    expect(first.unreadable).toBe(1);
    // And the two cancelled ones of the first test.
    expect(first.compacted).toBe(5);
    for (const id of [good.id, repairable.id, after.id]) expect(await store.get(id)).toBeNull();
    expect(new Set([good.staffId, repairable.staffId, after.staffId]).size).toBe(1);
    const bucket = await redis.hgetall(keys.facts('2026-12', good.staffId));
    expect(Object.keys(bucket)).toEqual(expect.arrayContaining([good.id, repairable.id, after.id]));
    expect(Object.keys(bucket)).not.toContain(broken.id);
    expect(decodeFacts(repairable.id, good.staffId, bucket[repairable.id]!)).toMatchObject({
      teamId: 'buergerbuero-a',
      channel: 'phone',
    });
    expect(reports).toEqual([[broken.id]]);
    const log = lines.join('');
    expect(log).toContain(broken.id);
    expect(log).not.toMatch(/Bruno|Gerda|Erika|example\.org/);
    expect(JSON.parse(lines.find((l) => l.includes('unreadable records skipped'))!)).toMatchObject({ level: 50 });

    // The next night: the unreadable record is not reported again, nothing else is stopped by it.
    const second = await runRetention(deps, now + DAY);
    expect(second.unreadable).toBe(1);
    expect(reports).toHaveLength(1);
  });
});
