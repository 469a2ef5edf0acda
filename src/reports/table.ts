/**
 * The report as tables: one model that the page, the spreadsheet and the CSV all print, so they
 * cannot disagree (ZMS's Excel file disagreed with its screen more than once). Each table is a
 * breakdown (or the total) with one row per key and one column per figure; a cell is a number in
 * the column's unit, or null (no value: nothing marked, no capacity for a service). Formatting for
 * humans happens at the edge (format.ts); the numbers here are what the spreadsheet stores.
 */
import type { Report } from '../app/build-report';
import { FIGURE_KEYS, type Breakdown, type FigureKey, type Figures } from '../domain/figures';
import { indexDirectory } from '../domain/directory-index';
import { isoWeek, isoWeekYear } from '../domain/report-range';
import type { Channel, Directory, Language } from '../domain/types';
import { formatDay } from '../i18n/dates';
import { BREAKDOWN_KEY_TEXTS, BREAKDOWN_TEXTS, CHANNEL_TEXTS, FIGURE_TEXTS, reportTexts } from './texts';

/** count: whole number; share: 0..1 (shown as percent); days: one decimal; minutes: whole minutes. */
export type Unit = 'count' | 'share' | 'days' | 'minutes';

export interface Column {
  key: FigureKey;
  unit: Unit;
  label: string;
  definition: string;
}

const UNIT: Record<FigureKey, Unit> = {
  booked: 'count',
  completed: 'count',
  noShow: 'count',
  noShowRate: 'share',
  unmarked: 'count',
  cancelled: 'count',
  cancelledByCitizen: 'count',
  cancelledByStaff: 'count',
  cancelledByReplan: 'count',
  cancelledLate: 'count',
  moved: 'count',
  leadTimeSamples: 'count',
  leadTimeMedianMin: 'days',
  leadTimeP90Min: 'days',
  leadWithin3Days: 'share',
  leadWithin7Days: 'share',
  leadWithin14Days: 'share',
  bookedMin: 'minutes',
  capacityMin: 'minutes',
  utilisation: 'share',
  capacitySlots: 'count',
  reachedByEmail: 'count',
  reachedBySms: 'count',
  reachedByCall: 'count',
};

export function columns(lang: Language): Column[] {
  return FIGURE_KEYS.map((key) => ({ key, unit: UNIT[key], ...FIGURE_TEXTS[lang][key] }));
}

/** A figure in its column's unit: lead times (minutes in the domain) in days with one decimal. */
export function cellValue(key: FigureKey, f: Figures): number | null {
  const v = f[key];
  if (v === null) return null;
  return UNIT[key] === 'days' ? Math.round(v / 144) / 10 : v;
}

export interface Row {
  /** The key as people read it (team name, service name, "KW 45/2026" …). */
  label: string;
  /** The domain's key (team id, service id, date …): the spreadsheet keeps it beside the label. */
  key: string;
  values: (number | null)[];
}

export interface Table {
  id: 'total' | Breakdown;
  title: string;
  keyLabel: string;
  rows: Row[];
}

/** The breakdowns a report shows, in this order. */
export const TABLE_ORDER: readonly Breakdown[] = [
  'team',
  'service',
  'leika',
  'channel',
  'month',
  'week',
  'day',
  'staff',
];

function rowLabel(directory: Directory, breakdown: Breakdown, key: string, lang: Language): string {
  const T = reportTexts[lang];
  const index = indexDirectory(directory);
  switch (breakdown) {
    case 'team':
      return index.teamById(key)?.name ?? key;
    case 'service': {
      const s = index.serviceById(key);
      return s ? s.name[lang] : T.unknownService(key);
    }
    case 'leika': {
      if (key === '') return T.noLeika;
      const names = directory.services.filter((s) => s.leikaId === key).map((s) => s.name[lang]);
      return names.length ? `${key} (${names.join(', ')})` : key;
    }
    case 'channel':
      return CHANNEL_TEXTS[lang][key as Channel] ?? key;
    case 'day':
      return formatDay(Date.parse(`${key}T12:00:00Z`), lang);
    case 'week':
      return T.week(isoWeek(key), isoWeekYear(key));
    case 'month':
      return T.month(key);
    case 'staff':
      return index.staffById(key)?.name ?? T.formerStaff(key);
  }
}

/** The report's tables: the total first, then each breakdown with rows (staff rows only when there are any). */
export function reportTables(report: Report, directory: Directory, lang: Language): Table[] {
  const T = reportTexts[lang];
  const values = (f: Figures) => FIGURE_KEYS.map((k) => cellValue(k, f));
  const tables: Table[] = [
    {
      id: 'total',
      title: T.total,
      keyLabel: T.period,
      rows: [{ label: T.total, key: '', values: values(report.figures.total) }],
    },
  ];
  for (const b of TABLE_ORDER) {
    const rows = report.figures.rows[b];
    if (rows.length === 0) continue;
    tables.push({
      id: b,
      title: BREAKDOWN_TEXTS[lang][b],
      keyLabel: BREAKDOWN_KEY_TEXTS[lang][b],
      rows: rows.map((r) => ({ label: rowLabel(directory, b, r.key, lang), key: r.key, values: values(r.figures) })),
    });
  }
  return tables;
}
