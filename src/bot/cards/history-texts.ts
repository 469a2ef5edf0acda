/** What "Alle Termine dieser Person" and the booking's duplicate hint say (German first, English complete). */
import { defineCatalog, plural } from '../../i18n/catalog';

export const historyTexts = defineCatalog({
  de: {
    open: 'Alle Termine dieser Person',
    title: (name: string) => `Termine von ${name}`,
    basis: 'Gleiche E-Mail-Adresse oder Telefonnummer; nur Termine, für die Sie buchen dürfen, bis zur Löschfrist.',
    count: (n: number) => plural('de', n, 'Termin', 'Termine'),
    noShows: (n: number, last: string) => `${n === 1 ? 'Einmal' : `${n}-mal`} nicht erschienen, zuletzt am ${last}.`,
    truncated: (shown: number) => `Mehr als ${shown} Termine – es werden die ${shown} nächsten und letzten gezeigt.`,
    page: (from: number, to: number, total: number) => `${from}–${to} von ${total}`,
    more: 'Weitere',
    previous: 'Vorherige',
    thisOne: 'dieser',
    back: 'Zurück zum Termin',
    duplicateTitle: (name: string, service: string) => `${name} hat schon einen Termin für ${service}:`,
    duplicateWhen: (when: string, who: string, ref: string | undefined) =>
      `${when}, bei ${who}${ref ? ` (${ref})` : ''}.`,
    duplicateAsk: 'Wer doppelt bucht, blockiert Termine. Lieber den bestehenden Termin verschieben?',
    moveInstead: 'Stattdessen diesen verschieben',
    bookAnyway: 'Trotzdem zusätzlich buchen',
  },
  en: {
    open: 'All appointments of this person',
    title: (name: string) => `Appointments of ${name}`,
    basis: 'Same email address or phone number; only appointments you may book for, until the retention period.',
    count: (n: number) => plural('en', n, 'appointment', 'appointments'),
    noShows: (n: number, last: string) => `Did not come ${n === 1 ? 'once' : `${n} times`}, last on ${last}.`,
    truncated: (shown: number) => `More than ${shown} appointments – showing the ${shown} next and latest.`,
    page: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
    more: 'More',
    previous: 'Previous',
    thisOne: 'this one',
    back: 'Back to the appointment',
    duplicateTitle: (name: string, service: string) => `${name} already has an appointment for ${service}:`,
    duplicateWhen: (when: string, who: string, ref: string | undefined) =>
      `${when}, with ${who}${ref ? ` (${ref})` : ''}.`,
    duplicateAsk: 'Booking twice blocks slots. Move the existing appointment instead?',
    moveInstead: 'Move that appointment instead',
    bookAnyway: 'Book an additional one anyway',
  },
});
