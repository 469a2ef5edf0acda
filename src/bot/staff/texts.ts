/**
 * What the staff handlers (src/bot/staff/*) say around their cards: notices on the booking and
 * agenda cards, why nothing is free, what a one-sentence booking could not use. The cards' own
 * words are in cards/*-texts.ts.
 */
import type { PartOfDay } from '../../domain/part-of-day';
import type { Channel } from '../../domain/types';
import { defineCatalog, plural } from '../../i18n/catalog';

const CHANNEL_IN_SENTENCE_DE: Record<Channel, string> = {
  video: 'per Video',
  phone: 'telefonisch',
  'in-person': 'vor Ort',
};
const CHANNEL_IN_SENTENCE_EN: Record<Channel, string> = {
  video: 'by video',
  phone: 'by phone',
  'in-person': 'in person',
};

const PARTS_DE: Record<PartOfDay, string> = {
  morning: 'vormittags',
  midday: 'mittags',
  afternoon: 'nachmittags',
  evening: 'abends',
};

const PARTS_EN: Record<PartOfDay, string> = {
  morning: 'in the morning',
  midday: 'around midday',
  afternoon: 'in the afternoon',
  evening: 'in the evening',
};

export const staffTexts = defineCatalog({
  de: {
    or: ' oder ',
    quoted: (s: string) => `„${s}“`,
    onSite: 'vor Ort',
    fromHome: 'von zu Hause',
    /** A channel inside a sentence: "gibt es nur vor Ort, nicht telefonisch". */
    channelInSentence: (c: Channel) => CHANNEL_IN_SENTENCE_DE[c],
    channelOnly: (service: string, channels: string, requested: string) =>
      `${service} gibt es nur ${channels}, nicht ${requested}. Hier die nächsten freien Termine:`,
    invalidDate: (text: string) => `„${text}“ ist kein gültiges Datum. Hier die nächsten freien Termine:`,
    dayInPast: (day: string) => `${day} liegt in der Vergangenheit. Hier die nächsten freien Termine:`,
    outsideHorizon: (service: string, last: string) =>
      `${service} kann nur bis ${last} gebucht werden. Hier die nächsten freien Termine:`,
    dayNotWorking: (day: string) =>
      `Am ${day} arbeitet niemand, der das anbietet (Wochenende, Feiertag, Abwesenheit oder kein Dienst vor Ort). Die nächsten Tage mit freien Terminen:`,
    dayFullyBooked: (day: string) => `Am ${day} ist alles belegt. Die nächsten Tage mit freien Terminen:`,
    partOfDayFull: (day: string, part: PartOfDay) =>
      `Am ${day} ist ${PARTS_DE[part]} nichts mehr frei. Die nächsten freien Termine:`,
    timeOutsideHours: (time: string) =>
      `Um ${time} Uhr arbeitet niemand, der das anbietet. Die nächstgelegenen freien Zeiten:`,
    timeTaken: (time: string) => `Um ${time} Uhr ist nichts mehr frei. Die nächstgelegenen freien Zeiten:`,
    invalidTime: (text: string) => `„${text}“ ist keine gültige Uhrzeit.`,
    calendarsNotRead: (names: string, more: number) =>
      `Kalender noch nicht gelesen: ${names}${more ? ` und ${more} weitere` : ''}. Deren Zeiten werden erst angeboten, wenn ihr Kalender gelesen ist – das geschieht gerade; suchen Sie in einer Minute noch einmal.`,
    nobodyOffersService: 'Für dieses Anliegen ist niemand eingetragen.',
    dayOutsideHorizon: 'Dieser Tag liegt außerhalb des buchbaren Zeitraums.',
    notWorking: 'An diesem Tag wird nicht gearbeitet (Wochenende, Feiertag, Abwesenheit oder kein Dienst vor Ort).',
    fullyBooked: 'Bis zum Ende des buchbaren Zeitraums ist alles belegt.',
    taken: 'Die gewählte Zeit ist inzwischen vergeben. Hier sind die nächsten freien Termine.',
    chooseService: 'Bitte wählen Sie mindestens ein Anliegen.',
    cannotCombine: (services: string) =>
      `${services} lässt sich nicht in einem Termin verbinden: Die Anliegen haben keinen gemeinsamen Kanal. Bitte buchen Sie sie einzeln.`,
    heldElsewhere: (taken: string, held: string) =>
      `Die Zeit bei ${taken} wurde gerade vergeben; sie ist jetzt bei ${held} für Sie reserviert.`,
    chooseNewTime: 'Bitte wählen Sie eine neue Zeit.',
    bookingAborted: 'Die Buchung wurde abgebrochen. Es wurde nichts gespeichert.',
    bookedThenCancelled:
      'Dieser Termin wurde schon gebucht und inzwischen abgesagt. Es wurde nichts neu gebucht und keine Einladung verschickt.',
    bookedThenOver: 'Dieser Termin wurde schon gebucht und ist inzwischen abgeschlossen. Es wurde nichts neu gebucht.',
    noSuchDate: (text: string) => `Den ${text} gibt es nicht.`,
    notATime: (quoted: string) => `${quoted} ist keine Uhrzeit.`,
    notYourCalendar: (staff: string) =>
      `In den Kalender von ${staff} dürfen Sie nicht buchen; gesucht wird bei allen, bei denen Sie buchen dürfen.`,
    nobodyOffers: (services: string) => `${services} kann hier niemand für Sie buchen.`,
    youDoNotOffer: (services: string) => `${services} bieten Sie nicht an.`,
    staffDoesNotOffer: (staff: string, services: string) => `${services} bietet ${staff} nicht an.`,
    whichService: (services: string) => `Welches Anliegen genau: ${services}?`,
    notAService: (quoted: string) => `${quoted} habe ich nicht als Anliegen erkannt.`,
    today: 'Heute',
    tomorrow: 'Morgen',
    thisWeek: 'Diese Woche',
    nextWeek: 'Nächste Woche',
    week: 'Woche',
    cancelledMailed: (when: string, citizen: string, email: string) =>
      `${when} (${citizen}) abgesagt. Die Absage geht per E-Mail an ${email}.`,
    cancelledTellThem: (when: string, citizen: string, phone: string | undefined) =>
      phone
        ? `${when} (${citizen}) abgesagt. Keine E-Mail, keine SMS: Bitte rufen Sie ${citizen} unter ${phone} an – der Anruf steht auf Ihrer Anrufliste, bis Sie „Erreicht“ drücken.`
        : `${when} (${citizen}) abgesagt. Ohne E-Mail-Adresse und Telefonnummer geht keine Absage hinaus.`,
    cancelledSms: (when: string, citizen: string, phone: string) =>
      `${when} (${citizen}) abgesagt. Die Absage geht per SMS an ${phone}.`,
    markedDone: (time: string) => `${time} als erledigt markiert.`,
    markedNoShow: (time: string) => `${time} als nicht erschienen markiert.`,
    colleagueTold: (name: string) => `${name} wird in Teams informiert.`,
    waitingNotices: (count: number, older: number) =>
      `Per Mail an Sie gegangen, solange Sie die Sprechstunde noch nicht geöffnet hatten (${plural('de', count, 'Nachricht', 'Nachrichten')}${older ? `, davon ${older} ältere nur per Mail` : ''}):`,
  },
  en: {
    or: ' or ',
    quoted: (s: string) => `“${s}”`,
    onSite: 'on site',
    fromHome: 'from home',
    channelInSentence: (c: Channel) => CHANNEL_IN_SENTENCE_EN[c],
    channelOnly: (service: string, channels: string, requested: string) =>
      `${service} is offered only ${channels}, not ${requested}. Here are the next free times:`,
    invalidDate: (text: string) => `"${text}" is not a valid date. Here are the next free times:`,
    dayInPast: (day: string) => `${day} is in the past. Here are the next free times:`,
    outsideHorizon: (service: string, last: string) =>
      `${service} can be booked only until ${last}. Here are the next free times:`,
    dayNotWorking: (day: string) =>
      `Nobody who offers it works on ${day} (weekend, holiday, absence or not on site). The next days with free times:`,
    dayFullyBooked: (day: string) => `${day} is fully booked. The next days with free times:`,
    partOfDayFull: (day: string, part: PartOfDay) =>
      `Nothing is free ${PARTS_EN[part]} on ${day}. The next free times:`,
    timeOutsideHours: (time: string) => `Nobody who offers it works at ${time}. The nearest free times:`,
    timeTaken: (time: string) => `${time} is taken. The nearest free times:`,
    invalidTime: (text: string) => `"${text}" is not a valid time.`,
    calendarsNotRead: (names: string, more: number) =>
      `Calendar not read yet: ${names}${more ? ` and ${more} more` : ''}. Their times are offered only once their calendar has been read – that is under way; search again in a minute.`,
    nobodyOffersService: 'Nobody offers this service.',
    dayOutsideHorizon: 'This day is outside the bookable period.',
    notWorking: 'Nobody works then (weekend, holiday, absence or not on site).',
    fullyBooked: 'Everything is booked until the end of the bookable period.',
    taken: 'The time you chose has been taken in the meantime. Here are the next free times.',
    chooseService: 'Please choose at least one service.',
    cannotCombine: (services: string) =>
      `${services} cannot be combined in one appointment: the services share no channel. Please book them one by one.`,
    heldElsewhere: (taken: string, held: string) =>
      `The time with ${taken} was just taken; it is now held for you with ${held}.`,
    chooseNewTime: 'Please choose a new time.',
    bookingAborted: 'Booking cancelled. Nothing was saved.',
    bookedThenCancelled:
      'This appointment was booked before and has been cancelled since. Nothing was booked again and no invitation was sent.',
    bookedThenOver: 'This appointment was booked before and is over now. Nothing was booked again.',
    noSuchDate: (text: string) => `There is no ${text.replace(/\.$/, '')}.`,
    notATime: (quoted: string) => `${quoted} is not a time of day.`,
    notYourCalendar: (staff: string) => `You may not book into ${staff}'s calendar; searching everyone you may book.`,
    nobodyOffers: (services: string) => `Nobody you may book offers ${services}.`,
    youDoNotOffer: (services: string) => `You do not offer ${services}.`,
    staffDoesNotOffer: (staff: string, services: string) => `${staff} does not offer ${services}.`,
    whichService: (services: string) => `Which service exactly: ${services}?`,
    notAService: (quoted: string) => `I did not recognise ${quoted} as a service.`,
    today: 'Today',
    tomorrow: 'Tomorrow',
    thisWeek: 'This week',
    nextWeek: 'Next week',
    week: 'Week',
    cancelledMailed: (when: string, citizen: string, email: string) =>
      `${when} (${citizen}) cancelled. The cancellation is emailed to ${email}.`,
    cancelledTellThem: (when: string, citizen: string, phone: string | undefined) =>
      phone
        ? `${when} (${citizen}) cancelled. No email, no SMS: please call ${citizen} on ${phone} – the call stays on your call list until you press “Reached”.`
        : `${when} (${citizen}) cancelled. Without an email address or phone number no cancellation is sent.`,
    cancelledSms: (when: string, citizen: string, phone: string) =>
      `${when} (${citizen}) cancelled. The cancellation goes by SMS to ${phone}.`,
    markedDone: (time: string) => `${time} marked as done.`,
    markedNoShow: (time: string) => `${time} marked as no-show.`,
    colleagueTold: (name: string) => `${name} is told in Teams.`,
    waitingNotices: (count: number, older: number) =>
      `Sent to you by mail while you had not opened Sprechstunde yet (${plural('en', count, 'message', 'messages')}${older ? `, ${older} older ones by mail only` : ''}):`,
  },
});
