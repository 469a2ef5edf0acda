/**
 * The bot's own texts (welcome, help, refusals, fallbacks), German first (Sie-Form), English for
 * English Teams locales. One catalog of the translation mechanism (src/i18n/catalog.ts):
 *
 *   languageFor(locale, fallback)    → 'de' | 'en'
 *   botTexts[lang].notUnderstood     → a text
 *   botTexts[lang].didYouMean(label) → a text with its value
 *   commandLabel(lang, kind)         → "Termin buchen" for 'book'
 *
 * Texts of one flow's cards live in that area's catalog (e.g. cards/booking-texts.ts).
 */
import type { Language } from '../domain/types';
import { defineCatalog, languageOfLocale } from '../i18n/catalog';

export const botTexts = defineCatalog({
  de: {
    welcomeTitle: (name: string) => `Willkommen bei der Sprechstunde, ${name}!`,
    welcomeBody:
      'Hier buchen Sie Video-, Telefon- und Vor-Ort-Termine für Bürgerinnen und Bürger – in wenigen Sekunden. Schreiben Sie „Hilfe“, um alle Befehle zu sehen.',
    helpTitle: 'Was ich für Sie tun kann',
    helpIntro: 'Schreiben Sie einen dieser Befehle oder tippen Sie auf eine Schaltfläche:',
    helpHint:
      'Termine für morgen: „Meine Termine morgen“. In einem Satz buchen: „Kfz Telefon morgen 10 Uhr“, „Personalausweis vor Ort am Freitag“, „Auskunft Video Freitag nachmittags bei mir“.',
    notUnderstood: 'Das habe ich leider nicht verstanden.',
    didYouMean: (command: string) => `Meinten Sie „${command}“?`,
    unknownUser: (contacts: string) =>
      `Sie sind in der Sprechstunde noch nicht als Mitarbeiterin oder Mitarbeiter eingetragen. Bitte wenden Sie sich an ${contacts}.`,
    contactsJoin: ' oder ',
    wrongTenant: (organisation: string) => `Diese Anwendung steht nur Beschäftigten von ${organisation} zur Verfügung.`,
    textTooLong: (max: number) =>
      `Ihre Nachricht ist zu lang für einen Befehl (höchstens ${max} Zeichen). Bitte schreiben Sie kurz, was Sie möchten, z. B. „Termin buchen“ oder „Hilfe“.`,
    stillWorking: 'Ihre Eingabe wird noch bearbeitet – bitte einen Moment, dann sehen Sie das Ergebnis.',
    answeredPersonally:
      'Die Antwort steht in Ihrem persönlichen Chat mit der Sprechstunde – in Gruppen zeige ich keine Bürgerdaten.',
    openPersonal:
      'Bitte schreiben Sie mir dafür im persönlichen Chat (Sprechstunde in Teams öffnen) – in Gruppen zeige ich keine Bürgerdaten.',
    apology: 'Entschuldigung, dabei ist ein Fehler aufgetreten. Bitte versuchen Sie es in einem Moment noch einmal.',
  },
  en: {
    welcomeTitle: (name: string) => `Welcome to Sprechstunde, ${name}!`,
    welcomeBody:
      'Book video, phone and in-person consultations for citizens here, in seconds. Type “help” to see all commands.',
    helpTitle: 'What I can do for you',
    helpIntro: 'Type one of these commands or tap a button:',
    helpHint:
      'Tomorrow’s appointments: “my appointments tomorrow”. Book in one sentence: “book car by phone tomorrow 10am”, “ID card in person on Friday”, “enquiry video Friday afternoon with me”.',
    notUnderstood: 'Sorry, I did not understand that.',
    didYouMean: (command: string) => `Did you mean “${command}”?`,
    unknownUser: (contacts: string) =>
      `You are not registered as a staff member of Sprechstunde yet. Please contact ${contacts}.`,
    contactsJoin: ' or ',
    wrongTenant: (organisation: string) => `This app is only available to staff of ${organisation}.`,
    textTooLong: (max: number) =>
      `Your message is too long for a command (at most ${max} characters). Please write briefly what you want, e.g. “book” or “help”.`,
    stillWorking: 'Your input is still being processed – please wait a moment for the result.',
    answeredPersonally: 'The answer is in your personal chat with Sprechstunde – in groups I show no citizen data.',
    openPersonal:
      'Please write to me in the personal chat for this (open Sprechstunde in Teams) – in groups I show no citizen data.',
    apology: 'Sorry, something went wrong. Please try again in a moment.',
  },
});

/**
 * What each command is called (buttons, "Meinten Sie …?", the help card) and what it does (help
 * card); keyed by the command kinds of ./commands, whose recogniser also compares typed text with
 * these labels.
 */
export const commandTexts = defineCatalog({
  de: {
    book: 'Termin buchen',
    'my-appointments': 'Meine Termine',
    'team-agenda': 'Termine Team',
    absent: 'Abwesend',
    help: 'Hilfe',
    summary: 'Tagesübersicht',
    outage: 'Ausfall',
    'calendar-link': 'Mein Kalender',
    search: 'Suchen',
    report: 'Auswertung',
  },
  en: {
    book: 'Book',
    'my-appointments': 'My appointments',
    'team-agenda': 'Team agenda',
    absent: 'Absent',
    help: 'Help',
    summary: 'Summary',
    outage: 'Outage',
    'calendar-link': 'My calendar',
    search: 'Search',
    report: 'Report',
  },
});

export const commandHelpTexts = defineCatalog({
  de: {
    book: 'Einen Termin für eine Bürgerin oder einen Bürger buchen',
    'my-appointments': 'Ihre Termine heute oder in dieser Woche, mit Verschieben und Absagen',
    'team-agenda':
      'Die Termine Ihres Teams (Sie und die Kolleginnen und Kollegen, für deren Kalender Sie buchen) nach Person – z. B. „Termine Team morgen“',
    absent: 'Eine Abwesenheit melden (krank, Urlaub, Quarantäne)',
    'calendar-link': 'Ihr Kalender-Link für Outlook (abonnieren, erneuern)',
    search:
      'Einen Termin finden – nach Name, Telefonnummer, E-Mail, Terminnummer (T-…) oder Datum, z. B. „suchen Brandt“',
    summary: 'Die Tagesübersicht für Ihre Teams (Teamleitungen)',
    report:
      'Zahlen für einen Zeitraum mit Bericht, Excel und CSV, z. B. „auswertung november“ oder „auswertung 2026“ (Teamleitungen)',
    outage: 'Ausfall einer Person oder eines Teams eintragen und Termine umplanen (Teamleitungen)',
    help: 'Diese Übersicht',
  },
  en: {
    book: 'Book a consultation for a citizen',
    'my-appointments': 'Your appointments today or this week, with reschedule and cancel',
    'team-agenda':
      'The appointments of your team (you and the colleagues whose calendar you book for), by person – e.g. “team agenda tomorrow”',
    absent: 'Report an absence (sick, leave, quarantine)',
    'calendar-link': 'Your calendar link for Outlook (subscribe, renew)',
    search: 'Find an appointment – by name, phone number, email, reference (T-…) or date, e.g. “search Brandt”',
    summary: 'The daily summary of your teams (supervisors)',
    report:
      'Figures for a period with a report page, Excel and CSV, e.g. “report november” or “report 2026” (supervisors)',
    outage: 'Mark a staff member or a team as out and replan their appointments (supervisors)',
    help: 'This overview',
  },
});

export type CommandTextKind = keyof (typeof commandTexts)['de'];

/** English for English Teams locales (en-US, en-GB, …), German for everything else; `fallback` when Teams sent none. */
export function languageFor(locale: string | undefined, fallback: Language = 'de'): Language {
  return languageOfLocale(locale, fallback);
}

/** Label of a command kind ("book" → "Termin buchen"); the kind itself when there is no label. */
export function commandLabel(lang: Language, kind: string): string {
  return Object.hasOwn(commandTexts[lang], kind) ? commandTexts[lang][kind as CommandTextKind] : kind;
}
