/**
 * The report as an Excel workbook (exceljs), streamed to the response as it is written — a
 * 24-month report never sits in memory as a whole file. One sheet per table of the page (table.ts:
 * the same rows, labels and numbers), with the title in row 1 and the column headings in row 2,
 * both frozen together with the first column; number formats per unit (counts grouped, shares as
 * percent, days with one decimal). A last sheet defines every figure in plain language.
 */
import type { Writable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import type { Language } from '../domain/types';
import { NUM_FMT } from './format';
import { columns, type Table } from './table';
import { reportTexts } from './texts';

/** exceljs and its zip and stream helpers (~3 MB of code) load at the first workbook asked for, not at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excel = () => require('exceljs') as typeof ExcelJSModule;

/** Excel refuses sheet names over 31 characters and with []:*?/\ in them. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export interface WorkbookMeta {
  /** "Auswertung November 2026 – Bürgerbüro Team A, Bürgerbüro Team B". */
  title: string;
  generatedAt: number;
}

/** Writes the workbook to `out` and resolves when it is complete (the stream is ended). */
export async function writeReportWorkbook(
  out: Writable,
  tables: readonly Table[],
  lang: Language,
  meta: WorkbookMeta,
): Promise<void> {
  const T = reportTexts[lang];
  const cols = columns(lang);
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = T.appName;
  wb.created = new Date(meta.generatedAt);
  const bold = { bold: true };

  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.title), {
      views: [{ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3', activeCell: 'B3' }],
    });
    ws.getColumn(1).width = 34;
    cols.forEach((c, i) => {
      const col = ws.getColumn(i + 2);
      col.width = Math.min(24, Math.max(11, Math.ceil(c.label.length * 0.9)));
      col.numFmt = NUM_FMT[c.unit];
    });
    const titleRow = ws.addRow([`${meta.title} – ${table.title}`]);
    titleRow.font = bold;
    titleRow.commit();
    const head = ws.addRow([table.keyLabel, ...cols.map((c) => c.label)]);
    head.font = bold;
    head.alignment = { wrapText: true, vertical: 'top' };
    head.commit();
    for (const r of table.rows) ws.addRow([r.label, ...r.values.map((v) => (v === null ? null : v))]).commit();
    ws.commit();
  }

  const defs = wb.addWorksheet(sheetName(T.definitions), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
  });
  defs.getColumn(1).width = 34;
  defs.getColumn(2).width = 90;
  defs.getColumn(3).width = 26;
  const t = defs.addRow([meta.title]);
  t.font = bold;
  t.commit();
  const h = defs.addRow([T.figure, T.definition, T.unit]);
  h.font = bold;
  h.commit();
  for (const c of cols) {
    const row = defs.addRow([c.label, c.definition, T.units(c.unit)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  defs.commit();
  await wb.commit();
}
