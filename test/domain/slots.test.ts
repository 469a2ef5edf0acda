import fc from 'fast-check';
import { bookableIntervals } from '../../src/domain/availability';
import { DomainError } from '../../src/domain/errors';
import {
  buildBusyIndex,
  findEarliestSlots,
  findSlotsOnDay,
  isBlockFree,
  onSlotGrid,
  slotStepMinutes,
  type SlotSearchData,
} from '../../src/domain/slots';
import { localDateOf, localTimeOf, MINUTE } from '../../src/domain/time';
import type { Absence, Appointment } from '../../src/domain/types';
import { at, schedulingDirectory } from './scheduling-fixture';

const directory = schedulingDirectory();
let seq = 0;
function appt(staffId: string, date: string, from: string, to: string, extra: Partial<Appointment> = {}): Appointment {
  const start = at(date, from);
  const end = at(date, to);
  return {
    id: `a${++seq}`,
    uid: `u${seq}`,
    sequence: 0,
    staffId,
    serviceId: 'register',
    channel: 'in-person',
    start,
    end,
    blockStart: start - 10 * MINUTE,
    blockEnd: end + 10 * MINUTE,
    status: 'booked',
    citizen: { name: 'X', email: 'x@example.org', language: 'de' },
    createdAt: 0,
    createdBy: 'anna',
    updatedAt: 0,
    ...extra,
  };
}
function absence(staffId: string, from: string, to: string, mode: Absence['mode']): Absence {
  return { id: `abs-${staffId}-${from}`, staffId, from, to, mode, reason: 'sick', reportedBy: 'sup', createdAt: 0 };
}
function data(
  now: number,
  appointments: Appointment[] = [],
  absences: Absence[] = [],
  dir = directory,
): SlotSearchData {
  return { directory: dir, busy: buildBusyIndex(appointments), absences, now };
}
const times = (slots: { start: number }[]) => slots.map((s) => `${localDateOf(s.start)} ${localTimeOf(s.start)}`);

describe('slot engine: earliest slots', () => {
  it('starts the first slot after the buffer at the beginning of the working day', () => {
    const r = findEarliestSlots(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'in-person',
      count: 3,
    });
    expect(times(r.slots)).toEqual(['2026-03-23 08:10', '2026-03-23 08:25', '2026-03-23 08:40']);
    expect(r.slots[0]).toMatchObject({
      staffId: 'anna',
      blockStart: at('2026-03-23', '08:00'),
      blockEnd: at('2026-03-23', '08:50'),
    });
  });

  it('ends the last slot of the day so that its buffer after still fits into working hours', () => {
    const r = findSlotsOnDay(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'in-person',
      date: '2026-03-23',
    });
    const last = r.slots[r.slots.length - 1]!;
    expect(localTimeOf(last.start)).toBe('11:10'); // grid 08:10 + n·15; 11:25 would end its buffer at 12:05
    expect(last.blockEnd).toBeLessThanOrEqual(at('2026-03-23', '12:00'));
  });

  it('honours minimum notice on the slot grid', () => {
    const r = findEarliestSlots(data(at('2026-03-23', '08:05')), {
      serviceId: 'register',
      channel: 'in-person',
      count: 1,
    });
    // 60 min notice: nothing before 09:05; the grid from 08:10 in 15-min steps gives 09:10
    expect(times(r.slots)).toEqual(['2026-03-23 09:10']);
  });

  it('offers the slot right after an existing appointment, buffers included', () => {
    const busy = [appt('anna', '2026-03-23', '08:10', '08:40')]; // block 08:00-08:50
    const r = findEarliestSlots(data(at('2026-03-23', '06:00'), busy), {
      serviceId: 'register',
      channel: 'in-person',
      count: 2,
    });
    expect(times(r.slots)).toEqual(['2026-03-23 09:00', '2026-03-23 09:15']);
  });

  it('refuses to place a slot whose buffer would overlap the buffer of the next appointment', () => {
    const busy = [appt('anna', '2026-03-23', '09:00', '09:30')]; // block 08:50-09:40
    const r = findSlotsOnDay(data(at('2026-03-23', '06:00'), busy), {
      serviceId: 'register',
      channel: 'in-person',
      date: '2026-03-23',
    });
    for (const s of r.slots)
      expect(s.blockEnd <= at('2026-03-23', '08:50') || s.blockStart >= at('2026-03-23', '09:40')).toBe(true);
    expect(times(r.slots).slice(0, 2)).toEqual(['2026-03-23 08:10', '2026-03-23 09:50']);
  });

  it('ignores cancelled appointments and the appointment being rescheduled', () => {
    const cancelled = appt('anna', '2026-03-23', '08:10', '08:40', { status: 'cancelled' });
    const moving = appt('anna', '2026-03-23', '08:10', '08:40');
    expect(
      times(
        findEarliestSlots(data(at('2026-03-23', '06:00'), [cancelled]), {
          serviceId: 'register',
          channel: 'in-person',
          count: 1,
        }).slots,
      ),
    ).toEqual(['2026-03-23 08:10']);
    const r = findEarliestSlots(data(at('2026-03-23', '06:00'), [moving]), {
      serviceId: 'register',
      channel: 'in-person',
      count: 1,
      ignoreIds: [moving.id],
    });
    expect(times(r.slots)).toEqual(['2026-03-23 08:10']);
  });

  it('treats unexpired holds as busy and expired ones as free', () => {
    const hold = {
      staffId: 'anna',
      blockStart: at('2026-03-23', '08:00'),
      blockEnd: at('2026-03-23', '08:50'),
      expiresAt: at('2026-03-23', '06:05'),
      token: 't',
    };
    const q = { serviceId: 'register', channel: 'in-person' as const, count: 1, staffId: 'anna' };
    const held = findEarliestSlots(
      { ...data(at('2026-03-23', '06:00')), busy: buildBusyIndex([], [hold], at('2026-03-23', '06:00')) },
      q,
    );
    expect(times(held.slots)).toEqual(['2026-03-23 09:00']);
    const expired = findEarliestSlots(
      { ...data(at('2026-03-23', '06:10')), busy: buildBusyIndex([], [hold], at('2026-03-23', '06:10')) },
      q,
    );
    expect(times(expired.slots)).toEqual(['2026-03-23 08:10']);
  });

  it('uses 15-minute steps, or the duration when shorter', () => {
    expect(slotStepMinutes({ durationMin: 60 })).toBe(15);
    expect(slotStepMinutes({ durationMin: 10 })).toBe(10);
    expect(slotStepMinutes({ durationMin: 5 })).toBe(5);
  });
});

describe('slot engine: DST weeks', () => {
  it('keeps 09:00 local the first slot before and after the spring switch (2026-03-29)', () => {
    const r1 = findEarliestSlots(data(at('2026-03-27', '05:00')), { serviceId: 'advice', channel: 'phone', count: 1 });
    const r2 = findEarliestSlots(data(at('2026-03-30', '05:00')), { serviceId: 'advice', channel: 'phone', count: 1 });
    expect(times(r1.slots)).toEqual(['2026-03-27 09:00']);
    expect(times(r2.slots)).toEqual(['2026-03-30 09:00']);
    expect(new Date(r1.slots[0]!.start).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(r2.slots[0]!.start).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 local the first slot before and after the autumn switch (2026-10-25)', () => {
    const r1 = findEarliestSlots(data(at('2026-10-23', '05:00')), { serviceId: 'advice', channel: 'video', count: 1 });
    const r2 = findEarliestSlots(data(at('2026-10-24', '05:00')), { serviceId: 'advice', channel: 'video', count: 1 });
    expect(times(r1.slots)).toEqual(['2026-10-23 09:00']);
    expect(times(r2.slots)).toEqual(['2026-10-26 09:00']); // weekend skipped
    expect(new Date(r2.slots[0]!.start).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('never offers a wall-clock time that does not exist, and counts the lost hour on the spring Sunday', () => {
    const dir = schedulingDirectory({
      staff: [
        {
          id: 'carla',
          aadObjectId: 'aad-carla',
          upn: 'carla@test.example',
          name: 'Carla',
          team: 'social',
          services: ['advice'],
          hours: { sun: [['01:00', '05:00']] },
          phone: '+49 1 5',
        },
      ],
    });
    const spring = findSlotsOnDay(data(at('2026-03-28', '12:00'), [], [], dir), {
      serviceId: 'advice',
      channel: 'phone',
      date: '2026-03-29',
    });
    // 01:00-05:00 local is 3 real hours: 60-min slots start 01:00..04:00 minus the missing hour
    expect(spring.slots.map((s) => localTimeOf(s.start))).not.toContain('02:00');
    expect(spring.slots.every((s) => s.end - s.start === 60 * MINUTE)).toBe(true);
    expect(localTimeOf(spring.slots[spring.slots.length - 1]!.start)).toBe('04:00');
    const autumn = findSlotsOnDay(data(at('2026-10-24', '12:00'), [], [], dir), {
      serviceId: 'advice',
      channel: 'phone',
      date: '2026-10-25',
    });
    // 01:00-05:00 local is 5 real hours in autumn
    expect(autumn.slots[autumn.slots.length - 1]!.start - autumn.slots[0]!.start).toBe(4 * 60 * MINUTE);
  });
});

describe('slot engine: on-site rule', () => {
  it('offers in-person slots of a shift team only in its on-site week', () => {
    // week of 2026-03-23: team A on site; week of 2026-03-30: team B
    const a = findEarliestSlots(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'in-person',
      count: 1,
      staffId: 'anna',
    });
    expect(localDateOf(a.slots[0]!.start)).toBe('2026-03-23');
    const b = findEarliestSlots(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'in-person',
      count: 1,
      staffId: 'bert',
    });
    expect(localDateOf(b.slots[0]!.start)).toBe('2026-03-30');
  });

  it('lets off-shift staff take phone and video from home', () => {
    const r = findEarliestSlots(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'phone',
      count: 1,
      staffId: 'bert',
    });
    expect(times(r.slots)).toEqual(['2026-03-23 08:10']);
  });

  it('gives off-shift staff without a home-office place no phone or video slots', () => {
    const base = schedulingDirectory();
    const dir = schedulingDirectory({
      staff: base.staff.map((s) => (s.id === 'bert' ? { ...s, homeOffice: false } : s)),
    });
    const r = findEarliestSlots(data(at('2026-03-23', '06:00'), [], [], dir), {
      serviceId: 'register',
      channel: 'phone',
      count: 1,
      staffId: 'bert',
    });
    expect(localDateOf(r.slots[0]!.start)).toBe('2026-03-30');
  });

  it('offers times across hours the directory lists out of order or overlapping, as the booking accepts them', () => {
    const base = schedulingDirectory();
    const dir = schedulingDirectory({
      staff: base.staff.map((s) =>
        s.id === 'carla'
          ? {
              ...s,
              hours: {
                mon: [
                  ['10:00', '12:00'],
                  ['09:00', '10:30'],
                ],
              },
            }
          : s,
      ),
    });
    const r = findSlotsOnDay(data(at('2026-03-23', '06:00'), [], [], dir), {
      serviceId: 'advice',
      channel: 'phone',
      date: '2026-03-23',
      count: 20,
    });
    // An hour every quarter from 09:00 to 11:00, each once.
    expect(times(r.slots)).toEqual(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00'].map((h) => `2026-03-23 ${h}`),
    );
  });

  it('keeps in-person blocks inside the half-day shift, buffers included', () => {
    const dir = schedulingDirectory({
      rotation: {
        type: 'half-days',
        switchAt: '10:00',
        anchorMonday: '2026-03-23',
        teams: ['team-a', 'team-b'],
        alternateWeekly: false,
      },
    });
    const r = findSlotsOnDay(data(at('2026-03-23', '06:00'), [], [], dir), {
      serviceId: 'register',
      channel: 'in-person',
      date: '2026-03-23',
    });
    for (const s of r.slots) {
      const staff = s.staffId;
      if (staff === 'anna') expect(s.blockEnd).toBeLessThanOrEqual(at('2026-03-23', '10:00'));
      else expect(s.blockStart).toBeGreaterThanOrEqual(at('2026-03-23', '10:00'));
    }
    expect(new Set(r.slots.map((s) => s.staffId))).toEqual(new Set(['anna', 'bert']));
  });
});

describe('slot engine: absences, holidays, horizon, fairness and reasons', () => {
  it('blocks every channel on an absent day', () => {
    const r = findEarliestSlots(
      data(at('2026-03-23', '06:00'), [], [absence('carla', '2026-03-23', '2026-03-24', 'absent')]),
      { serviceId: 'advice', channel: 'phone', count: 1 },
    );
    expect(localDateOf(r.slots[0]!.start)).toBe('2026-03-25');
  });

  it('offers nothing on a day that is both home office only and absent, whichever was reported first', () => {
    const homeOffice = absence('anna', '2026-03-23', '2026-03-27', 'home-office-only');
    const sick = absence('anna', '2026-03-25', '2026-03-25', 'absent');
    for (const both of [
      [homeOffice, sick],
      [sick, homeOffice],
    ]) {
      const phone = findSlotsOnDay(data(at('2026-03-23', '06:00'), [], both), {
        serviceId: 'register',
        channel: 'phone',
        date: '2026-03-25',
        staffId: 'anna',
      });
      expect(phone.slots).toEqual([]);
      const nextDay = findEarliestSlots(data(at('2026-03-23', '06:00'), [], both), {
        serviceId: 'register',
        channel: 'phone',
        fromDate: '2026-03-25',
        count: 1,
        staffId: 'anna',
      });
      expect(times(nextDay.slots)).toEqual(['2026-03-26 08:10']);
    }
  });

  it('allows phone and video but not in person when home office only', () => {
    const abs = [absence('anna', '2026-03-23', '2026-03-27', 'home-office-only')];
    const phone = findEarliestSlots(data(at('2026-03-23', '06:00'), [], abs), {
      serviceId: 'register',
      channel: 'phone',
      count: 1,
      staffId: 'anna',
    });
    expect(times(phone.slots)).toEqual(['2026-03-23 08:10']);
    const inPerson = findSlotsOnDay(data(at('2026-03-23', '06:00'), [], abs), {
      serviceId: 'register',
      channel: 'in-person',
      date: '2026-03-24',
      staffId: 'anna',
    });
    expect(inPerson).toMatchObject({ slots: [], reason: 'not-working' });
  });

  it('skips holidays', () => {
    const r = findSlotsOnDay(data(at('2026-04-01', '06:00')), {
      serviceId: 'advice',
      channel: 'phone',
      date: '2026-04-03',
    });
    expect(r).toMatchObject({ slots: [], reason: 'not-working' });
  });

  it('stops at the horizon and says so', () => {
    const now = at('2026-03-23', '06:00');
    const r = findEarliestSlots(data(now), { serviceId: 'advice', channel: 'phone', fromDate: '2026-04-07' });
    expect(r.lastBookableDate).toBe('2026-04-06');
    expect(r).toMatchObject({ slots: [], reason: 'outside-horizon' });
    const day = findSlotsOnDay(data(now), { serviceId: 'advice', channel: 'phone', date: '2026-03-22' });
    expect(day.reason).toBe('outside-horizon');
  });

  it('reports fully booked until the horizon', () => {
    const busy: Appointment[] = [];
    for (let d = 23; d <= 31; d++) {
      const date = `2026-03-${String(d).padStart(2, '0')}`;
      busy.push(appt('carla', date, '09:00', '12:00', { blockStart: at(date, '09:00'), blockEnd: at(date, '12:00') }));
    }
    for (let d = 1; d <= 6; d++) {
      const date = `2026-04-0${d}`;
      busy.push(appt('carla', date, '09:00', '12:00', { blockStart: at(date, '09:00'), blockEnd: at(date, '12:00') }));
    }
    const r = findEarliestSlots(data(at('2026-03-23', '06:00'), busy), { serviceId: 'advice', channel: 'phone' });
    expect(r).toMatchObject({ slots: [], reason: 'fully-booked', lastBookableDate: '2026-04-06' });
  });

  it('says nobody offers the service when the filter leaves no one', () => {
    const r = findEarliestSlots(data(at('2026-03-23', '06:00')), {
      serviceId: 'register',
      channel: 'phone',
      teamId: 'social',
    });
    expect(r).toMatchObject({ slots: [], reason: 'no-staff-offers' });
  });

  it('throws typed errors for unknown services and staff, and channels the service does not offer', () => {
    const d = data(at('2026-03-23', '06:00'));
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).code;
      }
      return 'no error';
    };
    expect(code(() => findEarliestSlots(d, { serviceId: 'nope', channel: 'phone' }))).toBe('unknown-service');
    expect(code(() => findEarliestSlots(d, { serviceId: 'advice', channel: 'in-person' }))).toBe('channel-not-offered');
    expect(code(() => findEarliestSlots(d, { serviceId: 'advice', channel: 'phone', staffId: 'nobody' }))).toBe(
      'unknown-staff',
    );
    expect(code(() => findEarliestSlots(d, { serviceId: 'advice', channel: 'phone', staffId: 'anna' }))).toBe(
      'service-not-offered-by-staff',
    );
  });

  it('gives an equally early slot to the least-loaded staff member', () => {
    // both free at 08:10 on Monday by phone; anna has two appointments later that day
    const busy = [appt('anna', '2026-03-23', '10:00', '10:30'), appt('anna', '2026-03-23', '11:00', '11:30')];
    const r = findEarliestSlots(data(at('2026-03-23', '06:00'), busy), {
      serviceId: 'register',
      channel: 'phone',
      count: 1,
    });
    expect(r.slots[0]).toMatchObject({ staffId: 'bert', start: at('2026-03-23', '08:10') });
  });
});

describe('slot engine: properties', () => {
  it('never returns a slot that overlaps a busy block or leaves the bookable hours', () => {
    const now = at('2026-03-23', '06:00');
    const dayStart = at('2026-03-23', '00:00');
    const blockArb = fc.record({
      staff: fc.constantFrom('anna', 'bert'),
      day: fc.integer({ min: 0, max: 4 }),
      from: fc.integer({ min: 7 * 12, max: 12 * 12 }),
      len: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 25 }), fc.constantFrom('in-person', 'phone'), (blocks, channel) => {
        const appointments = blocks.map((b, i) => {
          const start = dayStart + b.day * 86_400_000 + b.from * 5 * MINUTE;
          return appt(b.staff, '2026-03-23', '08:00', '08:30', {
            id: `p${i}`,
            staffId: b.staff,
            blockStart: start,
            blockEnd: start + b.len * 5 * MINUTE,
          });
        });
        const d = data(now, appointments);
        const r = findEarliestSlots(d, { serviceId: 'register', channel, count: 20 });
        for (const s of r.slots) {
          if (!isBlockFree(d.busy, s.staffId, s.blockStart, s.blockEnd)) return false;
          const staff = directory.staff.find((x) => x.id === s.staffId)!;
          const ivs = bookableIntervals(directory, staff, localDateOf(s.start), channel, undefined);
          if (!ivs.some((iv) => iv.start <= s.blockStart && s.blockEnd <= iv.end)) return false;
        }
        const starts = r.slots.map((s) => s.start);
        return starts.every((t, i) => i === 0 || t > starts[i - 1]!);
      }),
      { numRuns: 300 },
    );
  });
});

describe('slot engine: the raster every offered start lies on', () => {
  const service = directory.services.find((x) => x.id === 'register')!;
  it('is every 5 minutes for the usual steps: 10:00, 10:20, 10:35 on it; 10:27, 10:21 off it', () => {
    for (const t of ['10:00', '10:20', '10:35']) expect(onSlotGrid(service, at('2026-03-23', t))).toBe(true);
    for (const t of ['10:27', '10:21', '10:04']) expect(onSlotGrid(service, at('2026-03-23', t))).toBe(false);
    expect(onSlotGrid(service, at('2026-03-23', '10:00') + 30_000)).toBe(false);
    // A 7-minute consultation steps by 7 from a 5-minute start: any whole minute.
    expect(onSlotGrid({ durationMin: 7 }, at('2026-03-23', '10:07'))).toBe(true);
    expect(onSlotGrid({ durationMin: 7 }, at('2026-03-23', '10:07') + 1000)).toBe(false);
  });

  it('holds every start the search offers, whatever is booked around it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 })), { maxLength: 6 }),
        (booked) => {
          const appts = booked.map(([from, len]) => {
            const start = at('2026-03-23', '08:00') + from * 5 * MINUTE + 1;
            return {
              ...appt('anna', '2026-03-23', '08:00', '08:30'),
              start,
              end: start + len * 5 * MINUTE,
              blockStart: start,
              blockEnd: start + len * 7 * MINUTE,
            };
          });
          const r = findSlotsOnDay(data(at('2026-03-23', '06:00'), appts), {
            serviceId: 'register',
            channel: 'in-person',
            date: '2026-03-23',
          });
          return r.slots.every((x) => onSlotGrid(service, x.start));
        },
      ),
      { numRuns: 200 },
    );
  });
});
