import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ManualClock } from '../../../src/domain/clock';
import { DomainError, isDomainError } from '../../../src/domain/errors';
import { findEarliestSlots } from '../../../src/domain/slots';
import { localDateTime } from '../../../src/domain/time';
import type { AuditEntry } from '../../../src/domain/types';
import { AbsenceStore } from '../../../src/store/absences';
import { AppointmentStore } from '../../../src/store/appointments';
import { outboxEntry } from '../../../src/store/outbox';
import { keys } from '../../../src/store/keys';
import { schedulingDirectory } from '../../domain/scheduling-fixture';
import { sampleAppointment } from './appointments-fixture';
import type { StoreTarget } from './store-targets';

const MIN = 60_000;
const ROOT = join(__dirname, '../../..');

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

function runChild(env: Record<string, string>): Promise<{ created: number; taken: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(__dirname, 'contend.ts')],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim()) as { created: number; taken: number })
        : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

/** The store suite, run against the single node and (when configured) a Redis Cluster. */
export function appointmentStoreSuite(makeTarget: () => StoreTarget): void {
  let target: StoreTarget;
  let clock: ManualClock;
  let store: AppointmentStore;
  let n = 0;
  const uniq = (p: string) => `${p}-${++n}`;
  const day = '2026-03-23';
  const t = (hhmm: string) => localDateTime(day, hhmm);
  const audit = (appointmentId: string, action = 'book'): AuditEntry => ({
    at: clock.now(),
    actor: 'anna',
    action,
    appointmentId,
  });

  beforeAll(() => {
    target = makeTarget();
  });
  afterAll(async () => {
    await target.cleanup();
  });
  beforeEach(() => {
    clock = new ManualClock(t('06:00'));
    store = new AppointmentStore(target.redis, clock);
  });

  const staff = () => uniq('staff');

  it('confirms a booking and writes appointment, indexes, audit and one outbox entry in one step', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:00') });
    const msg = outboxEntry({ kind: 'citizen-invitation', appointmentId: a.id, sequence: 0, reason: 'booked' });
    const r = await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [msg.msg] });
    // The confirm script reserves the appointment reference the citizen reads out on the phone.
    expect(r.appointment.ref).toMatch(/^T-[34679ACDEFHJKMNPQRTUVWXY]{4}$/);
    expect(r).toEqual({ appointment: { ...a, ref: r.appointment.ref }, created: true });
    expect(await store.get(a.id)).toEqual(r.appointment);
    expect(await target.redis.hget(keys.references(), r.appointment.ref!)).toBe(a.id);
    expect((await store.listForStaff(s, t('00:00'), t('23:59'))).map((x) => x.id)).toEqual([a.id]);
    expect((await store.listForDay(day)).map((x) => x.id)).toContain(a.id);
    expect((await store.listByStartRange(t('08:59'), t('09:01'))).map((x) => x.id)).toContain(a.id);
    expect(await store.audit(a.id)).toEqual([audit(a.id)]);
    const entries = await target.redis.xrange(keys.outbox(), '-', '+');
    const mine = entries.filter(([, f]) => f[1] === `${a.id}:citizen-invitation:0`);
    expect(mine).toHaveLength(1);
    expect(mine[0]![1]).toEqual(['key', `${a.id}:citizen-invitation:0`, 'msg', JSON.stringify(msg.msg)]);
  });

  it('lets exactly one of 200 concurrent confirms from separate connections win the same slot', async () => {
    const s = staff();
    const conns = Array.from({ length: 200 }, () => target.connect());
    const results = await Promise.all(
      conns.map(async (conn, i) => {
        const st = new AppointmentStore(conn, clock);
        // the same slot, and slots shifted by 5/10 minutes so that only the buffers collide
        const a = sampleAppointment({ id: uniq('race'), staffId: s, start: t('10:00') + (i % 3) * 5 * MIN });
        return codeOf(st.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }));
      }),
    );
    await Promise.all(conns.map((c) => c.quit()));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'slot-taken')).toHaveLength(199);
    expect(await target.redis.zcard(keys.calendar(s))).toBe(1);
  });

  it('lets exactly one booking win when two Node processes race for the same slot', async () => {
    const s = staff();
    const common = {
      ...target.env,
      CONTEND_PREFIX: target.prefix,
      CONTEND_N: '100',
      CONTEND_STAFF: s,
      CONTEND_START: String(t('11:00')),
    };
    const [p1, p2] = await Promise.all([
      runChild({ ...common, CONTEND_TAG: uniq('p1') }),
      runChild({ ...common, CONTEND_TAG: uniq('p2') }),
    ]);
    expect(p1.created + p2.created).toBe(1);
    expect(p1.taken + p2.taken).toBe(199);
    expect(await target.redis.zcard(keys.calendar(s))).toBe(1);
  }, 60_000);

  it('refuses an overlapping confirm with slot-taken, buffers included, and accepts the adjacent block', async () => {
    const s = staff();
    const first = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:10') }); // block 09:00-09:50
    await store.confirm({ clientKey: uniq('ck'), appointment: first, audit: audit(first.id), outbox: [] });
    const overlapping = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:55') }); // block from 09:45
    const err = await store
      .confirm({ clientKey: uniq('ck'), appointment: overlapping, audit: audit(overlapping.id), outbox: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('slot-taken');
    expect(await store.get(overlapping.id)).toBeNull();
    const before = sampleAppointment({ id: uniq('a'), staffId: s, start: t('08:30') }); // block 08:20-09:10
    expect(
      await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: before, audit: audit(before.id), outbox: [] })),
    ).toBe('slot-taken');
    const adjacent = sampleAppointment({ id: uniq('a'), staffId: s, start: t('10:00') }); // block 09:50-10:40
    expect(
      await codeOf(
        store.confirm({ clientKey: uniq('ck'), appointment: adjacent, audit: audit(adjacent.id), outbox: [] }),
      ),
    ).toBe('ok');
  });

  it('returns the original appointment for an idempotent retry and writes nothing twice', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('13:00') });
    const clientKey = uniq('ck');
    const msg = outboxEntry({ kind: 'citizen-invitation', appointmentId: a.id, sequence: 0, reason: 'booked' });
    const first = await store.confirm({ clientKey, appointment: a, audit: audit(a.id), outbox: [msg.msg] });
    const retry = await store.confirm({
      clientKey,
      appointment: { ...a, id: uniq('other') },
      audit: audit(a.id),
      outbox: [msg.msg],
    });
    expect(first.created).toBe(true);
    expect(retry).toEqual({ appointment: first.appointment, created: false });
    expect(await store.audit(a.id)).toHaveLength(1);
    const entries = await target.redis.xrange(keys.outbox(), '-', '+');
    expect(entries.filter(([, f]) => f[1] === msg.key)).toHaveLength(1);
  });

  it('blocks a slot with a hold for other users, not for the holder, and frees it when the hold expires', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('14:00'), createdBy: 'bert' });
    const hold = await store.hold({
      staffId: s,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      ttlMs: 5 * MIN,
      holder: 'anna',
    });
    expect(hold.expiresAt).toBe(clock.now() + 5 * MIN);
    expect(
      await codeOf(
        store.hold({
          staffId: s,
          blockStart: a.blockStart + 5 * MIN,
          blockEnd: a.blockEnd,
          ttlMs: 5 * MIN,
          holder: 'bert',
        }),
      ),
    ).toBe('slot-taken');
    expect(await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))).toBe(
      'slot-taken',
    );
    expect((await store.liveHolds([s])).map((h) => h.token)).toEqual([hold.token]);
    clock.advance(5 * MIN + 1);
    expect(await store.liveHolds([s])).toEqual([]);
    expect(await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))).toBe(
      'ok',
    );
  });

  it('never blocks the holder with their own hold', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('14:00'), createdBy: 'anna' });
    await store.hold({ staffId: s, blockStart: a.blockStart, blockEnd: a.blockEnd, ttlMs: 5 * MIN, holder: 'anna' });
    expect(await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))).toBe(
      'ok',
    );
  });

  it('consumes the hold on confirm, and still books with an expired hold while the slot is free', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('15:00') });
    const hold = await store.hold({
      staffId: s,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      ttlMs: 5 * MIN,
      holder: 'anna',
    });
    await store.confirm({
      clientKey: uniq('ck'),
      holdToken: hold.token,
      appointment: a,
      audit: audit(a.id),
      outbox: [],
    });
    expect(await target.redis.exists(keys.hold(hold.token))).toBe(0);
    expect(await target.redis.zcard(keys.holds(s))).toBe(0);

    const b = sampleAppointment({ id: uniq('a'), staffId: s, start: t('16:00') });
    const late = await store.hold({
      staffId: s,
      blockStart: b.blockStart,
      blockEnd: b.blockEnd,
      ttlMs: 1 * MIN,
      holder: 'anna',
    });
    clock.advance(2 * MIN);
    expect(
      await codeOf(
        store.confirm({ clientKey: uniq('ck'), holdToken: late.token, appointment: b, audit: audit(b.id), outbox: [] }),
      ),
    ).toBe('ok');
    expect(await store.releaseHold(late.token, 'anna')).toBe(false);
  });

  it('refuses the confirm when an absence was reported between the hold and the confirm, and writes nothing', async () => {
    const s = staff();
    const absences = new AbsenceStore(target.redis);
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('11:00') });
    const hold = await store.hold({
      staffId: s,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      ttlMs: 5 * MIN,
      holder: 'anna',
    });
    const report = { staffId: s, from: day, to: day, reason: 'sick' as const, reportedBy: s, createdAt: clock.now() };
    await absences.add([{ id: uniq('abs'), mode: 'absent', ...report }]);
    const confirm = (x = a) =>
      store.confirm({ clientKey: uniq('ck'), holdToken: hold.token, appointment: x, audit: audit(x.id), outbox: [] });
    expect(await codeOf(confirm())).toBe('slot-taken');
    expect(await store.get(a.id)).toBeNull();
    expect(await target.redis.zcard(keys.calendar(s))).toBe(0);

    // home office only: in person is refused, video and phone still book
    const h = staff();
    await absences.add([{ id: uniq('abs'), mode: 'home-office-only', ...report, staffId: h }]);
    const inPerson = sampleAppointment({ id: uniq('a'), staffId: h, start: t('11:00'), channel: 'in-person' });
    const video = sampleAppointment({ id: uniq('a'), staffId: h, start: t('11:00'), channel: 'video' });
    expect(
      await codeOf(
        store.confirm({ clientKey: uniq('ck'), appointment: inPerson, audit: audit(inPerson.id), outbox: [] }),
      ),
    ).toBe('slot-taken');
    expect(
      await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: video, audit: audit(video.id), outbox: [] })),
    ).toBe('ok');
  });

  it('refuses the confirm for an absence an earlier version stored without the index by end day, and one that ended does not count', async () => {
    const s = staff();
    const report = {
      staffId: s,
      reason: 'sick' as const,
      reportedBy: s,
      createdAt: clock.now(),
      mode: 'absent' as const,
    };
    // Written as before the index existed: the hash only. The check rebuilds the index from it.
    const old = { id: uniq('abs'), ...report, from: day, to: day };
    const ended = { id: uniq('abs'), ...report, from: '2025-01-06', to: '2025-01-10' };
    await target.redis.hset(keys.absences(), old.id, JSON.stringify(old), ended.id, JSON.stringify(ended));
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('11:00') });
    expect(await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))).toBe(
      'slot-taken',
    );
    expect(await target.redis.zscore(keys.absencesByEnd(), old.id)).toBe(String(Number(day.replace(/-/g, ''))));
    await target.redis.hdel(keys.absences(), old.id);
    expect(await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] }))).toBe(
      'ok',
    );
  });

  it('leaves no booking unseen by an absence report that races with the confirm (report: store, then list the day)', async () => {
    const absences = new AbsenceStore(target.redis);
    const people = Array.from({ length: 40 }, () => staff());
    const conns = people.map(() => target.connect());
    const outcomes = await Promise.all(
      people.map(async (s, i) => {
        const a = sampleAppointment({ id: uniq('race-abs'), staffId: s, start: t('12:00') });
        // as reportOwnAbsence does: the absence first, then the day's appointments for replanning
        const report = (async () => {
          await absences.add([
            {
              id: uniq('abs'),
              staffId: s,
              from: day,
              to: day,
              mode: 'absent',
              reason: 'sick',
              reportedBy: s,
              createdAt: 0,
            },
          ]);
          return (await store.listForStaff(s, t('00:00'), t('23:59'))).map((x) => x.id);
        })();
        const booking = codeOf(
          new AppointmentStore(conns[i]!, clock).confirm({
            clientKey: uniq('ck'),
            appointment: a,
            audit: audit(a.id),
            outbox: [],
          }),
        );
        const [seen, code] = await Promise.all([report, booking]);
        return { booked: code === 'ok', seenByReport: seen.includes(a.id) };
      }),
    );
    await Promise.all(conns.map((c) => c.quit()));
    // a booking either landed before the absence (and the report lists it for replanning) or is refused
    expect(outcomes.filter((o) => o.booked && !o.seenByReport)).toEqual([]);
  });

  it('refuses a move onto a day the new staff member is absent', async () => {
    const s = staff();
    const away = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:00') });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    await new AbsenceStore(target.redis).add([
      {
        id: uniq('abs'),
        staffId: away,
        from: day,
        to: day,
        mode: 'absent',
        reason: 'leave',
        reportedBy: away,
        createdAt: 0,
      },
    ]);
    const move = store.move({
      appointmentId: a.id,
      expectedSequence: 0,
      staffId: away,
      channel: 'video',
      start: a.start,
      end: a.end,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      audit: audit(a.id, 'reschedule'),
      outbox: [],
    });
    expect(await codeOf(move)).toBe('slot-taken');
    expect((await store.get(a.id))!.staffId).toBe(s);
  });

  it('moves an appointment to another staff member and time, keeping id and uid, sequence + 1', async () => {
    const from = staff();
    const to = staff();
    const a = sampleAppointment({
      id: uniq('a'),
      staffId: from,
      start: t('09:00'),
      meetingUrl: 'https://meet.example/x',
    });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    const moved = await store.move({
      appointmentId: a.id,
      expectedSequence: 0,
      staffId: to,
      channel: 'phone',
      start: localDateTime('2026-03-24', '10:00'),
      end: localDateTime('2026-03-24', '10:30'),
      blockStart: localDateTime('2026-03-24', '09:50'),
      blockEnd: localDateTime('2026-03-24', '10:40'),
      patch: { citizen: { ...a.citizen, phone: '+49 511 12345' } },
      audit: audit(a.id, 'reschedule'),
      outbox: (next) => [
        {
          kind: 'citizen-invitation',
          appointmentId: next.id,
          sequence: next.sequence,
          reason: 'rescheduled',
        },
      ],
    });
    expect(moved).toMatchObject({
      id: a.id,
      uid: a.uid,
      staffId: to,
      channel: 'phone',
      sequence: 1,
      citizen: { phone: '+49 511 12345' },
      moves: 1,
    });
    expect(moved.meetingUrl).toBeUndefined();
    expect(await store.get(a.id)).toEqual(moved);
    expect(await target.redis.zcard(keys.calendar(from))).toBe(0);
    expect(
      await store.listForStaff(to, localDateTime('2026-03-24', '00:00'), localDateTime('2026-03-25', '00:00')),
    ).toEqual([moved]);
    expect((await store.listForDay(day)).map((x) => x.id)).not.toContain(a.id);
    expect((await store.listForDay('2026-03-24')).map((x) => x.id)).toContain(a.id);
    const entries = await target.redis.xrange(keys.outbox(), '-', '+');
    expect(entries.some(([, f]) => f[1] === `${a.id}:citizen-invitation:1`)).toBe(true);
    // the old slot is free again
    const again = sampleAppointment({ id: uniq('a'), staffId: from, start: t('09:00') });
    expect(
      await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: again, audit: audit(again.id), outbox: [] })),
    ).toBe('ok');
  });

  it('refuses a move with a stale sequence, onto a taken block, or of a cancelled appointment', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:00') });
    const b = sampleAppointment({ id: uniq('a'), staffId: s, start: t('10:00') });
    for (const x of [a, b])
      await store.confirm({ clientKey: uniq('ck'), appointment: x, audit: audit(x.id), outbox: [] });
    const moveA = (over: Partial<Parameters<AppointmentStore['move']>[0]>) =>
      store.move({
        appointmentId: a.id,
        expectedSequence: 0,
        staffId: s,
        channel: 'video',
        start: t('09:05'),
        end: t('09:35'),
        blockStart: t('08:55'),
        blockEnd: t('09:45'),
        audit: audit(a.id, 'reschedule'),
        outbox: [],
        ...over,
      });
    expect(await codeOf(moveA({ expectedSequence: 3 }))).toBe('stale-appointment');
    expect(
      await codeOf(moveA({ start: t('09:50'), end: t('10:20'), blockStart: t('09:40'), blockEnd: t('10:30') })),
    ).toBe('slot-taken');
    expect(await codeOf(moveA({}))).toBe('ok'); // overlapping its own old block is fine
    expect((await store.get(a.id))!.moves).toBe(1);
    // Only a channel change (same person, same time) is no move in the reports.
    await moveA({ expectedSequence: 1, channel: 'phone' });
    expect(await store.get(a.id)).toMatchObject({ channel: 'phone', sequence: 2, moves: 1 });
    await store.cancel({
      appointmentId: b.id,
      by: 'staff',
      reason: 'Bürger verhindert',
      audit: audit(b.id, 'cancel'),
      outbox: [],
    });
    expect(
      await codeOf(
        store.move({
          appointmentId: b.id,
          expectedSequence: 1,
          staffId: s,
          channel: 'video',
          start: t('11:00'),
          end: t('11:30'),
          blockStart: t('10:50'),
          blockEnd: t('11:40'),
          audit: audit(b.id),
          outbox: [],
        }),
      ),
    ).toBe('appointment-not-active');
    expect(
      await codeOf(
        store.move({
          appointmentId: 'nope',
          expectedSequence: 0,
          staffId: s,
          channel: 'video',
          start: t('11:00'),
          end: t('11:30'),
          blockStart: t('10:50'),
          blockEnd: t('11:40'),
          audit: audit('nope'),
          outbox: [],
        }),
      ),
    ).toBe('appointment-not-found');
  });

  it('refuses a move that overlaps its own old block and the next appointment too (looks past its own block)', async () => {
    // Blocks 08:50–09:40 (a) and 09:50–10:40 (b). Moving a to 09:30 gives the block 09:20–10:10: the first
    // block ending after 09:20 is a's own (skipped), the next one, b's, starts before 10:10.
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('09:00') });
    const b = sampleAppointment({ id: uniq('a'), staffId: s, start: t('10:00') });
    for (const x of [a, b])
      await store.confirm({ clientKey: uniq('ck'), appointment: x, audit: audit(x.id), outbox: [] });
    const moveA = (hhmm: string) => {
      const start = t(hhmm);
      return store.move({
        appointmentId: a.id,
        expectedSequence: 0,
        staffId: s,
        channel: 'video',
        start,
        end: start + 30 * MIN,
        blockStart: start - 10 * MIN,
        blockEnd: start + 40 * MIN,
        audit: audit(a.id, 'reschedule'),
        outbox: [],
      });
    };
    expect(await codeOf(moveA('09:30'))).toBe('slot-taken');
    expect(await store.get(a.id)).toMatchObject({ start: a.start, sequence: 0 });
    // Up to b's block it fits: 09:10 gives 09:00–09:50, adjacent to b.
    expect(await codeOf(moveA('09:10'))).toBe('ok');
  });

  it('cancels: frees the block, status cancelled, sequence + 1, outbox cancellation', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('12:00') });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    const c = await store.cancel({
      appointmentId: a.id,
      by: 'citizen',
      audit: audit(a.id, 'cancel'),
      outbox: (next) => [
        {
          kind: 'citizen-cancellation',
          appointmentId: next.id,
          sequence: next.sequence,
          reason: 'citizen',
        },
      ],
    });
    expect(c).toMatchObject({ status: 'cancelled', cancelledBy: 'citizen', cancelledAt: clock.now(), sequence: 1 });
    expect(
      await codeOf(store.cancel({ appointmentId: a.id, by: 'staff', audit: audit(a.id, 'cancel'), outbox: [] })),
    ).toBe('appointment-not-active');
    const entries = await target.redis.xrange(keys.outbox(), '-', '+');
    expect(entries.some(([, f]) => f[1] === `${a.id}:citizen-cancellation:1`)).toBe(true);
    expect((await store.listForStaff(s, t('00:00'), t('23:59'))).map((x) => x.status)).toEqual(['cancelled']);
    const again = sampleAppointment({ id: uniq('a'), staffId: s, start: t('12:00') });
    expect(
      await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: again, audit: audit(again.id), outbox: [] })),
    ).toBe('ok');
    expect((await store.audit(a.id)).map((e) => e.action)).toEqual(['book', 'cancel']);
  });

  it('marks outcomes and stores the meeting link without changing the sequence', async () => {
    const s = staff();
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('08:30') });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    const withUrl = await store.updateMeetingUrl(a.id, 'https://meet.example/seelze-abc');
    expect(withUrl).toMatchObject({ meetingUrl: 'https://meet.example/seelze-abc', sequence: 0 });
    const done = await store.markOutcome({ appointmentId: a.id, outcome: 'no-show', audit: audit(a.id, 'no-show') });
    expect(done).toMatchObject({ status: 'no-show', sequence: 0, meetingUrl: 'https://meet.example/seelze-abc' });
    expect(await codeOf(store.markOutcome({ appointmentId: 'nope', outcome: 'completed', audit: audit('nope') }))).toBe(
      'appointment-not-found',
    );
    // a no-show still occupies its time
    const same = sampleAppointment({ id: uniq('a'), staffId: s, start: t('08:30') });
    expect(
      await codeOf(store.confirm({ clientKey: uniq('ck'), appointment: same, audit: audit(same.id), outbox: [] })),
    ).toBe('slot-taken');
  });

  it('feeds the slot engine: booked blocks and live holds are skipped', async () => {
    const directory = schedulingDirectory();
    const a = sampleAppointment({
      id: uniq('a'),
      staffId: 'carla',
      serviceId: 'advice',
      start: t('09:00'),
      end: t('10:00'),
      blockStart: t('09:00'),
      blockEnd: t('10:00'),
    });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    await store.hold({
      staffId: 'carla',
      blockStart: t('10:00'),
      blockEnd: t('11:00'),
      ttlMs: 5 * MIN,
      holder: 'bert',
    });
    const busy = await store.busyIndex(['carla'], t('00:00'), localDateTime('2026-03-24', '00:00'));
    const r = findEarliestSlots(
      { directory, busy, absences: [], now: clock.now() },
      { serviceId: 'advice', channel: 'phone', count: 1 },
    );
    expect(r.slots[0]!.start).toBe(t('11:00'));
  });
}
