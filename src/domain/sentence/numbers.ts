/**
 * Dates and times written with digits in a booking sentence: "03.12.2026", "3. Dezember", "December 3rd",
 * "10 Uhr", "10:30", "10.30 Uhr", "3pm", "um 10"; and what does not exist ("31.02.", "25 Uhr").
 */
import { dayMonth, typedDate } from '../day-words';
import type { LocalDate } from '../types';
import { wordMatches } from './matching';
import { KEYWORDS } from './phrases';
import type { Token } from './tokens';

const pad = (n: number) => String(n).padStart(2, '0');

type NumericHit =
  { kind: 'date'; date: LocalDate } | { kind: 'time'; time: string } | { kind: 'bad-date' } | { kind: 'bad-time' };

function timeOf(h: number, m: number): NumericHit {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 ? { kind: 'time', time: `${pad(h)}:${pad(m)}` } : { kind: 'bad-time' };
}

function meridiem(h: number, m: number, ampm: string): NumericHit {
  if (h < 1 || h > 12) return { kind: 'bad-time' };
  const hour = ampm === 'pm' ? (h % 12) + 12 : h % 12;
  return timeOf(hour, m);
}

/** Reads a date or time starting at the numeric token i; undefined when it is just a number. */
export function numeric(
  tokens: Token[],
  i: number,
  today: LocalDate,
  timeMarker: boolean,
): { hit: NumericHit; length: number } | undefined {
  const w = tokens[i]!.w;
  const nextW = tokens[i + 1]?.numeric ? undefined : tokens[i + 1]?.w;
  const isUhr = (x: string | undefined) => x === 'uhr' || x === 'h' || x === 'oclock';
  let m: RegExpExecArray | null;

  // 2026-12-03, 03.12.2026, 3.12.26, 3/12/2026, 03.12. (31.02. exists in no year: impossible)
  const date = typedDate(w, today);
  if (date) return { hit: date, length: 1 };
  // 10:00, 10:30h, 10:30uhr, 10:30pm, 10.30 Uhr, 10.30h
  if ((m = /^(\d{1,2})[:.](\d{2})(uhr|h|am|pm)?$/.exec(w))) {
    const h = +m[1]!;
    const min = +m[2]!;
    const suffix = m[3] ?? (nextW === 'am' || nextW === 'pm' || isUhr(nextW) ? nextW : undefined);
    const length = !m[3] && suffix ? 2 : 1;
    if (suffix === 'am' || suffix === 'pm') return { hit: meridiem(h, min, suffix), length };
    const colon = w.includes(':');
    if (colon || suffix || timeMarker) return { hit: timeOf(h, min), length };
    // "3.12" without a dot at the end: a date when it is one, else a time ("10.30").
    const d = h >= 1 && h <= 31 && min >= 1 && min <= 12 ? dayMonth(h, min, today) : undefined;
    if (d) return { hit: { kind: 'date', date: d }, length: 1 };
    return { hit: timeOf(h, min), length: 1 };
  }
  // 10uhr, 10h, 10am, 3pm
  if ((m = /^(\d{1,2})(uhr|h|am|pm)$/.exec(w))) {
    const h = +m[1]!;
    return { hit: m[2] === 'am' || m[2] === 'pm' ? meridiem(h, 0, m[2]) : timeOf(h, 0), length: 1 };
  }
  // 3rd / 3. followed by a month ("3. Dezember", "3rd of December", "3 December")
  if ((m = /^(\d{1,2})(st|nd|rd|th)?\.?$/.exec(w))) {
    let k = i + 1;
    if (tokens[k]?.w === 'of') k++;
    const monthTok = tokens[k];
    const month =
      monthTok && !monthTok.numeric
        ? KEYWORDS.find(
            (kw) =>
              kw.words.length === 1 &&
              kw.meaning.kind === 'month' &&
              wordMatches(monthTok.w, kw.words[0]!) !== undefined,
          )
        : undefined;
    if (month && month.meaning.kind === 'month') {
      const d = dayMonth(+m[1]!, month.meaning.month, today);
      return { hit: d ? { kind: 'date', date: d } : { kind: 'bad-date' }, length: k - i + 1 };
    }
    const h = +m[1]!;
    if (m[2]) return undefined;
    if (timeMarker && !isUhr(nextW) && nextW !== 'am' && nextW !== 'pm') return { hit: timeOf(h, 0), length: 1 };
    // 10 Uhr (30), 10 am
    if (!w.endsWith('.')) {
      if (isUhr(nextW)) {
        const minutes = tokens[i + 2]?.numeric && /^\d{1,2}$/.test(tokens[i + 2]!.w) ? +tokens[i + 2]!.w : undefined;
        return minutes !== undefined ? { hit: timeOf(h, minutes), length: 3 } : { hit: timeOf(h, 0), length: 2 };
      }
      if (nextW === 'am' || nextW === 'pm') {
        // "10 am" is a time; "3 am Freitag" is German ("am" = on): only with a time-ish number.
        const after = tokens[i + 2];
        const german =
          nextW === 'am' &&
          after &&
          !after.numeric &&
          KEYWORDS.some(
            (kw) => kw.words[0] === after.w && (kw.meaning.kind === 'weekday' || kw.meaning.kind === 'day'),
          );
        if (!german) return { hit: meridiem(h, 0, nextW), length: 2 };
      }
    }
  }
  return undefined;
}
