import { absenceModeOn, absenceOn, bookableIntervals, workWindows } from '../../src/domain/availability';
import { localTimeOf } from '../../src/domain/time';
import type { Absence, AbsenceMode } from '../../src/domain/types';
import { schedulingDirectory } from './scheduling-fixture';

const absence = (id: string, mode: AbsenceMode, from: string, to: string, staffId = 'anna'): Absence => ({
  id,
  staffId,
  from,
  to,
  mode,
  reason: mode === 'absent' ? 'sick' : 'other',
  reportedBy: 's',
  createdAt: 0,
});

describe('the absence mode of a day', () => {
  it('is absent when a day has both an absence and home office only, in either order', () => {
    const homeOffice = absence('h', 'home-office-only', '2026-03-23', '2026-03-27');
    const sick = absence('s', 'absent', '2026-03-25', '2026-03-25');
    expect(absenceModeOn([homeOffice, sick], 'anna', '2026-03-25')).toBe('absent');
    expect(absenceModeOn([sick, homeOffice], 'anna', '2026-03-25')).toBe('absent');
    expect(absenceModeOn([sick, homeOffice], 'anna', '2026-03-24')).toBe('home-office-only');
  });

  it('counts only the staff member and the days the absence covers', () => {
    const other = absence('o', 'absent', '2026-03-25', '2026-03-25', 'bert');
    const sick = absence('s', 'absent', '2026-03-24', '2026-03-25');
    expect(absenceModeOn([other], 'anna', '2026-03-25')).toBeUndefined();
    expect(absenceModeOn([sick], 'anna', '2026-03-23')).toBeUndefined();
    expect(absenceModeOn([sick], 'anna', '2026-03-24')).toBe('absent');
    expect(absenceModeOn([sick], 'anna', '2026-03-26')).toBeUndefined();
  });
});

describe('the absence that rules a day', () => {
  it('is the absent one when the same day is also home office only, whichever was reported first', () => {
    const homeOffice = absence('h', 'home-office-only', '2026-03-23', '2026-03-27');
    const sick = absence('s', 'absent', '2026-03-25', '2026-03-25');
    expect(absenceOn([homeOffice, sick], 'anna', '2026-03-25')).toBe(sick);
    expect(absenceOn([sick, homeOffice], 'anna', '2026-03-25')).toBe(sick);
    expect(absenceOn([sick, homeOffice], 'anna', '2026-03-26')).toBe(homeOffice);
    expect(absenceOn([sick, homeOffice], 'bert', '2026-03-25')).toBeUndefined();
    // Of two of the same mode the one reported first (the summary shows its reason and dates).
    const alsoHomeOffice = absence('h2', 'home-office-only', '2026-03-26', '2026-03-26');
    expect(absenceOn([homeOffice, alsoHomeOffice], 'anna', '2026-03-26')).toBe(homeOffice);
  });
});

describe('working time of a day', () => {
  // Carla (team without shifts: on site whenever she works) with her hours listed out of order and overlapping.
  const withHours = (...hours: [string, string][]) => {
    const base = schedulingDirectory();
    return schedulingDirectory({
      staff: base.staff.map((s) => (s.id === 'carla' ? { ...s, hours: { mon: hours } } : s)),
    });
  };
  const shown = (ivs: readonly { start: number; end: number }[]) =>
    ivs.map((iv) => `${localTimeOf(iv.start)}-${localTimeOf(iv.end)}`);
  const day = '2026-03-23';

  it('joins hours that overlap or touch, in whatever order the directory lists them, into one window', () => {
    for (const hours of [
      [
        ['10:00', '12:00'],
        ['09:00', '10:30'],
      ],
      [
        ['10:00', '12:00'],
        ['09:00', '10:00'],
      ],
      [
        ['09:00', '12:00'],
        ['10:00', '11:00'],
      ],
    ] as [string, string][][]) {
      const dir = withHours(...hours);
      const carla = dir.staff.find((s) => s.id === 'carla')!;
      expect(shown(workWindows(dir, carla, day))).toEqual(['09:00-12:00']);
      expect(shown(bookableIntervals(dir, carla, day, 'phone', undefined))).toEqual(['09:00-12:00']);
    }
  });

  it('keeps a gap between hours as a gap, and the hours in time order', () => {
    const dir = withHours(['13:00', '15:00'], ['09:00', '12:00']);
    const carla = dir.staff.find((s) => s.id === 'carla')!;
    expect(shown(workWindows(dir, carla, day))).toEqual(['09:00-12:00', '13:00-15:00']);
    expect(shown(bookableIntervals(dir, carla, day, 'video', undefined))).toEqual(['09:00-12:00', '13:00-15:00']);
  });

  it('joins the on-site and the home-office part of a day for phone, not for in person', () => {
    const dir = schedulingDirectory({
      rotation: {
        type: 'half-days',
        switchAt: '10:00',
        anchorMonday: day,
        teams: ['team-a', 'team-b'],
        alternateWeekly: false,
      },
    });
    const anna = dir.staff.find((s) => s.id === 'anna')!;
    expect(workWindows(dir, anna, day).map((w) => w.onSite)).toEqual([true, false]);
    expect(shown(bookableIntervals(dir, anna, day, 'phone', undefined))).toEqual(['08:00-12:00']);
    expect(shown(bookableIntervals(dir, anna, day, 'in-person', undefined))).toEqual(['08:00-10:00']);
  });
});
