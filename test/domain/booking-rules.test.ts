import {
  citizenIsReminded,
  keptPhone,
  validateBooking,
  validateOutcome,
  type BookingRequest,
} from '../../src/domain/booking-rules';
import { DomainError } from '../../src/domain/errors';
import type { Absence } from '../../src/domain/types';
import { at, schedulingDirectory } from './scheduling-fixture';

const directory = schedulingDirectory();
const now = at('2026-03-23', '06:00');
const ok: BookingRequest = {
  serviceId: 'register',
  staffId: 'anna',
  channel: 'in-person',
  start: at('2026-03-23', '09:00'),
};
const absences: Absence[] = [
  {
    id: 'x',
    staffId: 'anna',
    from: '2026-03-25',
    to: '2026-03-25',
    mode: 'absent',
    reason: 'sick',
    reportedBy: 's',
    createdAt: 0,
  },
  {
    id: 'y',
    staffId: 'anna',
    from: '2026-03-26',
    to: '2026-03-26',
    mode: 'home-office-only',
    reason: 'quarantine',
    reportedBy: 's',
    createdAt: 0,
  },
];
const codeOf = (req: Partial<BookingRequest>, n = now) => {
  try {
    validateBooking({ directory, absences, now: n }, { ...ok, ...req });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.code;
  }
};

describe('booking rules', () => {
  it('accepts a valid request and computes its block with buffers', () => {
    const v = validateBooking({ directory, absences, now }, ok);
    expect(v.end - v.start).toBe(30 * 60_000);
    expect(v.blockStart).toBe(at('2026-03-23', '08:50'));
    expect(v.blockEnd).toBe(at('2026-03-23', '09:40'));
  });

  it('refuses unknown ids, channels the service does not offer and staff who do not offer the service', () => {
    expect(codeOf({ serviceId: 'nope' })).toBe('unknown-service');
    expect(codeOf({ staffId: 'nobody' })).toBe('unknown-staff');
    expect(codeOf({ serviceId: 'advice', staffId: 'carla', channel: 'in-person' })).toBe('channel-not-offered');
    expect(codeOf({ serviceId: 'advice', channel: 'phone' })).toBe('service-not-offered-by-staff');
  });

  it('refuses an end before the start, the past, too short notice and the far future', () => {
    expect(codeOf({ end: at('2026-03-23', '08:00') })).toBe('invalid-range');
    expect(codeOf({ start: Number.NaN })).toBe('invalid-range');
    expect(codeOf({}, at('2026-03-23', '09:30'))).toBe('slot-in-past');
    expect(codeOf({}, at('2026-03-23', '08:30'))).toBe('too-short-notice');
    expect(codeOf({ start: at('2026-04-21', '09:00') })).toBe('beyond-horizon');
  });

  it('refuses blocks outside working hours, buffers included', () => {
    expect(codeOf({ start: at('2026-03-23', '08:00') })).toBe('outside-working-hours'); // buffer from 07:50
    expect(codeOf({ start: at('2026-03-23', '11:30') })).toBe('outside-working-hours'); // buffer until 12:10
    expect(codeOf({ start: at('2026-03-23', '08:10') })).toBe('ok');
    expect(codeOf({ start: at('2026-03-28', '09:00') })).toBe('outside-working-hours'); // Saturday
  });

  it('refuses in person outside the team’s on-site shift but allows phone from home', () => {
    expect(codeOf({ start: at('2026-03-30', '09:00') })).toBe('not-on-site'); // team B's week
    expect(codeOf({ start: at('2026-03-30', '09:00'), channel: 'phone' })).toBe('ok');
  });

  it('refuses absent days, and in person on home-office-only days', () => {
    expect(codeOf({ start: at('2026-03-25', '09:00') })).toBe('staff-absent');
    expect(codeOf({ start: at('2026-03-26', '09:00') })).toBe('staff-absent');
    expect(codeOf({ start: at('2026-03-26', '09:00'), channel: 'video' })).toBe('ok');
  });

  it('tells a block across the hand-over from on site to home office apart: not on site in person, fine by phone', () => {
    const dir = schedulingDirectory({
      rotation: {
        type: 'half-days',
        switchAt: '10:00',
        anchorMonday: '2026-03-23',
        teams: ['team-a', 'team-b'],
        alternateWeekly: false,
      },
    });
    const across = { start: at('2026-03-23', '09:50') }; // block 09:40–10:20, Anna on site until 10:00
    const code = (req: Partial<BookingRequest>) => {
      try {
        validateBooking({ directory: dir, absences: [], now }, { ...ok, ...req });
        return 'ok';
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return e.code;
      }
    };
    expect(code(across)).toBe('not-on-site');
    expect(code({ ...across, channel: 'phone' })).toBe('ok');
    expect(code({ start: at('2026-03-23', '11:40'), channel: 'phone' })).toBe('outside-working-hours');
  });

  it('books across hours the directory lists out of order or overlapping, and not into a gap between them', () => {
    const base = schedulingDirectory();
    const code = (hours: [string, string][], start: string) => {
      const dir = schedulingDirectory({
        staff: base.staff.map((s) => (s.id === 'carla' ? { ...s, hours: { mon: hours } } : s)),
      });
      const req = { serviceId: 'advice', staffId: 'carla', channel: 'phone' as const, start: at('2026-03-23', start) };
      try {
        validateBooking({ directory: dir, absences: [], now }, req);
        return 'ok';
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return e.code;
      }
    };
    // Advice takes an hour without buffers.
    expect(
      code(
        [
          ['10:00', '12:00'],
          ['09:00', '10:30'],
        ],
        '09:30',
      ),
    ).toBe('ok');
    expect(
      code(
        [
          ['10:00', '12:00'],
          ['09:00', '10:00'],
        ],
        '09:30',
      ),
    ).toBe('ok');
    expect(
      code(
        [
          ['13:00', '15:00'],
          ['09:00', '12:00'],
        ],
        '11:30',
      ),
    ).toBe('outside-working-hours');
  });

  it('refuses every channel on a day that is both home office only and absent, whichever was reported first', () => {
    const homeOffice = { ...absences[1]!, id: 'h', from: '2026-03-30', to: '2026-04-02' };
    const sick = { ...absences[0]!, id: 's', from: '2026-03-31', to: '2026-03-31' };
    for (const both of [
      [homeOffice, sick],
      [sick, homeOffice],
    ])
      for (const channel of ['phone', 'video', 'in-person'] as const)
        expect(() =>
          validateBooking({ directory, absences: both, now }, { ...ok, channel, start: at('2026-03-31', '09:00') }),
        ).toThrow('staff-absent');
  });

  it('allows an outcome only for a started, not cancelled appointment', () => {
    expect(() => validateOutcome({ status: 'booked', start: now + 1 }, now)).toThrow('not-started');
    expect(() => validateOutcome({ status: 'cancelled', start: now - 1 }, now)).toThrow('appointment-not-active');
    expect(() => validateOutcome({ status: 'booked', start: now - 1 }, now)).not.toThrow();
  });
});

describe('what is kept and sent for a citizen', () => {
  const start = Date.parse('2026-03-10T09:00:00Z');
  const day = 24 * 60;

  it('reminds only a citizen with an email address, and not one booked inside the reminder window', () => {
    const bookedEarly = start - 3 * day * 60_000;
    expect(citizenIsReminded({ email: 'erika@example.org', bookedAt: bookedEarly, start }, day)).toBe(true);
    expect(citizenIsReminded({ email: undefined, bookedAt: bookedEarly, start }, day)).toBe(false);
    expect(citizenIsReminded({ email: 'erika@example.org', bookedAt: start - 60 * 60_000, start }, day)).toBe(false);
  });

  it('keeps the phone number for a phone consultation, in person only without email, never for video', () => {
    expect(keptPhone('phone', 'e@example.org', '0511 4711')).toBe('0511 4711');
    expect(keptPhone('in-person', undefined, '0511 4711')).toBe('0511 4711');
    expect(keptPhone('in-person', 'e@example.org', '0511 4711')).toBeUndefined();
    expect(keptPhone('video', undefined, '0511 4711')).toBeUndefined();
  });
});
