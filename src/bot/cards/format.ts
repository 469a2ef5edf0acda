/**
 * How dates, times and channels read on a card (Europe/Berlin wall clock, whatever the server's
 * or the Teams client's zone). German follows the Duden abbreviations: "Di., 1. Dez. 2026, 09:30 Uhr".
 */
import { DateTime } from 'luxon';
import type { Channel, Language, LocalDate } from '../../domain/types';
import { TIME_ZONE } from '../../domain/types';

const DE_WEEKDAYS = ['Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.', 'So.'];
const DE_WEEKDAYS_LONG = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
const DE_MONTHS = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'];

const berlin = (ms: number) => DateTime.fromMillis(ms, { zone: TIME_ZONE });
const dateOf = (d: LocalDate) => DateTime.fromISO(d, { zone: TIME_ZONE });

/** "Di., 1. Dez. 2026" / "Tue 1 Dec 2026". */
export function formatDay(ms: number, lang: Language): string {
  const d = berlin(ms);
  return lang === 'de'
    ? `${DE_WEEKDAYS[d.weekday - 1]}, ${d.day}. ${DE_MONTHS[d.month - 1]} ${d.year}`
    : d.setLocale('en-GB').toFormat('ccc d LLL yyyy');
}

export const formatLocalDate = (d: LocalDate, lang: Language): string => formatDay(dateOf(d).toMillis(), lang);

/** "Dienstag, 1. Dez." / "Tuesday 1 Dec": agenda day headings. */
export function formatDayHeading(d: LocalDate, lang: Language): string {
  const dt = dateOf(d);
  return lang === 'de'
    ? `${DE_WEEKDAYS_LONG[dt.weekday - 1]}, ${dt.day}. ${DE_MONTHS[dt.month - 1]}`
    : dt.setLocale('en-GB').toFormat('cccc d LLL');
}

/** "09:30". */
export const formatTime = (ms: number): string => berlin(ms).toFormat('HH:mm');

/** "Di., 1. Dez. 2026, 09:30 Uhr" / "Tue 1 Dec 2026, 09:30". */
export function formatDateTime(ms: number, lang: Language): string {
  return `${formatDay(ms, lang)}, ${formatTime(ms)}${lang === 'de' ? ' Uhr' : ''}`;
}

/** "09:30–10:00 Uhr" / "09:30–10:00". */
export function formatRange(start: number, end: number, lang: Language): string {
  return `${formatTime(start)}–${formatTime(end)}${lang === 'de' ? ' Uhr' : ''}`;
}

export const CHANNEL_ICON: Record<Channel, string> = { video: '🎥', phone: '📞', 'in-person': '🏛️' };

const CHANNEL_NAME: Record<Language, Record<Channel, string>> = {
  de: { video: 'Video', phone: 'Telefon', 'in-person': 'Vor Ort' },
  en: { video: 'Video', phone: 'Phone', 'in-person': 'In person' },
};

export const channelName = (c: Channel, lang: Language): string => CHANNEL_NAME[lang][c];
export const channelWithIcon = (c: Channel, lang: Language): string => `${CHANNEL_ICON[c]} ${channelName(c, lang)}`;

/** Picks the German or English text. */
export const tr = (lang: Language, de: string, en: string): string => (lang === 'de' ? de : en);

/** "Di., 1. Dez. 2026, 09:30–10:00 Uhr": one appointment in one line. */
export const formatSpan = (start: number, end: number, lang: Language): string =>
  `${formatDay(start, lang)}, ${formatRange(start, end, lang)}`;
