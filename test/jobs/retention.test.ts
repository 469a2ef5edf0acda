import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { ManualClock } from '../../src/domain/clock';
import { addDays, DAY, localDateOf } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { readAppointmentFacts } from '../../src/store/appointment-facts';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { testRedis } from '../support/redis';
import { appointment, exampleDirectory } from '../support/summary-fixture';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });
const { redis, cleanup } = testRedis('jobs-retention');
// Real time: outbox stream ids are made by Redis' clock, and the outbox trim compares with them.
const now = Date.now();
const today = localDateOf(now);
const store = new AppointmentStore(redis, new ManualClock(now));
const teamOf = teamOfStaff(directory.staff);
const deps = { store: new RedisRetentionStore(redis, teamOf), logger, retentionDays: 90, auditRetentionDays: 365 };

async function book(a: Appointment, auditAt: number): Promise<void> {
  await store.confirm({
    clientKey: `k-${a.id}`,
    appointment: {
      ...a,
      note: 'ruft zurück, Unterlagen fehlen',
      meetingUrl: a.channel === 'video' ? 'https://meet.example/room' : undefined,
    },
    audit: { at: auditAt, actor: a.staffId, action: 'booked', appointmentId: a.id },
    outbox: [{ kind: 'citizen-invitation', appointmentId: a.id, sequence: 0, reason: 'booked' }],
  });
}

const oldDay = addDays(today, -100);
const ancientDay = addDays(today, -400);
const old = appointment(directory, {
  id: 'old',
  staffId: 'katrin-hoffmann',
  serviceId: 'kfz',
  channel: 'phone',
  day: oldDay,
  at: '09:00',
});
const ancient = appointment(directory, {
  id: 'ancient',
  staffId: 'peter-klein',
  serviceId: 'wohngeld',
  channel: 'video',
  day: ancientDay,
  at: '10:00',
});
const recent = appointment(directory, {
  id: 'recent',
  staffId: 'katrin-hoffmann',
  serviceId: 'kfz',
  channel: 'phone',
  day: addDays(today, -10),
  at: '09:00',
});

beforeAll(async () => {
  await book(old, old.createdAt);
  await book(ancient, ancient.createdAt);
  await book(recent, recent.createdAt);
  await store.markOutcome({
    appointmentId: 'old',
    outcome: 'no-show',
    audit: { at: old.end + 60_000, actor: old.staffId, action: 'no-show', appointmentId: 'old' },
  });
});
afterAll(cleanup);

describe('retention', () => {
  it('compacts appointments 90 days after they ended: their facts for reports stay, nothing else', async () => {
    const factsBefore = await readAppointmentFacts(redis, { from: ancientDay, to: today, teamOf });
    const result = await runRetention(deps, now);
    expect(result.compacted).toBe(2);

    expect(await store.get('old')).toBeNull();
    expect(await store.get('ancient')).toBeNull();
    expect(await store.audit('old')).toEqual([]);
    expect(await store.listForDay(oldDay)).toEqual([]);
    expect(await redis.exists(keys.idempotency('k-old'))).toBe(0);
    // The reports still count them, as they were.
    expect(await readAppointmentFacts(redis, { from: ancientDay, to: today, teamOf })).toEqual(factsBefore);
    expect((await readAppointmentFacts(redis, { from: oldDay, to: oldDay, teamOf }))[0]).toMatchObject({
      id: 'old',
      status: 'no-show',
      serviceIds: ['kfz'],
      channel: 'phone',
      staffId: 'katrin-hoffmann',
      teamId: 'buergerbuero-b',
      start: old.start,
      end: old.end,
      createdAt: old.createdAt,
    });

    const kept = (await store.get('recent'))!;
    expect(kept.citizen.name).toBe('Bürger recent');
    expect(kept.note).toBe('ruft zurück, Unterlagen fehlen');
    expect(await store.audit('recent')).toHaveLength(1);
  });

  it('does nothing more on a second run the same night (it runs once, and is idempotent anyway)', async () => {
    expect(await runRetention(deps, now)).toEqual({ compacted: 0, auditEntriesRemoved: 0, outboxEntriesRemoved: 0 });
  });

  it('trims audit entries by their own retention when that is the shorter one', async () => {
    const day = addDays(today, -50);
    const a = appointment(directory, {
      id: 'audited',
      staffId: 'peter-klein',
      serviceId: 'wohngeld',
      channel: 'video',
      day,
      at: '11:00',
    });
    await book(a, now - 40 * DAY);
    await store.markOutcome({
      appointmentId: 'audited',
      outcome: 'completed',
      audit: { at: now - 10 * DAY, actor: a.staffId, action: 'completed', appointmentId: 'audited' },
    });
    const result = await runRetention({ ...deps, auditRetentionDays: 30 }, now);
    expect(result).toMatchObject({ compacted: 0, auditEntriesRemoved: 1 });
    expect((await store.audit('audited')).map((e) => e.action)).toEqual(['completed']);
  });
  it('compacts the next appointment once it is due, and trims outbox history past the audit retention', async () => {
    expect(await redis.xlen(keys.outbox())).toBe(4);
    const later = await runRetention(deps, now + 366 * DAY);
    expect(later.compacted).toBe(2);
    expect(later.outboxEntriesRemoved).toBe(4);
    expect(await store.get('recent')).toBeNull();
    expect(await redis.xlen(keys.outbox())).toBe(0);
  });
});
