import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { ManualClock } from '../../src/domain/clock';
import { addDays, DAY, localDateOf } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
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
const deps = { store: new RedisRetentionStore(redis), logger, retentionDays: 90, auditRetentionDays: 365 };

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
  it('removes citizen data 90 days after the appointment and keeps what statistics need', async () => {
    const result = await runRetention(deps, now);
    expect(result.anonymised).toBe(2);

    const gone = (await store.get('old'))!;
    expect(gone.citizen).toEqual({ name: '', email: '', language: 'de' });
    expect(gone.note).toBeUndefined();
    expect(gone.anonymised).toBe(true);
    expect(gone).toMatchObject({
      status: 'no-show',
      serviceId: 'kfz',
      channel: 'phone',
      staffId: 'katrin-hoffmann',
      start: old.start,
      end: old.end,
      createdAt: old.createdAt,
    });
    expect((await store.get('ancient'))!.meetingUrl).toBeUndefined();

    // The day index still finds it, so summaries of that day still count it.
    expect((await store.listForDay(oldDay)).map((a) => [a.id, a.status])).toEqual([['old', 'no-show']]);

    const kept = (await store.get('recent'))!;
    expect(kept.citizen.name).toBe('Bürger recent');
    expect(kept.note).toBe('ruft zurück, Unterlagen fehlen');
    expect(kept.anonymised).toBeUndefined();
  });

  it('trims audit entries by their own retention and leaves newer ones', async () => {
    expect(await store.audit('ancient')).toEqual([]);
    expect((await store.audit('old')).map((e) => e.action)).toEqual(['booked', 'no-show']);
    expect(await store.audit('recent')).toHaveLength(1);
  });

  it('does nothing more on a second run the same night (it runs once, and is idempotent anyway)', async () => {
    expect(await runRetention(deps, now)).toEqual({ anonymised: 0, auditEntriesRemoved: 0, outboxEntriesRemoved: 0 });
  });

  it('anonymises the next appointment once it is due, and trims outbox history past the audit retention', async () => {
    expect(await redis.xlen(keys.outbox())).toBe(3);
    const later = await runRetention(deps, now + 366 * DAY);
    expect(later.anonymised).toBe(1);
    expect(later.auditEntriesRemoved).toBe(3);
    expect(later.outboxEntriesRemoved).toBe(3);
    expect((await store.get('recent'))!.citizen.email).toBe('');
    expect(await redis.xlen(keys.outbox())).toBe(0);
  });
});
