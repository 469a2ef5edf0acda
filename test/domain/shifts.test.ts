import fc from 'fast-check';
import { onSiteIntervals, rotationOn } from '../../src/domain/shifts';
import { localDateOf } from '../../src/domain/time';
import type { Directory } from '../../src/domain/types';
import { schedulingDirectory, at } from './scheduling-fixture';

const onSite = (dir: Directory, teamId: string, instant: number) =>
  onSiteIntervals(dir, teamId, localDateOf(instant)).some((i) => i.start <= instant && instant < i.end);
const teamOnSiteAt = (dir: Directory, instant: number) =>
  ['team-a', 'team-b'].filter((team) => onSite(dir, team, instant)).join();

describe('shift rotation', () => {
  const weeks = schedulingDirectory();
  const halfDays = schedulingDirectory({
    rotation: {
      type: 'half-days',
      switchAt: '12:30',
      anchorMonday: '2026-03-23',
      teams: ['team-a', 'team-b'],
      alternateWeekly: true,
    },
  });

  it('alternates whole weeks, with the anchor week belonging to the first team', () => {
    expect(teamOnSiteAt(weeks, at('2026-03-23', '10:00'))).toBe('team-a');
    expect(teamOnSiteAt(weeks, at('2026-03-29', '23:00'))).toBe('team-a');
    expect(teamOnSiteAt(weeks, at('2026-03-30', '00:30'))).toBe('team-b');
    expect(teamOnSiteAt(weeks, at('2026-03-16', '10:00'))).toBe('team-b');
    expect(rotationOn(weeks.rotation!, '2026-10-26').morning).toBe('team-b');
  });

  it('splits days at switchAt and swaps the halves every week', () => {
    expect(teamOnSiteAt(halfDays, at('2026-03-24', '12:29'))).toBe('team-a');
    expect(teamOnSiteAt(halfDays, at('2026-03-24', '12:30'))).toBe('team-b');
    expect(teamOnSiteAt(halfDays, at('2026-03-31', '09:00'))).toBe('team-b');
    expect(teamOnSiteAt(halfDays, at('2026-03-31', '14:00'))).toBe('team-a');
  });

  it('keeps teams without shift on site whenever they work', () => {
    expect(onSite(weeks, 'social', at('2026-03-30', '10:00'))).toBe(true);
    expect(onSiteIntervals(weeks, 'social', '2026-03-30')).toHaveLength(1);
  });

  it('never has both shift teams on site at the same instant', () => {
    for (const dir of [weeks, halfDays]) {
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-01-01') }), (t) => {
          const a = onSite(dir, 'team-a', t);
          const b = onSite(dir, 'team-b', t);
          return a !== b; // exactly one of them, never both
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('gives each team the complementary half of a day, also on DST Sundays', () => {
    for (const date of ['2026-03-29', '2026-10-25', '2026-06-10']) {
      const a = onSiteIntervals(halfDays, 'team-a', date);
      const b = onSiteIntervals(halfDays, 'team-b', date);
      expect(a).toHaveLength(1);
      expect(b).toHaveLength(1);
      const [first, second] = a[0]!.start < b[0]!.start ? [a[0]!, b[0]!] : [b[0]!, a[0]!];
      expect(first.end).toBe(second.start);
      expect(first.end).toBe(at(date, '12:30'));
    }
  });
});
