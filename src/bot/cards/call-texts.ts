/** The call list: the "Bitte anrufen" card, what it turns into, and the agenda's open calls (cards/call-cards.ts). */
import type { CallCause, SmsEvent } from '../../domain/types';
import { defineCatalog, plural } from '../../i18n/catalog';

export const callTexts = defineCatalog({
  de: {
    title: '📞 Bitte anrufen',
    who: (citizen: string, phone: string) => `${citizen}, ${phone}`,
    what: (event: SmsEvent, when: string) =>
      ({
        changed: `Termin verlegt auf ${when}`,
        cancelled: `Termin abgesagt: ${when}`,
        booked: `Termin gebucht: ${when}`,
        reminder: `Erinnerung an den Termin: ${when}`,
      })[event],
    nowBy: (channel: string, when: string) => `Termin jetzt: ${channel}, ${when}`,
    before: 'Bisher',
    reason: 'Grund',
    why: (cause: CallCause) =>
      ({
        'no-reach': 'Keine E-Mail und keine SMS: Die Bürgerin bzw. der Bürger erfährt es nur durch Ihren Anruf.',
        'sms-failed': 'Die SMS ist nicht angekommen: Bitte sagen Sie es telefonisch.',
        'sms-limit': 'Das SMS-Kontingent dieses Monats ist aufgebraucht: Bitte sagen Sie es telefonisch.',
        'sms-reply': 'Die Bürgerin bzw. der Bürger hat auf die SMS geantwortet: Bitte rufen Sie zurück.',
      })[cause],
    tries: (n: number, last: string | undefined) =>
      `Nicht erreicht: ${plural('de', n, 'Versuch', 'Versuche')}${last ? `, zuletzt ${last} Uhr` : ''}.`,
    reached: '✔ Erreicht',
    notReached: 'Nicht erreicht – später nochmal',
    doneReached: '✔ Vermerkt: erreicht. Der Anruf ist erledigt.',
    alreadyDone: 'Dieser Anruf ist schon als erreicht vermerkt.',
    retried: 'Vermerkt: nicht erreicht. Der Anruf bleibt in „Meine Termine“, bis Sie sie bzw. ihn erreichen.',
    newer: 'Inzwischen hat sich der Termin wieder geändert: Das ist der aktuelle Stand.',
    gone: 'Der Termin ist nicht mehr vorhanden; hier ist nichts mehr zu tun.',
    openCalls: (n: number) => `📞 ${plural('de', n, 'offener Anruf', 'offene Anrufe')}`,
    moreCalls: (n: number) => `… und ${n} weitere.`,
  },
  en: {
    title: '📞 Please call',
    who: (citizen: string, phone: string) => `${citizen}, ${phone}`,
    what: (event: SmsEvent, when: string) =>
      ({
        changed: `Appointment moved to ${when}`,
        cancelled: `Appointment cancelled: ${when}`,
        booked: `Appointment booked: ${when}`,
        reminder: `Reminder of the appointment: ${when}`,
      })[event],
    nowBy: (channel: string, when: string) => `Appointment now: ${channel}, ${when}`,
    before: 'Before',
    reason: 'Reason',
    why: (cause: CallCause) =>
      ({
        'no-reach': 'No email and no SMS: the citizen learns of it only through your call.',
        'sms-failed': 'The SMS did not arrive: please tell them by phone.',
        'sms-limit': "This month's SMS allowance is used up: please tell them by phone.",
        'sms-reply': 'The citizen answered the SMS: please call them back.',
      })[cause],
    tries: (n: number, last: string | undefined) =>
      `Not reached: ${plural('en', n, 'attempt', 'attempts')}${last ? `, last at ${last}` : ''}.`,
    reached: '✔ Reached',
    notReached: 'Not reached – try later',
    doneReached: '✔ Noted: reached. The call is done.',
    alreadyDone: 'This call is already marked as reached.',
    retried: 'Noted: not reached. The call stays in “My appointments” until you reach them.',
    newer: 'The appointment has changed again meanwhile: this is where it stands now.',
    gone: 'The appointment no longer exists; nothing left to do here.',
    openCalls: (n: number) => `📞 ${plural('en', n, 'open call', 'open calls')}`,
    moreCalls: (n: number) => `… and ${n} more.`,
  },
});
