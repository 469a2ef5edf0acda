/**
 * The words of the SMS to citizens, German (Sie-Form) and English. Every SMS names the town, the
 * service (or, for a sensitive one, only "Ihr Termin bei der Stadt …"), day, date and time (Berlin),
 * the channel and who calls whom, the appointment reference and a short link. Written in the GSM
 * 7-bit alphabet (no „“ or –), so that two segments hold 306 characters (src/sms/segments.ts).
 */
import { defineCatalog } from '../i18n/catalog';

export const smsTexts = defineCatalog({
  de: {
    yourAppointment: (org: string) => `Ihr Termin bei der ${org}`,
    yourService: (service: string) => `Ihr Termin ${service}`,
    booked: (org: string, what: string, when: string) => `${org}: ${what} ist gebucht: ${when}.`,
    changed: (org: string, what: string, when: string, before: string) =>
      `${org}: ${what} wurde verlegt auf ${when} (bisher ${before}).`,
    cancelled: (org: string, what: string, when: string) => `${org}: ${what} am ${when} ist abgesagt.`,
    reminder: (org: string, what: string, when: string) => `${org}: Erinnerung - ${what}: ${when}.`,
    when: (day: string, time: string) => `${day}, ${time} Uhr`,
    phoneWeCall: (staff: string) => `Telefonisch: ${staff} ruft Sie an.`,
    phoneWeCallNoName: 'Telefonisch: wir rufen Sie an.',
    phoneYouCall: (phone: string) => `Telefonisch: bitte rufen Sie ${phone} an.`,
    video: 'Per Video, der Link steht in Ihrer E-Mail.',
    inPerson: (place: string) => `Vor Ort: ${place}.`,
    inPersonNoPlace: 'Vor Ort im Rathaus.',
    reason: (reason: string) => `Grund: ${reason}.`,
    newAppointment: (phone: string) => `Neuer Termin: ${phone}`,
    ref: (ref: string) => `Nr. ${ref}.`,
    bring: (list: string) => `Mitbringen: ${list}.`,
    link: (url: string) => `Ändern/absagen: ${url}`,
    linkReminder: (url: string) => `Absagen: ${url}`,
  },
  en: {
    yourAppointment: (org: string) => `Your appointment with ${org}`,
    yourService: (service: string) => `Your appointment ${service}`,
    booked: (org: string, what: string, when: string) => `${org}: ${what} is booked: ${when}.`,
    changed: (org: string, what: string, when: string, before: string) =>
      `${org}: ${what} was moved to ${when} (was ${before}).`,
    cancelled: (org: string, what: string, when: string) => `${org}: ${what} on ${when} is cancelled.`,
    reminder: (org: string, what: string, when: string) => `${org}: Reminder - ${what}: ${when}.`,
    when: (day: string, time: string) => `${day}, ${time} (German time)`,
    phoneWeCall: (staff: string) => `By phone: ${staff} will call you.`,
    phoneWeCallNoName: 'By phone: we will call you.',
    phoneYouCall: (phone: string) => `By phone: please call ${phone}.`,
    video: 'By video, the link is in your email.',
    inPerson: (place: string) => `In person: ${place}.`,
    inPersonNoPlace: 'In person at the town hall.',
    reason: (reason: string) => `Reason: ${reason}.`,
    newAppointment: (phone: string) => `New appointment: ${phone}`,
    ref: (ref: string) => `Ref. ${ref}.`,
    bring: (list: string) => `Bring: ${list}.`,
    link: (url: string) => `Change/cancel: ${url}`,
    linkReminder: (url: string) => `Cancel: ${url}`,
  },
});
