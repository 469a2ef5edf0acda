/**
 * Words every staff card uses (fact titles, the way-forward buttons) and the cards any flow may
 * answer with (cards/common-cards.ts). A flow's own texts live in its catalog (booking-texts.ts …).
 */
import { defineCatalog } from '../../i18n/catalog';

export const cardTexts = defineCatalog({
  de: {
    when: 'Termin',
    service: 'Anliegen',
    channel: 'Kanal',
    with: 'Bei',
    /** "Bei: Ihnen" (the clerk reading the card serves). */
    you: 'Ihnen',
    citizen: 'Bürgerin / Bürger',
    name: 'Name',
    email: 'E-Mail',
    phone: 'Telefon',
    note: 'Notiz',
    reference: 'Terminnummer',
    language: 'Sprache',
    cancel: 'Abbrechen',
    incomplete: 'Diese Eingabe ist unvollständig oder die Karte ist veraltet. Es wurde nichts gespeichert.',
    concerns: (fields: string) => `Betroffen: ${fields}`,
  },
  en: {
    when: 'When',
    service: 'Service',
    channel: 'Channel',
    with: 'With',
    you: 'you',
    citizen: 'Citizen',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    note: 'Note',
    reference: 'Reference',
    language: 'Language',
    cancel: 'Cancel',
    incomplete: 'This input is incomplete or the card is outdated. Nothing was saved.',
    concerns: (fields: string) => `Concerns: ${fields}`,
  },
});
