/**
 * Reading a report back the way its readers do: the page's tables from the HTML, the workbook with
 * exceljs, the CSV with a small RFC 4180 reader (';' separated). The tests compare all three.
 */
import ExcelJS from 'exceljs';

export interface PageTable {
  id: string;
  caption: string;
  head: string[];
  rows: string[][];
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const cells = (html: string, tag: 'th' | 'td' | 'th|td') =>
  [...html.matchAll(new RegExp(`<(?:${tag})[^>]*>([\\s\\S]*?)</(?:${tag})>`, 'g'))].map((m) => unescape(m[1]!));

/** Every `<table data-table>` of the page: caption, heading cells, and body rows (the row heading first). */
export function pageTables(html: string): PageTable[] {
  return [...html.matchAll(/<table data-table="([^"]+)">([\s\S]*?)<\/table>/g)].map((m) => {
    const body = m[2]!;
    const caption = unescape(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(body)![1]!);
    const head = cells(/<thead>([\s\S]*?)<\/thead>/.exec(body)![1]!, 'th');
    const rows = [.../<tbody>([\s\S]*?)<\/tbody>/.exec(body)![1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      cells(r[1]!, 'th|td'),
    );
    return { id: m[1]!, caption, head, rows };
  });
}

export interface Sheet {
  name: string;
  frozen: { xSplit?: number; ySplit?: number } | undefined;
  /** Rows as values (1-based rows become 0-based entries; empty cells null). */
  rows: (string | number | null)[][];
  /** The number format of each cell in row 3 (the first data row), by column. */
  numFmts: string[];
}

export async function readWorkbook(buffer: Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values: (string | number | null)[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value;
        values.push(
          v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v),
        );
      }
      while (values.length && values[values.length - 1] === null) values.pop();
      rows[n - 1] = values;
    });
    const view = ws.views[0] as { xSplit?: number; ySplit?: number; state?: string } | undefined;
    const third = ws.getRow(3);
    const numFmts: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) numFmts.push(third.getCell(c).numFmt ?? '');
    return {
      name: ws.name,
      frozen: view?.state === 'frozen' ? { xSplit: view.xSplit, ySplit: view.ySplit } : undefined,
      rows,
      numFmts,
    };
  });
}

/** The fields of a CSV text (';' separated, quotes doubled), one array per line. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
