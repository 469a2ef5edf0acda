import { absenceModeOn } from '../../src/domain/availability';
import type { Absence, AbsenceMode } from '../../src/domain/types';

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
