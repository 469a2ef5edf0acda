import type { AppointmentFacts } from '../../src/domain/appointment-facts';
import { computeFigures, FIGURE_KEYS, staffDay, type Figures } from '../../src/domain/figures';
import { DAY, localDateTime, MINUTE } from '../../src/domain/time';
import type { Absence } from '../../src/domain/types';
import { exampleDirectory } from '../support/summary-fixture';
import { summaryTexts } from '../../src/bot/cards/summary-texts';

const directory = exampleDirectory();
const at = (day: string, hhmm: string) => localDateTime(day, hhmm);

/** A Bauamt consultation (bauberatung: 45 minutes and 15 minutes after, so a 60-minute block). */
function fact(over: Partial<AppointmentFacts> & { id: string; start: number }): AppointmentFacts {
  const end = over.start + 45 * MINUTE;
  return {
    staffId: 'stefan-braun',
    teamId: 'bauamt',
    serviceIds: ['bauberatung'],
    channel: 'in-person',
    end,
    blockStart: over.start,
    blockEnd: end + 15 * MINUTE,
    createdAt: over.start - 2 * DAY,
    status: 'booked',
    cancelledBy: null,
    cancelledAt: null,
    moves: 0,
    reachedBy: ['email'],
    ...over,
  };
}

/**
 * One week of the Bauamt (Mon 2 – Sun 8 November 2026), worked out by hand. Summer time ended on
 * Sunday 25 October, so bookings made before it lie an hour further from their start.
 */
const week = {
  facts: [
    fact({ id: 'f1', start: at('2026-11-02', '09:00'), channel: 'video', status: 'completed' }),
    fact({
      id: 'f2',
      start: at('2026-11-02', '10:00'),
      status: 'no-show',
      createdAt: at('2026-11-02', '08:00'),
      reachedBy: ['call'],
    }),
    fact({
      id: 'f3',
      staffId: 'julia-vogel',
      start: at('2026-11-03', '09:00'),
      channel: 'video',
      status: 'completed',
      createdAt: at('2026-10-24', '09:00'),
    }),
    fact({
      id: 'f4',
      staffId: 'julia-vogel',
      start: at('2026-11-05', '14:00'),
      channel: 'video',
      status: 'cancelled',
      cancelledBy: 'citizen',
      cancelledAt: at('2026-11-04', '20:00'),
      moves: 1,
    }),
    fact({
      id: 'f5',
      start: at('2026-11-05', '13:00'),
      status: 'cancelled',
      cancelledBy: 'staff',
      cancelledAt: at('2026-11-02', '09:00'),
    }),
    fact({ id: 'f6', start: at('2026-11-06', '09:00'), createdAt: at('2026-10-17', '09:00'), moves: 2 }),
    fact({
      id: 'f7',
      start: at('2026-11-06', '11:00'),
      status: 'cancelled',
      cancelledBy: 'replan',
      cancelledAt: at('2026-11-06', '07:00'),
    }),
    // Another team, and the Monday after: not counted.
    fact({ id: 'f8', staffId: 'peter-klein', teamId: 'soziales', start: at('2026-11-03', '09:00') }),
    fact({ id: 'f9', start: at('2026-11-09', '09:00') }),
  ],
  absences: [
    {
      id: 'abs',
      staffId: 'julia-vogel',
      from: '2026-11-04',
      to: '2026-11-04',
      mode: 'absent',
      reason: 'sick',
      reportedBy: 'julia-vogel',
      createdAt: 0,
    },
  ] satisfies Absence[],
  calendarBusy: [{ staffId: 'stefan-braun', start: at('2026-11-03', '10:00'), end: at('2026-11-03', '11:00') }],
};

const figuresOfWeek = () =>
  computeFigures({
    directory,
    from: '2026-11-02',
    to: '2026-11-08',
    teamIds: ['bauamt'],
    ...week,
    now: at('2026-11-07', '12:00'),
  });

describe('computeFigures on a hand-made week', () => {
  it('counts booked, completed, no-shows and unmarked outcomes', () => {
    expect(figuresOfWeek().total).toMatchObject({
      booked: 4,
      completed: 2,
      noShow: 1,
      noShowRate: 0.333,
      unmarked: 1,
    });
  });

  it('reads five calendar days across the spring switch as five days, not "4 Tage 23 Std."', () => {
    const start = at('2027-03-29', '10:00');
    const f = computeFigures({
      directory,
      from: '2027-03-29',
      to: '2027-03-29',
      facts: [fact({ id: 's1', start, createdAt: at('2027-03-24', '10:00') })],
      absences: [],
      calendarBusy: [],
      now: start + DAY,
    }).total;
    expect(f.leadTimeMedianMin).toBe(5 * 1440);
    expect(summaryTexts.de.duration(f.leadTimeMedianMin!)).toBe('5 Tage');
  });

  it('counts cancellations by who cancelled, and those less than 24 hours before the start', () => {
    expect(figuresOfWeek().total).toMatchObject({
      cancelled: 3,
      cancelledByCitizen: 1,
      cancelledByStaff: 1,
      cancelledByReplan: 1,
      cancelledLate: 2,
      moved: 2,
    });
  });

  it('measures lead times on the Berlin clock: calendar days and hours, whatever the clock change did', () => {
    // 120 min (same day), 2 days, 10 days and 20 days back across the end of summer time: 10 days read
    // "10 Tage", not "10 Tage 1 Std." (the hour the clocks went back is no hour of waiting anyone sees).
    const t = figuresOfWeek().total;
    expect(t).toMatchObject({
      leadTimeSamples: 4,
      leadTimeMedianMin: (2 * 1440 + 10 * 1440) / 2,
      leadTimeP90Min: 20 * 1440,
      leadWithin3Days: 0.5,
      leadWithin7Days: 0.5,
      leadWithin14Days: 0.75,
    });
  });

  it('plans capacity from working hours minus absences and the staff’s own calendar, in minutes and slots', () => {
    // Stefan: 450 × 3 + 570 (Thu) + 270 (Fri) − 60 busy; Julia: 300 × 4 + 240 − 300 (absent Wednesday).
    const t = figuresOfWeek().total;
    expect(t).toMatchObject({ bookedMin: 240, capacityMin: 2130 + 1140, utilisation: 0.073 });
    // 60-minute slots per staff-day, whole ones: Stefan 7 + 6 + 7 + 9 + 4, Julia 5 + 5 + 0 + 5 + 4.
    expect(t.capacitySlots).toBe(33 + 19);
  });

  it('counts how the citizens were told', () => {
    expect(figuresOfWeek().total).toMatchObject({ reachedByEmail: 3, reachedBySms: 0, reachedByCall: 1 });
  });

  it('breaks the figures down by team, service, channel, day, week, month and staff member', () => {
    const { rows } = figuresOfWeek();
    const pick = (list: { key: string; figures: Figures }[], k: keyof Figures) =>
      Object.fromEntries(list.map((r) => [r.key, r.figures[k]]));
    expect(pick(rows.team, 'booked')).toEqual({ bauamt: 4 });
    expect(pick(rows.service, 'booked')).toEqual({ bauberatung: 4 });
    expect(pick(rows.channel, 'booked')).toEqual({ video: 2, phone: 0, 'in-person': 2 });
    expect(pick(rows.channel, 'capacityMin')).toEqual({ video: null, phone: null, 'in-person': null });
    expect(pick(rows.day, 'capacityMin')).toEqual({
      '2026-11-02': 750,
      '2026-11-03': 690,
      '2026-11-04': 450,
      '2026-11-05': 870,
      '2026-11-06': 510,
      '2026-11-07': 0,
      '2026-11-08': 0,
    });
    expect(pick(rows.day, 'cancelled')).toMatchObject({ '2026-11-05': 2, '2026-11-06': 1 });
    expect(pick(rows.week, 'booked')).toEqual({ '2026-11-02': 4 });
    expect(pick(rows.month, 'capacityMin')).toEqual({ '2026-11': 3270 });
    expect(pick(rows.staff, 'booked')).toEqual({ 'julia-vogel': 1, 'stefan-braun': 3 });
    expect(rows.staff.map((r) => r.key)).toEqual(['julia-vogel', 'stefan-braun']);
  });

  it('adds up: every breakdown with capacity sums to the total', () => {
    const { rows, total } = figuresOfWeek();
    for (const list of [rows.team, rows.day, rows.week, rows.month, rows.staff]) {
      for (const k of ['booked', 'cancelled', 'bookedMin', 'capacityMin', 'capacitySlots', 'noShow'] as const)
        expect(list.reduce((s, r) => s + (r.figures[k] ?? 0), 0)).toBe(total[k]);
    }
  });

  it('counts an appointment for two services under each of them', () => {
    const f = fact({ id: 'multi', start: at('2026-11-02', '09:00'), serviceIds: ['bauberatung', 'wohngeld'] });
    const r = computeFigures({
      directory,
      from: '2026-11-02',
      to: '2026-11-02',
      teamIds: ['bauamt'],
      facts: [f],
      absences: [],
      now: 0,
    });
    expect(r.rows.service.map((x) => [x.key, x.figures.booked])).toEqual([
      ['wohngeld', 1],
      ['bauberatung', 1],
    ]);
    expect(r.total.booked).toBe(1);
  });

  it('groups by the services’ LeiKa ids, one count per id and appointment, those without one last', () => {
    const withIds = {
      ...directory,
      services: directory.services.map((sv) =>
        sv.id === 'bauberatung' || sv.id === 'wohngeld' ? { ...sv, leikaId: '99107004000000' } : sv,
      ),
    };
    const r = computeFigures({
      directory: withIds,
      from: '2026-11-02',
      to: '2026-11-02',
      teamIds: ['bauamt', 'soziales'],
      facts: [
        fact({ id: 'both', start: at('2026-11-02', '09:00'), serviceIds: ['bauberatung', 'wohngeld'] }),
        fact({ id: 'plain', start: at('2026-11-02', '11:00') }),
        fact({
          id: 'none',
          staffId: 'peter-klein',
          teamId: 'soziales',
          serviceIds: ['sozialberatung'],
          start: at('2026-11-02', '10:00'),
        }),
      ],
      absences: [],
      now: 0,
    });
    expect(r.rows.leika.map((x) => [x.key, x.figures.booked])).toEqual([
      ['99107004000000', 2],
      ['', 1],
    ]);
    expect(r.rows.leika[0]!.figures.capacityMin).toBeNull();
  });

  it('keeps counting the appointments of someone who left the directory', () => {
    const f = fact({ id: 'former', staffId: 'gone', start: at('2026-11-02', '09:00') });
    const r = computeFigures({
      directory,
      from: '2026-11-02',
      to: '2026-11-02',
      teamIds: ['bauamt'],
      facts: [f],
      absences: [],
      now: 0,
    });
    expect(r.total.booked).toBe(1);
    expect(r.rows.staff.at(-1)).toMatchObject({ key: 'gone', figures: { booked: 1, capacityMin: 0 } });
  });

  it('has a value (or null) for every figure it defines', () => {
    const t = figuresOfWeek().total;
    expect(Object.keys(t).sort()).toEqual([...FIGURE_KEYS].sort());
  });
});

describe('staffDay', () => {
  const stefan = directory.staff.find((s) => s.id === 'stefan-braun')!;
  const katrin = directory.staff.find((s) => s.id === 'katrin-hoffmann')!;

  it('gives nothing on a holiday or when absent', () => {
    expect(staffDay(directory, stefan, '2026-05-01', undefined).availableMin).toBe(0);
    expect(staffDay(directory, stefan, '2026-11-02', 'absent').availableMin).toBe(0);
  });

  it('counts an off-shift day only for someone with a home-office place', () => {
    // 2026-11-02 is an odd week from the anchor (2026-01-05): Bürgerbüro B is on site, A at home.
    expect(staffDay(directory, katrin, '2026-11-09', undefined).availableMin).toBe(450);
    expect(staffDay(directory, { ...katrin, homeOffice: false }, '2026-11-09', undefined).availableMin).toBe(0);
    expect(staffDay(directory, { ...katrin, homeOffice: false }, '2026-11-02', undefined).availableMin).toBe(450);
    expect(staffDay(directory, { ...katrin, homeOffice: false }, '2026-11-02', 'home-office-only').availableMin).toBe(
      0,
    );
  });

  it('counts a day its own calendar blocks entirely as absent', () => {
    const busy = [{ start: at('2026-11-02', '07:00'), end: at('2026-11-02', '17:00') }];
    expect(staffDay(directory, stefan, '2026-11-02', undefined, busy)).toEqual({
      workMin: 450,
      blockedMin: 450,
      availableMin: 0,
      calendarAbsent: true,
    });
  });
});
