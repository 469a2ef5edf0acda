/** Teams texts for staff members (notices, reminders) and supervisors (alerts), German or English. */
import { indexDirectory } from '../domain/directory-index';
import { appointmentParts, channelLabel, channelLines, formatWhen } from '../calendar/appointment-text';
import type { Appointment, DeadLetterFacts, Directory, Language, OutboxMessage } from '../domain/types';
import type { TeamsMessage } from '../app/ports';
import { keys } from '../store/keys';

type StaffNotice = Extract<OutboxMessage, { kind: 'staff-notice' }>;
type SupervisorAlert = Extract<OutboxMessage, { kind: 'supervisor-alert' }>;

/** The alert about a dead letter, in the supervisor's language (no personal data: kind and ids only). */
export function deadLetterAlertText(facts: DeadLetterFacts, language: Language): string {
  const { kind, appointmentId, attempts } = facts;
  if (language === 'en') {
    const what = kind ? `${kind}${appointmentId ? ` (appointment ${appointmentId})` : ''}` : 'an unreadable entry';
    return `Delivery failed after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${what}. Please check mail sending; the entry is in the dead-letter list (${keys.outboxDead()}).`;
  }
  const what = kind ? `${kind}${appointmentId ? ` (Termin ${appointmentId})` : ''}` : 'ein unlesbarer Eintrag';
  return `Zustellung gescheitert nach ${attempts === 1 ? 'einem Versuch' : `${attempts} Versuchen`}: ${what}. Bitte Mailversand prüfen; der Eintrag liegt in der Dead-Letter-Liste (${keys.outboxDead()}).`;
}

/** Retention (DSGVO) skipped records it could not read: appointment ids only, both languages in one text. */
export function retentionAlertText(appointmentIds: readonly string[]): string {
  const ids = appointmentIds.join(', ');
  return (
    `Die nächtliche Löschung (DSGVO) konnte ${appointmentIds.length === 1 ? 'einen Termin' : `${appointmentIds.length} Termine`} nicht lesen und hat ${appointmentIds.length === 1 ? 'ihn' : 'sie'} übersprungen (${ids}); alle anderen wurden bearbeitet. Bitte die IT informieren.\n\n` +
    `The nightly data deletion (GDPR) could not read ${appointmentIds.length === 1 ? 'one appointment' : `${appointmentIds.length} appointments`} and skipped ${appointmentIds.length === 1 ? 'it' : 'them'} (${ids}); all others were handled. Please tell IT.`
  );
}

/** A supervisor alert for one supervisor: rendered from its facts when it has them, else its (German) text. */
export function renderSupervisorAlert(alert: SupervisorAlert, language: Language): TeamsMessage {
  return { text: alert.deadLetter ? deadLetterAlertText(alert.deadLetter, language) : alert.text };
}

export function renderStaffNotice(
  notice: StaffNotice,
  a: Appointment,
  directory: Directory,
  now: number,
): TeamsMessage {
  const { staff, service } = appointmentParts(a, directory);
  const language = staff.language;
  const de = language === 'de';
  const what = `${service.name[language]} (${channelLabel(a.channel, language)})`;
  const when = formatWhen(a, language);
  const how = channelLines(a, directory, language, 'staff').join('\n');
  switch (notice.event) {
    case 'citizen-cancelled':
      return {
        text: de
          ? `${a.citizen.name} hat den Termin abgesagt: ${what}, ${when}. Die Zeit ist wieder frei.`
          : `${a.citizen.name} cancelled the appointment: ${what}, ${when}. The time is free again.`,
      };
    case 'citizen-rescheduled': {
      const before = notice.previous;
      // The colleague it came from: the old time is free again (in their language).
      if (notice.staffId !== a.staffId) {
        const from = indexDirectory(directory).staffById(notice.staffId);
        const lang = from?.language ?? language;
        const what2 = `${service.name[lang]} (${channelLabel(a.channel, lang)})`;
        const old = before ? formatWhen(before, lang) : formatWhen(a, lang);
        return {
          text:
            lang === 'de'
              ? `${a.citizen.name} hat den Termin über den Link in der E-Mail verschoben: ${what2}, bisher ${old}. Er liegt jetzt bei ${staff.name}; Ihre Zeit ist wieder frei.`
              : `${a.citizen.name} moved the appointment through the link in the email: ${what2}, previously ${old}. It is now with ${staff.name}; your time is free again.`,
        };
      }
      const old = before ? formatWhen(before, language) : undefined;
      const fromColleague =
        before && before.staffId !== a.staffId ? indexDirectory(directory).staffById(before.staffId) : undefined;
      const was = old
        ? de
          ? ` (bisher ${old}${fromColleague ? ` bei ${fromColleague.name}` : ''})`
          : ` (previously ${old}${fromColleague ? ` with ${fromColleague.name}` : ''})`
        : '';
      return {
        text: de
          ? `${a.citizen.name} hat den Termin über den Link in der E-Mail verschoben: ${what}, jetzt ${when}${was}.\n${how}`
          : `${a.citizen.name} moved the appointment through the link in the email: ${what}, now ${when}${was}.\n${how}`,
      };
    }
    case 'replanned':
      // No replacement found: the appointment was cancelled and the citizen is to be called back.
      if (a.status === 'cancelled') {
        const phone = a.citizen.phone ? (de ? ` Telefon: ${a.citizen.phone}.` : ` Phone: ${a.citizen.phone}.`) : '';
        return {
          text: de
            ? `Termin wegen des Ausfalls abgesagt (kein Ersatz gefunden): ${what} mit ${a.citizen.name}, ${when}. Die Teamleitung meldet sich bei der Bürgerin oder dem Bürger (Liste auf ihrer Umplanungskarte); Sie müssen nicht anrufen.${phone}`
            : `Appointment cancelled because of the outage (no replacement found): ${what} with ${a.citizen.name}, ${when}. The supervisor contacts the citizen (list on their replanning card); you need not call.${phone}`,
        };
      }
      // The colleague it was taken from learns where it went (the notice is in their language).
      if (notice.staffId !== a.staffId) {
        const from = indexDirectory(directory).staffById(notice.staffId);
        const lang = from?.language ?? language;
        const what2 = `${service.name[lang]} (${channelLabel(a.channel, lang)})`;
        const when2 = formatWhen(a, lang);
        return {
          text:
            lang === 'de'
              ? `Termin übergeben an ${staff.name}: ${what2} mit ${a.citizen.name}, ${when2}. Sie müssen nichts weiter tun.`
              : `Appointment handed over to ${staff.name}: ${what2} with ${a.citizen.name}, ${when2}. Nothing else to do for you.`,
        };
      }
      return {
        text: de
          ? `Termin umgeplant: ${what} mit ${a.citizen.name}, ${when}.\n${how}`
          : `Appointment replanned: ${what} with ${a.citizen.name}, ${when}.\n${how}`,
      };
    case 'citizen-declined':
      // The card with the buttons comes from the bot (OutboxWorkerDeps.cards); this is its text.
      return {
        text: de
          ? `${a.citizen.name} hat die Einladung abgelehnt: ${what}, ${when}. Der Termin ist noch gebucht.`
          : `${a.citizen.name} declined the invitation: ${what}, ${when}. The appointment is still booked.`,
      };
    case 'booked-for-you': {
      // Who booked it (the audit trail has the same): the colleague's name, as the agenda shows it.
      const by = a.createdBy !== a.staffId ? indexDirectory(directory).staffById(a.createdBy)?.name : undefined;
      return {
        text: de
          ? `Für Sie gebucht${by ? ` von ${by}` : ''}: ${what} mit ${a.citizen.name}, ${when}.\n${how}`
          : `Booked for you${by ? ` by ${by}` : ''}: ${what} with ${a.citizen.name}, ${when}.\n${how}`,
      };
    }
    case 'reminder': {
      const minutes = Math.max(0, Math.round((a.start - now) / 60_000));
      return {
        text: de
          ? `In ${minutes} Minuten: ${what} mit ${a.citizen.name}.\n${how}`
          : `In ${minutes} minutes: ${what} with ${a.citizen.name}.\n${how}`,
      };
    }
  }
}
