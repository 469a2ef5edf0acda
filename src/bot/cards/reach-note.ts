/**
 * What a cancel or move really does for this citizen, worded once for every card that changes an
 * appointment: a mail, an SMS to their number, or a call by a staff member (the call list), or — with
 * neither email nor phone — nobody can be told. The rule which of these applies is
 * domain/booking-rules.ts citizenReach; this is its wording.
 */
import type { Language } from '../../domain/types';
import { defineCatalog } from '../../i18n/catalog';
import { subtle, text, type Element } from './ac';

/** How a change reaches the citizen (citizenReach's answer). */
export interface Reach {
  mail: boolean;
  sms: boolean;
  call: 'none' | 'phone' | 'nobody';
}

/**
 * Whose call list the call goes on: the reader's, a colleague's (the one who serves it), or — when the
 * new time is still to be chosen from anyone's slots — whoever serves it afterwards.
 */
export type Caller = 'you' | 'serving' | { name: string };

/** The change: a cancellation asked, a move asked (the time still to be chosen), or a move done. */
export type ReachChange = 'cancel' | 'move' | 'moved';

export interface ReachNoteView {
  reach: Reach;
  citizen: string;
  /** The number as shown to staff ("05137 12345"). */
  phone?: string;
  caller: Caller;
}

const listDe = (c: Caller) =>
  c === 'you'
    ? 'auf Ihre Anrufliste'
    : c === 'serving'
      ? 'auf die Anrufliste der Person, bei der der Termin dann liegt'
      : `auf die Anrufliste von ${c.name}`;
const listEn = (c: Caller) =>
  c === 'you'
    ? 'on your call list'
    : c === 'serving'
      ? 'on the call list of whoever then has the appointment'
      : `on ${c.name}’s call list`;

/** A calendar entry to remove exists only where the citizen got the invitation by email. */
export const reachTexts = defineCatalog({
  de: {
    cancelMail: 'Die Bürgerin bzw. der Bürger erhält eine Absage per E-Mail; der Kalendereintrag wird entfernt.',
    cancelSms: (phone: string, mail: boolean) =>
      mail
        ? `Die Bürgerin bzw. der Bürger erhält die Absage per E-Mail und SMS an ${phone}; der Kalendereintrag wird entfernt.`
        : `Die Bürgerin bzw. der Bürger erhält die Absage per SMS an ${phone}.`,
    moveMail: (citizen: string) => `${citizen} erhält die neue Zeit per E-Mail (aktualisierte Einladung).`,
    moveSms: (citizen: string, phone: string, mail: boolean) =>
      `${citizen} erhält die neue Zeit per ${mail ? 'E-Mail und ' : ''}SMS an ${phone}.`,
    movedSms: (phone: string) => `Die neue Zeit geht per SMS an ${phone}.`,
    callBefore: (citizen: string, phone: string, caller: Caller) =>
      caller === 'you'
        ? `📞 Keine E-Mail, keine SMS: Niemand sonst sagt es ${citizen}. Bitte rufen Sie unter ${phone} an – der Anruf kommt ${listDe(caller)}.`
        : `📞 Keine E-Mail, keine SMS: Niemand sonst sagt es ${citizen}. Sie oder er muss unter ${phone} angerufen werden – der Anruf kommt ${listDe(caller)}.`,
    callAfter: (citizen: string, phone: string, caller: Caller) =>
      caller === 'you'
        ? `📞 Keine E-Mail, keine SMS: Bitte rufen Sie ${citizen} unter ${phone} an – der Anruf steht auf Ihrer Anrufliste, bis Sie „Erreicht“ drücken.`
        : `📞 Keine E-Mail, keine SMS: ${citizen} muss unter ${phone} angerufen werden – der Anruf kommt ${listDe(caller)}.`,
    cancelNobody: (citizen: string) =>
      `⚠️ Weder E-Mail noch Telefonnummer: ${citizen} kann nicht benachrichtigt werden.`,
    moveNobody: (citizen: string) => `⚠️ Weder E-Mail noch Telefonnummer: ${citizen} erfährt die neue Zeit nicht.`,
  },
  en: {
    cancelMail: 'The citizen receives a cancellation by email; the calendar entry is removed.',
    cancelSms: (phone: string, mail: boolean) =>
      mail
        ? `The citizen receives the cancellation by email and SMS to ${phone}; the calendar entry is removed.`
        : `The citizen receives the cancellation by SMS to ${phone}.`,
    moveMail: (citizen: string) => `${citizen} receives the new time by email (an updated invitation).`,
    moveSms: (citizen: string, phone: string, mail: boolean) =>
      `${citizen} receives the new time by ${mail ? 'email and ' : ''}SMS to ${phone}.`,
    movedSms: (phone: string) => `The new time goes by SMS to ${phone}.`,
    callBefore: (citizen: string, phone: string, caller: Caller) =>
      caller === 'you'
        ? `📞 No email, no SMS: nobody else tells ${citizen}. Please call ${phone} – the call goes ${listEn(caller)}.`
        : `📞 No email, no SMS: nobody else tells ${citizen}. They must be called on ${phone} – the call goes ${listEn(caller)}.`,
    callAfter: (citizen: string, phone: string, caller: Caller) =>
      caller === 'you'
        ? `📞 No email, no SMS: please call ${citizen} on ${phone} – the call stays on your call list until you press “Reached”.`
        : `📞 No email, no SMS: ${citizen} must be called on ${phone} – the call goes ${listEn(caller)}.`,
    cancelNobody: (citizen: string) => `⚠️ Neither email nor phone number: ${citizen} cannot be told.`,
    moveNobody: (citizen: string) => `⚠️ Neither email nor phone number: ${citizen} will not learn the new time.`,
  },
});

/**
 * The line a cancel or move card shows. For a move done by email only it is undefined: the
 * confirmation card already names the updated invitation and the address.
 */
export function reachNote(lang: Language, change: ReachChange, v: ReachNoteView): Element | undefined {
  const T = reachTexts[lang];
  const { reach, citizen } = v;
  const phone = v.phone ?? '–';
  if (reach.sms) {
    if (change === 'cancel') return subtle(T.cancelSms(phone, reach.mail));
    if (change === 'move') return subtle(T.moveSms(citizen, phone, reach.mail));
    return reach.mail ? undefined : subtle(T.movedSms(phone));
  }
  if (reach.mail) {
    if (change === 'cancel') return subtle(T.cancelMail);
    return change === 'move' ? subtle(T.moveMail(citizen)) : undefined;
  }
  if (reach.call === 'phone')
    return text(change === 'moved' ? T.callAfter(citizen, phone, v.caller) : T.callBefore(citizen, phone, v.caller), {
      weight: 'Bolder',
    });
  return text(change === 'cancel' ? T.cancelNobody(citizen) : T.moveNobody(citizen), {
    weight: 'Bolder',
    color: 'Attention',
  });
}
