/**
 * The call list's counts on real Redis. The summary counts a colleague's open calls with the ZCARD
 * of their list (`calls:<staff>`), without reading a call, so the list must move with the calls
 * hash through every change: opened, moved to another colleague's list, tried again, reached, and a
 * call whose JSON cannot be read. Each step compares the count with what the agenda shows.
 */
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { CallStore } from '../../src/store/calls';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { appointment, exampleDirectory } from '../support/summary-fixture';

const directory = exampleDirectory();
const t = testRedis('store-calls');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const store = new AppointmentStore(t.redis, clock);
const calls = new CallStore(t.redis, clock);
const team = ['katrin-hoffmann', 'tobias-krueger', 'anna-schulz'];

afterAll(() => t.cleanup());

/** Booked for a citizen with a landline only: each later change by staff reaches them only by a call. */
let booked = 0;
async function bookByPhone(id: string, staffId: string): Promise<Appointment> {
  const at = `${String(8 + booked++).padStart(2, '0')}:00`; // one an hour: none in another's way
  const a = appointment(directory, { id, staffId, serviceId: 'kfz', channel: 'phone', day: '2026-03-05', at });
  const { appointment: written } = await store.confirm({
    clientKey: `k-${id}`,
    appointment: { ...a, citizen: { name: `Ilse ${id}`, phone: '+49513712345', language: 'de' } },
    audit: { at: a.createdAt, actor: staffId, action: 'booked', appointmentId: id },
    outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
  });
  return written;
}

/** Moved a day on by staff (to `staffId`): the call about it is on that colleague's list. */
async function moveTo(a: Appointment, staffId: string): Promise<Appointment> {
  clock.advance(1000);
  const start = a.start + DAY;
  return store.move({
    appointmentId: a.id,
    expectedSequence: a.sequence,
    staffId,
    start,
    end: start + (a.end - a.start),
    blockStart: start,
    blockEnd: start + (a.end - a.start),
    channel: a.channel,
    audit: { at: clock.now(), actor: staffId, action: 'rescheduled', appointmentId: a.id },
    outbox: (next) => [
      { kind: 'citizen-invitation', appointmentId: next.id, sequence: next.sequence, reason: 'rescheduled' },
    ],
  });
}

/** Per colleague with any: the count the agenda shows (listForStaff's total) and the calls it lists. */
async function agendaOf(staffIds: readonly string[]): Promise<Record<string, { total: number; listed: number }>> {
  const out: Record<string, { total: number; listed: number }> = {};
  for (const id of staffIds) {
    const { calls: listed, total } = await calls.listForStaff(id);
    if (total > 0 || listed.length > 0) out[id] = { total, listed: listed.length };
  }
  return out;
}

/** The summary's counts, checked against the agenda's and the calls hash. */
async function counts(): Promise<Record<string, number>> {
  const counted = await calls.countByStaff(team);
  const agenda = await agendaOf(team);
  expect(Object.fromEntries(Object.entries(agenda).map(([id, a]) => [id, a.total]))).toEqual(counted);
  expect(Object.values(agenda).every((a) => a.listed === a.total)).toBe(true);
  expect(await t.redis.hlen(keys.openCalls())).toBe(Object.values(counted).reduce((n, c) => n + c, 0));
  return counted;
}

describe('CallStore.countByStaff (the summary’s open calls)', () => {
  it('counts each colleague’s open calls as their agenda does: opened, moved to another list, retried, reached', async () => {
    const k1 = await bookByPhone('call-k1', 'katrin-hoffmann');
    const k2 = await bookByPhone('call-k2', 'katrin-hoffmann');
    const t1 = await bookByPhone('call-t1', 'tobias-krueger');
    expect(await counts()).toEqual({});

    const k1a = await moveTo(k1, 'katrin-hoffmann');
    const k2a = await moveTo(k2, 'katrin-hoffmann');
    const t1a = await moveTo(t1, 'tobias-krueger');
    expect(await counts()).toEqual({ 'katrin-hoffmann': 2, 'tobias-krueger': 1 });

    // The newer change is Tobias's to tell: the call leaves Katrin's list.
    const k1b = await moveTo(k1a, 'tobias-krueger');
    expect(await counts()).toEqual({ 'katrin-hoffmann': 1, 'tobias-krueger': 2 });

    // A replanning Anna applied cancels it: she calls.
    await store.cancel({
      appointmentId: k2a.id,
      by: 'staff',
      caller: 'anna-schulz',
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'cancelled', appointmentId: k2a.id },
      outbox: [{ kind: 'citizen-cancellation', appointmentId: k2a.id, sequence: k2a.sequence + 1, reason: 'replan' }],
    });
    expect(await counts()).toEqual({ 'tobias-krueger': 2, 'anna-schulz': 1 });

    const mark = (a: Appointment, outcome: 'reached' | 'retry') =>
      calls.mark({ appointmentId: a.id, sequence: a.sequence, outcome, tries: 0, actorId: a.staffId });
    expect((await mark(t1a, 'retry')).outcome).toBe('retried');
    expect(await counts()).toEqual({ 'tobias-krueger': 2, 'anna-schulz': 1 });
    expect((await mark(k1b, 'reached')).outcome).toBe('reached');
    expect(await counts()).toEqual({ 'tobias-krueger': 1, 'anna-schulz': 1 });

    // Only the colleagues asked about are counted.
    expect(await calls.countByStaff(['anna-schulz', 'katrin-hoffmann'])).toEqual({ 'anna-schulz': 1 });
    expect(await calls.countByStaff([])).toEqual({});
  });

  it('a call whose JSON cannot be read leaves its list when it is closed or replaced, so no count keeps it', async () => {
    const garble = (id: string) =>
      t.redis.hset(keys.openCalls(), id, `{"appointmentId":"${id}","staffId":"katrin-hoffmann","sequence":1,"ev`);
    const base = await counts();

    // Closed by "Erreicht" (mark-call-1.lua: an unreadable call is closed).
    const c1 = await moveTo(await bookByPhone('call-c1', 'katrin-hoffmann'), 'katrin-hoffmann');
    await garble(c1.id);
    expect(await calls.countByStaff(['katrin-hoffmann'])).toEqual({ 'katrin-hoffmann': 1 });
    expect(await calls.mark({ appointmentId: c1.id, sequence: 1, outcome: 'reached', tries: 0, actorId: 'x' })).toEqual(
      {
        outcome: 'done',
      },
    );
    expect(await t.redis.zscore(keys.staffCalls('katrin-hoffmann'), c1.id)).toBeNull();
    expect(await counts()).toEqual(base);

    // Replaced by a newer change on another colleague's list.
    const c2 = await moveTo(await bookByPhone('call-c2', 'katrin-hoffmann'), 'katrin-hoffmann');
    await garble(c2.id);
    await moveTo(c2, 'tobias-krueger');
    expect(await t.redis.zscore(keys.staffCalls('katrin-hoffmann'), c2.id)).toBeNull();
    expect(await counts()).toEqual({ ...base, 'tobias-krueger': (base['tobias-krueger'] ?? 0) + 1 });
  });
});
