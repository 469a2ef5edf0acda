/**
 * The report as CSV, as German Excel opens it by double-click: UTF-8 with a byte order mark (else
 * umlauts break), ';' between fields, decimal comma, CRLF line ends. One table: each row names its
 * breakdown and key, then every figure in the order and unit of the page's tables (table.ts).
 */
import type { Language } from '../domain/types';
import { csvNumber } from './format';
import { columns, type Table } from './table';
import { reportTexts } from './texts';

const BOM = '\uFEFF';

/** A field quoted when it holds the separator, a quote or a line break (RFC 4180, with ';'). */
export function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function reportCsv(tables: readonly Table[], lang: Language): string {
  const cols = columns(lang);
  const T = reportTexts[lang];
  const unitOf = (label: string, unit: string) => (unit === 'share' ? `${label} (%)` : label);
  const header = [T.breakdown, T.key, ...cols.map((c) => unitOf(c.label, c.unit))];
  const lines = [header.map(csvField).join(';')];
  for (const table of tables)
    for (const row of table.rows)
      lines.push(
        [table.title, row.label, ...row.values.map((v, i) => csvNumber(cols[i]!.unit, v))].map(csvField).join(';'),
      );
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
