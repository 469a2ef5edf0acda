/**
 * The pooled search reads only the days its answer needs: the named day first, the earliest search
 * one day and then widening. Property: whatever is asked, it answers exactly what a search over the
 * whole horizon answers (real Redis, a town whose first days are nearly full).
 */
import fc from 'fast-check';
import { findPooledSlots, type PooledSearchDeps, type PooledSearchRequest } from '../../src/app/pooled-search';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { DomainError } from '../../src/domain/errors';
import { addDays, DAY, localDateTime } from '../../src/domain/time';
import type { Channel } from '../../src/domain/types';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { testRedis } from '../support/redis';
import { bookingIfFree, directBooking, fillFirstDays, searchTimes } from './support';

const t = testRedis('app-pooled-reads');
const directory = loadDirectoryFile('config/directory.example.json');
// Monday 30 Nov 2026, 07:00 Berlin.
const today = '2026-11-30';
const clock = new ManualClock(localDateTime(today, '07:00'));
const store = new AppointmentStore(t.redis, clock);
const absences = new AbsenceStore(t.redis);
const reads: { from: number; to: number }[] = [];
const deps: PooledSearchDeps = {
  directory,
  clock,
  absences,
  store: {
    busyIndex: (ids, from, to) => {
      reads.push({ from, to });
      return store.busyIndex(ids, from, to);
    },
  },
};
/** The same search with every busy block of the whole horizon read, as before. */
const wholeHorizon: PooledSearchDeps = {
  ...deps,
  store: { busyIndex: (ids) => store.busyIndex(ids, clock.now() - 2 * DAY, clock.now() + 90 * DAY) },
};

afterAll(() => t.cleanup());

beforeAll(async () => {
  // The Bürgerbüro's first six days nearly full, the social services' first two completely, then a few here and there.
  const book = directBooking(directory, store, clock, 'pr');
  await fillFirstDays(book, directory, today, { buergerbueroDays: 6, gapEvery: 7 });
  const tryBook = bookingIfFree(book);
  for (let d = 6; d < 30; d += 3) await tryBook('jonas-becker', 'auskunft', 'video', addDays(today, d), '10:00');
}, 120_000);

const outcome = (p: Promise<unknown>) =>
  p.then(
    (r) => r,
    (e: unknown) => (e instanceof DomainError ? `DomainError ${e.code}` : e),
  );

const request: fc.Arbitrary<PooledSearchRequest> = fc.record(
  {
    bookedBy: fc.constantFrom('jonas-becker', 'anna-schulz', 'peter-klein', 'maria-lange'),
    serviceIds: fc.constantFrom(
      ['auskunft'],
      ['ausweis'],
      ['kfz'],
      ['meldewesen'],
      ['sozialberatung'],
      ['meldewesen', 'ausweis'],
      ['wohngeld'],
    ),
    channel: fc.constantFrom<Channel>('in-person', 'phone', 'video'),
    staffChoice: fc.constantFrom<PooledSearchRequest['staffChoice']>('pool', 'me', { staffId: 'katrin-hoffmann' }),
    day: fc.integer({ min: -1, max: 45 }).map((d) => addDays(today, d)),
    time: fc.constantFrom('08:00', '10:00', '10:15', '12:45', '15:30', '19:00'),
    partOfDay: fc.constantFrom('morning' as const, 'afternoon' as const),
    after: fc.integer({ min: 0, max: 20 * 24 * 60 }).map((m) => clock.now() + m * 60_000),
    count: fc.integer({ min: 1, max: 8 }),
  },
  { requiredKeys: ['bookedBy', 'serviceIds', 'channel', 'staffChoice'] },
);

const now = fc.constantFrom(...searchTimes(today));

describe('pooled search reads only the days it needs', () => {
  beforeEach(() => clock.set(localDateTime(today, '07:00')));

  it('answers every request exactly like a search over the whole horizon', async () => {
    await fc.assert(
      fc.asyncProperty(request, now, async (req, at) => {
        clock.set(at);
        expect(await outcome(findPooledSlots(deps, req))).toEqual(await outcome(findPooledSlots(wholeHorizon, req)));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('reads only the named day (and a day either side) when that day has free times', async () => {
    reads.length = 0;
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['kfz'],
      channel: 'phone',
      staffChoice: 'pool',
      day: addDays(today, 10),
      time: '10:00',
    });
    expect(r.slots.length).toBeGreaterThan(0);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.to - reads[0]!.from).toBeLessThanOrEqual(3 * DAY + 3600_000);
  });

  it('reads the earliest free days first and widens only as far as the answer needs', async () => {
    reads.length = 0;
    const r = await findPooledSlots(deps, {
      bookedBy: 'peter-klein',
      serviceIds: ['wohngeld'],
      channel: 'phone',
      staffChoice: 'pool',
    });
    expect(r.slots.length).toBeGreaterThan(0);
    // Two full days for the social services: 1, 2, then 4 days read, never the 42 days of the horizon.
    const widest = Math.max(...reads.map((x) => x.to - x.from));
    expect(widest).toBeLessThan(10 * DAY);
  });

  it('does not read the bookings of a day whose work is over: in the evening it reads the next day only', async () => {
    clock.set(localDateTime(today, '19:30'));
    reads.length = 0;
    const r = await findPooledSlots(deps, {
      bookedBy: 'jonas-becker',
      serviceIds: ['auskunft'],
      channel: 'phone',
      staffChoice: 'pool',
    });
    expect(r.slots.length).toBeGreaterThan(0);
    expect(Math.min(...reads.map((x) => x.from))).toBeGreaterThanOrEqual(
      localDateTime(addDays(today, 1), '00:00') - 3600_000,
    );
  });
});
