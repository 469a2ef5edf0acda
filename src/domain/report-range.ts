/**
 * The period of a report (journey 10), from what a supervisor types after `auswertung` / `report`:
 *
 *   (nothing)                         the last full month
 *   november, nov 2025, 11.2026       a month (without a year: the latest one that has begun)
 *   2026                              a year
 *   letzte woche, diese woche, kw 45  an ISO week (Monday to Sunday)
 *   letzter monat, dieser monat, letztes jahr, dieses jahr
 *   01.11.2026–30.11.2026             a range of dates ("bis", "-", "–", "to"; also 2026-11-01, and
 *   1.11.–30.11.2026, november bis januar 2027)     points without a year take the other one's)
 *
 * Pure: `today` is the Berlin date of now. The answer is the range or the reason it cannot be one:
 * a date that does not exist (31.02.), a reversed range, more than 24 months, a range that lies
 * entirely in the future, or words it does not understand.
 */
import { foldText } from './fuzzy';
import { addDays, isLocalDate, mondayOf } from './time';
import type { LocalDate } from './types';

/** The longest period one report covers: two years (the figures of a council term's comparison). */
export const MAX_REPORT_MONTHS = 24;

export type ReportRangeKind = 'month' | 'year' | 'week' | 'days';

export interface ReportRange {
  kind: ReportRangeKind;
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
}

export type ReportRangeError =
  | { code: 'not-understood'; text: string }
  | { code: 'impossible-date'; text: string }
  | { code: 'reversed'; from: LocalDate; to: LocalDate }
  | { code: 'too-long'; from: LocalDate; to: LocalDate }
  | { code: 'future'; from: LocalDate };

export type ReportRangeResult = { ok: true; range: ReportRange } | { ok: false; error: ReportRangeError };

const MONTHS: Record<string, number> = {
  januar: 1,
  jaenner: 1,
  jan: 1,
  january: 1,
  februar: 2,
  feb: 2,
  february: 2,
  maerz: 3,
  marz: 3,
  mrz: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
  december: 12,
  dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): LocalDate => `${y}-${pad(m)}-${pad(d)}`;
const lastOfMonth = (y: number, m: number): LocalDate => addDays(m === 12 ? ymd(y + 1, 1, 1) : ymd(y, m + 1, 1), -1);
const yearOf = (d: LocalDate) => Number(d.slice(0, 4));
const monthOf = (d: LocalDate) => Number(d.slice(5, 7));

/** The first day `months` calendar months after `date`'s month start plus its day (day clamped to the month). */
function addMonths(date: LocalDate, months: number): LocalDate {
  const index = yearOf(date) * 12 + monthOf(date) - 1 + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = Number(lastOfMonth(y, m).slice(8));
  return ymd(y, m, Math.min(Number(date.slice(8)), last));
}

/** One end of a range as typed: a day, a month or a year, its year possibly left open. */
type Point =
  | { unit: 'day'; day: number; month: number; year?: number; text: string }
  | { unit: 'month'; month: number; year?: number }
  | { unit: 'year'; year: number };

const expandYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

const DAY_RE = /^(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2}))?$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NUM_RE = /^(\d{1,2})[./](\d{4})$/;
const YEAR_RE = /^(\d{4})$/;

/** A point from its words (one or two tokens), or undefined. */
function parsePoint(words: string[]): Point | undefined {
  const [a, b, ...rest] = words;
  if (a === undefined || rest.length > 0) return undefined;
  if (b === undefined) {
    let m = DAY_RE.exec(a) ?? DAY_RE.exec(`${a}.`);
    if (m && a.includes('.'))
      return {
        unit: 'day',
        day: Number(m[1]),
        month: Number(m[2]),
        ...(m[3] ? { year: expandYear(m[3]) } : {}),
        text: a,
      };
    m = ISO_RE.exec(a);
    if (m) return { unit: 'day', day: Number(m[3]), month: Number(m[2]), year: Number(m[1]), text: a };
    m = MONTH_NUM_RE.exec(a);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { unit: 'month', month: Number(m[1]), year: Number(m[2]) };
    m = YEAR_RE.exec(a);
    if (m) return { unit: 'year', year: Number(m[1]) };
    const month = MONTHS[a];
    return month ? { unit: 'month', month } : undefined;
  }
  const month = MONTHS[a];
  if (month && YEAR_RE.test(b)) return { unit: 'month', month, year: Number(b) };
  // "1. november 2026" is two words after splitting "1." from the month: not supported beyond this form.
  return undefined;
}

function withYear(p: Point, year: number): Point {
  return p.unit === 'year' || p.year !== undefined ? p : { ...p, year };
}

type Span = { ok: true; from: LocalDate; to: LocalDate } | { ok: false; error: ReportRangeError };

function spanOf(p: Point): Span {
  if (p.unit === 'year') return { ok: true, from: ymd(p.year, 1, 1), to: ymd(p.year, 12, 31) };
  const year = p.year!;
  if (p.unit === 'month') return { ok: true, from: ymd(year, p.month, 1), to: lastOfMonth(year, p.month) };
  const date = ymd(year, p.month, p.day);
  if (p.month < 1 || p.month > 12 || p.day < 1 || !isLocalDate(date))
    return { ok: false, error: { code: 'impossible-date', text: p.text } };
  return { ok: true, from: date, to: date };
}

/** Words that change nothing ("auswertung für den november", "report for last month"). */
const FILLER = new Set([
  'fuer',
  'for',
  'den',
  'die',
  'das',
  'der',
  'im',
  'in',
  'vom',
  'von',
  'the',
  'of',
  'ab',
  'from',
]);
const LAST = new Set(['letzte', 'letzten', 'letzter', 'letztes', 'vorige', 'vorigen', 'voriger', 'voriges', 'last']);
const THIS = new Set(['diese', 'diesen', 'dieser', 'dieses', 'aktuelle', 'aktuellen', 'aktueller', 'this', 'current']);
const WEEK = new Set(['woche', 'week']);
const MONTH = new Set(['monat', 'month']);
const YEAR = new Set(['jahr', 'year']);

function relative(words: string[], today: LocalDate): ReportRange | undefined {
  const [a, b] = words;
  const single = words.length === 1 ? a : undefined;
  if (single === 'vorwoche') return week(addDays(mondayOf(today), -7));
  if (single === 'vormonat') return month(addMonths(today.slice(0, 8) + '01', -1));
  if (single === 'vorjahr') return year(yearOf(today) - 1);
  if (words.length === 2 && a !== undefined && b !== undefined && (LAST.has(a) || THIS.has(a))) {
    const back = LAST.has(a) ? 1 : 0;
    if (WEEK.has(b)) return week(addDays(mondayOf(today), -7 * back));
    if (MONTH.has(b)) return month(addMonths(today.slice(0, 8) + '01', -back));
    if (YEAR.has(b)) return year(yearOf(today) - back);
  }
  // "kw 45", "kw45", "kw 45 2026", "week 45"
  const kw = /^(?:kw|week) ?(\d{1,2})(?: (\d{4}))?$/.exec(words.join(' '));
  if (kw) {
    const y = kw[2] ? Number(kw[2]) : yearOf(today);
    const n = Number(kw[1]);
    // ISO week 1 holds 4 January; a year has 52 or 53 weeks (53 when its last Thursday is in week 53).
    const monday = addDays(mondayOf(ymd(y, 1, 4)), 7 * (n - 1));
    if (n < 1 || yearOf(addDays(monday, 3)) !== y) return undefined;
    return week(monday);
  }
  return undefined;
}

const week = (monday: LocalDate): ReportRange => ({ kind: 'week', from: monday, to: addDays(monday, 6) });
const month = (first: LocalDate): ReportRange => ({
  kind: 'month',
  from: first,
  to: lastOfMonth(yearOf(first), monthOf(first)),
});
const year = (y: number): ReportRange => ({ kind: 'year', from: ymd(y, 1, 1), to: ymd(y, 12, 31) });

/** The default period: the last full month before today's. */
export function lastFullMonth(today: LocalDate): ReportRange {
  return month(addMonths(today.slice(0, 8) + '01', -1));
}

/** Splits "a bis b" / "a - b" / "a–b" into the words of each side; one side when there is no separator. */
function sides(norm: string): string[][] {
  // A dash between two dates separates them; those inside an ISO date (2026-11-01) do not.
  const words = norm
    .replace(/[–—]/g, ' - ')
    .split(' ')
    .flatMap((w) => (ISO_RE.test(w) || !w.includes('-') ? [w] : w.split(/(-)/)))
    .filter((w) => w && !FILLER.has(w));
  const at = words.findIndex((w) => w === '-' || w === 'bis' || w === 'to' || w === 'until' || w === 'till');
  return at < 0 ? [words] : [words.slice(0, at), words.slice(at + 1)];
}

/** Months from `from`'s month to `to`'s, as `addMonths` counts them: a range longer than MAX_REPORT_MONTHS is refused. */
function tooLong(from: LocalDate, to: LocalDate): boolean {
  return to >= addMonths(from, MAX_REPORT_MONTHS);
}

function checked(range: ReportRange, today: LocalDate): ReportRangeResult {
  if (range.from > range.to) return { ok: false, error: { code: 'reversed', from: range.from, to: range.to } };
  if (tooLong(range.from, range.to)) return { ok: false, error: { code: 'too-long', from: range.from, to: range.to } };
  if (range.from > today) return { ok: false, error: { code: 'future', from: range.from } };
  return { ok: true, range };
}

/**
 * The report period of `text` (what follows the command word), relative to `today`.
 * Without a year, a day or month means the latest one that has begun by today.
 */
export function parseReportRange(text: string, today: LocalDate): ReportRangeResult {
  const norm = foldText(text).replace(/[,;]/g, ' ').replace(/\s+/g, ' ').trim();
  const all = norm ? norm.split(' ').filter((w) => !FILLER.has(w)) : [];
  if (all.length === 0) return { ok: true, range: lastFullMonth(today) };
  const rel = relative(all, today);
  if (rel) return checked(rel, today);

  const parts = sides(norm);
  const points = parts.map(parsePoint);
  if (points.some((p) => p === undefined) || parts.some((p) => p.length === 0))
    return { ok: false, error: { code: 'not-understood', text: text.trim().slice(0, 80) } };
  let [first, second] = points as [Point, Point | undefined];

  const currentYear = yearOf(today);
  if (!second) {
    // The latest such day or month that has begun: "november" in March is last year's.
    if (first.unit !== 'year' && first.year === undefined) {
      const guess = spanOf(withYear(first, currentYear));
      if (guess.ok && guess.from > today) first = withYear(first, currentYear - 1);
      else first = withYear(first, currentYear);
    }
    const span = spanOf(first);
    if (!span.ok) return span;
    const kind: ReportRangeKind = first.unit === 'day' ? 'days' : first.unit;
    return checked({ kind, from: span.from, to: span.to }, today);
  }

  // A missing year comes from the other side; without any, the latest range that has begun.
  const yearGiven = (p: Point) => (p.unit === 'year' ? p.year : p.year);
  const y1 = yearGiven(first);
  const y2 = yearGiven(second);
  if (y1 === undefined && y2 === undefined) {
    let a = withYear(first, currentYear);
    const b = withYear(second, currentYear);
    const sa = spanOf(a);
    const sb = spanOf(b);
    if (sa.ok && sb.ok && sa.from > sb.to) a = withYear(first, currentYear - 1);
    else if (sa.ok && sa.from > today) {
      a = withYear(first, currentYear - 1);
      second = withYear(second, currentYear - 1);
    }
    first = a;
    if (second.unit !== 'year' && second.year === undefined) second = b;
  } else if (y1 === undefined) {
    first = withYear(first, y2!);
    // "01.12. – 31.01.2027": the first end lies in the year before.
    const sa = spanOf(first);
    const sb = spanOf(second);
    if (sa.ok && sb.ok && sa.from > sb.to) first = withYear(points[0]!, y2! - 1);
  } else if (y2 === undefined) {
    second = withYear(second, y1);
  }
  const sa = spanOf(first);
  if (!sa.ok) return sa;
  const sb = spanOf(second);
  if (!sb.ok) return sb;
  const kind: ReportRangeKind =
    first.unit === 'month' && second.unit === 'month' && sa.from === sb.from
      ? 'month'
      : first.unit === 'year' && second.unit === 'year' && sa.from === sb.from
        ? 'year'
        : 'days';
  return checked({ kind, from: sa.from, to: sb.to }, today);
}

/** The period's part of a file name: 2026-11, 2026, 2026-W45, or 2026-11-01_2026-11-30. */
export function rangeSlug(range: ReportRange): string {
  if (range.kind === 'month') return range.from.slice(0, 7);
  if (range.kind === 'year') return range.from.slice(0, 4);
  if (range.kind === 'week') return `${isoWeekYear(range.from)}-W${pad(isoWeek(range.from))}`;
  return range.from === range.to ? range.from : `${range.from}_${range.to}`;
}

/** ISO week number of a Monday-based date. */
export function isoWeek(date: LocalDate): number {
  const thursday = addDays(mondayOf(date), 3);
  const first = mondayOf(ymd(yearOf(thursday), 1, 4));
  return Math.round((Date.parse(`${mondayOf(date)}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 604_800_000) + 1;
}

/** The year an ISO week belongs to (its Thursday's). */
export function isoWeekYear(date: LocalDate): number {
  return yearOf(addDays(mondayOf(date), 3));
}

/** The kind and ends of a range as a plain value (links carry it; see `rangeOf`). */
export function rangeKey(range: ReportRange): string {
  return `${range.kind}:${range.from}:${range.to}`;
}

/** A range from `rangeKey`, or undefined for anything malformed. */
export function rangeOf(key: string): ReportRange | undefined {
  const m = /^(month|year|week|days):(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!m || !isLocalDate(m[2]!) || !isLocalDate(m[3]!) || m[2]! > m[3]! || tooLong(m[2]!, m[3]!)) return undefined;
  return { kind: m[1] as ReportRangeKind, from: m[2]!, to: m[3]! };
}
