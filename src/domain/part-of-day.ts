/**
 * Parts of a day ("vormittags", "afternoon") as wall-clock windows in Europe/Berlin, and the free slots
 * that fit a wish for a day (a time or a part of it). Used by the sentence parser, the pooled search
 * (src/app/pooled-search.ts) and the cards. Pure.
 */
import { localDateTime, localTimeOf } from './time';
import type { LocalDate } from './types';

export type PartOfDay = 'morning' | 'midday' | 'afternoon' | 'evening';

/** Local wall-clock windows [from, to) of the parts of a day. */
export const PART_OF_DAY_WINDOWS: Record<PartOfDay, [string, string]> = {
  morning: ['00:00', '12:00'],
  midday: ['11:00', '14:00'],
  afternoon: ['12:00', '18:00'],
  evening: ['17:00', '24:00'],
};

/** True when an instant starts within the part of its (Berlin) day. */
export function startsInPartOfDay(ms: number, part: PartOfDay): boolean {
  const [from, to] = PART_OF_DAY_WINDOWS[part];
  const t = localTimeOf(ms);
  return t >= from && t < to;
}

/**
 * Of the free slots of a day, those that fit the wish: within the part of the day, or the ones
 * nearest to the wished time (in time order). Without a wish, the slots as they are.
 */
export function slotsMatchingWish<S extends { start: number }>(
  slots: readonly S[],
  wish: { day: LocalDate; time?: string; partOfDay?: PartOfDay },
  count: number,
): S[] {
  if (wish.time) {
    const target = localDateTime(wish.day, wish.time);
    return [...slots]
      .sort((a, b) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start)
      .slice(0, count)
      .sort((a, b) => a.start - b.start);
  }
  if (wish.partOfDay) {
    const [from, to] = PART_OF_DAY_WINDOWS[wish.partOfDay];
    const lo = localDateTime(wish.day, from);
    const hi = localDateTime(wish.day, to);
    return slots.filter((s) => s.start >= lo && s.start < hi).slice(0, count);
  }
  return slots.slice(0, count);
}
