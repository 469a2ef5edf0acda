/**
 * The summary's "next free slot" per service reads only the days it needs: from the first day on which
 * someone still works, widening until every service has its slot. Property: at any time of day, and for
 * any teams, it names exactly the slots a search over the whole horizon names (real Redis, a town whose
 * first days are nearly full).
 */
import fc from 'fast-check';
import { buildSummary, type BuildSummaryDeps } from '../../src/app/build-summary';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { addDays, DAY, localDateTime } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { RedisDeadLetters } from '../../src/store/outbox';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { testRedis } from '../support/redis';
import { directBooking, fillFirstDays, searchTimes } from './support';

const t = testRedis('app-summary-next-free');
const directory = loadDirectoryFile('config/directory.example.json');
// Monday 30 Nov 2026.
const today = '2026-11-30';
const clock = new ManualClock(localDateTime(today, '07:00'));
const store = new AppointmentStore(t.redis, clock);
const reads: { from: number; to: number }[] = [];
const deps: BuildSummaryDeps = {
  directory,
  clock,
  appointments: store,
  absences: new AbsenceStore(t.redis),
  problems: new RedisDeadLetters(t.redis),
  replans: new ReplanOutcomeStore(t.redis),
  busy: {
    busyIndex: (ids, from, to) => {
      reads.push({ from, to });
      return store.busyIndex(ids, from, to);
    },
  },
};
/** The same summary with every busy block of the whole horizon read. */
const wholeHorizon: BuildSummaryDeps = {
  ...deps,
  busy: { busyIndex: (ids) => store.busyIndex(ids, clock.now() - 2 * DAY, clock.now() + 90 * DAY) },
};

afterAll(() => t.cleanup());

beforeAll(async () => {
  // The Bürgerbüro's first four days nearly full, the social services' first two completely.
  await fillFirstDays(directBooking(directory, store, clock, 'nf'), directory, today, {
    buergerbueroDays: 4,
    gapEvery: 9,
  });
}, 120_000);

const nextFree = async (d: BuildSummaryDeps, teamIds: readonly string[]) =>
  (await buildSummary(d, { day: today, teamIds })).services.map((s) => [s.serviceId, s.nextFreeSlot ?? null]);

describe("the summary's next free slot reads only the days it needs", () => {
  it('names the same slots as a search over the whole horizon, at any time of day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...searchTimes(today)),
        fc.subarray(
          directory.teams.map((x) => x.id),
          { minLength: 1 },
        ),
        async (at, teamIds) => {
          clock.set(at);
          expect(await nextFree(deps, teamIds)).toEqual(await nextFree(wholeHorizon, teamIds));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('does not read the bookings of a day whose work is over', async () => {
    clock.set(localDateTime(today, '19:30'));
    reads.length = 0;
    await nextFree(deps, ['buergerbuero-a']);
    expect(Math.min(...reads.map((r) => r.from))).toBeGreaterThanOrEqual(localDateTime(addDays(today, 1), '00:00'));
  });
});
