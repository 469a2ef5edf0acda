/**
 * A summary's reads are kept while the book is unchanged: concurrent and repeated summaries of the same
 * day and teams read once; every change a summary counts (booking, cancellation, outcome, absence)
 * counts the book's version up in the same step, so the next summary reads again and shows it.
 */
import { buildSummary, PAST_WEEK_KEPT_MS, type BuildSummaryDeps, type SummaryReads } from '../../src/app/build-summary';
import { SummaryReadCache } from '../../src/app/summary-reads';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { replaceCalendarBusy } from '../../src/store/calendar-busy';
import { RedisDeadLetters } from '../../src/store/outbox';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { testRedis } from '../support/redis';
import { directBooking } from './support';

const t = testRedis('app-summary-reads');
const directory = loadDirectoryFile('config/directory.example.json');
const day = '2026-03-03';
const clock = new ManualClock(localDateTime(day, '07:00'));
const store = new AppointmentStore(t.redis, clock);
const absences = new AbsenceStore(t.redis);
let reads = 0;
/** The windows read, to tell the lead-time week's read from the day's. */
const windows: { from: number; to: number }[] = [];
let alerts: { id: string; text: { de: string; en: string }; at: number }[] = [];
const deps: BuildSummaryDeps = {
  directory,
  clock,
  appointments: {
    get: (id) => store.get(id),
    listForStaff: (id, from, to) => store.listForStaff(id, from, to),
    listForDay: (d) => store.listForDay(d),
    listForStaffMembers: (ids, from, to) => (
      reads++,
      windows.push({ from, to }),
      store.listForStaffMembers(ids, from, to)
    ),
  },
  absences,
  problems: {
    countDeadLetters: () => new RedisDeadLetters(t.redis).countDeadLetters(),
    listUndeliveredAlerts: async () => alerts,
  },
  replans: new ReplanOutcomeStore(t.redis),
  busy: store,
  reads: new SummaryReadCache<SummaryReads>(() => store.version()),
  pastReads: new SummaryReadCache<Appointment[]>(() => Promise.resolve('past'), { maxAgeMs: PAST_WEEK_KEPT_MS }),
};
const book = directBooking(directory, store, clock, 'sr');
const teamIds = ['buergerbuero-a'];

afterAll(() => t.cleanup());

async function summary() {
  const before = reads;
  const s = await buildSummary(deps, { day, teamIds });
  return { s, read: reads > before };
}

describe('summary reads kept while the book is unchanged (real Redis)', () => {
  it('reads once for repeated and concurrent summaries, and again after every change a summary counts', async () => {
    const first = await book('jonas-becker', 'meldewesen', 'video', day, '09:00');
    expect((await summary()).read).toBe(true);
    expect((await summary()).read).toBe(false);
    const before = reads;
    const all = await Promise.all(Array.from({ length: 16 }, () => buildSummary(deps, { day, teamIds })));
    expect(reads).toBe(before);
    expect(all.every((s) => s.totals.appointments === 1)).toBe(true);

    // A booking.
    await book('leonie-wagner', 'auskunft', 'phone', day, '10:00');
    let r = await summary();
    expect(r).toMatchObject({ read: true, s: { totals: { appointments: 2 } } });

    // A cancellation.
    await store.cancel({
      appointmentId: first.id,
      by: 'citizen',
      audit: { at: clock.now(), actor: 'x', action: 'cancelled', appointmentId: first.id },
      outbox: [],
    });
    r = await summary();
    expect(r).toMatchObject({ read: true, s: { totals: { appointments: 1, cancelled: 1 } } });

    // An absence.
    await absences.add([
      {
        id: 'abs-sr',
        staffId: 'murat-yilmaz',
        from: day,
        to: day,
        mode: 'absent',
        reason: 'sick',
        reportedBy: 'murat-yilmaz',
        createdAt: clock.now(),
      },
    ]);
    r = await summary();
    expect(r.read).toBe(true);
    expect(r.s.absences.map((a) => a.staffId)).toEqual(['murat-yilmaz']);

    // A staff member's own calendar synced.
    await replaceCalendarBusy(t.redis, 'jonas-becker', [
      { start: localDateTime(day, '13:00'), end: localDateTime(day, '14:00') },
    ]);
    expect((await summary()).read).toBe(true);

    // Open problems are not kept: an alert shows (and goes) at once, without reading the book again.
    alerts = [{ id: 'a1', text: { de: 'Hinweis', en: 'Notice' }, at: clock.now() }];
    r = await summary();
    expect(r.read).toBe(false);
    expect(r.s.problems.undeliveredAlerts).toHaveLength(1);
    alerts = [];
    expect((await summary()).s.problems.undeliveredAlerts).toBeUndefined();
  });

  it('reads again after a minute even when nothing changed (the next free slot moves with the clock)', async () => {
    await summary();
    expect((await summary()).read).toBe(false);
    clock.advance(61_000);
    expect((await summary()).read).toBe(true);
  });

  it("counts the book's version up with every confirm, move, cancel and outcome", async () => {
    const v0 = await store.version();
    const a = await book('jonas-becker', 'auskunft', 'phone', '2026-03-04', '09:00');
    const v1 = await store.version();
    expect(v1).not.toBe(v0);
    await store.markOutcome({
      appointmentId: a.id,
      outcome: 'completed',
      audit: { at: clock.now(), actor: 'x', action: 'completed', appointmentId: a.id },
    });
    expect(await store.version()).not.toBe(v1);
  });

  it('keeps a passed lead-time week across changes of the book, for a quarter of an hour at most', async () => {
    const weekReads = () => windows.filter((w) => w.to - w.from > 2 * DAY).length;
    const lead = async () => (await buildSummary(deps, { day, teamIds })).leadTime;
    clock.advance(PAST_WEEK_KEPT_MS); // whatever the tests before kept
    const before = weekReads();
    const first = await lead();
    expect(weekReads()).toBe(before + 1);
    // A booking today: the day is read again, the passed week is not, and its figures stay the same.
    await book('leonie-wagner', 'auskunft', 'phone', day, '11:00');
    expect(await lead()).toEqual(first);
    expect(weekReads()).toBe(before + 1);
    clock.advance(PAST_WEEK_KEPT_MS);
    await lead();
    expect(weekReads()).toBe(before + 2);
  });

  it('reads a lead-time week that reaches into today or later with every change (it can still grow)', async () => {
    const future = '2026-03-12';
    const weekReads = () => windows.filter((w) => w.to - w.from > 2 * DAY).length;
    const before = weekReads();
    await buildSummary(deps, { day: future, teamIds });
    await book('leonie-wagner', 'auskunft', 'phone', '2026-03-10', '10:00');
    const s = await buildSummary(deps, { day: future, teamIds });
    expect(weekReads()).toBe(before + 2);
    expect(s.leadTime.samples).toBeGreaterThan(0);
  });
});
