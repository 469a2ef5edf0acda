/**
 * The slot engine's busy index is read from the compact indexes (cal:/calend: ids with block start
 * and end), never from the appointments' JSON. Property: after any sequence of bookings, moves,
 * cancellations and outcomes, it holds exactly the blocks the records say overlap the window.
 */
import fc from 'fast-check';
import { appointmentUid } from '../../src/domain/calendar-busy';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { buildBusyIndex } from '../../src/domain/slots';
import { HOUR, localDateTime, MINUTE } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';

const t = testRedis('store-busy-index');
const clock = new ManualClock(localDateTime('2026-03-02', '07:00'));
const store = new AppointmentStore(t.redis, clock);
const base = localDateTime('2026-03-02', '00:00');
let runs = 0;

afterAll(() => t.cleanup());

let n = 0;
function appointment(staffId: string, startMin: number, durationMin: number, bufferMin: number): Appointment {
  const id = `appt_bi${++n}`;
  const start = base + startMin * MINUTE;
  return {
    id,
    uid: appointmentUid(id),
    sequence: 0,
    staffId,
    serviceId: 'x',
    channel: 'phone',
    start,
    end: start + durationMin * MINUTE,
    blockStart: start - bufferMin * MINUTE,
    blockEnd: start + (durationMin + bufferMin) * MINUTE,
    status: 'booked',
    citizen: { name: 'Erika Muster', language: 'de' },
    createdAt: clock.now(),
    createdBy: staffId,
    updatedAt: clock.now(),
  };
}

type Op =
  | { kind: 'book'; staff: number; startMin: number; durationMin: number; bufferMin: number }
  | { kind: 'move'; which: number; staff: number; startMin: number }
  | { kind: 'cancel'; which: number }
  | { kind: 'outcome'; which: number; noShow: boolean };

const minute = fc.integer({ min: 0, max: 3 * 24 * 60 - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      staff: fc.nat(2),
      startMin: minute,
      durationMin: fc.integer({ min: 5, max: 480 }),
      bufferMin: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), which: fc.nat(), staff: fc.nat(2), startMin: minute }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outcome' as const), which: fc.nat(), noShow: fc.boolean() }) },
);

async function apply(ops: Op[], ids: string[], staffIds: readonly string[]): Promise<void> {
  const audit = (id: string) => ({ at: clock.now(), actor: 's-a', action: 'x', appointmentId: id });
  for (const o of ops) {
    try {
      if (o.kind === 'book') {
        const a = appointment(staffIds[o.staff]!, o.startMin, o.durationMin, o.bufferMin);
        await store.confirm({ clientKey: `ck-${a.id}`, appointment: a, audit: audit(a.id), outbox: [] });
        ids.push(a.id);
        continue;
      }
      const id = ids[o.which % Math.max(1, ids.length)];
      const current = id ? await store.get(id) : null;
      if (!current) continue;
      const length = current.end - current.start;
      const start = base + ('startMin' in o ? o.startMin : 0) * MINUTE;
      if (o.kind === 'move')
        await store.move({
          appointmentId: current.id,
          expectedSequence: current.sequence,
          staffId: staffIds[o.staff]!,
          start,
          end: start + length,
          blockStart: start - (current.start - current.blockStart),
          blockEnd: start + length + (current.blockEnd - current.end),
          channel: current.channel,
          audit: audit(current.id),
          outbox: [],
        });
      if (o.kind === 'cancel')
        await store.cancel({ appointmentId: current.id, by: 'staff', audit: audit(current.id), outbox: [] });
      if (o.kind === 'outcome')
        await store.markOutcome({
          appointmentId: current.id,
          outcome: o.noShow ? 'no-show' : 'completed',
          audit: audit(current.id),
        });
    } catch (e) {
      if (!isDomainError(e)) throw e; // refused (overlap, not active): nothing changed
    }
  }
}

describe('busy index from the compact indexes', () => {
  it('holds exactly the blocks of booked, completed and no-show appointments that overlap the window, as the records say', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(minute, fc.integer({ min: 1, max: 36 * 60 })), { minLength: 1, maxLength: 4 }),
        async (ops, windows) => {
          // Each run books for staff of its own, so runs never see each other's blocks.
          const run = ++runs;
          const staffIds = ['a', 'b', 'c'].map((x) => `s${run}-${x}`);
          const ids: string[] = [];
          await apply(ops, ids, staffIds);
          const records = (
            await Promise.all(staffIds.map((s) => store.listForStaff(s, base - 24 * HOUR, base + 5 * 24 * HOUR)))
          ).flat();
          for (const [fromMin, lengthMin] of windows) {
            const from = base + fromMin * MINUTE;
            const to = from + lengthMin * MINUTE;
            const expected = buildBusyIndex(records.filter((a) => a.blockStart < to && a.blockEnd > from));
            const actual = await store.busyIndex(staffIds, from, to);
            for (const s of staffIds) expect(actual.blocks(s)).toEqual(expected.blocks(s));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
