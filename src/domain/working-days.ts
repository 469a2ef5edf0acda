/** Calendar helpers of the summary and the jobs: holidays, working days, the previous working day. */
import { addDays, weekdayOf } from './time';
import type { Directory, LocalDate } from './types';

export function isHoliday(directory: Pick<Directory, 'holidays'>, day: LocalDate): boolean {
  return directory.holidays.includes(day);
}

/** A working day: not a public holiday, and someone in the directory has working hours then. */
export function isWorkingDay(directory: Pick<Directory, 'holidays' | 'staff'>, day: LocalDate): boolean {
  if (isHoliday(directory, day)) return false;
  const wd = weekdayOf(day);
  return directory.staff.some((s) => s.hours[wd].length > 0);
}

/** The last working day before `day` (Friday for a Monday, skipping holidays); at most 14 days back. */
export function previousWorkingDay(directory: Pick<Directory, 'holidays' | 'staff'>, day: LocalDate): LocalDate {
  for (let i = 1; i <= 14; i++) {
    const d = addDays(day, -i);
    if (isWorkingDay(directory, d)) return d;
  }
  return addDays(day, -1);
}
