/**
 * Day words and typed dates, German and English: "heute", "morgen", "übermorgen", weekdays
 * ("Freitag", "fri", "Sonnabend"), "nächste"/"next" before "Woche" or a weekday, and dates in digits
 * ("3.12.", "03.12.2026", "3/12/26", "2026-12-03"). One vocabulary and one way to resolve it, used by
 * the command parser (src/bot/commands.ts: "meine termine freitag") and the one-sentence booking
 * parser (booking-sentence.ts: "Kfz Freitag 10 Uhr"), so the same words name the same day in both.
 *
 * Words are folded (lower case, ü → ue; see fuzzy.ts). Relative words resolve against a local date
 * (today in Europe/Berlin); weeks run Monday to Sunday. Pure.
 */
import { addDays, weekdayOf } from './time';
import type { LocalDate } from './types';

export type DayWord =
  /** Days from today: "heute" 0, "morgen" 1, "übermorgen" 2. */
  | { kind: 'day'; offset: number }
  /** 1 = Monday … 7 = Sunday. */
  | { kind: 'weekday'; weekday: number }
  /** "nächste", "kommende", "next": the following weekday or week is the one of next week. */
  | { kind: 'next' }
  | { kind: 'week' };

const day = (offset: number): DayWord => ({ kind: 'day', offset });
const wd = (weekday: number): DayWord => ({ kind: 'weekday', weekday });
const NEXT: DayWord = { kind: 'next' };
const WEEK: DayWord = { kind: 'week' };

/** The day words and phrases, folded. A phrase of several words ("day after tomorrow") is matched as a whole. */
export const DAY_PHRASES: readonly (readonly [string, DayWord])[] = [
  ['heute', day(0)],
  ['today', day(0)],
  ['morgen', day(1)],
  ['tomorrow', day(1)],
  ['tmrw', day(1)],
  ['morgn', day(1)],
  ['uebermorgen', day(2)],
  ['day after tomorrow', day(2)],
  ['montag', wd(1)],
  ['dienstag', wd(2)],
  ['mittwoch', wd(3)],
  ['donnerstag', wd(4)],
  ['freitag', wd(5)],
  ['samstag', wd(6)],
  ['sonnabend', wd(6)],
  ['sonntag', wd(7)],
  ['monday', wd(1)],
  ['tuesday', wd(2)],
  ['wednesday', wd(3)],
  ['thursday', wd(4)],
  ['friday', wd(5)],
  ['saturday', wd(6)],
  ['sunday', wd(7)],
  ['mon', wd(1)],
  ['tue', wd(2)],
  ['tues', wd(2)],
  ['wed', wd(3)],
  ['thu', wd(4)],
  ['thur', wd(4)],
  ['thurs', wd(4)],
  ['fri', wd(5)],
  ['sat', wd(6)],
  ['sun', wd(7)],
  ['naechste', NEXT],
  ['naechsten', NEXT],
  ['naechster', NEXT],
  ['kommende', NEXT],
  ['kommenden', NEXT],
  ['next', NEXT],
  ['woche', WEEK],
  ['wochen', WEEK],
  ['week', WEEK],
];

/**
 * "Mo", "Di", … "So": weekdays too, but also ordinary words ("so", "do"), so only a caller that can
 * tell them apart uses them (the command parser, next to a command word; the sentence parser does not).
 */
export const SHORT_WEEKDAYS: readonly (readonly [string, DayWord])[] = [
  ['mo', wd(1)],
  ['di', wd(2)],
  ['mi', wd(3)],
  ['do', wd(4)],
  ['fr', wd(5)],
  ['sa', wd(6)],
  ['so', wd(7)],
];

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

/**
 * The date of a weekday: this week's (today included), or next week's when it has passed or
 * "nächste"/"next" came before it ("nächsten Freitag" on a Monday is the Friday of next week).
 */
export function weekdayDate(today: LocalDate, weekday: number, next: boolean): LocalDate {
  const thisWeek = addDays(today, weekday - WEEKDAY_NUMBER[weekdayOf(today)]);
  return next || thisWeek < today ? addDays(thisWeek, 7) : thisWeek;
}

/** The Monday of next week ("nächste Woche" as a day). */
export function nextMonday(today: LocalDate): LocalDate {
  return addDays(today, 8 - WEEKDAY_NUMBER[weekdayOf(today)]);
}

/** A calendar date, or undefined when it does not exist (31 February, month 13). */
export function validDate(year: number, month: number, dayOfMonth: number): LocalDate | undefined {
  // Plain calendar arithmetic (no zone is involved in whether a date exists); luxon's zone lookup
  // cost tens of microseconds on every turn that typed a date.
  if (![year, month, dayOfMonth].every(Number.isInteger) || year < 1000 || year > 9999) return undefined;
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === dayOfMonth
    ? d.toISOString().slice(0, 10)
    : undefined;
}

/**
 * A day and month without a year: this year's, or next year's when it has passed ("5.1." typed in
 * December). 29 February in a year without it: the next year's, if that has one.
 */
export function dayMonth(dayOfMonth: number, month: number, today: LocalDate): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const thisYear = validDate(year, month, dayOfMonth);
  if (thisYear) return thisYear < today ? validDate(year + 1, month, dayOfMonth) : thisYear;
  return validDate(year + 1, month, dayOfMonth);
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

export type TypedDate = { kind: 'date'; date: LocalDate } | { kind: 'bad-date' };

/**
 * A date typed in digits, in one word: "2026-12-03", "03.12.2026", "3.12.26", "3/12/2026", "03.12.".
 * 'bad-date' for one no calendar has ("31.02.", "2026-13-01"); undefined when the word is no date in
 * these forms ("10:30", "3.12" without its last dot, which may be a time: the callers decide).
 */
export function typedDate(word: string, today: LocalDate): TypedDate | undefined {
  const found = (d: LocalDate | undefined): TypedDate => (d ? { kind: 'date', date: d } : { kind: 'bad-date' });
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word))) return found(validDate(+m[1]!, +m[2]!, +m[3]!));
  if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(word)))
    return found(validDate(fullYear(m[3]!), +m[2]!, +m[1]!));
  if ((m = /^(\d{1,2})\.(\d{1,2})\.$/.exec(word))) {
    const [d, mo] = [+m[1]!, +m[2]!];
    return found(d >= 1 && d <= 31 && mo >= 1 && mo <= 12 ? dayMonth(d, mo, today) : undefined);
  }
  return undefined;
}
