/** Stale staff calendars on the supervisors' summary card: who, since when, why; counted in shared chats, named only in private. */
import { renderSummaryCard } from '../../src/bot/cards/summary-card';
import { computeSummary } from '../../src/domain/summary';
import type { SummaryInput } from '../../src/domain/summary-types';
import { localDateTime } from '../../src/domain/time';
import {
  absencesOfDay,
  appointmentsOfDay,
  appointmentsOfPreviousDay,
  DAY_UNDER_TEST,
  exampleDirectory,
  nextFreeSlots,
  SUMMARY_TIME,
} from '../support/summary-fixture';

const directory = exampleDirectory();
const cardText = (card: unknown) => JSON.stringify(card);

function input(staleCalendars: SummaryInput['openProblems']['staleCalendars'], teamIds?: string[]): SummaryInput {
  return {
    directory,
    day: DAY_UNDER_TEST,
    appointmentsOfDay: appointmentsOfDay(directory),
    appointmentsOfPreviousWorkingDay: appointmentsOfPreviousDay(directory),
    recentBookings: [],
    absences: absencesOfDay,
    nextFreeSlotPerService: nextFreeSlots,
    openProblems: { deadLetters: 0, unplaced: 0, ...(staleCalendars ? { staleCalendars } : {}) },
    ...(teamIds ? { teamIds } : {}),
    now: SUMMARY_TIME,
  };
}

describe('stale staff calendars on the summary', () => {
  const stale = [
    { staffId: 'jonas-becker', lastSuccess: localDateTime('2026-03-01', '14:05'), lastError: 'forbidden' },
    { staffId: 'peter-klein', lastError: 'not-found' },
  ];

  it('lists the stale calendars of the supervisor’s teams with since when and why', () => {
    const summary = computeSummary(input(stale, ['buergerbuero-a']));
    expect(summary.problems.staleCalendars).toEqual([
      { staffId: 'jonas-becker', name: 'Jonas Becker', lastSuccess: stale[0]!.lastSuccess, lastError: 'forbidden' },
    ]);
    const de = cardText(renderSummaryCard(summary, 'de'));
    expect(de).toContain('Kalender nicht aktuell');
    expect(de).toContain('Jonas Becker: Kalender zuletzt abgeglichen');
    expect(de).toContain('14:05 (forbidden)');
    expect(de).not.toContain('Keine offenen Probleme');
    expect(cardText(renderSummaryCard(computeSummary(input(stale)), 'en'))).toContain('never read (not-found)');
  });

  it('only counts them in a shared chat and shows nothing when all calendars are fresh', () => {
    const shared = cardText(renderSummaryCard(computeSummary(input(stale)), 'de', { shared: true }));
    expect(shared).toContain('Kalender nicht aktuell');
    expect(shared).not.toContain('Jonas Becker: Kalender');
    const fresh = computeSummary(input(undefined));
    expect(fresh.problems.staleCalendars).toBeUndefined();
    expect(cardText(renderSummaryCard(fresh, 'de'))).not.toContain('Kalender nicht aktuell');
  });
});
