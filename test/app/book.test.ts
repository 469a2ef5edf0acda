import { attachMeeting, confirmBooking, holdSlot, validateOnItsDay } from '../../src/app/book';
import { cancelAppointment } from '../../src/app/cancel';
import { markOutcome } from '../../src/app/mark-outcome';
import { myAppointments } from '../../src/app/my-appointments';
import { rescheduleAppointment } from '../../src/app/reschedule';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { DomainError } from '../../src/domain/errors';
import { localDateTime } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';
import { staffSlots } from '../support/staff-slots';

const t = testRedis('app-book');
const directory = loadDirectoryFile('config/directory.example.json');
// Tuesday 1 Dec 2026, 07:00 Berlin.
const clock = new ManualClock(localDateTime('2026-12-01', '07:00'));
const store = new AppointmentStore(t.redis, clock);
const deps = { directory, clock, store, absences: new AbsenceStore(t.redis), holdTtlSeconds: 300 };
const citizen = { name: 'Max Meier', email: 'max@example.org', phone: '+49 511 1234', language: 'de' as const };

afterAll(() => t.cleanup());

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('booking use cases on real Redis', () => {
  it('offers the earliest slots, holds one, books it once however often confirm is retried', async () => {
    const found = await staffSlots(deps, {
      actorId: 'peter-klein',
      staffId: 'peter-klein',
      serviceId: 'auskunft',
      channel: 'phone',
    });
    expect(found.slots.length).toBeGreaterThan(0);
    const first = found.slots[0]!;
    expect(first.start).toBeGreaterThanOrEqual(clock.now() + 60 * 60_000);
    const held = await holdSlot(deps, {
      actorId: 'peter-klein',
      staffId: 'peter-klein',
      serviceId: 'auskunft',
      channel: 'phone',
      start: first.start,
    });
    const req = {
      actorId: 'peter-klein',
      staffId: 'peter-klein',
      serviceId: 'auskunft',
      channel: 'phone' as const,
      start: first.start,
      holdToken: held.token,
      clientKey: held.clientKey,
      citizen,
    };
    const a = await confirmBooking(deps, req);
    const b = await confirmBooking(deps, req);
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, appointment: { id: a.appointment.id } });
    const again = await staffSlots(deps, {
      actorId: 'peter-klein',
      staffId: 'peter-klein',
      serviceId: 'auskunft',
      channel: 'phone',
    });
    expect(again.slots.map((s) => s.start)).not.toContain(first.start);
  });

  it('refuses a confirm when someone else booked the slot between hold and confirm', async () => {
    const [, , slot] = (
      await staffSlots(deps, {
        actorId: 'elif-demir',
        staffId: 'elif-demir',
        serviceId: 'sozialberatung',
        channel: 'phone',
      })
    ).slots;
    const mine = await holdSlot(deps, {
      actorId: 'elif-demir',
      staffId: 'elif-demir',
      serviceId: 'sozialberatung',
      channel: 'phone',
      start: slot!.start,
    });
    // The hold expires; the supervisor books the same time for Elif.
    clock.advance(301_000);
    const sup = await holdSlot(deps, {
      actorId: 'maria-lange',
      staffId: 'elif-demir',
      serviceId: 'sozialberatung',
      channel: 'phone',
      start: slot!.start,
    });
    await confirmBooking(deps, {
      actorId: 'maria-lange',
      staffId: 'elif-demir',
      serviceId: 'sozialberatung',
      channel: 'phone',
      start: slot!.start,
      holdToken: sup.token,
      clientKey: sup.clientKey,
      citizen,
    });
    const late = confirmBooking(deps, {
      actorId: 'elif-demir',
      staffId: 'elif-demir',
      serviceId: 'sozialberatung',
      channel: 'phone',
      start: slot!.start,
      holdToken: mine.token,
      clientKey: mine.clientKey,
      citizen,
    });
    expect(await codeOf(late)).toBe('slot-taken');
  });

  it('does not let staff act on a colleague, but lets the supervisor of that team', async () => {
    expect(
      await codeOf(
        staffSlots(deps, {
          actorId: 'peter-klein',
          staffId: 'elif-demir',
          serviceId: 'sozialberatung',
          channel: 'phone',
        }),
      ),
    ).toBe('not-allowed');
    expect(
      await codeOf(
        staffSlots(deps, {
          actorId: 'maria-lange',
          staffId: 'elif-demir',
          serviceId: 'sozialberatung',
          channel: 'phone',
        }),
      ),
    ).toBe('ok');
    expect(
      await codeOf(
        staffSlots(deps, {
          actorId: 'peter-klein',
          staffId: 'peter-klein',
          serviceId: 'auskunft',
          channel: 'phone',
          day: '2026-12-03',
        }),
      ),
    ).toBe('ok');
  });

  it('reschedules, refuses a stale card, cancels, and marks outcomes only after the start', async () => {
    const [s1, , s3] = (
      await staffSlots(deps, {
        actorId: 'stefan-braun',
        staffId: 'stefan-braun',
        serviceId: 'bauberatung',
        channel: 'video',
      })
    ).slots;
    const h = await holdSlot(deps, {
      actorId: 'stefan-braun',
      staffId: 'stefan-braun',
      serviceId: 'bauberatung',
      channel: 'video',
      start: s1!.start,
    });
    const { appointment } = await confirmBooking(deps, {
      actorId: 'stefan-braun',
      staffId: 'stefan-braun',
      serviceId: 'bauberatung',
      channel: 'video',
      start: s1!.start,
      holdToken: h.token,
      clientKey: h.clientKey,
      citizen: { ...citizen, phone: undefined },
    });
    const withLink = await attachMeeting(
      { store, directory, meetings: { createMeeting: async () => ({ joinUrl: 'https://meet.example/room-1' }) } },
      appointment,
    );
    expect(withLink).toMatchObject({ failed: false, appointment: { meetingUrl: 'https://meet.example/room-1' } });
    const failing = await attachMeeting(
      {
        store,
        directory,
        meetings: {
          createMeeting: async () => {
            throw new Error('provider down');
          },
        },
      },
      { ...appointment, meetingUrl: undefined },
    );
    expect(failing.failed).toBe(true);
    // The provider's error reaches the caller, who logs it (a missing Graph permission must be visible).
    expect(failing.error).toEqual(new Error('provider down'));

    const moved = await rescheduleAppointment(deps, {
      actorId: 'stefan-braun',
      appointmentId: appointment.id,
      expectedSequence: 0,
      start: s3!.start,
    });
    expect(moved).toMatchObject({ start: s3!.start, sequence: 1 });
    expect(
      await codeOf(
        rescheduleAppointment(deps, {
          actorId: 'stefan-braun',
          appointmentId: appointment.id,
          expectedSequence: 0,
          start: s1!.start,
        }),
      ),
    ).toBe('stale-appointment');
    expect(
      await codeOf(
        markOutcome(deps, {
          actorId: 'stefan-braun',
          appointmentId: appointment.id,
          expectedSequence: 1,
          outcome: 'completed',
        }),
      ),
    ).not.toBe('ok');
    expect(
      await codeOf(
        cancelAppointment(deps, {
          actorId: 'julia-vogel',
          appointmentId: appointment.id,
          expectedSequence: 1,
          reason: 'x',
        }),
      ),
    ).toBe('not-allowed');
    const cancelled = await cancelAppointment(deps, {
      actorId: 'stefan-braun',
      appointmentId: appointment.id,
      expectedSequence: 1,
      reason: 'Auf Wunsch',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2, cancelReason: 'Auf Wunsch' });
    const agenda = await myAppointments(
      { directory, clock, appointments: store },
      { actorId: 'stefan-braun', staffId: 'stefan-braun', range: { kind: 'week', offsetWeeks: 0 } },
    );
    expect(agenda.days.flatMap((d) => d.appointments.map((a) => a.id))).toContain(appointment.id);
  });

  it('books and moves only at times the search offers: a card naming :27 or :21 is refused and nothing is written', async () => {
    const q = { actorId: 'peter-klein', staffId: 'peter-klein', serviceId: 'auskunft', channel: 'phone' as const };
    const found = await staffSlots(deps, { ...q, day: '2026-12-16' });
    const slot = found.slots[0]!;
    const off = (minutes: number) => slot.start + minutes * 60_000;
    expect(found.slots.map((s) => s.start)).not.toContain(off(27));
    expect(await codeOf(holdSlot(deps, { ...q, start: off(27) }))).toBe('not-offered');
    // A confirm without a hold (the card's hold expired, or the card was changed) is checked the same way.
    const confirm = { ...q, start: off(21), holdToken: 'no-such-hold', clientKey: 'ck_off_grid', citizen };
    expect(await codeOf(confirmBooking(deps, confirm))).toBe('not-offered');
    expect((await staffSlots(deps, { ...q, day: '2026-12-16' })).slots[0]!.start).toBe(slot.start);

    const held = await holdSlot(deps, { ...q, start: slot.start });
    const { appointment } = await confirmBooking(deps, {
      ...q,
      start: slot.start,
      holdToken: held.token,
      clientKey: held.clientKey,
      citizen,
    });
    const move = (start: number) =>
      rescheduleAppointment(deps, {
        actorId: 'peter-klein',
        appointmentId: appointment.id,
        expectedSequence: appointment.sequence,
        start,
      });
    expect(await codeOf(move(off(60 + 21)))).toBe('not-offered');
    expect((await store.get(appointment.id))!).toMatchObject({ sequence: 0, start: slot.start });
    // Its own time does not count against it: a step of the grid later is fine.
    const next = found.slots.find((s) => s.start > slot.start && s.staffId === 'peter-klein')!;
    expect(await codeOf(move(next.start))).toBe('ok');
  });
});

describe('validateOnItsDay: the rules with the absences of the new time’s day', () => {
  it('refuses a time on a day the staff member is absent and allows the days around it', async () => {
    const absences = new AbsenceStore(t.redis);
    const at = (date: string) => ({
      serviceId: 'auskunft',
      staffId: 'peter-klein',
      channel: 'phone' as const,
      start: localDateTime(date, '10:00'),
    });
    const ok = async (date: string) =>
      codeOf(validateOnItsDay({ directory, absences }, clock.now(), at(date)).then((v) => v.staff.id));
    expect(await ok('2026-12-10')).toBe('ok');
    await absences.add([
      {
        id: 'abs-validate-on-day',
        staffId: 'peter-klein',
        from: '2026-12-10',
        to: '2026-12-10',
        mode: 'absent',
        reason: 'sick',
        reportedBy: 'peter-klein',
        createdAt: clock.now(),
      },
    ]);
    expect(await ok('2026-12-10')).toBe('staff-absent');
    expect(await ok('2026-12-09')).toBe('ok');
    expect(await ok('2026-12-11')).toBe('ok');
  });
});
