/** The report card's and the report command's words (German first, English complete). */
import { defineCatalog } from '../../i18n/catalog';

export const reportCardTexts = defineCatalog({
  de: {
    title: (period: string) => `Auswertung ${period}`,
    page: 'Bericht',
    xlsx: 'Excel',
    csv: 'CSV',
    linksNote: (until: string) =>
      `Die Links gelten bis ${until} und nur für Sie. Die Zahlen sind dieselben wie in den Tagesübersichten.`,
    forSupervisors:
      'Auswertungen stehen Teamleitungen zur Verfügung. Ihre eigenen Termine sehen Sie mit „Meine Termine“.',
    notUnderstood: (text: string) =>
      `„${text}“ verstehe ich nicht als Zeitraum. Zum Beispiel: „auswertung november“, „auswertung 01.11.2026–30.11.2026“, „auswertung letzte woche“ oder „auswertung 2026“. Ohne Angabe zeige ich den letzten vollen Monat.`,
    impossibleDate: (text: string) => `Den ${text} gibt es nicht. Bitte prüfen Sie das Datum.`,
    reversed: (from: string, to: string) =>
      `Der Zeitraum endet (${to}) vor seinem Beginn (${from}). Bitte nennen Sie zuerst das frühere Datum.`,
    tooLong: (months: number) =>
      `Eine Auswertung umfasst höchstens ${months} Monate. Bitte wählen Sie einen kürzeren Zeitraum.`,
    future: (from: string) =>
      `Der Zeitraum beginnt erst am ${from} – dafür gibt es noch keine Zahlen. Bitte wählen Sie einen Zeitraum, der schon begonnen hat.`,
  },
  en: {
    title: (period: string) => `Report ${period}`,
    page: 'Report',
    xlsx: 'Excel',
    csv: 'CSV',
    linksNote: (until: string) =>
      `The links work until ${until} and only for you. The figures are the same as in the daily summaries.`,
    forSupervisors: 'Reports are for supervisors. To see your own appointments, type “my appointments”.',
    notUnderstood: (text: string) =>
      `I do not understand “${text}” as a period. For example: “report november”, “report 01.11.2026–30.11.2026”, “report last week” or “report 2026”. Without a period I show the last full month.`,
    impossibleDate: (text: string) => `There is no ${text}. Please check the date.`,
    reversed: (from: string, to: string) =>
      `The period ends (${to}) before it begins (${from}). Please give the earlier date first.`,
    tooLong: (months: number) => `A report covers at most ${months} months. Please choose a shorter period.`,
    future: (from: string) =>
      `The period only begins on ${from} – there are no figures for it yet. Please choose a period that has begun.`,
  },
});
