/**
 * The team agenda reads what its answer needs — the day indexes of the reader's team (the people whose
 * whole calendar they may book), over the asked range — and answers exactly what the whole town's day,
 * filtered to that team and the search's rights, gives (real Redis).
 */
import { maySee } from '../../src/app/search-appointments';
import { teamAppointments } from '../../src/app/team-agenda';
import { loadDirectoryFile } from '../../src/config/directory';
import { teamOf } from '../../src/domain/booking-rights';
import { ManualClock } from '../../src/domain/clock';
import { localDayBounds, localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';
import { directBooking } from './support';

const t = testRedis('app-team-agenda');
const directory = loadDirectoryFile('config/directory.example.json');
const day = '2026-12-01';
const clock = new ManualClock(localDateTime('2026-11-30', '07:00'));
const store = new AppointmentStore(t.redis, clock);
const reads: { staffIds: readonly string[]; from: number; to: number }[] = [];
const deps = {
  directory,
  clock,
  appointments: {
    listForStaffMembers: (staffIds: readonly string[], from: number, to: number) => {
      reads.push({ staffIds, from, to });
      return store.listForStaffMembers(staffIds, from, to);
    },
  },
};
const staff = (id: string) => directory.staff.find((s) => s.id === id)!;

afterAll(() => t.cleanup());

beforeAll(async () => {
  const book = directBooking(directory, store, clock, 'ta');
  await book('jonas-becker', 'kfz', 'phone', day, '09:00');
  await book('katrin-hoffmann', 'meldewesen', 'video', day, '09:00');
  await book('sabine-neumann', 'ausweis', 'in-person', day, '10:00');
  await book('peter-klein', 'auskunft', 'phone', day, '09:00');
  await book('peter-klein', 'sozialberatung', 'phone', day, '11:00');
  await book('stefan-braun', 'bauberatung', 'video', day, '09:00');
});

it.each(['jonas-becker', 'anna-schulz', 'maria-lange', 'peter-klein', 'stefan-braun'])(
  'for %s: reads only the team’s indexes of that day and lists what the search would let them see of the team',
  async (actorId) => {
    reads.length = 0;
    const result = await teamAppointments(deps, { actorId, range: { kind: 'date', date: day } });
    const people = teamOf(directory, staff(actorId)).map((s) => s.id);
    const { start, end } = localDayBounds(day);
    expect(reads).toEqual([{ staffIds: people, from: start, to: end }]);
    expect(result.people).toBe(people.length);
    const expected = (await store.listForDay(day)).filter(
      (a) => people.includes(a.staffId) && maySee(directory, staff(actorId), a),
    );
    const listed = result.days.flatMap((d) => d.groups.flatMap((g) => g.appointments));
    expect(listed.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    // Grouped by whoever serves, the reader first, nobody listed without an appointment.
    for (const d of result.days)
      for (const g of d.groups) {
        expect(g.appointments.length).toBeGreaterThan(0);
        expect(g.appointments.every((a) => a.staffId === g.staff.id)).toBe(true);
      }
    const first = result.days[0]!.groups[0];
    if (listed.some((a) => a.staffId === actorId)) expect(first!.staff.id).toBe(actorId);
  },
);

it('is the Bürgerbüro for Jonas (both shift teams), the led teams for Maria, only herself for Julia', async () => {
  const groups = async (actorId: string) =>
    (await teamAppointments(deps, { actorId, range: { kind: 'date', date: day } })).days[0]!.groups.map(
      (g) => g.staff.id,
    );
  // Peter may be booked by anyone for "Auskunft", but is not the Bürgerbüro's team.
  expect(await groups('jonas-becker')).toEqual(['jonas-becker', 'katrin-hoffmann', 'sabine-neumann']);
  expect(await groups('maria-lange')).toEqual(['peter-klein', 'stefan-braun']);
  expect(await groups('julia-vogel')).toEqual([]);
  expect((await teamAppointments(deps, { actorId: 'julia-vogel', range: { kind: 'today' } })).people).toBe(1);
});

it('refuses somebody who is not in the directory', async () => {
  await expect(teamAppointments(deps, { actorId: 'nobody', range: { kind: 'today' } })).rejects.toMatchObject({
    code: 'unknown-staff',
  });
});
