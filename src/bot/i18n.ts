/**
 * User-facing texts of the bot skeleton, German first (Sie-Form), English for English Teams locales.
 *
 *   languageFor(locale, fallback)  → 'de' | 'en'
 *   t(lang, key, params?)          → the text, with {placeholders} filled
 *
 * Other bot modules may keep their own de/en texts next to their cards; texts used by more than one
 * module belong here. Add keys to BOTH languages (the type enforces it).
 */
import type { Language } from '../domain/types';

const de = {
  'welcome.title': 'Willkommen bei der Sprechstunde, {name}!',
  'welcome.body':
    'Hier buchen Sie Video-, Telefon- und Vor-Ort-Termine für Bürgerinnen und Bürger – in wenigen Sekunden. Schreiben Sie „Hilfe“, um alle Befehle zu sehen.',
  'help.title': 'Was ich für Sie tun kann',
  'help.intro': 'Schreiben Sie einen dieser Befehle oder tippen Sie auf eine Schaltfläche:',
  'help.book': 'Einen Termin für eine Bürgerin oder einen Bürger buchen',
  'help.myAppointments': 'Ihre Termine heute oder in dieser Woche, mit Verschieben und Absagen',
  'help.absent': 'Eine Abwesenheit melden (krank, Urlaub, Quarantäne)',
  'help.summary': 'Die Tagesübersicht für Ihre Teams (Teamleitungen)',
  'help.help': 'Diese Übersicht',
  'help.hint':
    'Termine für morgen: „Meine Termine morgen“. In einem Satz buchen: „Kfz Telefon morgen 10 Uhr“, „Personalausweis vor Ort am Freitag“, „Auskunft Video Freitag nachmittags bei mir“.',
  'command.book': 'Termin buchen',
  'command.my-appointments': 'Meine Termine',
  'command.absent': 'Abwesend',
  'command.summary': 'Tagesübersicht',
  'command.help': 'Hilfe',
  'command.outage': 'Ausfall',
  'command.calendar-link': 'Mein Kalender',
  'help.calendarLink': 'Ihr Kalender-Link für Outlook (abonnieren, erneuern)',
  'help.outage': 'Ausfall einer Person oder eines Teams eintragen und Termine umplanen (Teamleitungen)',
  notUnderstood: 'Das habe ich leider nicht verstanden.',
  didYouMean: 'Meinten Sie „{command}“?',
  unknownUser:
    'Sie sind in der Sprechstunde noch nicht als Mitarbeiterin oder Mitarbeiter eingetragen. Bitte wenden Sie sich an {contacts}.',
  'unknownUser.contactsJoin': ' oder ',
  wrongTenant: 'Diese Anwendung steht nur Beschäftigten von {organisation} zur Verfügung.',
  textTooLong:
    'Ihre Nachricht ist zu lang für einen Befehl (höchstens {max} Zeichen). Bitte schreiben Sie kurz, was Sie möchten, z. B. „Termin buchen“ oder „Hilfe“.',
  stillWorking: 'Ihre Eingabe wird noch bearbeitet – bitte einen Moment, dann sehen Sie das Ergebnis.',
  'shared.answeredPersonally':
    'Die Antwort steht in Ihrem persönlichen Chat mit der Sprechstunde – in Gruppen zeige ich keine Bürgerdaten.',
  'shared.openPersonal':
    'Bitte schreiben Sie mir dafür im persönlichen Chat (Sprechstunde in Teams öffnen) – in Gruppen zeige ich keine Bürgerdaten.',
  'error.apology':
    'Entschuldigung, dabei ist ein Fehler aufgetreten. Bitte versuchen Sie es in einem Moment noch einmal.',
} as const;

export type TextKey = keyof typeof de;

const en: Record<TextKey, string> = {
  'welcome.title': 'Welcome to Sprechstunde, {name}!',
  'welcome.body':
    'Book video, phone and in-person consultations for citizens here, in seconds. Type “help” to see all commands.',
  'help.title': 'What I can do for you',
  'help.intro': 'Type one of these commands or tap a button:',
  'help.book': 'Book a consultation for a citizen',
  'help.myAppointments': 'Your appointments today or this week, with reschedule and cancel',
  'help.absent': 'Report an absence (sick, leave, quarantine)',
  'help.summary': 'The daily summary of your teams (supervisors)',
  'help.help': 'This overview',
  'help.hint':
    'Tomorrow’s appointments: “my appointments tomorrow”. Book in one sentence: “book car by phone tomorrow 10am”, “ID card in person on Friday”, “enquiry video Friday afternoon with me”.',
  'command.book': 'Book',
  'command.my-appointments': 'My appointments',
  'command.absent': 'Absent',
  'command.summary': 'Summary',
  'command.help': 'Help',
  'command.outage': 'Outage',
  'command.calendar-link': 'My calendar',
  'help.calendarLink': 'Your calendar link for Outlook (subscribe, renew)',
  'help.outage': 'Mark a staff member or a team as out and replan their appointments (supervisors)',
  notUnderstood: 'Sorry, I did not understand that.',
  didYouMean: 'Did you mean “{command}”?',
  unknownUser: 'You are not registered as a staff member of Sprechstunde yet. Please contact {contacts}.',
  'unknownUser.contactsJoin': ' or ',
  wrongTenant: 'This app is only available to staff of {organisation}.',
  textTooLong:
    'Your message is too long for a command (at most {max} characters). Please write briefly what you want, e.g. “book” or “help”.',
  stillWorking: 'Your input is still being processed – please wait a moment for the result.',
  'shared.answeredPersonally':
    'The answer is in your personal chat with Sprechstunde – in groups I show no citizen data.',
  'shared.openPersonal':
    'Please write to me in the personal chat for this (open Sprechstunde in Teams) – in groups I show no citizen data.',
  'error.apology': 'Sorry, something went wrong. Please try again in a moment.',
};

const texts: Record<Language, Record<TextKey, string>> = { de, en };

/** English for English Teams locales (en-US, en-GB, …), German for everything else; `fallback` when Teams sent none. */
export function languageFor(locale: string | undefined, fallback: Language = 'de'): Language {
  if (!locale) return fallback;
  return locale.toLowerCase().startsWith('en') ? 'en' : 'de';
}

export function t(lang: Language, key: TextKey, params: Record<string, string | number> = {}): string {
  return texts[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Label of a command kind ("book" → "Termin buchen"); the kind itself when there is no label. */
export function commandLabel(lang: Language, kind: string): string {
  const key = `command.${kind}`;
  return key in de ? t(lang, key as TextKey) : kind;
}
