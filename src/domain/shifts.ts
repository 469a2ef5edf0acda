/**
 * The shift rotation of the Bürgerbüro: two teams that never meet take turns on site.
 *
 * - `alternating-weeks`: `teams[0]` is on site in the anchor week and every second week after
 *   (and before) it, `teams[1]` in the other weeks, for the whole day.
 * - `half-days`: one team has the mornings (until `switchAt`), the other the afternoons;
 *   `teams[0]` has the mornings in the anchor week, and with `alternateWeekly` the halves swap
 *   every week.
 *
 * At any instant at most one rotation team is on site, so the two teams' on-site shifts never
 * overlap by construction. Teams without `shift` are on site whenever they work.
 */
import type { Directory, LocalDate, Rotation } from './types';
import { localDateTime, localDayBounds, weeksBetween } from './time';

export interface Interval {
  start: number;
  end: number;
}

/** Which rotation team is on site in the morning and in the afternoon of a local date. */
export function rotationOn(rotation: Rotation, date: LocalDate): { morning: string; afternoon: string } {
  const even = ((weeksBetween(rotation.anchorMonday, date) % 2) + 2) % 2 === 0;
  const [first, second] = rotation.teams;
  if (rotation.type === 'alternating-weeks') {
    const team = even ? first : second;
    return { morning: team, afternoon: team };
  }
  const swap = rotation.alternateWeekly && !even;
  return swap ? { morning: second, afternoon: first } : { morning: first, afternoon: second };
}

function isShiftTeam(directory: Pick<Directory, 'teams'>, teamId: string): boolean {
  return directory.teams.some((t) => t.id === teamId && t.shift);
}

/**
 * The parts of a local day in which a team is on site (working hours are applied elsewhere):
 * the whole day for teams without `shift`; for shift teams the whole day, nothing, or one half.
 */
export function onSiteIntervals(
  directory: Pick<Directory, 'teams' | 'rotation'>,
  teamId: string,
  date: LocalDate,
): Interval[] {
  const day = localDayBounds(date);
  if (!isShiftTeam(directory, teamId)) return [day];
  const rotation = directory.rotation;
  if (!rotation) return [];
  const halves = rotationOn(rotation, date);
  if (rotation.type === 'alternating-weeks') return halves.morning === teamId ? [day] : [];
  const switchAt = localDateTime(date, rotation.switchAt);
  const out: Interval[] = [];
  if (halves.morning === teamId) out.push({ start: day.start, end: switchAt });
  if (halves.afternoon === teamId) out.push({ start: switchAt, end: day.end });
  return out;
}
