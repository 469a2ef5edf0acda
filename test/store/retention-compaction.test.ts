/**
 * Retention compacts: an appointment past the retention period leaves only its facts for
 * reports. Whatever was booked, moved, cancelled and marked, the facts reader gives the same facts
 * before and after — so the figures of old days do not change — and nothing of the citizen is left
 * anywhere in Redis (no key, no index entry, no value); two instances at once, or a second run,
 * change nothing more.
 */
import fc from 'fast-check';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { factsOf, teamOfStaff } from '../../src/domain/appointment-facts';
import { ManualClock } from '../../src/domain/clock';
import { computeFigures } from '../../src/domain/figures';
import { searchEntriesOf } from '../../src/domain/search-keys';
import { addDays, DAY, localDateOf, localDateTime } from '../../src/domain/time';
import type { Appointment, AuditEntry, Channel } from '../../src/domain/types';
import { encodeFacts, readAppointmentFacts } from '../../src/store/appointment-facts';
import { RedisSearchIndex } from '../../src/store/appointment-search';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { runScript } from '../../src/store/scripts';
import { exampleDirectory } from '../support/summary-fixture';
import { keysMatching, TEST_REDIS_URL, testRedis } from '../support/redis';

jest.setTimeout(180_000);

const MIN = 60_000;
const directory = exampleDirectory();
const teamOf = teamOfStaff(directory.staff);
const STAFF = ['anna-schulz', 'jonas-becker', 'katrin-hoffmann'];
const SERVICES = ['meldewesen', 'kfz', 'auskunft'];
const CHANNELS: Channel[] = ['video', 'phone', 'in-person'];
const FIRST = '2026-03-02';
const LAST = addDays(FIRST, 59);
/** Half an hour per slot, 16 a day from 08:00. */
const at = (day: number, slot: number) => localDateTime(addDays(FIRST, day), '08:00') + slot * 30 * MIN;

type Op =
  | { op: 'book'; staff: number; day: number; slot: number; service: number; channel: number; email: boolean }
  | { op: 'move'; pick: number; staff: number; day: number; slot: number }
  | { op: 'cancel'; pick: number; byCitizen: boolean }
  | { op: 'outcome'; pick: number; noShow: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('book' as const),
      staff: fc.nat(STAFF.length - 1),
      day: fc.nat(59),
      slot: fc.nat(15),
      service: fc.nat(SERVICES.length - 1),
      channel: fc.nat(2),
      email: fc.boolean(),
    }),
  },
  fc.record({
    op: fc.constant('move' as const),
    pick: fc.nat(),
    staff: fc.nat(STAFF.length - 1),
    day: fc.nat(59),
    slot: fc.nat(15),
  }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat(), byCitizen: fc.boolean() }),
  fc.record({ op: fc.constant('outcome' as const), pick: fc.nat(), noShow: fc.boolean() }),
);

/** Every value of every key of a key space, as text (to look for what must be gone). */
async function everything(raw: Redis, keyPrefix: string): Promise<{ keys: string[]; text: string }> {
  const found = await keysMatching(raw, `${keyPrefix}*`);
  const parts: string[] = [];
  for (const key of found) {
    const type = await raw.type(key);
    if (type === 'string') parts.push((await raw.get(key)) ?? '');
    else if (type === 'list') parts.push(...(await raw.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(...(await raw.smembers(key)));
    else if (type === 'zset') parts.push(...(await raw.zrange(key, '0', '-1')));
    else if (type === 'hash') parts.push(...Object.entries(await raw.hgetall(key)).flat());
    else if (type === 'stream') parts.push(JSON.stringify(await raw.xrange(key, '-', '+')));
  }
  return { keys: found, text: parts.join('\n') };
}

describe('retention compaction', () => {
  const t = testRedis('retention-compaction');
  const raw = new Redis(TEST_REDIS_URL);
  const opened: Redis[] = [raw];
  let runs = 0;
  afterAll(async () => {
    await Promise.all(opened.map((r) => r.quit()));
    await t.cleanup();
  });

  function keySpace(): { redis: Redis; keyPrefix: string } {
    const keyPrefix = `{${t.prefix}run${++runs}}:`;
    const redis = new Redis(TEST_REDIS_URL, { keyPrefix, maxRetriesPerRequest: 2 });
    opened.push(redis);
    return { redis, keyPrefix };
  }

  /** Plays the operations; returns every appointment ever booked (latest record). */
  async function play(redis: Redis, clock: ManualClock, ops: readonly Op[]): Promise<Appointment[]> {
    const store = new AppointmentStore(redis, clock);
    const audit = (appointmentId: string): AuditEntry => ({
      at: clock.now(),
      actor: 'anna',
      action: 'x',
      appointmentId,
    });
    const ids: string[] = [];
    const swallow = () => undefined;
    for (const [n, op] of ops.entries()) {
      if (op.op === 'book') {
        const id = `appt-${n}x`; // the x: appt-1 is no prefix of appt-10's keys
        const start = at(op.day, op.slot);
        const a: Appointment = {
          id,
          uid: `${id}@test`,
          sequence: 0,
          staffId: STAFF[op.staff]!,
          serviceId: SERVICES[op.service]!,
          channel: CHANNELS[op.channel]!,
          start,
          end: start + 20 * MIN,
          blockStart: start,
          blockEnd: start + 25 * MIN,
          status: 'booked',
          citizen: {
            name: `Zyrillia Quastenbeck ${n}x`,
            ...(op.email ? { email: `zq${n}@example.org` } : { phone: `+49 151 7000${String(n).padStart(4, '0')}` }),
            language: 'de',
          },
          note: `Notiz Quastenbeck ${n}x`,
          createdAt: clock.now(),
          createdBy: 'anna',
          updatedAt: clock.now(),
          reachedBy: op.email ? ['email'] : ['call'],
        };
        const done = await store
          .confirm({ clientKey: `k-${id}`, appointment: a, audit: audit(id), outbox: [] })
          .catch(swallow);
        if (done) ids.push(id);
      } else if (ids.length > 0) {
        const id = ids[op.pick % ids.length]!;
        const a = (await store.get(id))!;
        if (op.op === 'move') {
          const start = at(op.day, op.slot);
          await store
            .move({
              appointmentId: id,
              expectedSequence: a.sequence,
              staffId: STAFF[op.staff]!,
              start,
              end: start + 20 * MIN,
              blockStart: start,
              blockEnd: start + 25 * MIN,
              channel: a.channel,
              audit: audit(id),
              outbox: [],
            })
            .catch(swallow);
        } else if (op.op === 'cancel') {
          await store
            .cancel({ appointmentId: id, by: op.byCitizen ? 'citizen' : 'staff', audit: audit(id), outbox: [] })
            .catch(swallow);
        } else {
          await store
            .markOutcome({ appointmentId: id, outcome: op.noShow ? 'no-show' : 'completed', audit: audit(id) })
            .catch(swallow);
        }
      }
      clock.advance(7 * MIN);
    }
    return store.getMany(ids);
  }

  const figuresOf = (facts: Awaited<ReturnType<typeof readAppointmentFacts>>, now: number) =>
    computeFigures({ directory, from: FIRST, to: LAST, facts, absences: [], now });

  it('keeps the same facts and figures, and leaves nothing of the citizen, also with two instances at once and twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.nat(59), async (ops, cutDay) => {
        const { redis, keyPrefix } = keySpace();
        const clock = new ManualClock(at(0, 0) - 10 * DAY);
        const booked = await play(redis, clock, ops);
        const now = at(59, 16) + 200 * DAY;
        const cutoff = at(cutDay, 8);
        const before = await readAppointmentFacts(redis, { from: FIRST, to: LAST, teamOf });
        const versionBefore = Number(await redis.get(keys.bookVersion()));

        // Two instances at once (their own connections), then a second run.
        const other = new Redis(TEST_REDIS_URL, { keyPrefix, maxRetriesPerRequest: 2 });
        opened.push(other);
        const [one, two] = await Promise.all([
          new RedisRetentionStore(redis, teamOf).compactEndedBefore(cutoff),
          new RedisRetentionStore(other, teamOf).compactEndedBefore(cutoff),
        ]);
        const again = await new RedisRetentionStore(redis, teamOf).compactEndedBefore(cutoff);

        const due = booked.filter((a) => a.end < cutoff);
        const kept = booked.filter((a) => a.end >= cutoff);
        expect(one.handled + two.handled).toBe(due.length);
        expect(again).toEqual({ handled: 0, unreadable: [] });
        expect([...one.unreadable, ...two.unreadable]).toEqual([]);

        const after = await readAppointmentFacts(redis, { from: FIRST, to: LAST, teamOf });
        expect(after).toEqual(before);
        expect(figuresOf(after, now)).toEqual(figuresOf(before, now));
        if (due.length > 0) expect(Number(await redis.get(keys.bookVersion()))).toBeGreaterThan(versionBefore);

        // Nothing of a compacted appointment is left but its facts: no record, no key, no index entry.
        const store = new AppointmentStore(redis, clock);
        expect(await store.getMany(due.map((a) => a.id))).toEqual([]);
        expect((await store.getMany(kept.map((a) => a.id))).map((a) => a.id)).toEqual(
          [...kept].sort((x, y) => x.start - y.start || x.id.localeCompare(y.id)).map((a) => a.id),
        );
        const all = await everything(raw, keyPrefix);
        const index = new RedisSearchIndex(redis, 30 * DAY);
        for (const a of due) {
          for (const text of [a.citizen.name, a.citizen.email, a.citizen.phone, a.note, a.ref].filter(Boolean))
            expect(all.text).not.toContain(text);
          expect(all.keys.filter((k) => k.includes(a.id))).toEqual([]);
          const idMentions = all.text.split('\n').filter((v) => v === a.id);
          // Once: the field of its facts in the month bucket.
          expect(idMentions).toHaveLength(1);
          expect(await redis.hexists(keys.facts(localDateOf(a.start).slice(0, 7), a.staffId), a.id)).toBe(1);
          for (const hits of await index.idsUnder(searchEntriesOf(a).map((e) => e.key)))
            expect(hits).not.toContain(a.id);
          if (a.ref) expect(await index.byReference(a.ref)).toBeNull();
        }
        // What is not due yet is untouched: still found, still on its calendar.
        for (const a of kept) {
          expect(all.text).toContain(a.citizen.name);
          expect(await index.byReference(a.ref!)).toBe(a.id);
          expect(await redis.zscore(keys.staffAppointments(a.staffId), a.id)).toBe(String(a.start));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('leaves an appointment that changed after retention read it, and compacts it as it is next time', async () => {
    const { redis } = keySpace();
    const clock = new ManualClock(at(0, 0) - DAY);
    const [a] = await play(redis, clock, [
      { op: 'book', staff: 0, day: 0, slot: 0, service: 0, channel: 0, email: true },
    ]);
    const readBefore = JSON.stringify({ ...a!, status: 'booked', note: 'as read before the change' });
    const facts = encodeFacts(factsOf(JSON.parse(readBefore) as Appointment, teamOf));
    const reply = await runScript<number[]>(
      redis,
      'retention',
      [keys.bookBase(), keys.smsBase()],
      ['compact', a!.end + 1, a!.id, createHash('sha1').update(readBefore).digest('hex'), localDateOf(a!.start), facts],
    );
    expect(reply).toEqual([0, 0]);
    expect(await redis.exists(keys.appointment(a!.id))).toBe(1);
    expect(await redis.exists(keys.facts(localDateOf(a!.start).slice(0, 7), a!.staffId))).toBe(0);

    await new AppointmentStore(redis, clock).markOutcome({
      appointmentId: a!.id,
      outcome: 'completed',
      audit: { at: clock.now(), actor: 'anna', action: 'completed', appointmentId: a!.id },
    });
    expect(await new RedisRetentionStore(redis, teamOf).compactEndedBefore(a!.end + 1)).toEqual({
      handled: 1,
      unreadable: [],
    });
    const after = await readAppointmentFacts(redis, { from: FIRST, to: FIRST, teamOf });
    expect(after.map((f) => [f.id, f.status])).toEqual([[a!.id, 'completed']]);
  });

  it('keeps an appointment that ends exactly at the cutoff, and compacts it once it ended before', async () => {
    const { redis } = keySpace();
    const clock = new ManualClock(at(0, 0) - DAY);
    const [a] = await play(redis, clock, [
      { op: 'book', staff: 0, day: 0, slot: 0, service: 0, channel: 0, email: true },
    ]);
    const retention = new RedisRetentionStore(redis, teamOf);
    expect(await retention.compactEndedBefore(a!.end)).toEqual({ handled: 0, unreadable: [] });
    expect(await redis.exists(keys.appointment(a!.id))).toBe(1);
    expect(await retention.compactEndedBefore(a!.end + 1)).toEqual({ handled: 1, unreadable: [] });
    expect(await redis.exists(keys.appointment(a!.id))).toBe(0);
  });

  it('reports a record it cannot read and compacts the rest', async () => {
    const { redis } = keySpace();
    const clock = new ManualClock(at(0, 0) - DAY);
    const booked = await play(redis, clock, [
      { op: 'book', staff: 0, day: 0, slot: 0, service: 0, channel: 0, email: true },
      { op: 'book', staff: 1, day: 0, slot: 1, service: 1, channel: 1, email: false },
    ]);
    await redis.set(keys.appointment(booked[0]!.id), '{"id":"broken"');
    const pass = await new RedisRetentionStore(redis, teamOf).compactEndedBefore(at(1, 0));
    expect(pass).toEqual({ handled: 1, unreadable: [booked[0]!.id] });
    expect(await redis.exists(keys.appointment(booked[1]!.id))).toBe(0);
    // Still in the index: reported again by the next run (the job reports each id once).
    expect(await redis.zscore(keys.byStart(), booked[0]!.id)).not.toBeNull();
  });
});
