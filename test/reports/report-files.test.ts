/**
 * The page, the workbook and the CSV show the same numbers: the workbook is read back with exceljs
 * and every cell compared with the page's table cell, the CSV is parsed and compared the same way.
 * Each figure is checked on a hand-made month against the numbers worked out by hand.
 */
import { PassThrough } from 'node:stream';
import type { Report } from '../../src/app/build-report';
import type { AppointmentFacts } from '../../src/domain/appointment-facts';
import { computeFigures } from '../../src/domain/figures';
import { DAY, localDateTime, MINUTE } from '../../src/domain/time';
import type { Language } from '../../src/domain/types';
import { reportCsv } from '../../src/reports/csv';
import { formatCell } from '../../src/reports/format';
import { reportPageHtml } from '../../src/reports/page';
import { columns, reportTables } from '../../src/reports/table';
import { writeReportWorkbook, sheetName } from '../../src/reports/xlsx';
import { exampleDirectory } from '../support/summary-fixture';
import { pageTables, parseCsv, readWorkbook } from './read-back';

const directory = exampleDirectory();
const at = (day: string, hhmm: string) => localDateTime(day, hhmm);

function fact(over: Partial<AppointmentFacts> & { id: string; start: number }): AppointmentFacts {
  const end = over.start + 45 * MINUTE;
  return {
    staffId: 'stefan-braun',
    teamId: 'bauamt',
    serviceIds: ['bauberatung'],
    channel: 'in-person',
    end,
    blockStart: over.start,
    blockEnd: end + 15 * MINUTE,
    createdAt: over.start - 2 * DAY,
    status: 'booked',
    cancelledBy: null,
    cancelledAt: null,
    moves: 0,
    reachedBy: ['email'],
    ...over,
  };
}

/** November 2026 in the Bauamt and the Sozialen Diensten; the report is made on 7 December. */
const facts: AppointmentFacts[] = [
  fact({ id: 'f1', start: at('2026-11-02', '09:00'), channel: 'video', status: 'completed' }),
  fact({ id: 'f2', start: at('2026-11-02', '10:00'), status: 'no-show', createdAt: at('2026-11-02', '08:00') }),
  fact({
    id: 'f3',
    staffId: 'julia-vogel',
    start: at('2026-11-03', '09:00'),
    status: 'completed',
    reachedBy: ['call'],
  }),
  fact({
    id: 'f4',
    start: at('2026-11-05', '14:00'),
    status: 'cancelled',
    cancelledBy: 'citizen',
    cancelledAt: at('2026-11-04', '20:00'),
    moves: 1,
  }),
  fact({ id: 'f5', start: at('2026-11-16', '09:00'), createdAt: at('2026-10-20', '09:00'), reachedBy: ['sms'] }),
  fact({
    id: 'f6',
    staffId: 'peter-klein',
    teamId: 'soziales',
    serviceIds: ['sozialberatung'],
    channel: 'phone',
    start: at('2026-11-10', '11:00'),
    status: 'completed',
  }),
];

function novemberReport(): Report {
  const range = { kind: 'month' as const, from: '2026-11-01', to: '2026-11-30' };
  const figures = computeFigures({
    directory,
    from: range.from,
    to: range.to,
    teamIds: ['soziales', 'bauamt'],
    facts,
    absences: [],
    now: at('2026-12-07', '09:00'),
  });
  return {
    range,
    teamIds: figures.teamIds,
    figures,
    generatedAt: at('2026-12-07', '09:00'),
    requester: { id: 'maria-lange', name: 'Maria Lange' },
  };
}

async function workbookOf(report: Report, lang: Language): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeReportWorkbook(out, reportTables(report, directory, lang), lang, {
    title: 'Auswertung November 2026',
    generatedAt: report.generatedAt,
  });
  await new Promise((r) => setImmediate(r));
  return Buffer.concat(chunks);
}

const links = { xlsx: '/x.xlsx', csv: '/x.csv', otherLanguage: '/x?lang=en' };

describe('each figure on a hand-made month', () => {
  it('counts what was worked out by hand', () => {
    const t = novemberReport().figures.total;
    expect(t).toMatchObject({
      booked: 5, // f1 f2 f3 f5 f6
      completed: 3,
      noShow: 1,
      noShowRate: 0.25,
      unmarked: 1, // f5: past, still booked
      cancelled: 1,
      cancelledByCitizen: 1,
      cancelledLate: 1, // 18 hours before
      moved: 1,
      reachedByEmail: 3,
      reachedBySms: 1,
      reachedByCall: 1,
      // Leads: f2 1 hour, f1/f3/f6 2 days, f5 27 days on the Berlin clock (the hour summer time gave back is not counted).
      leadTimeSamples: 5,
      leadTimeMedianMin: 2880,
      leadTimeP90Min: 27 * 1440,
      leadWithin3Days: 0.8,
      leadWithin7Days: 0.8,
      leadWithin14Days: 0.8,
      bookedMin: 300,
    });
    const tables = reportTables(novemberReport(), directory, 'de');
    const total = tables[0]!.rows[0]!.values;
    const col = (k: string) => columns('de').findIndex((c) => c.key === k);
    expect(total[col('leadTimeMedianMin')]).toBe(2);
    expect(total[col('leadTimeP90Min')]).toBe(27);
  });
});

describe('page, workbook and CSV agree', () => {
  it.each<Language>(['de', 'en'])('every cell of the workbook equals the page’s cell (%s)', async (lang) => {
    const report = novemberReport();
    const page = pageTables(reportPageHtml(report, directory, lang, links));
    const sheets = await readWorkbook(await workbookOf(report, lang));
    const cols = columns(lang);
    expect(page.length).toBeGreaterThanOrEqual(8);
    // One sheet per table, in the page's order, then the definitions.
    expect(sheets.map((s) => s.name)).toEqual([...page.map((t) => sheetName(t.caption)), expect.any(String)]);
    let compared = 0;
    page.forEach((table, i) => {
      const sheet = sheets[i]!;
      expect(sheet.frozen).toEqual({ xSplit: 1, ySplit: 2 });
      expect(sheet.rows[1]).toEqual(table.head);
      expect(sheet.rows.length - 2).toBe(table.rows.length);
      table.rows.forEach((cellsOnPage, r) => {
        const row = sheet.rows[r + 2]!;
        expect(row[0]).toBe(cellsOnPage[0]);
        for (let c = 1; c < cellsOnPage.length; c++) {
          const v = row[c];
          expect(formatCell(cols[c - 1]!.unit, typeof v === 'number' ? v : null, lang)).toBe(cellsOnPage[c]);
          compared++;
        }
      });
      // Number formats: counts grouped, shares as percent, days with a decimal.
      expect(sheet.numFmts.slice(1)).toEqual(
        cols.map((c) => ({ count: '#,##0', minutes: '#,##0', days: '0.0', share: '0.0%' })[c.unit]),
      );
    });
    expect(compared).toBeGreaterThan(500);
    // The definitions sheet defines every figure, in the reader's language.
    const defs = sheets.at(-1)!;
    expect(defs.rows.slice(2).map((r) => r[0])).toEqual(cols.map((c) => c.label));
    expect(defs.rows.slice(2).every((r) => typeof r[1] === 'string' && r[1].length > 15)).toBe(true);
  });

  it('the CSV parses (BOM, ";", decimal comma) and holds the page’s numbers', () => {
    const report = novemberReport();
    const lang = 'de';
    const page = pageTables(reportPageHtml(report, directory, lang, links));
    const text = reportCsv(reportTables(report, directory, lang), lang);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    const cols = columns(lang);
    expect(rows[0]).toEqual([
      'Aufschlüsselung',
      'Zeile',
      ...cols.map((c) => (c.unit === 'share' ? `${c.label} (%)` : c.label)),
    ]);
    const body = rows.slice(1);
    expect(body.length).toBe(page.reduce((n, t) => n + t.rows.length, 0));
    let i = 0;
    for (const table of page)
      for (const cellsOnPage of table.rows) {
        const row = body[i++]!;
        expect(row.slice(0, 2)).toEqual([table.caption, cellsOnPage[0]]);
        for (let c = 1; c < cellsOnPage.length; c++) {
          const unit = cols[c - 1]!.unit;
          const raw = row[c + 1]!;
          expect(raw).toMatch(/^(-?\d+(,\d)?)?$/);
          const n = raw === '' ? null : Number(raw.replace(',', '.')) / (unit === 'share' ? 100 : 1);
          expect(formatCell(unit, n, lang)).toBe(cellsOnPage[c]);
        }
      }
    // The no-show rate, 1 of 4 marked: "25,0".
    expect(body[0]![2 + cols.findIndex((c) => c.key === 'noShowRate')]).toBe('25,0');
  });

  it('draws its charts as inline SVG with text alternatives, and names no citizen', () => {
    const html = reportPageHtml(novemberReport(), directory, 'de', links);
    expect(html).not.toMatch(/<script/i);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect((html.match(/role="img"/g) ?? []).length).toBe((html.match(/<svg /g) ?? []).length);
    expect(html).toContain('<desc id="chart-outcome-desc">Erledigt: 3; Nicht erschienen: 1;');
    expect(html).toContain('@media print');
  });
});
