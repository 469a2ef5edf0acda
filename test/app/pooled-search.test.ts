import { confirmBooking, holdSlot } from '../../src/app/book';
import { findPooledSlots } from '../../src/app/pooled-search';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { DomainError } from '../../src/domain/errors';
import { localDateOf, localDateTime, localTimeOf } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';

const t = testRedis('app-pooled');
const directory = loadDirectoryFile('config/directory.example.json');
// Monday 30 Nov 2026, 07:00 Berlin: team B is on site this week (alternating weeks), team A at home.
const clock = new ManualClock(localDateTime('2026-11-30', '07:00'));
const store = new AppointmentStore(t.redis, clock);
const absences = new AbsenceStore(t.redis);
const deps = { directory, clock, store, absences, holdTtlSeconds: 300 };
const teamOf = (id: string) => directory.staff.find((s) => s.id === id)!.team;

afterAll(() => t.cleanup());

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

async function book(
  actorId: string,
  slot: { staffId: string; start: number; serviceIds: string[]; channel: 'in-person' | 'phone' | 'video' },
) {
  const req = {
    actorId,
    staffId: slot.staffId,
    serviceId: slot.serviceIds[0]!,
    serviceIds: slot.serviceIds,
    channel: slot.channel,
    start: slot.start,
  };
  const held = await holdSlot(deps, req);
  return confirmBooking(deps, {
    ...req,
    holdToken: held.token,
    clientKey: held.clientKey,
    citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
  });
}

describe('pooled search (findPooledSlots)', () => {
  it('gives Jonas (team A, home office) a team-B colleague on site for an in-person ID card on Friday', async () => {
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['ausweis'],
      channel: 'in-person',
      day: '2026-12-04',
      staffChoice: 'pool',
    });
    expect(r.notices).toEqual([]);
    expect(r.slots.length).toBeGreaterThan(0);
    for (const s of r.slots) {
      expect(teamOf(s.staffId)).toBe('buergerbuero-b');
      expect(s).toMatchObject({ onSite: true, teamName: 'Bürgerbüro Team B', channel: 'in-person' });
      expect(localDateOf(s.start)).toBe('2026-12-04');
    }
    // Equally free colleagues share the day: not all the first slots go to the first of the file.
    expect(new Set(r.slots.map((s) => s.staffId)).size).toBeGreaterThan(1);
  });

  it('"bei mir" searches only the booker, who is not on site this week', async () => {
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['ausweis'],
      channel: 'in-person',
      day: '2026-12-04',
      staffChoice: 'me',
    });
    expect(r.slots).toEqual(r.slots.filter((s) => s.staffId === 'jonas-becker'));
    expect(r.notices[0]).toEqual({ code: 'day-not-working', requested: '2026-12-04' });
    // The nearest days with a slot: next week, when team A is on site.
    expect(localDateOf(r.slots[0]!.start) >= '2026-12-07').toBe(true);
  });

  it('offers phone consultations from home to both teams', async () => {
    const r = await findPooledSlots(deps, {
      bookedBy: 'katrin-hoffmann',
      serviceIds: ['kfz'],
      channel: 'phone',
      staffChoice: 'pool',
      count: 20,
    });
    const teams = new Set(r.slots.map((s) => teamOf(s.staffId)));
    expect(teams).toEqual(new Set(['buergerbuero-a', 'buergerbuero-b']));
    expect(r.slots.some((s) => !s.onSite)).toBe(true);
  });

  it('refuses a named colleague the directory does not allow, allows general enquiries for everyone', async () => {
    expect(
      await codeOf(
        findPooledSlots(deps, {
          bookedBy: 'jonas-becker',
          serviceIds: ['sozialberatung'],
          channel: 'phone',
          staffChoice: { staffId: 'elif-demir' },
        }),
      ),
    ).toBe('not-allowed');
    const r = await findPooledSlots(deps, {
      bookedBy: 'stefan-braun',
      serviceIds: ['auskunft'],
      channel: 'phone',
      staffChoice: 'pool',
      count: 30,
    });
    expect(r.staffIds).toContain('peter-klein');
    expect(r.staffIds).toContain('katrin-hoffmann');
  });

  it('says what is possible instead: the only channel, the earliest slots for a day past the horizon', async () => {
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['ausweis'],
      channel: 'phone',
      day: '2027-06-01',
      staffChoice: 'pool',
    });
    expect(r.channel).toBe('in-person');
    expect(r.notices).toEqual([
      { code: 'channel-not-offered', requested: 'phone', channels: ['in-person'] },
      { code: 'outside-horizon', requested: '2027-06-01', lastBookableDate: '2027-01-11' },
    ]);
    expect(r.slots.length).toBeGreaterThan(0);
    const impossible = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['ausweis'],
      channel: 'in-person',
      day: '2026-02-30',
      staffChoice: 'pool',
    });
    expect(impossible.notices).toEqual([{ code: 'invalid-date', requested: '2026-02-30' }]);
    expect(impossible.slots.length).toBeGreaterThan(0);
    expect(
      await codeOf(
        findPooledSlots(deps, {
          bookedBy: 'jonas-becker',
          serviceIds: ['pass'],
          channel: 'phone',
          staffChoice: 'pool',
        }),
      ),
    ).toBe('unknown-service');
  });

  it('puts a wished time first, or says it is outside working hours and offers the nearest', async () => {
    const at10 = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['kfz'],
      channel: 'phone',
      day: '2026-12-01',
      time: '10:00',
      staffChoice: 'pool',
    });
    expect(at10.notices).toEqual([]);
    expect(at10.slots.map((s) => localTimeOf(s.start))).toContain('10:00');
    const late = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['kfz'],
      channel: 'phone',
      day: '2026-12-01',
      time: '22:00',
      staffChoice: 'pool',
    });
    expect(late.notices).toEqual([{ code: 'time-outside-hours', requested: '22:00' }]);
    expect(late.slots.length).toBeGreaterThan(0);
    const afternoon = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['auskunft'],
      channel: 'video',
      day: '2026-12-04',
      partOfDay: 'afternoon',
      staffChoice: 'pool',
    });
    for (const s of afternoon.slots) expect(localTimeOf(s.start) >= '12:00').toBe(true);
  });

  it('uses the same part-of-day windows as the sentence parser: "mittags" is 11:00–14:00', async () => {
    const midday = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['auskunft'],
      channel: 'video',
      day: '2026-12-04',
      partOfDay: 'midday',
      staffChoice: 'pool',
    });
    expect(midday.slots.length).toBeGreaterThan(0);
    for (const s of midday.slots) expect(localTimeOf(s.start) >= '11:00' && localTimeOf(s.start) < '14:00').toBe(true);
  });

  it('books two services in one appointment with someone who offers both, durations added', async () => {
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['meldewesen', 'ausweis'],
      channel: 'in-person',
      day: '2026-12-03',
      staffChoice: 'pool',
    });
    expect(r.durationMin).toBe(35);
    const slot = r.slots[0]!;
    expect(slot.end - slot.start).toBe(35 * 60_000);
    const { appointment } = await book('jonas-becker', slot);
    expect(appointment).toMatchObject({ serviceId: 'meldewesen', serviceIds: ['meldewesen', 'ausweis'] });
    expect(directory.staff.find((s) => s.id === appointment.staffId)!.services).toEqual(
      expect.arrayContaining(['meldewesen', 'ausweis']),
    );
    // murat-yilmaz does not offer ID cards, so he is never in the pool for the pair.
    expect(r.staffIds).not.toContain('murat-yilmaz');
  });

  it('spreads pooled bookings over equally free colleagues', async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 8; i++) {
      const r = await findPooledSlots(deps, {
        bookedBy: 'katrin-hoffmann',
        serviceIds: ['meldewesen'],
        channel: 'in-person',
        day: '2026-12-02',
        staffChoice: 'pool',
        count: 1,
      });
      const { appointment } = await book('katrin-hoffmann', r.slots[0]!);
      counts.set(appointment.staffId, (counts.get(appointment.staffId) ?? 0) + 1);
    }
    // Four team-B colleagues on site offer it: two each.
    expect([...counts.values()]).toEqual([2, 2, 2, 2]);
  });
});
