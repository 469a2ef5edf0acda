/**
 * A citizen declined the invitation (or someone from another address did): the staff member's notice
 * and what it turns into (cards/reply-cards.ts).
 */
import { defineCatalog } from '../../i18n/catalog';

export const replyTexts = defineCatalog({
  de: {
    title: 'Termin abgelehnt',
    declined: (citizen: string) =>
      `${citizen} hat die Einladung in ihrem/seinem Kalender abgelehnt. Der Termin ist noch gebucht.`,
    proposalTitle: 'Neuer Terminvorschlag',
    proposed: (citizen: string) => `${citizen} schlägt eine andere Zeit vor. Der Termin ist unverändert gebucht.`,
    now: 'Bisher',
    proposal: 'Vorschlag',
    accept: 'Vorschlag annehmen',
    decline: 'Ablehnen',
    accepted: (when: string, citizen: string) =>
      `Verschoben auf ${when}. ${citizen} erhält die geänderte Einladung per E-Mail.`,
    declinedProposal: (citizen: string) =>
      `Abgelehnt. ${citizen} erhält eine Antwort per E-Mail; der Termin bleibt, und über den Link darin kann sie / er selbst eine andere freie Zeit wählen.`,
    notFree: (reason: string) => `Die vorgeschlagene Zeit ist nicht möglich: ${reason}`,
    otherTitle: 'Antwort von einer anderen Adresse',
    otherDeclined: (from: string, citizen: string, invited: string) =>
      `${from} hat abgesagt. Eingeladen war ${citizen} unter ${invited}. Ist das dieselbe Person? Der Termin ist noch gebucht.`,
    comment: 'Nachricht',
    whatToDo: 'Was möchten Sie tun?',
    cancelAndFree: 'Absagen und Zeit freigeben',
    keep: 'Termin behalten',
    call: 'Ich rufe an',
    cancelled:
      'Abgesagt, die Zeit ist wieder frei. Die Bürgerin / der Bürger erhält per E-Mail die Bestätigung der eigenen Absage.',
    kept: 'Der Termin bleibt bestehen.',
    keptMailed: (citizen: string) =>
      `Der Termin bleibt bestehen. ${citizen} erhält eine E-Mail, dass die Zeit weiter reserviert ist.`,
    willCall: 'Vermerkt: Sie rufen an. Der Termin bleibt bis dahin gebucht.',
    stale: 'Der Termin wurde inzwischen geändert oder abgesagt; hier ist nichts mehr zu tun.',
  },
  en: {
    title: 'Appointment declined',
    declined: (citizen: string) =>
      `${citizen} declined the invitation in their calendar. The appointment is still booked.`,
    proposalTitle: 'New time proposed',
    proposed: (citizen: string) => `${citizen} proposes another time. The appointment is still booked as it was.`,
    now: 'Now',
    proposal: 'Proposed',
    accept: 'Accept proposal',
    decline: 'Decline',
    accepted: (when: string, citizen: string) => `Moved to ${when}. ${citizen} gets the updated invitation by email.`,
    declinedProposal: (citizen: string) =>
      `Declined. ${citizen} gets an answer by email; the appointment stays, and a link in it lets them choose another free time.`,
    notFree: (reason: string) => `The proposed time is not possible: ${reason}`,
    otherTitle: 'Answer from another address',
    otherDeclined: (from: string, citizen: string, invited: string) =>
      `${from} declined. ${citizen} was invited at ${invited}. Is this the same person? The appointment is still booked.`,
    comment: 'Message',
    whatToDo: 'What would you like to do?',
    cancelAndFree: 'Cancel and free the slot',
    keep: 'Keep it',
    call: "I'll call",
    cancelled: 'Cancelled, the time is free again. The citizen gets an email confirming their own cancellation.',
    kept: 'The appointment stays as it is.',
    keptMailed: (citizen: string) =>
      `The appointment stays as it is. ${citizen} gets an email that the time stays reserved.`,
    willCall: 'Noted: you will call. The appointment stays booked until then.',
    stale: 'The appointment has changed or been cancelled meanwhile; nothing left to do here.',
  },
});
