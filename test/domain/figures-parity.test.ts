/**
 * The daily card and the period report are one computation: on random appointments, absences and
 * calendar busy times, every figure the card shows for a day equals the report's figure for that
 * day — the report asked for a whole month (its day rows) and for the day itself (its team, staff,
 * service and channel rows), and for the week before (the card's lead time).
 */
import fc from 'fast-check';
import { factsOf, teamOfStaff } from '../../src/domain/appointment-facts';
import { computeFigures, type FigureRow, type Figures } from '../../src/domain/figures';
import { computeSummary, LEAD_TIME_DAYS } from '../../src/domain/summary';
import { previousWorkingDay } from '../../src/domain/working-days';
import { addDays, localDateOf, localDateTime, localDayBounds, MINUTE } from '../../src/domain/time';
import type { Absence, Appointment, AppointmentStatus, Channel } from '../../src/domain/types';
import { exampleDirectory } from '../support/summary-fixture';

const directory = exampleDirectory();
const FIRST = '2026-10-19';
const DAYS = 28; // across the end of summer time (25 October)
const STATUSES: AppointmentStatus[] = ['booked', 'completed', 'no-show', 'cancelled'];

const appointmentArb = fc
  .record({
    staff: fc.constantFrom(...directory.staff),
    serviceIndex: fc.nat(),
    channel: fc.constantFrom<Channel>('video', 'phone', 'in-person'),
    dayOffset: fc.integer({ min: 0, max: DAYS - 1 }),
    quarter: fc.integer({ min: 0, max: 48 }),
    status: fc.constantFrom(...STATUSES),
    cancelledBy: fc.constantFrom<Appointment['cancelledBy']>('citizen', 'staff', 'replan', undefined),
    leadMin: fc.integer({ min: -30, max: 30 * 24 * 60 }),
    cancelBeforeMin: fc.integer({ min: -60, max: 5 * 24 * 60 }),
    moves: fc.integer({ min: 0, max: 2 }),
    email: fc.boolean(),
    second: fc.boolean(),
  })
  .map((r): Appointment => {
    const service = r.staff.services[r.serviceIndex % r.staff.services.length]!;
    const other = r.staff.services.find((s) => s !== service);
    const sv = directory.services.find((s) => s.id === service)!;
    const start = localDateTime(addDays(FIRST, r.dayOffset), '07:00') + r.quarter * 15 * MINUTE;
    const end = start + sv.durationMin * MINUTE;
    const id = 'a'; // numbered in the property
    return {
      id,
      uid: id,
      sequence: 0,
      staffId: r.staff.id,
      serviceId: service,
      ...(r.second && other ? { serviceIds: [service, other] } : {}),
      channel: r.channel,
      start,
      end,
      blockStart: start - sv.bufferBeforeMin * MINUTE,
      blockEnd: end + sv.bufferAfterMin * MINUTE,
      status: r.status,
      citizen: { name: 'x', ...(r.email ? { email: 'x@example.org' } : {}), language: 'de' },
      createdAt: start - r.leadMin * MINUTE,
      createdBy: r.staff.id,
      updatedAt: start,
      ...(r.status === 'cancelled'
        ? { ...(r.cancelledBy ? { cancelledBy: r.cancelledBy } : {}), cancelledAt: start - r.cancelBeforeMin * MINUTE }
        : {}),
      ...(r.moves ? { moves: r.moves } : {}),
    };
  });

const absenceArb = fc
  .record({
    staff: fc.constantFrom(...directory.staff),
    from: fc.integer({ min: 0, max: DAYS - 1 }),
    length: fc.integer({ min: 0, max: 4 }),
    mode: fc.constantFrom<Absence['mode']>('absent', 'home-office-only'),
  })
  .map((r): Absence => ({
    id: 'abs',
    staffId: r.staff.id,
    from: addDays(FIRST, r.from),
    to: addDays(FIRST, r.from + r.length),
    mode: r.mode,
    reason: 'sick',
    reportedBy: r.staff.id,
    createdAt: 0,
  }));

/** At most one busy block per staff member and day, so they are disjoint like the store's merged blocks. */
const busyArb = fc.uniqueArray(
  fc.record({
    staffId: fc.constantFrom(...directory.staff.map((s) => s.id)),
    day: fc.integer({ min: 0, max: DAYS - 1 }),
    from: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 1, max: 48 }),
  }),
  { selector: (b) => `${b.staffId}|${b.day}`, maxLength: 30 },
);

const teamsArb = fc.subarray(
  directory.teams.map((t) => t.id),
  { minLength: 1 },
);

describe('the daily card and the report agree', () => {
  it('shows the same figures for the same day on random data', () => {
    fc.assert(
      fc.property(
        fc.array(appointmentArb, { maxLength: 120 }),
        fc.array(absenceArb, { maxLength: 6 }),
        busyArb,
        teamsArb,
        fc.integer({ min: LEAD_TIME_DAYS + 1, max: DAYS - 1 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (generated, absences, busySpecs, teamIds, dayOffset, nowMin) => {
          const appointments = generated.map((a, i) => ({ ...a, id: `a${i}`, uid: `a${i}` }));
          const day = addDays(FIRST, dayOffset);
          const now = localDateTime(day, '00:00') + nowMin * MINUTE;
          const calendarBusy = busySpecs.map((b) => {
            const start = localDateTime(addDays(FIRST, b.day), '07:00') + b.from * 15 * MINUTE;
            return { staffId: b.staffId, start, end: start + b.length * 15 * MINUTE };
          });
          const on = (d: string) => appointments.filter((a) => localDateOf(a.start) === d);
          const card = computeSummary({
            directory,
            day,
            appointmentsOfDay: on(day),
            appointmentsOfPreviousWorkingDay: on(previousDay(day)),
            recentBookings: appointments.filter((a) => {
              const d = localDateOf(a.start);
              return d >= addDays(day, -LEAD_TIME_DAYS) && d < day;
            }),
            absences,
            calendarBusy: calendarBusy.filter(
              (b) => b.end > localDayBounds(day).start && b.start < localDayBounds(day).end,
            ),
            nextFreeSlotPerService: {},
            openProblems: { deadLetters: 0 },
            teamIds,
            now,
          });

          // The report sees every appointment and busy block, as the store's readFacts would give them.
          const teamOf = teamOfStaff(directory.staff);
          const facts = appointments.map((a) => factsOf(a, teamOf));
          const report = (from: string, to: string) =>
            computeFigures({ directory, from, to, teamIds, facts, absences, calendarBusy, now });
          const month = report(addDays(day, -20), addDays(day, 3));
          const ofDay = report(day, day);
          const lead = report(addDays(day, -LEAD_TIME_DAYS), addDays(day, -1)).total;
          const row = (rows: FigureRow[], key: string): Figures => rows.find((r) => r.key === key)!.figures;

          const differences: string[] = [];
          const same = (what: string, a: unknown, b: unknown) => {
            if (JSON.stringify(a) !== JSON.stringify(b))
              differences.push(`${what}: card ${JSON.stringify(a)} report ${JSON.stringify(b)}`);
          };
          const d = row(month.rows.day, day);
          same('totals', card.totals, {
            appointments: d.booked,
            cancelled: d.cancelled,
            bookedMin: d.bookedMin,
            availableMin: d.capacityMin,
            utilisation: d.utilisation,
          });
          for (const t of card.teams) {
            const f = row(ofDay.rows.team, t.teamId);
            same(
              `team ${t.teamId}`,
              [t.appointments, t.cancelled, t.bookedMin, t.availableMin, t.utilisation],
              [f.booked, f.cancelled, f.bookedMin, f.capacityMin, f.utilisation],
            );
          }
          for (const s of card.staff) {
            const f = row(ofDay.rows.staff, s.staffId);
            same(
              `staff ${s.staffId}`,
              [s.appointments, s.bookedMin, s.availableMin],
              [f.booked, f.bookedMin, f.capacityMin],
            );
          }
          for (const sv of card.services)
            same(
              `service ${sv.serviceId}`,
              sv.appointments,
              ofDay.rows.service.find((r) => r.key === sv.serviceId)?.figures.booked ?? 0,
            );
          for (const c of ['video', 'phone', 'in-person'] as const)
            same(`channel ${c}`, card.channels[c], row(ofDay.rows.channel, c).booked);
          const p = row(month.rows.day, card.previousWorkingDay);
          same('previous day', card.previousDay, {
            day: card.previousWorkingDay,
            appointments: p.booked,
            completed: p.completed,
            noShows: p.noShow,
            cancelled: p.cancelled,
            cancelledBy: { citizen: p.cancelledByCitizen, staff: p.cancelledByStaff, replan: p.cancelledByReplan },
            noShowRate: p.noShowRate,
          });
          same('lead time', card.leadTime, {
            samples: lead.leadTimeSamples,
            medianMin: lead.leadTimeMedianMin,
            p90Min: lead.leadTimeP90Min,
          });
          expect(differences).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function previousDay(day: string): string {
  return previousWorkingDay(directory, day);
}
