/**
 * A report cell for people: German (or English) digit grouping and decimals, shares as percent.
 * The page and the card print these; the CSV uses `csvNumber` (what German Excel reads as a number)
 * and the spreadsheet stores the plain number with a number format (xlsx.ts, NUM_FMT).
 */
import type { Language } from '../domain/types';
import type { Unit } from './table';

const formatters = new Map<string, Intl.NumberFormat>();
const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

function numberFormat(lang: Language, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, f);
  }
  return f;
}

/** "1.234", "12,5 %", "3,5" — or "–" for no value. */
export function formatCell(unit: Unit, value: number | null, lang: Language): string {
  if (value === null) return '–';
  switch (unit) {
    case 'share':
      return `${numberFormat(lang, 1).format(value * 100)} %`;
    case 'days':
      return numberFormat(lang, 1).format(value);
    default:
      return numberFormat(lang, 0).format(value);
  }
}

/** The CSV's number: no grouping, decimal comma, shares as percent with one decimal; empty for no value. */
export function csvNumber(unit: Unit, value: number | null): string {
  if (value === null) return '';
  if (unit === 'share') return (Math.round(value * 1000) / 10).toFixed(1).replace('.', ',');
  if (unit === 'days') return value.toFixed(1).replace('.', ',');
  return String(Math.round(value));
}

/** Number formats of the spreadsheet's columns (Excel shows them in the reader's locale). */
export const NUM_FMT: Record<Unit, string> = {
  count: '#,##0',
  minutes: '#,##0',
  days: '0.0',
  share: '0.0%',
};
