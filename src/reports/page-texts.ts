/** The report page's own words (headings, notes, chart titles), German first, English complete. */
import { defineCatalog } from '../i18n/catalog';

export const pageTexts = defineCatalog({
  de: {
    scope: (period: string, teams: string) => `Zeitraum: ${period}. Teams: ${teams}.`,
    generated: (at: string, who: string) => `Erstellt am ${at} für ${who}.`,
    downloadXlsx: 'Als Excel-Datei herunterladen (.xlsx)',
    downloadCsv: 'Als CSV-Datei herunterladen (.csv, für Excel)',
    otherLanguage: 'English version',
    headlineHeading: 'Das Wichtigste',
    chartsHeading: 'Grafiken',
    tablesHeading: 'Alle Zahlen',
    tablesNote:
      'Dieselben Zahlen wie in der Excel- und der CSV-Datei und in den Tagesübersichten. Breite Tabellen lassen sich seitlich verschieben.',
    upcoming: 'Noch bevorstehend',
    late: (n: string) => `${n} kurzfristig`,
    leadMedian: 'Vorlaufzeit (Median)',
    days: (n: string) => `${n} Tage`,
    slotsBooked: 'Termine gebucht / geplant',
    chartCapacity: 'Gebuchte Minuten und geplante Kapazität',
    chartCapacitySummary: (booked: string, capacity: string, utilisation: string) =>
      `Gebucht ${booked} Minuten von ${capacity} Minuten geplanter Kapazität (Auslastung ${utilisation}). Die Werte je Zeitabschnitt stehen in den Tabellen.`,
    chartOutcome: 'Was aus den Terminen wurde',
    chartChannel: 'Gebuchte Termine nach Kanal',
    chartLead: 'Wie schnell es einen Termin gab',
    chartTeams: 'Gebuchte Termine nach Team',
    privacyNote: 'Diese Auswertung enthält keine Daten von Bürgerinnen und Bürgern.',
    missingTitle: 'Link unvollständig',
    missingText: 'Dieser Link ist nicht gültig. Bitte fordern Sie die Auswertung in Teams neu an („auswertung“).',
    expiredTitle: 'Link abgelaufen',
    expiredText:
      'Links zu Auswertungen gelten 24 Stunden. Bitte fordern Sie die Auswertung in Teams neu an („auswertung“).',
    forbiddenTitle: 'Kein Zugriff',
    forbiddenText:
      'Diese Auswertung steht nur der Teamleitung zur Verfügung, für die sie erstellt wurde. Bitte fordern Sie sie in Teams selbst an.',
    unavailableTitle: 'Vorübergehend nicht verfügbar',
    unavailableText:
      'Die Auswertung kann gerade nicht erstellt werden. Bitte versuchen Sie es in einigen Minuten erneut.',
  },
  en: {
    scope: (period: string, teams: string) => `Period: ${period}. Teams: ${teams}.`,
    generated: (at: string, who: string) => `Generated on ${at} for ${who}.`,
    downloadXlsx: 'Download as Excel file (.xlsx)',
    downloadCsv: 'Download as CSV file (.csv, for Excel)',
    otherLanguage: 'Deutsche Fassung',
    headlineHeading: 'Key figures',
    chartsHeading: 'Charts',
    tablesHeading: 'All figures',
    tablesNote:
      'The same figures as in the Excel and CSV files and in the daily summaries. Wide tables scroll sideways.',
    upcoming: 'Still to come',
    late: (n: string) => `${n} late`,
    leadMedian: 'Lead time (median)',
    days: (n: string) => `${n} days`,
    slotsBooked: 'Appointments booked / planned',
    chartCapacity: 'Booked minutes and planned capacity',
    chartCapacitySummary: (booked: string, capacity: string, utilisation: string) =>
      `Booked ${booked} minutes of ${capacity} minutes of planned capacity (utilisation ${utilisation}). The values per period are in the tables.`,
    chartOutcome: 'What became of the appointments',
    chartChannel: 'Booked appointments by channel',
    chartLead: 'How soon there was an appointment',
    chartTeams: 'Booked appointments by team',
    privacyNote: 'This report holds no data of citizens.',
    missingTitle: 'Incomplete link',
    missingText: 'This link is not valid. Please ask for the report again in Teams (“report”).',
    expiredTitle: 'Link expired',
    expiredText: 'Report links are valid for 24 hours. Please ask for the report again in Teams (“report”).',
    forbiddenTitle: 'No access',
    forbiddenText: 'This report is only for the supervisor it was made for. Please ask for it in Teams yourself.',
    unavailableTitle: 'Temporarily unavailable',
    unavailableText: 'The report cannot be made right now. Please try again in a few minutes.',
  },
});

export type PageTexts = (typeof pageTexts)['de'];
