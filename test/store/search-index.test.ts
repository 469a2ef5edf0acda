/**
 * The search index lives in the booking scripts (confirm, move, retention, backfill): whatever the
 * concurrency, it always equals what a full recomputation from the appointments gives
 * (src/domain/search-keys.ts searchEntriesOf), and every live appointment holds its own reference.
 */
import fc from 'fast-check';
import { maySee, searchAppointments } from '../../src/app/search-appointments';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { parseSearch, searchEntriesOf } from '../../src/domain/search-keys';
import { DAY, localDateTime } from '../../src/domain/time';
import type { Appointment, AuditEntry, Citizen } from '../../src/domain/types';
import { RedisSearchIndex } from '../../src/store/appointment-search';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import Redis from 'ioredis';
import { TEST_REDIS_URL, testRedis } from '../support/redis';
import { sampleAppointment } from './support/appointments-fixture';

jest.setTimeout(120_000);

const MIN = 60_000;
const DAY0 = '2026-03-23';
const at = (day: number, slot: number) => localDateTime(DAY0, '08:00') + day * DAY + slot * 60 * MIN;

const CITIZENS: Citizen[] = [
  { name: 'Gisela Brandt', email: 'gisela@example.org', phone: '0151 2345678', language: 'de' },
  { name: 'Jürgen Müller-Lüdenscheidt', email: 'JM@example.org', language: 'de' },
  { name: 'Jurgen Mueller', phone: '+49 151 2345678', language: 'de' },
  { name: 'Ayşe Öztürk', email: 'ayse@example.org', language: 'en' },
  { name: 'Gisela Brand', language: 'de' },
];

/** What the index must hold, computed from the appointments alone. */
function recompute(appointments: readonly Appointment[]) {
  const sets = new Map<string, Set<string>>();
  const refs = new Map<string, string>();
  for (const a of appointments) {
    if (a.anonymised) continue;
    for (const e of searchEntriesOf(a)) {
      const s = sets.get(e.key) ?? new Set<string>();
      s.add(a.id);
      sets.set(e.key, s);
    }
    if (a.ref) refs.set(a.ref, a.id);
  }
  const names = [...sets.keys()].filter((k) => k.startsWith('n:')).map((k) => k.slice(2));
  return {
    sets: Object.fromEntries([...sets.keys()].sort().map((k): [string, string[]] => [k, [...sets.get(k)!].sort()])),
    names: names.sort(),
    reversed: names.map((n) => [...n].reverse().join('')).sort(),
    refs: Object.fromEntries([...refs].sort()),
    indexed: appointments
      .filter((a) => !a.anonymised && searchEntriesOf(a).length > 0)
      .map((a) => a.id)
      .sort(),
  };
}

describe('search index in the booking scripts', () => {
  const t = testRedis('search-index');
  const clock = new ManualClock(at(0, 0) - DAY);
  // Each property run gets a key space of its own (no SCAN over a shared Redis to wipe or read it back).
  let redis: Redis = t.redis;
  let store = new AppointmentStore(redis, clock);
  let index = new RedisSearchIndex(redis, 30 * DAY);
  let runs = 0;
  const opened: Redis[] = [];
  function newKeySpace(): void {
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${t.prefix}run${++runs}:`, maxRetriesPerRequest: 2 });
    opened.push(redis);
    store = new AppointmentStore(redis, clock);
    index = new RedisSearchIndex(redis, 30 * DAY);
  }
  let n = 0;
  const uniq = (p: string) => `${p}-${++n}`;
  const audit = (appointmentId: string): AuditEntry => ({ at: clock.now(), actor: 'anna', action: 'x', appointmentId });

  afterAll(async () => {
    await Promise.all(opened.map((r) => r.quit()));
    await t.cleanup();
  });

  /** Every entry key any of the test's citizens can be found under (the whole key universe of the index). */
  const universe = [...new Set(CITIZENS.flatMap((c) => searchEntriesOf({ citizen: c }).map((e) => e.key)))];

  /** The index as Redis holds it, read back key by key. */
  async function actual(ids: readonly string[]) {
    const sets: Record<string, string[]> = {};
    for (const k of universe) {
      const members = (await redis.smembers(keys.searchEntry(k))).sort();
      if (members.length) sets[k] = members;
    }
    const indexed: string[] = [];
    for (const id of ids) if (await redis.exists(keys.searchEntriesOf(id))) indexed.push(id);
    return {
      sets,
      names: (await redis.zrange(keys.searchNames(), '0', '-1')).sort(),
      reversed: (await redis.zrange(keys.searchNamesReversed(), '0', '-1')).sort(),
      refs: Object.fromEntries(Object.entries(await redis.hgetall(keys.references())).sort()),
      indexed: indexed.sort(),
    };
  }

  const everything = () => store.listByStartRange(0, 8_640_000_000_000);

  type Op =
    | { op: 'book'; staff: number; day: number; slot: number; citizen: number }
    | { op: 'move'; pick: number; day: number; slot: number; citizen: number | null }
    | { op: 'cancel'; pick: number }
    | { op: 'retention'; day: number };

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constant('book' as const),
      staff: fc.nat(2),
      day: fc.nat(4),
      slot: fc.nat(5),
      citizen: fc.nat(CITIZENS.length - 1),
    }),
    fc.record({
      op: fc.constant('move' as const),
      pick: fc.nat(50),
      day: fc.nat(4),
      slot: fc.nat(5),
      citizen: fc.option(fc.nat(CITIZENS.length - 1)),
    }),
    fc.record({ op: fc.constant('cancel' as const), pick: fc.nat(50) }),
    fc.record({ op: fc.constant('retention' as const), day: fc.nat(5) }),
  );

  async function run(op: Op, live: readonly Appointment[]): Promise<void> {
    const swallow = (e: unknown) => {
      if (!isDomainError(e)) throw e;
    };
    switch (op.op) {
      case 'book': {
        const a = sampleAppointment({
          id: uniq('a'),
          staffId: `s${op.staff}`,
          start: at(op.day, op.slot),
          citizen: CITIZENS[op.citizen]!,
        });
        await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }).catch(swallow);
        return;
      }
      case 'move': {
        const a = live[op.pick % Math.max(1, live.length)];
        if (!a) return;
        const start = at(op.day, op.slot);
        await store
          .move({
            appointmentId: a.id,
            expectedSequence: a.sequence,
            staffId: a.staffId,
            start,
            end: start + 30 * MIN,
            blockStart: start - 10 * MIN,
            blockEnd: start + 40 * MIN,
            channel: a.channel,
            ...(op.citizen === null ? {} : { patch: { citizen: CITIZENS[op.citizen]! } }),
            audit: audit(a.id),
            outbox: [],
          })
          .catch(swallow);
        return;
      }
      case 'cancel': {
        const a = live[op.pick % Math.max(1, live.length)];
        if (!a) return;
        await store.cancel({ appointmentId: a.id, by: 'staff', audit: audit(a.id), outbox: [] }).catch(swallow);
        return;
      }
      case 'retention':
        await new RedisRetentionStore(redis, () => undefined).compactEndedBefore(at(op.day, 0));
        return;
    }
  }

  it('equals a full recomputation from the appointments under concurrent book, move, cancel and retention', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          newKeySpace();
          for (const batch of batches) {
            const live = (await everything()).filter((a) => a.status === 'booked');
            // Each batch runs at once: the scripts interleave on the server as they will in production.
            await Promise.all(batch.map((op) => run(op, live)));
          }
          const all = await everything();
          expect(await actual(all.map((a) => a.id))).toEqual(recompute(all));
          // Every live appointment has a reference of its own; anonymised ones none.
          for (const a of all) {
            if (a.anonymised) expect(a.ref).toBeUndefined();
            else expect(a.ref).toMatch(/^T-[34679ACDEFHJKMNPQRTUVWXY]{4,5}$/);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
  });

  it('indexes appointments booked before the index existed, once, beside live bookings', async () => {
    newKeySpace();
    const old = sampleAppointment({ id: uniq('old'), start: at(1, 1), citizen: CITIZENS[0]! });
    // Written as an older version would have: appointment and indexes, no search entries.
    await redis.set(keys.appointment(old.id), JSON.stringify(old));
    await redis.zadd(keys.byStart(), old.start, old.id);
    const gone = sampleAppointment({ id: uniq('gone'), start: at(0, 1), anonymised: true });
    await redis.set(keys.appointment(gone.id), JSON.stringify(gone));
    await redis.zadd(keys.byStart(), gone.start, gone.id);
    const recent = sampleAppointment({ id: uniq('new'), start: at(2, 2), citizen: CITIZENS[1]! });
    await store.confirm({ clientKey: uniq('ck'), appointment: recent, audit: audit(recent.id), outbox: [] });
    expect(await index.backfill()).toBe(1);
    expect(await index.backfill()).toBe(0);
    const all = await everything();
    expect(await actual(all.map((a) => a.id))).toEqual(recompute(all));
  });

  it('searches: names with one typo, phone in any notation, upcoming first, rights and anonymised records respected', async () => {
    newKeySpace();
    clock.set(at(2, 0));
    const book = async (over: Partial<Appointment> & { start: number }) => {
      const a = sampleAppointment({ id: uniq('a'), ...over });
      return (await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))
        .appointment;
    };
    const past = await book({ start: at(0, 1), citizen: CITIZENS[0]!, staffId: 'anna' });
    const soon = await book({ start: at(3, 1), citizen: CITIZENS[0]!, staffId: 'anna' });
    const later = await book({ start: at(4, 1), citizen: CITIZENS[4]!, staffId: 'bert' });
    await book({ start: at(3, 2), citizen: CITIZENS[1]!, staffId: 'anna' });
    const directory = {
      organisation: { name: 'x', mailbox: 'x@x', address: 'x', phone: '1', timezone: 'Europe/Berlin' as const },
      holidays: [],
      teams: [
        { id: 'a', name: 'A', shift: false, location: '' },
        { id: 'b', name: 'B', shift: false, location: '' },
      ],
      services: [],
      staff: (['anna', 'bert'] as const).map((id) => ({
        id,
        aadObjectId: id,
        upn: `${id}@x`,
        name: id,
        team: id === 'anna' ? 'a' : 'b',
        role: 'staff' as const,
        supervises: [],
        services: ['register'],
        hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        phone: '1',
        language: 'de' as const,
        homeOffice: true,
      })),
    };
    const deps = { directory, clock, index, appointments: store, audit: index };
    const find = async (actorId: string, text: string) => {
      const parsed = parseSearch(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      return (await searchAppointments(deps, { actorId, key: parsed.key })).appointments.map((a) => a.id);
    };
    // Anna may not book Bert (no bookableBy): his Gisela Brand is not hers to see.
    expect(await find('anna', 'Brandt')).toEqual([soon.id, past.id]);
    expect(await find('bert', 'Brandt')).toEqual([later.id]);
    expect(maySee(directory, directory.staff[0]!, later)).toBe(false);
    expect(await find('anna', 'Gisela Brnadt')).toEqual([soon.id, past.id]);
    expect(await find('anna', '0049 151 234 5678')).toEqual([soon.id, past.id]);
    expect(await find('anna', soon.ref!.toLowerCase())).toEqual([soon.id]);
    expect(await find('anna', 'GISELA@example.org')).toEqual([soon.id, past.id]);
    // Retention compacts the past one: it is found no more, by any key.
    await new RedisRetentionStore(redis, () => undefined).compactEndedBefore(at(1, 0));
    expect(await find('anna', 'Brandt')).toEqual([soon.id]);
    expect(await find('anna', past.ref!)).toEqual([]);
    expect(await find('anna', '01512345678')).toEqual([soon.id]);
  });
});
