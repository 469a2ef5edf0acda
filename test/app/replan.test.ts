import { applyPlan, computeProposal, listReplanOutcomes, reportAbsence, type ReplanDeps } from '../../src/app/replan';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { DomainError } from '../../src/domain/errors';
import { localDateTime, MINUTE } from '../../src/domain/time';
import type { OutboxMessage } from '../../src/domain/types';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { storeReplanCommands } from '../../src/store/replan-commands';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { testRedis } from '../support/redis';
import { directBooking } from './support';

const t = testRedis('app-replan');
const directory = loadDirectoryFile('config/directory.example.json');
// Friday before a week (2 March 2026) in which team A is on site.
const clock = new ManualClock(localDateTime('2026-02-27', '08:00'));
const store = new AppointmentStore(t.redis, clock);
const outcomes = new ReplanOutcomeStore(t.redis);
const meetings = {
  createMeeting: async (r: { appointmentId: string }) => ({ joinUrl: `https://meet.example/${r.appointmentId}` }),
};
const deps: ReplanDeps = {
  directory,
  clock,
  absences: new AbsenceStore(t.redis),
  appointments: store,
  commands: storeReplanCommands(store, clock),
  outcomes,
  holds: store,
  meetings,
};

afterAll(() => t.cleanup());

const book = directBooking(directory, store, clock, 'rp');

async function outboxFor(appointmentId: string): Promise<OutboxMessage[]> {
  const entries = await t.redis.xrange(keys.outbox(), '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf('msg') + 1]!) as OutboxMessage)
    .filter((m) => 'appointmentId' in m && m.appointmentId === appointmentId);
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('replanning on real Redis', () => {
  it('lets staff report themselves and supervisors their teams, nobody else', async () => {
    const base = { from: '2026-03-16', to: '2026-03-16', mode: 'absent' as const, reason: 'sick' as const };
    expect(
      await codeOf(reportAbsence(deps, { ...base, actorId: 'jonas-becker', target: { staffId: 'jonas-becker' } })),
    ).toBe('ok');
    expect(
      await codeOf(reportAbsence(deps, { ...base, actorId: 'jonas-becker', target: { staffId: 'leonie-wagner' } })),
    ).toBe('not-allowed');
    expect(
      await codeOf(reportAbsence(deps, { ...base, actorId: 'maria-lange', target: { teamId: 'buergerbuero-a' } })),
    ).toBe('not-allowed');
    expect(await codeOf(reportAbsence(deps, { ...base, actorId: 'anna-schulz', target: { teamId: 'nowhere' } }))).toBe(
      'unknown-team',
    );
    expect(
      await codeOf(
        reportAbsence(deps, { ...base, to: '2026-03-15', actorId: 'anna-schulz', target: { staffId: 'jonas-becker' } }),
      ),
    ).toBe('invalid-range');
  });

  it('team A home office only: proposes, applies, bumps sequences, writes invitations, notices and the outcome; a stale item is reported', async () => {
    const converted = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-03', '09:00');
    const toPhone = await book('leonie-wagner', 'kfz', 'in-person', '2026-03-03', '10:00');
    const vehicle = await book('murat-yilmaz', 'kfz', 'in-person', '2026-03-04', '11:00');
    const passport = await book('jonas-becker', 'ausweis', 'in-person', '2026-03-04', '09:00');
    const untouched = await book('jonas-becker', 'auskunft', 'video', '2026-03-03', '11:00');

    const absences = await reportAbsence(deps, {
      actorId: 'anna-schulz',
      target: { teamId: 'buergerbuero-a' },
      from: '2026-03-02',
      to: '2026-03-06',
      mode: 'home-office-only',
      reason: 'quarantine',
    });
    expect(absences).toHaveLength(4);
    expect(await deps.absences.listOverlapping('2026-03-04', '2026-03-04')).toHaveLength(4);

    const plan = await computeProposal(deps, absences);
    const byId = new Map(plan.items.map((i) => [i.appointmentId, i]));
    expect(byId.has(untouched.id)).toBe(false);
    expect(byId.get(converted.id)).toMatchObject({
      action: 'convert',
      to: { staffId: 'jonas-becker', channel: 'video', start: converted.start },
    });
    expect(byId.get(toPhone.id)).toMatchObject({ action: 'convert', to: { channel: 'phone' } });
    expect(byId.get(vehicle.id)).toMatchObject({ action: 'convert', to: { channel: 'phone' } });
    expect(byId.get(passport.id)!.action).toBe('reschedule');

    // Someone's reschedule of the vehicle registration raced ahead of the quarantine (it was written
    // while the absences were not yet stored: in person on a home-office-only day is refused now) and
    // changed it after the proposal was made.
    await new AbsenceStore(t.redis).remove(absences.map((a) => a.id));
    const moved = await store.move({
      appointmentId: vehicle.id,
      expectedSequence: 0,
      staffId: 'murat-yilmaz',
      start: vehicle.start + 30 * MINUTE,
      end: vehicle.end + 30 * MINUTE,
      blockStart: vehicle.blockStart + 30 * MINUTE,
      blockEnd: vehicle.blockEnd + 30 * MINUTE,
      channel: 'in-person',
      audit: { at: clock.now(), actor: 'murat-yilmaz', action: 'rescheduled', appointmentId: vehicle.id },
      outbox: [],
    });
    expect(moved.sequence).toBe(1);
    await deps.absences.add(absences);

    const result = await applyPlan(deps, { actorId: 'anna-schulz', plan, absences });
    expect(result.applied).toBe(3);
    expect(result.changed).toBe(1);
    expect(result.items.find((i) => i.appointmentId === vehicle.id)).toMatchObject({
      outcome: 'changed',
      code: 'stale-appointment',
    });

    const c = (await store.get(converted.id))!;
    expect(c).toMatchObject({
      sequence: 1,
      channel: 'video',
      staffId: 'jonas-becker',
      start: converted.start,
      meetingUrl: `https://meet.example/${converted.id}`,
    });
    expect((await store.get(toPhone.id))!).toMatchObject({ sequence: 1, channel: 'phone' });
    expect((await store.get(vehicle.id))!.sequence).toBe(1); // left alone
    const p2 = (await store.get(passport.id))!;
    expect(p2.sequence).toBe(1);
    expect(p2.start).toBe(byId.get(passport.id)!.to!.start);
    expect(directory.staff.find((s) => s.id === p2.staffId)!.team).toBe('buergerbuero-b');

    expect(await outboxFor(converted.id)).toEqual(
      expect.arrayContaining([
        // `previous`: where it was, so the mail states the old time and a previous staff member gets a CANCEL.
        {
          kind: 'citizen-invitation',
          appointmentId: converted.id,
          sequence: 1,
          reason: 'replanned',
          previous: expect.objectContaining({ staffId: 'jonas-becker', channel: 'in-person' }) as unknown,
        },
        { kind: 'staff-notice', staffId: 'jonas-becker', appointmentId: converted.id, event: 'replanned' },
      ]),
    );
    expect(await outboxFor(passport.id)).toEqual(
      expect.arrayContaining([
        {
          kind: 'citizen-invitation',
          appointmentId: passport.id,
          sequence: 1,
          reason: 'replanned',
          previous: expect.objectContaining({ staffId: 'jonas-becker' }) as unknown,
        },
        { kind: 'staff-notice', staffId: 'jonas-becker', appointmentId: passport.id, event: 'replanned' },
        { kind: 'staff-notice', staffId: p2.staffId, appointmentId: passport.id, event: 'replanned' },
      ]),
    );
    expect(
      (await outboxFor(vehicle.id)).filter((m) => m.kind === 'citizen-invitation' && m.reason === 'replanned'),
    ).toEqual([]);

    // Recomputing after the change proposes the moved appointment again, with its new sequence.
    const again = await computeProposal(deps, absences);
    expect(again.items.map((i) => [i.appointmentId, i.expectedSequence])).toEqual([[vehicle.id, 1]]);
    const second = await applyPlan(deps, { actorId: 'anna-schulz', plan: again, absences });
    expect(second.applied).toBe(1);

    const [outcome] = await listReplanOutcomes(outcomes, '2026-03-02', '2026-03-02');
    expect(outcome).toMatchObject({
      id: result.outcomeId,
      mode: 'home-office-only',
      from: '2026-03-02',
      to: '2026-03-06',
      converted: 3,
      rescheduled: 1,
      reassigned: 0,
      cancelled: 0,
      changed: 1,
    });
    expect(outcome!.staffIds).toHaveLength(4);
  });

  it('confirms an unplaced appointment as a cancellation with a call-back note, item by item', async () => {
    const a = await book('stefan-braun', 'bauberatung', 'in-person', '2026-03-10', '09:00');
    const other = await book('stefan-braun', 'bauberatung', 'video', '2026-03-10', '13:00');
    await deps.absences.add([
      {
        id: 'abs-julia',
        staffId: 'julia-vogel',
        from: '2026-03-09',
        to: '2026-04-30',
        mode: 'absent',
        reason: 'leave',
        reportedBy: 'maria-lange',
        createdAt: clock.now(),
      },
    ]);
    const absences = await reportAbsence(deps, {
      actorId: 'maria-lange',
      target: { staffId: 'stefan-braun' },
      from: '2026-03-09',
      to: '2026-04-30',
      mode: 'absent',
      reason: 'sick',
    });
    const plan = await computeProposal(deps, absences, { searchDays: 7 });
    expect(plan.items.map((i) => i.action)).toEqual(['unplaced', 'unplaced']);

    const result = await applyPlan(deps, { actorId: 'maria-lange', plan, absences, selected: [a.id] });
    expect(result.items).toHaveLength(1);
    const cancelled = (await store.get(a.id))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'replan', sequence: 1 });
    expect(cancelled.cancelReason).toMatch(/melden uns bei Ihnen/);
    expect(await outboxFor(a.id)).toEqual(
      expect.arrayContaining([
        { kind: 'citizen-cancellation', appointmentId: a.id, sequence: 1, reason: 'replan' },
        { kind: 'staff-notice', staffId: 'stefan-braun', appointmentId: a.id, event: 'replanned' },
      ]),
    );
    expect((await store.get(other.id))!.status).toBe('booked');
    expect(await outcomes.get(result.outcomeId)).toMatchObject({ cancelled: 1, mode: 'absent' });
  });
});
