/**
 * Dates and times as the town hall writes them, in the Europe/Berlin wall clock whatever the
 * server's or the client's zone. One place for every area (cards, mails, pages, invitations), all
 * through Intl.DateTimeFormat: German follows the Duden abbreviations ("Di., 1. Dez. 2026"),
 * English the British order ("Tue 1 Dec 2026").
 */
import { remember } from '../domain/memo';
import { localTimeOf } from '../domain/time';
import type { Language, LocalDate } from '../domain/types';
import { TIME_ZONE } from '../domain/types';

type Style = 'day' | 'dayLong' | 'date' | 'heading' | 'shortDay' | 'time' | 'weekday' | 'numericDate';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  dayLong: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  heading: { weekday: 'long', day: 'numeric', month: 'short' },
  shortDay: { weekday: 'short', day: '2-digit', month: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  // Alone, Intl writes the German short weekday without its dot ("Mo"), as mail subjects always had it.
  weekday: { weekday: 'short' },
  numericDate: { day: '2-digit', month: '2-digit', year: 'numeric' },
};

/** English has no "01.12."; a short day reads "Tue 1 Dec" there. */
const EN_OPTIONS: Partial<Record<Style, Intl.DateTimeFormatOptions>> = {
  shortDay: { weekday: 'short', day: 'numeric', month: 'short' },
};

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, style: Style): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options = (lang === 'en' && EN_OPTIONS[style]) || OPTIONS[style];
    f = new Intl.DateTimeFormat(LOCALE[lang], { ...options, timeZone: TIME_ZONE });
    formatters.set(key, f);
  }
  return f;
}

/**
 * German as Intl writes it; English without Intl's comma after the weekday ("Tue 1 Dec 2026").
 * Remembered per instant: cards and mails write the same few days again and again, and each Intl
 * call costs microseconds on every turn.
 */
function format(ms: number, lang: Language, style: Style): string {
  return remember(formatted, `${lang}:${style}:${ms}`, 5000, () => formatUncached(ms, lang, style));
}
const formatted = new Map<string, string>();

function formatUncached(ms: number, lang: Language, style: Style): string {
  const f = formatter(lang, style);
  if (lang === 'de' || style === 'time') return f.format(ms);
  return f
    .formatToParts(ms)
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join(' ');
}

/** Noon on a calendar day, so the day is right in every zone. */
const noonOf = (d: LocalDate): number => Date.parse(`${d}T12:00:00Z`);

/** "Di., 1. Dez. 2026" / "Tue 1 Dec 2026". */
export const formatDay = (ms: number, lang: Language): string => format(ms, lang, 'day');

export const formatLocalDate = (d: LocalDate, lang: Language): string => formatDay(noonOf(d), lang);

/** "Dienstag, 1. Dezember 2026" / "Tuesday 1 December 2026": invitations and mails. */
export const formatDayLong = (ms: number, lang: Language): string => format(ms, lang, 'dayLong');

/** "1. Dezember 2026" / "1 December 2026": a date without weekday (the accessibility statement's). */
export const formatDate = (d: LocalDate, lang: Language): string => format(noonOf(d), lang, 'date');

/** "Dienstag, 1. Dez." / "Tuesday 1 Dec": agenda day headings. */
export const formatDayHeading = (d: LocalDate, lang: Language): string => format(noonOf(d), lang, 'heading');

/** "Di., 01.12." / "Tue 1 Dec": compact table cells. */
export const formatShortDay = (d: LocalDate, lang: Language): string => format(noonOf(d), lang, 'shortDay');

/** "09:30". */
export const formatTime = (ms: number): string => localTimeOf(ms);

/** "Di., 1. Dez. 2026, 09:30 Uhr" / "Tue 1 Dec 2026, 09:30". */
export const formatDateTime = (ms: number, lang: Language): string =>
  `${formatDay(ms, lang)}, ${formatTime(ms)}${lang === 'de' ? ' Uhr' : ''}`;

/** "09:30–10:00 Uhr" / "09:30–10:00". */
export const formatRange = (start: number, end: number, lang: Language): string =>
  `${formatTime(start)}–${formatTime(end)}${lang === 'de' ? ' Uhr' : ''}`;

/** "Di., 1. Dez. 2026, 09:30–10:00 Uhr": one appointment in one line. */
export const formatSpan = (start: number, end: number, lang: Language): string =>
  `${formatDay(start, lang)}, ${formatRange(start, end, lang)}`;

/** "Montag, 2. März 2026" / "Monday 2 March 2026": a calendar day in full (summary headings). */
export const formatLocalDayLong = (d: LocalDate, lang: Language): string => format(noonOf(d), lang, 'dayLong');

/** "Di., 01.12., 09:30" / "Tue 1 Dec, 09:30": a moment in a compact line. */
export const formatShortDayTime = (ms: number, lang: Language): string =>
  `${format(ms, lang, 'shortDay')}, ${formatTime(ms)}`;

/** "Mo 04.05.2026, 10:00 Uhr" / "Mon 4 May 2026, 10:00": mail subjects. */
export function formatSubjectDateTime(ms: number, lang: Language): string {
  if (lang === 'en') return formatDateTime(ms, lang);
  return `${format(ms, lang, 'weekday')} ${format(ms, lang, 'numericDate')}, ${formatTime(ms)} Uhr`;
}
