/** What the search ("Suchen") and the appointment details card say (German first, English complete). */
import { defineCatalog, plural } from '../../i18n/catalog';

export type SearchedKind = 'reference' | 'phone' | 'email' | 'date' | 'name';

const kindDe: Record<SearchedKind, string> = {
  reference: 'Terminnummer',
  phone: 'Telefonnummer',
  email: 'E-Mail-Adresse',
  date: 'Datum',
  name: 'Name',
};
const kindEn: Record<SearchedKind, string> = {
  reference: 'reference',
  phone: 'phone number',
  email: 'email address',
  date: 'date',
  name: 'name',
};

export const searchTexts = defineCatalog({
  de: {
    formTitle: 'Termin suchen',
    formIntro:
      'Nachname oder ganzer Name (Tippfehler und ä/ae/a sind egal), Telefonnummer, E-Mail-Adresse, Terminnummer (z. B. T-4K7Q) oder Datum.',
    placeholder: 'z. B. Brandt, 0151 2345678, T-4K7Q, 03.12.',
    search: 'Suchen',
    searched: (kind: SearchedKind, value: string) => `${kindDe[kind]} „${value}“`,
    title: (what: string) => `Suche: ${what}`,
    hits: (n: number) => `${plural('de', n, 'Treffer', 'Treffer')} · Tippen Sie auf einen Termin für die Aktionen.`,
    truncated: (shown: number) =>
      `Mehr als ${shown} Treffer – es werden die ${shown} nächsten gezeigt. Bitte genauer suchen.`,
    page: (from: number, to: number, total: number) => `${from}–${to} von ${total}`,
    more: 'Weitere',
    previous: 'Vorherige',
    none: (what: string) => `Keine Treffer für ${what}.`,
    tryName:
      'Versuchen Sie den Nachnamen allein, die Telefonnummer, die E-Mail-Adresse oder die Terminnummer (T-…) aus der Mail der Bürgerin bzw. des Bürgers.',
    tryOther: 'Versuchen Sie den Nachnamen, die E-Mail-Adresse oder die Terminnummer (T-…).',
    rightsNote:
      'Sie sehen Ihre eigenen Termine und die der Kolleginnen und Kollegen, für die Sie buchen dürfen; nach Ablauf der Löschfrist ist nichts mehr zu finden.',
    tooShort: 'Bitte mindestens 3 Buchstaben eingeben – oder die ganze Telefonnummer bzw. die Terminnummer (T-…).',
    personalOnly:
      'Bitte schreiben Sie mir persönlich (im Chat mit der Sprechstunde) – in Gruppen suche und zeige ich keine Bürgerdaten.',
    details: 'Details',
    detailsTitle: 'Termin',
    status: 'Status',
    statusBooked: 'gebucht',
    backToSearch: 'Zurück zur Suche',
    noneYet: '–',
  },
  en: {
    formTitle: 'Find an appointment',
    formIntro:
      'Surname or full name (typos and ä/ae/a do not matter), phone number, email address, reference (e.g. T-4K7Q) or date.',
    placeholder: 'e.g. Brandt, 0151 2345678, T-4K7Q, 03.12.',
    search: 'Search',
    searched: (kind: SearchedKind, value: string) => `${kindEn[kind]} “${value}”`,
    title: (what: string) => `Search: ${what}`,
    hits: (n: number) => `${plural('en', n, 'hit', 'hits')} · Tap an appointment for the actions.`,
    truncated: (shown: number) => `More than ${shown} hits – showing the next ${shown}. Please search more precisely.`,
    page: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
    more: 'More',
    previous: 'Previous',
    none: (what: string) => `No hits for ${what}.`,
    tryName:
      "Try the surname alone, the phone number, the email address or the reference (T-…) from the citizen's email.",
    tryOther: 'Try the surname, the email address or the reference (T-…).',
    rightsNote:
      'You see your own appointments and those of colleagues you may book for; after the retention period nothing can be found.',
    tooShort: 'Please type at least 3 letters – or the whole phone number or the reference (T-…).',
    personalOnly:
      'Please write to me personally (in the chat with Sprechstunde) – in groups I neither search nor show citizen data.',
    details: 'Details',
    detailsTitle: 'Appointment',
    status: 'Status',
    statusBooked: 'booked',
    backToSearch: 'Back to the search',
    noneYet: '–',
  },
});
