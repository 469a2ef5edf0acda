/**
 * The reports' words (journey 10), German first, English complete: the figures' names and their
 * definitions in plain language (the page, the spreadsheet's definitions sheet and the CSV header
 * all use these), the breakdowns' names, and how a period is named.
 */
import type { Breakdown, FigureKey } from '../domain/figures';
import type { ReportRange } from '../domain/report-range';
import { isoWeek, isoWeekYear, rangeSlug } from '../domain/report-range';
import type { Channel, Language } from '../domain/types';
import { defineCatalog } from '../i18n/catalog';
import { formatDate } from '../i18n/dates';

/** A figure as the reports show it: its name, its unit, and what it means. */
export interface FigureText {
  label: string;
  definition: string;
}

const FIGURES_DE: Record<FigureKey, FigureText> = {
  booked: {
    label: 'Gebucht',
    definition:
      'Termine im Zeitraum, die nicht abgesagt sind: stattgefunden, nicht erschienen, offen oder noch bevorstehend. Maßgeblich ist der Tag, an dem der Termin beginnt.',
  },
  completed: { label: 'Erledigt', definition: 'Gebuchte Termine, die als erledigt markiert wurden.' },
  noShow: { label: 'Nicht erschienen', definition: 'Gebuchte Termine, zu denen die Person nicht kam (No-Show).' },
  noShowRate: {
    label: 'No-Show-Quote',
    definition: 'Nicht erschienen geteilt durch (erledigt + nicht erschienen). Leer, wenn nichts markiert wurde.',
  },
  unmarked: {
    label: 'Nicht markiert',
    definition: 'Vergangene gebuchte Termine, die niemand als erledigt oder nicht erschienen markiert hat.',
  },
  cancelled: { label: 'Abgesagt', definition: 'Termine im Zeitraum, die abgesagt wurden (von wem auch immer).' },
  cancelledByCitizen: {
    label: 'Abgesagt von Bürgerinnen und Bürgern',
    definition: 'Über den Link in der Einladung von der Bürgerin oder dem Bürger selbst abgesagt.',
  },
  cancelledByStaff: { label: 'Abgesagt von der Verwaltung', definition: 'Von Mitarbeitenden abgesagt.' },
  cancelledByReplan: {
    label: 'Abgesagt bei Umplanung',
    definition: 'Bei einem Personalausfall abgesagt, weil sich kein anderer Platz fand.',
  },
  cancelledLate: {
    label: 'Kurzfristig abgesagt',
    definition: 'Weniger als 24 Stunden vor Beginn abgesagt (in „Abgesagt“ enthalten).',
  },
  moved: {
    label: 'Verschoben',
    definition:
      'Termine (auch später abgesagte), die mindestens einmal auf eine andere Zeit oder zu einer anderen Person verlegt wurden. Ein reiner Wechsel des Kanals zählt nicht.',
  },
  leadTimeSamples: {
    label: 'Vorlaufzeit: Termine',
    definition: 'Gebuchte Termine, deren Vorlaufzeit zählt (gebucht vor Beginn).',
  },
  leadTimeMedianMin: {
    label: 'Vorlaufzeit Median (Tage)',
    definition:
      'Zeit von der Buchung bis zum Beginn des Termins, in Tagen: die Hälfte der Termine hatte höchstens diese Vorlaufzeit.',
  },
  leadTimeP90Min: {
    label: 'Vorlaufzeit 90 % (Tage)',
    definition: 'Neun von zehn Terminen hatten höchstens diese Vorlaufzeit (in Tagen).',
  },
  leadWithin3Days: {
    label: 'Termin binnen 3 Tagen',
    definition:
      'Anteil der gebuchten Termine, die höchstens 3 Kalendertage nach dem Buchungstag lagen (Berliner Zeit; am selben Tag = 0).',
  },
  leadWithin7Days: { label: 'Termin binnen 7 Tagen', definition: 'Wie oben, höchstens 7 Kalendertage.' },
  leadWithin14Days: { label: 'Termin binnen 14 Tagen', definition: 'Wie oben, höchstens 14 Kalendertage.' },
  bookedMin: {
    label: 'Gebucht (Minuten)',
    definition: 'Minuten, die gebuchte Termine belegen, mit Vor- und Nachbereitungszeit.',
  },
  capacityMin: {
    label: 'Geplante Kapazität (Minuten)',
    definition:
      'Arbeitszeit laut Dienstplan (Wochenstunden, Feiertage, Schichtwechsel, Homeoffice) abzüglich Abwesenheiten und der im eigenen Kalender belegten Zeiten. Nur für Teams, Tage, Wochen, Monate und Mitarbeitende.',
  },
  utilisation: { label: 'Auslastung', definition: 'Gebuchte Minuten geteilt durch die geplante Kapazität.' },
  capacitySlots: {
    label: 'Geplante Kapazität (Termine)',
    definition:
      'Wie viele Termine in die geplante Kapazität passen: je Person und Tag die Kapazität geteilt durch die durchschnittliche Dauer ihrer Anliegen (mit Vor- und Nachbereitung), abgerundet.',
  },
  reachedByEmail: { label: 'Erreicht per E-Mail', definition: 'Gebuchte Termine, deren Einladung per E-Mail ging.' },
  reachedBySms: { label: 'Erreicht per SMS', definition: 'Gebuchte Termine, über die per SMS informiert wurde.' },
  reachedByCall: {
    label: 'Erreicht per Anruf',
    definition: 'Gebuchte Termine ohne E-Mail und SMS: die Mitarbeiterin oder der Mitarbeiter ruft an (Anrufliste).',
  },
};

const FIGURES_EN: Record<FigureKey, FigureText> = {
  booked: {
    label: 'Booked',
    definition:
      'Appointments in the period that are not cancelled: completed, no-show, unmarked or still to come. An appointment counts on the day it starts.',
  },
  completed: { label: 'Completed', definition: 'Booked appointments marked as completed.' },
  noShow: { label: 'No-shows', definition: 'Booked appointments the person did not attend.' },
  noShowRate: {
    label: 'No-show rate',
    definition: 'No-shows divided by (completed + no-shows). Empty when nothing was marked.',
  },
  unmarked: { label: 'Unmarked', definition: 'Past booked appointments nobody marked as completed or no-show.' },
  cancelled: { label: 'Cancelled', definition: 'Appointments in the period that were cancelled (by anyone).' },
  cancelledByCitizen: {
    label: 'Cancelled by citizens',
    definition: 'Cancelled by the citizen through the link in their invitation.',
  },
  cancelledByStaff: { label: 'Cancelled by staff', definition: 'Cancelled by staff.' },
  cancelledByReplan: {
    label: 'Cancelled in replanning',
    definition: 'Cancelled during an outage because no other place was found.',
  },
  cancelledLate: {
    label: 'Cancelled late',
    definition: 'Cancelled less than 24 hours before the start (included in “Cancelled”).',
  },
  moved: {
    label: 'Moved',
    definition:
      'Appointments (also those cancelled later) moved at least once to another time or person. A change of channel alone does not count.',
  },
  leadTimeSamples: {
    label: 'Lead time: appointments',
    definition: 'Booked appointments whose lead time counts (booked before the start).',
  },
  leadTimeMedianMin: {
    label: 'Lead time median (days)',
    definition: 'Time from booking to the start, in days: half of the appointments had at most this lead time.',
  },
  leadTimeP90Min: {
    label: 'Lead time 90 % (days)',
    definition: 'Nine in ten appointments had at most this lead time (in days).',
  },
  leadWithin3Days: {
    label: 'Within 3 days',
    definition:
      'Share of booked appointments at most 3 calendar days after the day of booking (Berlin time; same day = 0).',
  },
  leadWithin7Days: { label: 'Within 7 days', definition: 'As above, at most 7 calendar days.' },
  leadWithin14Days: { label: 'Within 14 days', definition: 'As above, at most 14 calendar days.' },
  bookedMin: {
    label: 'Booked (minutes)',
    definition: 'Minutes taken by booked appointments, preparation and wrap-up included.',
  },
  capacityMin: {
    label: 'Planned capacity (minutes)',
    definition:
      'Working time by the roster (weekly hours, holidays, shift rotation, home office) minus absences and busy times in the staff’s own calendars. Only for teams, days, weeks, months and staff.',
  },
  utilisation: { label: 'Utilisation', definition: 'Booked minutes divided by planned capacity.' },
  capacitySlots: {
    label: 'Planned capacity (appointments)',
    definition:
      'How many appointments fit into the planned capacity: per person and day the capacity divided by the mean length of their services (with preparation and wrap-up), rounded down.',
  },
  reachedByEmail: { label: 'Reached by email', definition: 'Booked appointments whose invitation went by email.' },
  reachedBySms: { label: 'Reached by SMS', definition: 'Booked appointments the citizen was told about by SMS.' },
  reachedByCall: {
    label: 'Reached by call',
    definition: 'Booked appointments without email or SMS: the staff member calls (call list).',
  },
};

export const FIGURE_TEXTS: Readonly<Record<Language, Record<FigureKey, FigureText>>> = {
  de: FIGURES_DE,
  en: FIGURES_EN,
};

const BREAKDOWN_DE: Record<Breakdown, string> = {
  team: 'Teams',
  service: 'Anliegen',
  leika: 'Leistungsschlüssel (LeiKa)',
  channel: 'Kanäle',
  day: 'Tage',
  week: 'Wochen',
  month: 'Monate',
  staff: 'Mitarbeitende',
};
const BREAKDOWN_EN: Record<Breakdown, string> = {
  team: 'Teams',
  service: 'Services',
  leika: 'Service keys (LeiKa)',
  channel: 'Channels',
  day: 'Days',
  week: 'Weeks',
  month: 'Months',
  staff: 'Staff',
};
export const BREAKDOWN_TEXTS: Readonly<Record<Language, Record<Breakdown, string>>> = {
  de: BREAKDOWN_DE,
  en: BREAKDOWN_EN,
};

/** The column heading of a breakdown's first column. */
const KEY_DE: Record<Breakdown, string> = {
  team: 'Team',
  service: 'Anliegen',
  leika: 'LeiKa-Schlüssel',
  channel: 'Kanal',
  day: 'Tag',
  week: 'Woche',
  month: 'Monat',
  staff: 'Mitarbeiter:in',
};
const KEY_EN: Record<Breakdown, string> = {
  team: 'Team',
  service: 'Service',
  leika: 'LeiKa key',
  channel: 'Channel',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  staff: 'Staff member',
};
export const BREAKDOWN_KEY_TEXTS: Readonly<Record<Language, Record<Breakdown, string>>> = { de: KEY_DE, en: KEY_EN };

const CHANNEL_DE: Record<Channel, string> = { video: 'Video', phone: 'Telefon', 'in-person': 'Vor Ort' };
const CHANNEL_EN: Record<Channel, string> = { video: 'Video', phone: 'Phone', 'in-person': 'In person' };
export const CHANNEL_TEXTS: Readonly<Record<Language, Record<Channel, string>>> = { de: CHANNEL_DE, en: CHANNEL_EN };

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
const monthName = (lang: Language, month: string) =>
  new Intl.DateTimeFormat(LOCALE[lang], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.parse(`${month}-15T12:00:00Z`));

export const reportTexts = defineCatalog({
  de: {
    title: 'Auswertung',
    appName: 'Sprechstunde',
    /** "November 2026", "KW 45/2026", "2026", "01.11.2026 – 15.11.2026" */
    month: (yyyyMm: string) => monthName('de', yyyyMm),
    week: (week: number, year: number) => `KW ${week}/${year}`,
    days: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
    total: 'Gesamt',
    figure: 'Kennzahl',
    value: 'Wert',
    definition: 'Bedeutung',
    definitions: 'Definitionen',
    overview: 'Übersicht',
    noLeika: 'ohne Leistungsschlüssel',
    formerStaff: (id: string) => `ehemals ${id}`,
    unknownService: (id: string) => `nicht mehr angeboten (${id})`,
    teams: 'Teams',
    period: 'Zeitraum',
    generated: 'Erstellt',
    requestedBy: 'Angefordert von',
    none: '–',
    percent: (n: string) => `${n} %`,
    ofTotal: 'Anteil',
    breakdown: 'Aufschlüsselung',
    key: 'Zeile',
    unit: 'Einheit',
    units: (unit: string) =>
      ({ count: 'Anzahl', share: 'Anteil in Prozent', days: 'Tage, eine Nachkommastelle', minutes: 'Minuten' })[unit] ??
      unit,
  },
  en: {
    title: 'Report',
    appName: 'Sprechstunde',
    month: (yyyyMm: string) => monthName('en', yyyyMm),
    week: (week: number, year: number) => `Week ${week}/${year}`,
    days: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
    total: 'Total',
    figure: 'Figure',
    value: 'Value',
    definition: 'Meaning',
    definitions: 'Definitions',
    overview: 'Overview',
    noLeika: 'without service key',
    formerStaff: (id: string) => `former ${id}`,
    unknownService: (id: string) => `no longer offered (${id})`,
    teams: 'Teams',
    period: 'Period',
    generated: 'Generated',
    requestedBy: 'Requested by',
    none: '–',
    percent: (n: string) => `${n} %`,
    ofTotal: 'Share',
    breakdown: 'Breakdown',
    key: 'Row',
    unit: 'Unit',
    units: (unit: string) =>
      ({ count: 'Count', share: 'Share in percent', days: 'Days, one decimal', minutes: 'Minutes' })[unit] ?? unit,
  },
});

/** "November 2026", "KW 45/2026", "2026", "1. November 2026 – 15. November 2026". */
export function rangeLabel(range: ReportRange, lang: Language): string {
  const T = reportTexts[lang];
  if (range.kind === 'month') return T.month(range.from.slice(0, 7));
  if (range.kind === 'year') return range.from.slice(0, 4);
  if (range.kind === 'week') return T.week(isoWeek(range.from), isoWeekYear(range.from));
  return T.days(formatDate(range.from, lang), formatDate(range.to, lang));
}

/** "Sprechstunde-Auswertung-2026-11": the downloads' name without extension. */
export function reportFileBase(range: ReportRange): string {
  return `Sprechstunde-Auswertung-${rangeSlug(range)}`;
}
