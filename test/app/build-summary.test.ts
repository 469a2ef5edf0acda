import { expect } from '@jest/globals';
import { buildSummary, type BuildSummaryDeps } from '../../src/app/build-summary';
import { applyPlan, computeProposal, reportAbsence, type ReplanDeps } from '../../src/app/replan';
import { renderSummaryCard } from '../../src/bot/cards/summary-card';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { addDays, localDateOf, localDateTime } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { readCalendarBusy, replaceCalendarBusy } from '../../src/store/calendar-busy';
import { CallStore } from '../../src/store/calls';
import { RedisDeadLetters } from '../../src/store/outbox';
import { storeReplanCommands } from '../../src/store/replan-commands';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { RedisSmsReplies } from '../../src/store/sms-replies';
import { RedisWaitingNotices } from '../../src/store/waiting-notices';
import { testRedis } from '../support/redis';
import { directBooking } from './support';

const t = testRedis('app-build-summary');
const directory = loadDirectoryFile('config/directory.example.json');
// Friday before the week of 2 March 2026, in which team A is on site.
const clock = new ManualClock(localDateTime('2026-02-27', '08:00'));
const store = new AppointmentStore(t.redis, clock);
const absences = new AbsenceStore(t.redis);
const outcomes = new ReplanOutcomeStore(t.redis);
const meetings = {
  createMeeting: async (r: { appointmentId: string }) => ({ joinUrl: `https://meet.example/${r.appointmentId}` }),
};
const replanDeps: ReplanDeps = {
  directory,
  clock,
  absences,
  appointments: store,
  commands: storeReplanCommands(store, clock),
  outcomes,
  holds: store,
  meetings,
};
const summaryDeps: BuildSummaryDeps = {
  directory,
  clock,
  appointments: store,
  absences,
  problems: new RedisDeadLetters(t.redis),
  replans: outcomes,
  busy: store,
  calendarBusy: (ids, from, to) => readCalendarBusy(t.redis, ids, from, to),
};

afterAll(() => t.cleanup());

const book = directBooking(directory, store, clock, 'bs');

describe('buildSummary with recorded replannings (real Redis)', () => {
  it('shows what a confirmed replanning of team A did, and what is still unplaced, to the supervisor of team A only', async () => {
    const converted = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-03', '09:00');
    const passport = await book('jonas-becker', 'ausweis', 'in-person', '2026-03-04', '09:00');
    const leftOpen = await book('leonie-wagner', 'kfz', 'in-person', '2026-03-03', '10:00');
    await book('jonas-becker', 'auskunft', 'video', '2026-03-03', '11:00'); // video: not affected by home office

    const team = await reportAbsence(replanDeps, {
      actorId: 'anna-schulz',
      target: { teamId: 'buergerbuero-a' },
      from: '2026-03-02',
      to: '2026-03-06',
      mode: 'home-office-only',
      reason: 'quarantine',
    });
    const plan = await computeProposal(replanDeps, team);
    expect(plan.items.map((i) => [i.appointmentId, i.action]).sort()).toEqual(
      [
        [converted.id, 'convert'],
        [passport.id, 'reschedule'],
        [leftOpen.id, 'convert'],
      ].sort(),
    );
    // The supervisor confirms two items; the third waits.
    const result = await applyPlan(replanDeps, {
      actorId: 'anna-schulz',
      plan,
      absences: team,
      selected: [converted.id, passport.id],
    });
    expect(result.applied).toBe(2);

    const summary = await buildSummary(summaryDeps, { day: '2026-03-03', teamIds: ['buergerbuero-a'] });
    expect(summary.replans).toEqual([
      {
        id: result.outcomeId,
        team: { teamId: 'buergerbuero-a', name: 'Bürgerbüro Team A' },
        staff: expect.arrayContaining([{ staffId: 'jonas-becker', name: 'Jonas Becker' }]),
        mode: 'home-office-only',
        from: '2026-03-02',
        to: '2026-03-06',
        converted: 1,
        moved: 1,
        reassigned: 0,
        rescheduled: 1,
        cancelled: 0,
        unplaced: 1,
      },
    ]);
    expect(JSON.stringify(renderSummaryCard(summary, 'de'))).toContain(
      'nur Homeoffice, Mo., 02.03. – Fr., 06.03.: 1 auf Video/Telefon umgestellt, 1 verlegt, 0 abgesagt (Rückruf), 1 noch offen',
    );

    // Other teams' supervisors and days outside the absence see no replanning.
    expect((await buildSummary(summaryDeps, { day: '2026-03-03', teamIds: ['soziales'] })).replans).toEqual([]);
    expect((await buildSummary(summaryDeps, { day: '2026-03-09', teamIds: ['buergerbuero-a'] })).replans).toEqual([]);

    // The last item confirmed: nothing is open any more.
    const rest = await computeProposal(replanDeps, team);
    await applyPlan(replanDeps, { actorId: 'anna-schulz', plan: rest, absences: team });
    const after = await buildSummary(summaryDeps, { day: '2026-03-03', teamIds: ['buergerbuero-a'] });
    expect(after.replans[0]).toMatchObject({ converted: 2, moved: 1, unplaced: 0 });
  });

  it('gives as next free slot a time booking would accept: the staff members’ own calendars count', async () => {
    const bau = { day: '2026-02-27', teamIds: ['bauamt'] };
    const nextFree = async () =>
      (await buildSummary(summaryDeps, bau)).services.find((x) => x.serviceId === 'bauberatung')!.nextFreeSlot!;
    const before = await nextFree();
    expect(before).toEqual(expect.any(Number));
    // Both colleagues who offer Bauberatung have a meeting in their Outlook from then on for a day.
    for (const id of ['stefan-braun', 'julia-vogel'])
      await replaceCalendarBusy(t.redis, id, [{ start: before - 60 * 60_000, end: before + 24 * 60 * 60_000 }]);
    const after = await nextFree();
    expect(after).toBeGreaterThanOrEqual(before + 24 * 60 * 60_000);
  });

  it('lists a staff member whose own calendar blocks the whole working day as absent that day', async () => {
    const day = '2026-03-05';
    await replaceCalendarBusy(t.redis, 'elif-demir', [
      { start: localDateTime(day, '00:00'), end: localDateTime(day, '23:59') },
    ]);
    const summary = await buildSummary(summaryDeps, { day, teamIds: ['soziales'] });
    expect(summary.absences).toEqual([
      expect.objectContaining({ staffId: 'elif-demir', source: 'calendar', mode: 'absent' }),
    ]);
    expect(summary.staff.find((x) => x.staffId === 'elif-demir')).toMatchObject({ availableMin: 0 });
  });

  it("reads only the supervised teams' staff, and counts exactly what a read of the whole town counts", async () => {
    // Appointments on the summary day, the day before and the lead-time week, in both the summarised and other teams.
    const day = '2026-03-12';
    for (const [staffId, date, hhmm, service, channel] of [
      ['jonas-becker', day, '09:00', 'meldewesen', 'video'],
      ['katrin-hoffmann', day, '10:00', 'auskunft', 'phone'],
      ['peter-klein', day, '09:00', 'sozialberatung', 'phone'],
      ['jonas-becker', '2026-03-11', '11:00', 'auskunft', 'video'],
      ['peter-klein', '2026-03-11', '11:00', 'wohngeld', 'phone'],
      ['leonie-wagner', '2026-03-06', '09:30', 'auskunft', 'phone'],
      ['stefan-braun', '2026-03-06', '09:30', 'bauberatung', 'video'],
    ] as const)
      await book(staffId, service, channel, date, hhmm);
    const asked: string[][] = [];
    const recording: BuildSummaryDeps = {
      ...summaryDeps,
      appointments: {
        get: (id) => store.get(id),
        listForStaff: (id, from, to) => store.listForStaff(id, from, to),
        listForDay: () => Promise.reject(new Error("the summary must not read the whole town's day")),
        listForStaffMembers: (ids, from, to) => (asked.push([...ids]), store.listForStaffMembers(ids, from, to)),
      },
    };
    // The way it was: every appointment of every day involved, of the whole town.
    const wholeTown: BuildSummaryDeps = {
      ...summaryDeps,
      appointments: {
        ...recording.appointments,
        listForStaffMembers: async (_ids, from, to) => {
          const days: string[] = [];
          for (let d = localDateOf(from); localDateTime(d, '00:00') < to; d = addDays(d, 1)) days.push(d);
          return (await Promise.all(days.map((d) => store.listForDay(d)))).flat();
        },
      },
    };
    const teamA = directory.staff.filter((s) => s.team === 'buergerbuero-a').map((s) => s.id);
    for (const teamIds of [['buergerbuero-a'], ['buergerbuero-a', 'buergerbuero-b'], ['soziales', 'bauamt']]) {
      asked.length = 0;
      const summary = await buildSummary(recording, { day, teamIds });
      expect(summary).toEqual(await buildSummary(wholeTown, { day, teamIds }));
      const staffOfTeams = new Set(directory.staff.filter((s) => teamIds.includes(s.team)).map((s) => s.id));
      expect(asked.length).toBeGreaterThan(0);
      for (const ids of asked) for (const id of ids) expect(staffOfTeams.has(id)).toBe(true);
    }
    const a = await buildSummary(recording, { day, teamIds: ['buergerbuero-a'] });
    expect(a.totals.appointments).toBe(1);
    expect(a.leadTime.samples).toBe(2);
    expect(teamA).toContain('jonas-becker');
  });

  it("counts the waiting Teams notices of the supervised teams' staff, asking about them only", async () => {
    const notices = new RedisWaitingNotices(t.redis);
    const notice = (at: number) => ({ message: { text: 'Für Sie gebucht' }, at });
    await notices.add('jonas-becker', 'n1', notice(1));
    await notices.add('jonas-becker', 'n2', notice(2));
    await notices.add('peter-klein', 'n3', notice(3));
    const asked: string[][] = [];
    const deps: BuildSummaryDeps = {
      ...summaryDeps,
      problems: {
        countDeadLetters: () => Promise.resolve(0),
        waitingNoticesByStaff: (ids) => (asked.push([...ids]), notices.countByStaff(ids)),
      },
    };
    const summary = await buildSummary(deps, { day: '2026-03-12', teamIds: ['buergerbuero-a'] });
    expect(summary.problems.waitingNotices).toEqual({ notices: 2, staff: 1 });
    expect(asked).toEqual([directory.staff.filter((s) => s.team === 'buergerbuero-a').map((s) => s.id)]);
  });

  it("counts the open calls of the supervised teams' staff, asking about them only", async () => {
    const calls = new CallStore(t.redis, clock);
    // A citizen's SMS answer puts a call on the serving colleague's list.
    const replies = new RedisSmsReplies(t.redis, store);
    for (const [staffId, hhmm] of [
      ['jonas-becker', '13:00'],
      ['jonas-becker', '14:00'],
      ['peter-klein', '13:00'],
    ] as const) {
      const a = await book(staffId, 'auskunft', 'phone', '2026-03-10', hhmm);
      expect(await replies.openReplyCall(a, clock.now())).toBe('opened');
    }
    const asked: string[][] = [];
    const deps: BuildSummaryDeps = {
      ...summaryDeps,
      problems: {
        countDeadLetters: () => Promise.resolve(0),
        openCallsByStaff: (ids) => (asked.push([...ids]), calls.countByStaff(ids)),
      },
    };
    const summary = await buildSummary(deps, { day: '2026-03-12', teamIds: ['buergerbuero-a'] });
    expect(summary.problems.openCalls).toEqual({ calls: 2, staff: 1 });
    expect(asked).toEqual([directory.staff.filter((s) => s.team === 'buergerbuero-a').map((s) => s.id)]);
  });
});
