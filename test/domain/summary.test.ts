import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import { percentBar, renderSummaryCard, renderSummaryMessage } from '../../src/bot/cards/summary-card';
import { computeSummary } from '../../src/domain/summary';
import { summaryTexts } from '../../src/bot/cards/summary-texts';
import type { SummaryInput } from '../../src/domain/summary-types';
import { isWorkingDay, previousWorkingDay } from '../../src/domain/working-days';
import { supervisedTeams } from '../../src/domain/supervision';
import { localDateTime } from '../../src/domain/time';
import type { Language } from '../../src/domain/types';
import {
  absencesOfDay,
  appointment,
  appointmentsOfDay,
  DAY_UNDER_TEST,
  exampleDirectory,
  nextFreeSlots,
  PREVIOUS_WORKING_DAY,
  replansOfDay,
  summaryInput,
} from '../support/summary-fixture';

// The UMD build: the package's main entry is ES modules, which jest (CommonJS) cannot load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const directory = exampleDirectory();

const input = (overrides: Partial<SummaryInput> = {}): SummaryInput => summaryInput(overrides, directory);
/** A booking in the week before the example day, for the lead-time tests. */
const sample = {
  id: 'l',
  staffId: 'anna-schulz',
  serviceId: 'meldewesen',
  channel: 'phone' as const,
  day: PREVIOUS_WORKING_DAY,
  at: '10:00',
};

/** The subtle line under a team's bold name in the team list (not the chart's fallback). */
function teamLine(node: unknown, name: string): string {
  if (!node || typeof node !== 'object') return '';
  const o = node as { items?: { text?: string; isSubtle?: boolean }[] };
  if (o.items?.length === 2 && o.items[0]!.text === name && o.items[1]!.isSubtle) return o.items[1]!.text ?? '';
  for (const v of Object.values(node)) {
    const found = teamLine(v, name);
    if (found) return found;
  }
  return '';
}

describe('computeSummary', () => {
  it('counts the day’s appointments per team, staff member, service and channel, leaving cancelled ones out', () => {
    const s = computeSummary(input());
    expect(s.totals).toMatchObject({ appointments: 10, cancelled: 1 });
    expect(Object.fromEntries(s.teams.map((t) => [t.teamId, t.appointments]))).toEqual({
      'buergerbuero-a': 5,
      'buergerbuero-b': 2,
      soziales: 2,
      bauamt: 1,
    });
    expect(s.teams.find((t) => t.teamId === 'buergerbuero-a')!.cancelled).toBe(1);
    expect(s.staff.find((x) => x.staffId === 'jonas-becker')).toMatchObject({
      appointments: 2,
      bookedMin: 80,
      firstStart: localDateTime(DAY_UNDER_TEST, '09:00'),
      lastEnd: localDateTime(DAY_UNDER_TEST, '10:30'),
    });
    expect(s.channels).toEqual({ video: 3, phone: 3, 'in-person': 4 });
    expect(Object.fromEntries(s.services.map((x) => [x.serviceId, x.appointments]))).toEqual({
      meldewesen: 2,
      ausweis: 1,
      kfz: 2,
      auskunft: 2,
      sozialberatung: 1,
      wohngeld: 1,
      bauberatung: 1,
    });
  });

  it('measures utilisation as blocked minutes (buffers included) over working minutes minus absences', () => {
    const s = computeSummary(input());
    const a = s.teams.find((t) => t.teamId === 'buergerbuero-a')!;
    // Leonie Wagner is absent: 3 × 7.5 h remain; 20 + 25 + 40 + 40 + 15 minutes are blocked.
    expect(a).toMatchObject({
      availableMin: 1350,
      bookedMin: 140,
      utilisation: 0.104,
      staffWorking: 3,
      staffAbsent: 1,
    });
    // Felix Richter works from home only: his minutes still count.
    const b = s.teams.find((t) => t.teamId === 'buergerbuero-b')!;
    expect(b).toMatchObject({ availableMin: 1650, bookedMin: 35, staffAbsent: 0, onSite: 'off-site' });
    expect(a.onSite).toBe('all-day');
    expect(s.teams.find((t) => t.teamId === 'soziales')!.onSite).toBeUndefined();
    expect(s.totals).toMatchObject({ bookedMin: 335, availableMin: 4950, utilisation: 0.068 });
  });

  it('gives no capacity on a public holiday', () => {
    const s = computeSummary(input({ day: '2026-04-06', appointmentsOfDay: [], absences: [] }));
    expect(s.holiday).toBe(true);
    expect(s.totals.availableMin).toBe(0);
    expect(s.totals.utilisation).toBeNull();
    expect(s.teams.every((t) => t.utilisation === null)).toBe(true);
  });

  it('reports cancellations, no-shows and completions of the previous working day', () => {
    const s = computeSummary(input());
    expect(s.previousWorkingDay).toBe(PREVIOUS_WORKING_DAY);
    expect(s.previousDay).toEqual({
      day: PREVIOUS_WORKING_DAY,
      appointments: 5,
      completed: 2,
      noShows: 1,
      cancelled: 2,
      cancelledBy: { citizen: 1, staff: 1, replan: 0 },
      noShowRate: 0.333,
    });
  });

  it('lists past appointments still marked booked as outcomes to be marked', () => {
    const s = computeSummary(input());
    expect(s.unmarked.count).toBe(2);
    expect(s.unmarked.byStaff.map((u) => u.staffId).sort()).toEqual(['jonas-becker', 'stefan-braun']);
    // Later that day, the morning's appointments count too.
    const afternoon = computeSummary(input({ now: localDateTime(DAY_UNDER_TEST, '12:00') }));
    expect(afternoon.unmarked.count).toBe(2 + 9);
  });

  it('gives the same summary from lists asked before (kept figures) as from fresh ones, as time goes on', () => {
    const kept = input();
    const copy = (i: SummaryInput): SummaryInput => ({
      ...i,
      appointmentsOfDay: [...i.appointmentsOfDay],
      appointmentsOfPreviousWorkingDay: [...i.appointmentsOfPreviousWorkingDay],
      recentBookings: [...i.recentBookings],
    });
    for (const time of ['07:00', '09:30', '12:00', '18:00']) {
      const now = localDateTime(DAY_UNDER_TEST, time);
      // The same lists again (as a kept summary read gives them), and fresh copies of them.
      expect(computeSummary({ ...kept, now })).toEqual(computeSummary(copy({ ...kept, now })));
    }
  });

  it('computes the median and 90th percentile lead time in minutes', () => {
    const samples = Array.from({ length: 10 }, (_, i) =>
      appointment(directory, { ...sample, id: `l${i}`, leadMin: (i + 1) * 10 }),
    );
    const s = computeSummary(input({ recentBookings: samples }));
    expect(s.leadTime).toEqual({ samples: 10, medianMin: 55, p90Min: 90 });
    const fixture = computeSummary(input());
    expect(fixture.leadTime).toEqual({ samples: 10, medianMin: 2220, p90Min: 8640 });
    expect(computeSummary(input({ recentBookings: [] })).leadTime).toEqual({
      samples: 0,
      medianMin: null,
      p90Min: null,
    });
  });

  it('ignores cancelled bookings and other teams when measuring lead times', () => {
    const samples = [
      appointment(directory, { ...sample, id: 'l1', leadMin: 60 }),
      appointment(directory, { ...sample, id: 'l2', leadMin: 600, status: 'cancelled' }),
      appointment(directory, {
        ...sample,
        id: 'l3',
        staffId: 'peter-klein',
        serviceId: 'sozialberatung',
        leadMin: 6000,
      }),
      // Outside the 7 days before the summary's day: not this card's lead time.
      appointment(directory, { ...sample, id: 'l4', day: DAY_UNDER_TEST, leadMin: 6000 }),
    ];
    const s = computeSummary(input({ recentBookings: samples, teamIds: ['buergerbuero-a'] }));
    expect(s.leadTime).toEqual({ samples: 1, medianMin: 60, p90Min: 60 });
    // The same week's list asked again (a summary read kept while the book is unchanged): each
    // supervisor still gets the lead times of their own teams, not the first one's.
    expect(computeSummary(input({ recentBookings: samples, teamIds: ['buergerbuero-a'] })).leadTime).toEqual(
      s.leadTime,
    );
    expect(computeSummary(input({ recentBookings: samples })).leadTime).toEqual({
      samples: 2,
      medianMin: 3030,
      p90Min: 6000,
    });
  });

  it('limits everything to the supervisor’s teams', () => {
    const s = computeSummary(
      input({
        teamIds: supervisedTeams(
          directory.staff.find((x) => x.id === 'maria-lange')!,
          directory,
        ),
      }),
    );
    expect(s.teamIds).toEqual(['soziales', 'bauamt']);
    expect(s.totals.appointments).toBe(3);
    expect(s.services.map((x) => x.serviceId)).toEqual(['auskunft', 'sozialberatung', 'wohngeld', 'bauberatung']);
    expect(s.staff.every((x) => x.teamId === 'soziales' || x.teamId === 'bauamt')).toBe(true);
    expect(s.absences).toEqual([]);
    expect(s.previousDay).toMatchObject({ appointments: 2, cancelled: 1 });
    expect(s.channels).toEqual({ video: 1, phone: 1, 'in-person': 1 });
  });

  it('lists absences and home-office-only days of the day, the stricter one winning', () => {
    const both = [
      ...absencesOfDay,
      {
        ...absencesOfDay[1]!,
        id: 'abs3',
        mode: 'absent' as const,
        reason: 'leave' as const,
        from: DAY_UNDER_TEST,
        to: DAY_UNDER_TEST,
      },
      { ...absencesOfDay[0]!, id: 'abs4', staffId: 'julia-vogel', from: '2026-03-03', to: '2026-03-05' },
    ];
    const s = computeSummary(input({ absences: both }));
    expect(s.absences.map((a) => [a.staffId, a.mode])).toEqual([
      ['leonie-wagner', 'absent'],
      ['felix-richter', 'absent'],
    ]);
    expect(s.staff.find((x) => x.staffId === 'felix-richter')!.availableMin).toBe(0);
  });

  it('says when a whole team is out: quarantined is not "ganztags vor Ort", home office only is not "vor Ort" either', () => {
    const outage = (team: string, mode: 'absent' | 'home-office-only') =>
      directory.staff
        .filter((x) => x.team === team)
        .map((x, i) => ({
          ...absencesOfDay[0]!,
          id: `out-${team}-${i}`,
          staffId: x.id,
          mode,
          reason: 'quarantine' as const,
        }));
    const s = computeSummary(
      input({ absences: [...outage('soziales', 'absent'), ...outage('buergerbuero-a', 'home-office-only')] }),
    );
    const line = (lang: Language, teamId: string, summary = s) =>
      teamLine(renderSummaryCard(summary, lang), summary.teams.find((t) => t.teamId === teamId)!.name);
    expect(s.teams.find((t) => t.teamId === 'soziales')).toMatchObject({ outage: 'absent' });
    expect(s.teams.find((t) => t.teamId === 'buergerbuero-a')).toMatchObject({ outage: 'home-office-only' });
    expect(line('de', 'soziales')).toContain('ganzes Team abwesend');
    expect(line('de', 'soziales')).not.toContain('vor Ort');
    expect(line('de', 'buergerbuero-a')).toContain('ganzes Team nur Homeoffice');
    expect(line('de', 'buergerbuero-a')).not.toContain('vor Ort');
    expect(line('en', 'soziales')).toContain('whole team absent');
    // One of a team out: the rotation's verdict stands, with who is missing.
    const one = computeSummary(input());
    const a = one.teams.find((t) => t.teamId === 'buergerbuero-a')!;
    expect(a.outage).toBeUndefined();
    expect(line('de', 'buergerbuero-a', one)).toContain('1 abwesend');
    expect(line('de', 'buergerbuero-a', one)).toContain('vor Ort');
  });

  it('counts a staff member absent who is also home office only that day, whichever was reported first', () => {
    const team = directory.staff.filter((x) => x.team === 'soziales');
    const of = (mode: 'absent' | 'home-office-only') =>
      team.map((x, i) => ({ ...absencesOfDay[0]!, id: `${mode}-${i}`, staffId: x.id, mode, reason: 'sick' as const }));
    for (const absences of [
      [...of('home-office-only'), ...of('absent')],
      [...of('absent'), ...of('home-office-only')],
    ]) {
      const s = computeSummary(input({ absences }));
      expect(s.teams.find((t) => t.teamId === 'soziales')).toMatchObject({
        outage: 'absent',
        staffAbsent: team.length,
        staffHomeOfficeOnly: 0,
      });
      for (const x of team) expect(s.staff.find((y) => y.staffId === x.id)!.absence).toBe('absent');
    }
  });

  it('counts meetings in staff members’ own calendars as time not available, and a day blocked entirely as an absence', () => {
    const at = (hhmm: string) => localDateTime(DAY_UNDER_TEST, hhmm);
    const s = computeSummary(
      input({
        calendarBusy: [
          // Peter Klein (Mon 08:00–12:30, 13:00–16:00): out of office in Outlook all day.
          { staffId: 'peter-klein', start: at('00:00'), end: at('23:59') },
          // Maria Lange: a two-hour meeting, one hour of it in her lunch break (12:30–13:00 is not working time).
          { staffId: 'maria-lange', start: at('11:30'), end: at('13:30') },
        ],
      }),
    );
    expect(s.staff.find((x) => x.staffId === 'peter-klein')).toMatchObject({ availableMin: 0, absence: 'absent' });
    expect(s.absences.find((a) => a.staffId === 'peter-klein')).toMatchObject({
      mode: 'absent',
      source: 'calendar',
      from: DAY_UNDER_TEST,
      to: DAY_UNDER_TEST,
    });
    const maria = s.staff.find((x) => x.staffId === 'maria-lange')!;
    const without = computeSummary(input()).staff.find((x) => x.staffId === 'maria-lange')!;
    expect(without.availableMin - maria.availableMin).toBe(90);
    expect(s.absences.some((a) => a.staffId === 'maria-lange')).toBe(false);
    expect(JSON.stringify(renderSummaryCard(s, 'de'))).toContain('laut eigenem Kalender ganztägig belegt');
    // A shared chat sees no names, also not of a calendar absence.
    expect(JSON.stringify(renderSummaryCard(s, 'de', { shared: true }))).not.toContain('Peter Klein');
  });

  it('passes the next free slot per service and the open problems through', () => {
    const s = computeSummary(input());
    expect(s.services.find((x) => x.serviceId === 'kfz')!.nextFreeSlot).toBe(nextFreeSlots.kfz);
    expect(s.services.find((x) => x.serviceId === 'bauberatung')!.nextFreeSlot).toBeNull();
    expect(s.problems).toEqual({ deadLetters: 1, unplaced: 2 });
  });

  it('counts appointments stranded by an absence as unplaced when the caller does not know better', () => {
    const stranded = [
      appointment(directory, {
        id: 's1',
        staffId: 'leonie-wagner',
        serviceId: 'kfz',
        channel: 'phone',
        day: DAY_UNDER_TEST,
        at: '09:00',
      }),
      appointment(directory, {
        id: 's2',
        staffId: 'felix-richter',
        serviceId: 'ausweis',
        channel: 'in-person',
        day: DAY_UNDER_TEST,
        at: '09:00',
      }),
      appointment(directory, {
        id: 's3',
        staffId: 'felix-richter',
        serviceId: 'meldewesen',
        channel: 'video',
        day: DAY_UNDER_TEST,
        at: '10:00',
      }),
    ];
    const s = computeSummary(
      input({ appointmentsOfDay: [...appointmentsOfDay(directory), ...stranded], openProblems: { deadLetters: 0 } }),
    );
    expect(s.problems).toEqual({ deadLetters: 0, unplaced: 2 });
  });

  it('shows a replanning of the day with what was converted, moved, cancelled and what is still unplaced', () => {
    const leonie = (
      id: string,
      day: string,
      at: string,
      extra: Partial<{ status: 'cancelled'; channel: 'video' }> = {},
    ) =>
      appointment(directory, {
        id,
        staffId: 'leonie-wagner',
        serviceId: 'kfz',
        channel: extra.channel ?? 'in-person',
        day,
        at,
        ...(extra.status ? { status: extra.status, cancelledBy: 'replan' as const } : {}),
      });
    const felix = (id: string, channel: 'in-person' | 'video') =>
      appointment(directory, {
        id,
        staffId: 'felix-richter',
        serviceId: 'meldewesen',
        channel,
        day: '2026-03-03',
        at: '09:00',
      });
    const ofReplans = [
      leonie('l1', '2026-03-03', '09:00'), // still booked with her: unplaced
      leonie('l2', '2026-03-04', '09:00', { channel: 'video' }), // absent: any channel counts
      leonie('l3', '2026-03-03', '10:00', { status: 'cancelled' }), // cancelled for a call-back
      leonie('l4', '2026-03-05', '09:00'), // after her absence
      leonie('l5', '2026-03-02', '06:00'), // before now (07:00): no longer placeable
      felix('f1', 'in-person'), // home office only: in person is unplaced
      felix('f2', 'video'), // video is fine from home
    ];
    const s = computeSummary(input({ appointmentsOfReplans: ofReplans }));
    expect(s.replans).toEqual([
      {
        id: 'rp-felix',
        team: null,
        staff: [{ staffId: 'felix-richter', name: 'Felix Richter' }],
        mode: 'home-office-only',
        from: '2026-02-23',
        to: '2026-03-06',
        converted: 3,
        moved: 1,
        reassigned: 0,
        rescheduled: 1,
        cancelled: 0,
        unplaced: 1,
      },
      {
        id: 'rp-leonie',
        team: null,
        staff: [{ staffId: 'leonie-wagner', name: 'Leonie Wagner' }],
        mode: 'absent',
        from: '2026-03-02',
        to: '2026-03-04',
        converted: 0,
        moved: 3,
        reassigned: 2,
        rescheduled: 1,
        cancelled: 1,
        unplaced: 2,
      },
    ]);
    const card = JSON.stringify(renderSummaryCard(s, 'de'));
    expect(card).toContain(
      '"title":"Leonie Wagner","value":"abwesend, Mo., 02.03. – Mi., 04.03.: 0 auf Video/Telefon umgestellt, 3 verlegt, 1 abgesagt (Rückruf), 2 noch offen"',
    );
    expect(JSON.stringify(renderSummaryCard(s, 'en'))).toContain(
      '3 converted to video/phone, 1 moved, 0 cancelled (call back), 1 still unplaced',
    );
  });

  it('names the team when a whole team was replanned, and leaves out other teams and other days', () => {
    const teamA = directory.staff.filter((x) => x.team === 'buergerbuero-a').map((x) => x.id);
    const replans = [
      { ...replansOfDay[0]!, id: 'rp-team-a', staffIds: teamA, mode: 'home-office-only' as const },
      { ...replansOfDay[0]!, id: 'rp-later', from: '2026-03-03', to: '2026-03-05' },
      { ...replansOfDay[0]!, id: 'rp-bauamt', staffIds: ['stefan-braun'] },
    ];
    const s = computeSummary(input({ replans, teamIds: ['buergerbuero-a', 'buergerbuero-b'] }));
    expect(s.replans.map((r) => [r.id, r.team])).toEqual([
      ['rp-team-a', { teamId: 'buergerbuero-a', name: 'Bürgerbüro Team A' }],
    ]);
    expect(JSON.stringify(renderSummaryCard(s, 'de'))).toContain('"title":"👥 Bürgerbüro Team A"');
  });

  it('has no replanning section on a day without replanning', () => {
    const s = computeSummary(input({ replans: [] }));
    expect(s.replans).toEqual([]);
    const json = JSON.stringify(renderSummaryCard(s, 'de'));
    expect(json).not.toContain('Umplanungen');
    expect(JSON.stringify(renderSummaryCard(computeSummary(input({ replans: undefined })), 'en'))).not.toContain(
      'Replanning',
    );
  });
});

describe('working days', () => {
  it('goes back from Monday to Friday and over public holidays', () => {
    expect(previousWorkingDay(directory, '2026-03-02')).toBe('2026-02-27');
    // Good Friday (3 April) and Easter Monday (6 April) 2026 are holidays.
    expect(previousWorkingDay(directory, '2026-04-07')).toBe('2026-04-02');
  });

  it('knows weekends and holidays are no working days', () => {
    expect(isWorkingDay(directory, '2026-03-02')).toBe(true);
    expect(isWorkingDay(directory, '2026-03-07')).toBe(false);
    expect(isWorkingDay(directory, '2026-05-01')).toBe(false);
  });
});

describe('summary card', () => {
  const golden = (lang: Language) => join(__dirname, '../golden', `summary-card.${lang}.json`);

  it.each(['de', 'en'] as const)('matches the golden card for the example directory (%s)', (lang) => {
    const card = renderSummaryCard(computeSummary(input()), lang);
    const json = `${JSON.stringify(card, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden(lang))) {
      mkdirSync(join(__dirname, '../golden'), { recursive: true });
      writeFileSync(golden(lang), json);
    }
    expect(json).toBe(readFileSync(golden(lang), 'utf8'));
  });

  it('labels the 90th percentile of the lead time ("bei 90 % höchstens …", not a bare "90 % 1 Std. 4 Min.")', () => {
    expect(summaryTexts.de.leadTimeValue('3 Tage', '1 Std. 4 Min.', 12)).toBe(
      'Median 3 Tage, bei 90 % höchstens 1 Std. 4 Min. (12 Termine)',
    );
    expect(summaryTexts.en.leadTimeValue('3 d', '1 h 4 min', 12)).toContain('90% at most 1 h 4 min');
  });

  it('speaks German by default and English on request', () => {
    const de = renderSummaryMessage(computeSummary(input()));
    expect(de.text).toBe('Tagesübersicht für Montag, 2. März 2026: 10 Termine, Auslastung 7 %.');
    const en = renderSummaryMessage(computeSummary(input()), 'en');
    expect(en.text).toBe('Daily summary for Monday 2 March 2026: 10 appointments, utilisation 7%.');
  });

  it('draws charts for Teams with fallbacks that a client without charts renders instead', () => {
    const card = renderSummaryCard(computeSummary(input()), 'de');
    const charts = card.body.filter((e) => String(e.type).startsWith('Chart.'));
    expect(charts.map((c) => c.type)).toEqual(['Chart.HorizontalBar.Stacked', 'Chart.Donut']);
    expect(charts.map((c) => (c.fallback as { type: string }).type)).toEqual(['Container', 'FactSet']);
    expect((charts[0]!.data as { title: string }[])[0]!.title).toBe('Bürgerbüro Team A (10 %)');

    // The Adaptive Cards SDK knows no chart elements: it must fall back, and find nothing else wrong.
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    parsed.parse(card, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(events).toEqual([
      'Unknown element type "Chart.HorizontalBar.Stacked". Fallback will be used if present.',
      'Unknown element type "Chart.Donut". Fallback will be used if present.',
    ]);
    const types = Array.from({ length: parsed.getItemCount() }, (_, i) => parsed.getItemAt(i).getJsonTypeName());
    expect(types.filter((t) => t.startsWith('Chart.'))).toEqual([]);
    expect(parsed.validateProperties().validationEvents.filter((e) => e.phase !== AC.ValidationPhase.Parse)).toEqual(
      [],
    );
  });

  it('draws utilisation on a fixed 0–100 % scale: 1 % fills a hundredth of the bar, overtime a full bar', () => {
    const base = computeSummary(input());
    const teams = base.teams.map((team, i) => ({ ...team, utilisation: [0.01, 0, 1.4, null][i % 4]! }));
    const card = renderSummaryCard({ ...base, teams }, 'de');
    const chart = card.body.find((e) => e.type === 'Chart.HorizontalBar.Stacked')!;
    const bars = (chart.data as { title: string; data: { value: number }[] }[]).map((b) => b.data.map((d) => d.value));
    expect(bars).toEqual([
      [1, 99],
      [0, 100],
      [100, 0],
      [0, 100],
    ]);
    for (const bar of bars) expect(bar.reduce((a, b) => a + b, 0)).toBe(100);
    // The fallback bars: 20 cells of 5 % each, whatever the largest value.
    const fallback = JSON.stringify(chart.fallback);
    expect(fallback).toContain(`"${'░'.repeat(20)} 1 %"`);
    expect(fallback).toContain(`"${'█'.repeat(20)} 140 %"`);
    expect(fallback).toContain(`"${'░'.repeat(20)} –"`);
    expect(percentBar(50)).toBe(`${'█'.repeat(10)}${'░'.repeat(10)}`);
  });

  it('stays under 80 KB for 500 staff and caps long lists', () => {
    const staff = Array.from({ length: 500 }, (_, i) => ({
      ...directory.staff[1]!,
      id: `staff-${i}`,
      aadObjectId: `aad-${i}`,
      name: `Mitarbeiterin Nummer ${i}`,
    }));
    const big = { ...directory, staff };
    const appts = Array.from({ length: 5000 }, (_, i) =>
      appointment(big, {
        id: `b${i}`,
        staffId: `staff-${i % 500}`,
        serviceId: 'auskunft',
        channel: 'phone',
        day: DAY_UNDER_TEST,
        at: `${String(8 + ((i / 500) | 0)).padStart(2, '0')}:00`,
      }),
    );
    const absences = staff.slice(0, 40).map((s, i) => ({ ...absencesOfDay[0]!, id: `x${i}`, staffId: s.id }));
    const replans = staff
      .slice(0, 30)
      .map((x, i) => ({ ...replansOfDay[0]!, id: `r${i}`, staffIds: staff.slice(i, i + 10).map((y) => y.id) }));
    const s = computeSummary(
      input({ directory: big, appointmentsOfDay: appts, appointmentsOfPreviousWorkingDay: appts, absences, replans }),
    );
    for (const lang of ['de', 'en'] as const) {
      const bytes = Buffer.byteLength(JSON.stringify(renderSummaryCard(s, lang)));
      expect(bytes).toBeLessThan(80 * 1024);
    }
    const json = JSON.stringify(renderSummaryCard(s, 'de'));
    expect(json).toContain('… und 475 weitere');
    expect(json).toContain('… und 15 weitere'); // 30 replannings, 15 shown
    expect(json).toContain('Mitarbeiterin Nummer 0, Mitarbeiterin Nummer 1, Mitarbeiterin Nummer 2 +7');
  });

  it('never shows citizens’ personal data', () => {
    const json = JSON.stringify(renderSummaryCard(computeSummary(input()), 'de'));
    expect(json).not.toMatch(/Bürger d\d|@example\.org|\+49 511/);
  });
});
