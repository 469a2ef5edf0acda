/**
 * The words of invitations, the staff feed and the appointment facts that mails share with them
 * (src/invitations/appointment-text.ts), German (Sie-Form) and English.
 */
import { defineCatalog } from '../i18n/catalog';
import type { Channel } from '../domain/types';

export const calendarTexts = defineCatalog({
  de: {
    channel: (c: Channel) => ({ video: 'Video', phone: 'Telefon', 'in-person': 'vor Ort' })[c],
    /** After the Berlin wall-clock range "10:00–10:30". */
    timeRange: (range: string) => `${range} Uhr`,
    videoLocation: 'Videosprechstunde',
    phoneLocation: 'Telefontermin',
    phoneLocationCall: (number: string) => `Telefon – Anruf unter ${number}`,
    videoLinkFollows: 'Den Link zur Videosprechstunde erhalten Sie in einer weiteren E-Mail.',
    videoCitizen:
      'Videosprechstunde. Öffnen Sie zur vereinbarten Zeit diesen Link im Browser (Kamera und Mikrofon erlauben):',
    videoStaff: 'Videosprechstunde:',
    phoneCitizen: (staffName: string, citizenPhone: string) =>
      `Telefontermin: ${staffName} ruft Sie zur vereinbarten Zeit unter ${citizenPhone} an.`,
    phoneMissedCall: (staffPhone: string) => `Falls Sie den Anruf verpassen, erreichen Sie uns unter ${staffPhone}.`,
    phoneCitizenCalls: (staffName: string, staffPhone: string) =>
      `Telefontermin: Bitte rufen Sie ${staffName} zur vereinbarten Zeit unter ${staffPhone} an.`,
    phoneStaff: (citizenName: string, citizenPhone: string) =>
      `Telefontermin: Sie rufen ${citizenName} unter ${citizenPhone} an.`,
    phoneStaffCalled: (citizenName: string) =>
      `Telefontermin: ${citizenName} ruft Sie zur vereinbarten Zeit an (keine Nummer hinterlegt).`,
    phoneFeed: 'Telefontermin: Sie rufen an (Nummer im Bot).',
    inPerson: (where: string) => `Termin vor Ort: ${where}.`,
    inPersonBring: (staffName: string) =>
      `Bitte bringen Sie die nötigen Unterlagen und einen Ausweis mit. Ihre Ansprechperson: ${staffName}.`,
    inPersonBringList: (list: string, staffName: string) =>
      `Bitte bringen Sie mit: ${list}. Ihre Ansprechperson: ${staffName}.`,
    bringReady: (list: string) => `Bitte halten Sie bereit: ${list}.`,
    readAloud: (org: string, service: string, when: string, how: string, phone: string) =>
      `${org} – Ihr Termin: ${service}, ${when}. ${how} Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte unter ${phone} ab.`,
    reasonCitizenRequest: 'Auf Ihren Wunsch',
    reasonStaffUnavailable: 'Ihre Ansprechperson ist verhindert',
    reasonNotNeeded: 'Ihr Anliegen hat sich erledigt',
    handedOver: (toName: string) => `Dieser Termin wurde an ${toName} übergeben; er entfällt für Sie.`,
    cancelled: 'Dieser Termin wurde abgesagt.',
    cancelledSummary: (summary: string) => `Abgesagt: ${summary}`,
    moveLink: (url: string) => `Termin verschieben: ${url}`,
    cancelLink: (url: string) => `Termin absagen: ${url}`,
    contact: (name: string, address: string, phone: string) => `${name}, ${address}, Telefon ${phone}`,
    reference: (code: string) => `Terminnummer: ${code} (bitte bei Rückfragen angeben)`,
    referenceSpoken: (code: string) => `Ihre Terminnummer ist ${code}.`,
    feedName: (staffName: string) => `Sprechstunden ${staffName}`,
  },
  en: {
    channel: (c: Channel) => ({ video: 'video', phone: 'phone', 'in-person': 'in person' })[c],
    timeRange: (range: string) => `${range} (German time)`,
    videoLocation: 'Video consultation',
    phoneLocation: 'Phone appointment',
    phoneLocationCall: (number: string) => `Phone – call to ${number}`,
    videoLinkFollows: 'You will receive the link to the video consultation in a separate email.',
    videoCitizen:
      'Video consultation. At the agreed time, open this link in your browser (allow camera and microphone):',
    videoStaff: 'Video consultation:',
    phoneCitizen: (staffName: string, citizenPhone: string) =>
      `Phone appointment: ${staffName} will call you at the agreed time on ${citizenPhone}.`,
    phoneMissedCall: (staffPhone: string) => `If you miss the call, you can reach us on ${staffPhone}.`,
    phoneCitizenCalls: (staffName: string, staffPhone: string) =>
      `Phone appointment: please call ${staffName} at the agreed time on ${staffPhone}.`,
    phoneStaff: (citizenName: string, citizenPhone: string) =>
      `Phone appointment: you call ${citizenName} on ${citizenPhone}.`,
    phoneStaffCalled: (citizenName: string) =>
      `Phone appointment: ${citizenName} calls you at the agreed time (no number given).`,
    phoneFeed: 'Phone appointment: you call (number in the bot).',
    inPerson: (where: string) => `In-person appointment: ${where}.`,
    inPersonBring: (staffName: string) => `Please bring the necessary documents and an ID. Your contact: ${staffName}.`,
    inPersonBringList: (list: string, staffName: string) => `Please bring: ${list}. Your contact: ${staffName}.`,
    bringReady: (list: string) => `Please have ready: ${list}.`,
    readAloud: (org: string, service: string, when: string, how: string, phone: string) =>
      `${org} – your appointment: ${service}, ${when}. ${how} If you cannot keep it, please cancel on ${phone}.`,
    reasonCitizenRequest: 'At your request',
    reasonStaffUnavailable: 'Your contact person is unavailable',
    reasonNotNeeded: 'Your matter has been settled',
    handedOver: (toName: string) => `This appointment was handed over to ${toName}; it no longer involves you.`,
    cancelled: 'This appointment has been cancelled.',
    cancelledSummary: (summary: string) => `Cancelled: ${summary}`,
    moveLink: (url: string) => `Move this appointment: ${url}`,
    cancelLink: (url: string) => `Cancel this appointment: ${url}`,
    contact: (name: string, address: string, phone: string) => `${name}, ${address}, phone ${phone}`,
    reference: (code: string) => `Reference: ${code} (please quote it when you contact us)`,
    referenceSpoken: (code: string) => `Your reference is ${code}.`,
    feedName: (staffName: string) => `Consultations ${staffName}`,
  },
});
