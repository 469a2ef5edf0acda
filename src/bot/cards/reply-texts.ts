/** A citizen declined the invitation: the staff member's notice and what it turns into (cards/reply-cards.ts). */
import { defineCatalog } from '../../i18n/catalog';

export const replyTexts = defineCatalog({
  de: {
    title: 'Termin abgelehnt',
    declined: (citizen: string) =>
      `${citizen} hat die Einladung in ihrem/seinem Kalender abgelehnt. Der Termin ist noch gebucht.`,
    whatToDo: 'Was möchten Sie tun?',
    cancelAndFree: 'Absagen und Zeit freigeben',
    keep: 'Termin behalten',
    call: 'Ich rufe an',
    cancelled: 'Abgesagt, die Zeit ist wieder frei. Die Absage geht per E-Mail an die Bürgerin / den Bürger.',
    kept: 'Der Termin bleibt bestehen.',
    willCall: 'Vermerkt: Sie rufen an. Der Termin bleibt bis dahin gebucht.',
    stale: 'Der Termin wurde inzwischen geändert oder abgesagt; hier ist nichts mehr zu tun.',
  },
  en: {
    title: 'Appointment declined',
    declined: (citizen: string) =>
      `${citizen} declined the invitation in their calendar. The appointment is still booked.`,
    whatToDo: 'What would you like to do?',
    cancelAndFree: 'Cancel and free the slot',
    keep: 'Keep it',
    call: "I'll call",
    cancelled: 'Cancelled, the time is free again. The citizen gets the cancellation by email.',
    kept: 'The appointment stays as it is.',
    willCall: 'Noted: you will call. The appointment stays booked until then.',
    stale: 'The appointment has changed or been cancelled meanwhile; nothing left to do here.',
  },
});
