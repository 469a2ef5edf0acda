import { AbsenceStore } from '../../src/store/absences';
import { keys } from '../../src/store/keys';
import type { Absence } from '../../src/domain/types';
import { testRedis } from '../support/redis';

const absence = (id: string, staffId: string, from: string, to: string): Absence => ({
  id,
  staffId,
  from,
  to,
  mode: 'absent',
  reason: 'leave',
  reportedBy: staffId,
  createdAt: 0,
});

describe('absences over the years', () => {
  const t = testRedis('absences');
  afterAll(() => t.cleanup());

  it('lists the absences overlapping a range from the ones that end on or after its first day, and keeps the rest for the reports', async () => {
    const store = new AbsenceStore(t.redis);
    const years = Array.from({ length: 300 }, (_, i) =>
      absence(`old-${i}`, `s${i % 20}`, `${2020 + (i % 6)}-03-02`, `${2020 + (i % 6)}-03-06`),
    );
    await store.add(years);
    await store.add([
      absence('now', 's1', '2026-12-07', '2026-12-09'),
      absence('later', 's2', '2027-01-04', '2027-01-08'),
    ]);
    expect((await store.listOverlapping('2026-12-08', '2026-12-31')).map((a) => a.id)).toEqual(['now']);
    expect((await store.listOverlapping('2026-12-01', '2027-02-01')).map((a) => a.id)).toEqual(['now', 'later']);
    // The reports' old months still see theirs.
    expect(await store.listOverlapping('2023-03-01', '2023-03-31')).toHaveLength(50);
    expect(await t.redis.zcard(keys.absencesByEnd())).toBe(await t.redis.hlen(keys.absences()));
    await store.remove(['now']);
    expect(await store.listOverlapping('2026-12-08', '2026-12-31')).toEqual([]);
    expect(await t.redis.zscore(keys.absencesByEnd(), 'now')).toBeNull();
  });

  it('finds absences an earlier version stored without the index (rebuilt from the hash on the next read)', async () => {
    const store = new AbsenceStore(t.redis);
    const before = absence('before-upgrade', 's7', '2026-12-07', '2026-12-11');
    await t.redis.hset(keys.absences(), before.id, JSON.stringify(before));
    expect((await store.listOverlapping('2026-12-10', '2026-12-10')).map((a) => a.id)).toEqual(['before-upgrade']);
    expect(await t.redis.zscore(keys.absencesByEnd(), before.id)).toBe('20261211');
    // Removed by an instance not yet updated (the hash only): the next read rebuilds and forgets it.
    await t.redis.hdel(keys.absences(), before.id);
    expect(await store.listOverlapping('2026-12-10', '2026-12-10')).toEqual([]);
    expect(await t.redis.zcard(keys.absencesByEnd())).toBe(await t.redis.hlen(keys.absences()));
  });
});
