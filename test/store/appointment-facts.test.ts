/**
 * The facts reader of the reports: live appointments through `factsOf`, compacted ones from their
 * month bucket, each id once, only the period's days and the asked staff members; the compact encoding
 * is lossless.
 */
import fc from 'fast-check';
import { factsOf, teamOfStaff, type AppointmentFacts } from '../../src/domain/appointment-facts';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import type { Appointment, AuditEntry } from '../../src/domain/types';
import { decodeFacts, encodeFacts, factsMonthOf, readAppointmentFacts } from '../../src/store/appointment-facts';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { sampleAppointment } from './support/appointments-fixture';

const MIN = 60_000;
const teamOf = teamOfStaff([
  { id: 'anna', team: 'buergerbuero' },
  { id: 'ben', team: 'kfz' },
]);

/** Mostly ids as the directory allows them (the compact form), sometimes anything (the JSON form). */
const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,14}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const factsArb: fc.Arbitrary<AppointmentFacts> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    staffId: fc.string({ minLength: 1, maxLength: 12 }),
    teamId: fc.option(idArb, { nil: null }),
    serviceIds: fc.array(idArb, { minLength: 1, maxLength: 3 }),
    channel: fc.constantFrom('video' as const, 'phone' as const, 'in-person' as const),
    // Mostly whole minutes (the compact form), sometimes not (the JSON form).
    start: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 26_000_000, max: 32_000_000 }).map((m) => m * 60_000) },
      { weight: 1, arbitrary: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }) },
    ),
    duration: fc.integer({ min: 1, max: 8 * 60 }).map((m) => m * 60_000),
    before: fc.nat(60).map((m) => m * 60_000),
    after: fc.nat(60).map((m) => m * 60_000),
    lead: fc.integer({ min: -3600_000, max: 400 * 86_400_000 }),
    status: fc.constantFrom('booked' as const, 'completed' as const, 'no-show' as const, 'cancelled' as const),
    cancelledBy: fc.constantFrom('staff' as const, 'citizen' as const, 'replan' as const),
    cancelDelay: fc.nat(90 * 86_400_000),
    moves: fc.nat(20),
    reachedBy: fc.subarray(['email' as const, 'sms' as const, 'call' as const]),
  })
  .map((r) => ({
    id: r.id,
    staffId: r.staffId,
    teamId: r.teamId,
    serviceIds: r.serviceIds,
    channel: r.channel,
    start: r.start,
    end: r.start + r.duration,
    blockStart: r.start - r.before,
    blockEnd: r.start + r.duration + r.after,
    createdAt: r.start - r.lead,
    status: r.status,
    cancelledBy: r.status === 'cancelled' ? r.cancelledBy : null,
    cancelledAt: r.status === 'cancelled' ? r.start - r.lead + r.cancelDelay : null,
    moves: r.moves,
    reachedBy: r.reachedBy,
  }));

describe('compact facts encoding', () => {
  it('decodes to exactly the facts it encoded', () => {
    fc.assert(fc.property(factsArb, (f) => expect(decodeFacts(f.id, f.staffId, encodeFacts(f))).toEqual(f)));
  });

  it('keeps the usual appointment within 64 bytes, so a staff member’s month stays a compact listpack in Redis', () => {
    const usual = factsOf(
      sampleAppointment({
        id: 'appt_0123456789abcdef0123456789abcdef',
        staffId: 'anna',
        serviceId: 'meldewesen',
        start: localDateTime('2026-03-30', '09:00'),
        createdAt: localDateTime('2026-03-11', '14:23') + 17_345,
        status: 'cancelled',
        cancelledBy: 'citizen',
        cancelledAt: localDateTime('2026-03-20', '08:01') + 59_999,
        moves: 2,
        reachedBy: ['email', 'sms'],
      }),
      () => 'buergerbuero-a',
    );
    expect(Buffer.byteLength(encodeFacts(usual))).toBeLessThanOrEqual(64);
  });

  it('refuses a value that is not an encoding of facts', () => {
    expect(() => decodeFacts('a', 's', '["json",{"id":"a"}]')).toThrow();
    expect(() => decodeFacts('a', 's', 'not facts')).toThrow();
    expect(() => decodeFacts('a', 's', 't|s|v|1|1|0|0|0|q|||0|e')).toThrow();
    expect(() => decodeFacts('a', 's', 't|s|v|1|1|0|0|0|b|||0.5|e')).toThrow();
  });

  it('files an appointment under the Berlin month of its start', () => {
    expect(factsMonthOf(localDateTime('2026-03-31', '23:30'))).toBe('2026-03');
    expect(factsMonthOf(localDateTime('2026-04-01', '00:30'))).toBe('2026-04');
  });
});

describe('readAppointmentFacts', () => {
  const t = testRedis('appointment-facts');
  const clock = new ManualClock(localDateTime('2026-03-01', '08:00'));
  const store = new AppointmentStore(t.redis, clock);
  const audit = (appointmentId: string): AuditEntry => ({ at: clock.now(), actor: 'anna', action: 'x', appointmentId });
  afterAll(() => t.cleanup());

  async function book(a: Appointment): Promise<Appointment> {
    return (await store.confirm({ clientKey: `k-${a.id}`, appointment: a, audit: audit(a.id), outbox: [] }))
      .appointment;
  }

  const live: Appointment[] = [];
  beforeAll(async () => {
    // Across a month boundary, both staff members, every status, a move and a cancellation.
    live.push(await book(sampleAppointment({ id: 'a1', start: localDateTime('2026-03-30', '09:00') })));
    live.push(await book(sampleAppointment({ id: 'a2', staffId: 'ben', start: localDateTime('2026-03-31', '23:00') })));
    live.push(
      await book(sampleAppointment({ id: 'a3', start: localDateTime('2026-04-01', '10:00'), channel: 'phone' })),
    );
    live.push(await book(sampleAppointment({ id: 'a4', start: localDateTime('2026-04-02', '10:00') })));
    live.push(await book(sampleAppointment({ id: 'out', start: localDateTime('2026-04-03', '10:00') })));
    await store.cancel({ appointmentId: 'a3', by: 'citizen', audit: audit('a3'), outbox: [] });
    const a4 = live[3]!;
    const start = a4.start + 2 * 60 * MIN;
    await store.move({
      appointmentId: 'a4',
      expectedSequence: a4.sequence,
      staffId: 'ben',
      start,
      end: start + 30 * MIN,
      blockStart: start - 10 * MIN,
      blockEnd: start + 40 * MIN,
      channel: 'video',
      audit: audit('a4'),
      outbox: [],
    });
    clock.set(localDateTime('2026-04-02', '18:00'));
    await store.markOutcome({ appointmentId: 'a1', outcome: 'no-show', audit: audit('a1') });
  });

  async function expected(ids: string[]): Promise<AppointmentFacts[]> {
    const records = await store.getMany(ids);
    return records.map((a) => factsOf(a, teamOf));
  }

  it('gives the facts of the live appointments of the period, by start', async () => {
    const facts = await readAppointmentFacts(t.redis, { from: '2026-03-30', to: '2026-04-02', teamOf });
    expect(facts).toEqual(await expected(['a1', 'a2', 'a3', 'a4']));
    expect(facts.map((f) => [f.id, f.status, f.staffId, f.teamId, f.moves])).toEqual([
      ['a1', 'no-show', 'anna', 'buergerbuero', 0],
      ['a2', 'booked', 'ben', 'kfz', 0],
      ['a3', 'cancelled', 'anna', 'buergerbuero', 0],
      ['a4', 'booked', 'ben', 'kfz', 1],
    ]);
  });

  it('gives only the asked staff members (after the last move) and days', async () => {
    const ben = await readAppointmentFacts(t.redis, {
      from: '2026-03-01',
      to: '2026-04-30',
      staffIds: ['ben'],
      teamOf,
    });
    expect(ben.map((f) => f.id)).toEqual(['a2', 'a4']);
    const april = await readAppointmentFacts(t.redis, { from: '2026-04-01', to: '2026-04-02', teamOf });
    expect(april.map((f) => f.id)).toEqual(['a3', 'a4']);
    expect(await readAppointmentFacts(t.redis, { from: '2026-04-02', to: '2026-04-01', teamOf })).toEqual([]);
  });

  it('adds compacted facts from their month buckets, each id once, by start', async () => {
    const old: AppointmentFacts = {
      ...factsOf(
        sampleAppointment({ id: 'gone', staffId: 'ben', start: localDateTime('2026-03-31', '08:00') }),
        teamOf,
      ),
      teamId: 'kfz-alt',
    };
    const outside: AppointmentFacts = {
      ...old,
      id: 'gone-earlier',
      start: old.start - 40 * DAY,
      end: old.end - 40 * DAY,
    };
    for (const f of [old, outside]) {
      await t.redis.hset(keys.facts(factsMonthOf(f.start), f.staffId), f.id, encodeFacts(f));
      await t.redis.sadd(keys.factsStaff(factsMonthOf(f.start)), f.staffId);
    }
    const facts = await readAppointmentFacts(t.redis, { from: '2026-03-31', to: '2026-04-01', teamOf });
    expect(facts).toEqual([old, ...(await expected(['a2', 'a3']))]);
    const ben = await readAppointmentFacts(t.redis, {
      from: '2026-01-01',
      to: '2026-04-30',
      staffIds: ['ben'],
      teamOf,
    });
    expect(ben.map((f) => f.id)).toEqual(['gone-earlier', 'gone', 'a2', 'a4']);
  });
});
