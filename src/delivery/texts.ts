/**
 * The words of citizen mails, staff copies, the answer to a counter-proposal and the Teams notices
 * and alerts delivered through the outbox, German (Sie-Form) and English. Appointment facts (date,
 * time, how the consultation happens) come from src/invitations/texts.ts, as in the .ics.
 */
import { defineCatalog, plural } from '../i18n/catalog';
import type { SmsEvent } from '../domain/types';

export const mailTexts = defineCatalog({
  de: {
    subjectBooked: (what: string, when: string) => `Terminbestätigung: ${what}, ${when}`,
    subjectChanged: (what: string, when: string) => `Terminänderung: ${what}, ${when}`,
    subjectCancelled: (what: string, when: string) => `Terminabsage: ${what}, ${when}`,
    subjectReminder: (what: string, when: string) => `Erinnerung: ${what}, ${when}`,
    subjectKept: (what: string, when: string) => `Ihr Termin bleibt bestehen: ${what}, ${when}`,
    introKept:
      'Sie haben die Einladung zu Ihrem Termin in Ihrem Kalender abgelehnt. Abgesagt ist der Termin damit nicht: Die Zeit bleibt für Sie reserviert.',
    keptCancel:
      'Wenn Sie nicht kommen können, sagen Sie den Termin bitte über den Link unten ab – dann kann jemand anderes die Zeit nutzen.',
    greeting: (name: string) => `Guten Tag ${name},`,
    introBooked:
      'Ihr Termin bei der Stadtverwaltung ist gebucht. Die Einladung für Ihren Kalender finden Sie im Anhang.',
    introRescheduled:
      'Ihr Termin wurde verschoben. Es gilt die folgende neue Zeit; Ihr Kalender übernimmt die Änderung aus dem Anhang.',
    introReplanned:
      'Ihr Termin wurde geändert. Bitte beachten Sie die neuen Angaben; Ihr Kalender übernimmt die Änderung aus dem Anhang.',
    introReminder: 'Wir erinnern Sie an Ihren Termin.',
    cancelledByCitizen:
      'Sie haben Ihren Termin abgesagt. Der Termin ist aus Ihrem Kalender entfernt, sobald Sie die Absage im Anhang öffnen.',
    cancelledNoReplacement:
      'Leider müssen wir Ihren Termin absagen: Wegen eines Personalausfalls haben wir keinen Ersatztermin gefunden.',
    cancelledAsRequested: 'Wie gewünscht haben wir Ihren Termin abgesagt.',
    cancelledNotNeeded: 'Wir haben Ihren Termin abgesagt.',
    cancelledSorry: 'Leider müssen wir Ihren Termin absagen.',
    reason: (reason: string) => `Grund: ${reason}`,
    replanWeCall: (citizenPhone: string, phone: string) =>
      `Wir rufen Sie unter ${citizenPhone} an, um einen neuen Termin zu vereinbaren. Sie erreichen uns auch selbst unter ${phone}.`,
    replanWeWrite: (phone: string) =>
      `Wir melden uns per E-Mail bei Ihnen, um einen neuen Termin zu vereinbaren. Sie erreichen uns auch selbst unter ${phone}.`,
    callForNew: (phone: string) => `Einen neuen Termin vereinbaren Sie gern unter ${phone}.`,
    saveToCalendar: 'Termin im Kalender speichern (.ics)',
    moveLink: 'Termin verschieben (andere Zeit wählen)',
    cancelLink: 'Termin absagen',
    regards: 'Mit freundlichen Grüßen',
    phone: (phone: string) => `Telefon ${phone}`,
    automatic: 'Diese E-Mail wurde automatisch erstellt. Antworten erreichen das Terminpostfach.',
    privacy: 'Datenschutzhinweise',
    accessibility: 'Erklärung zur Barrierefreiheit',
    previousWith: (name: string) => `bei ${name}`,
    previous: (when: string, extras: string) => `Bisher: ${when}${extras}.`,
    staffCopySubject: (service: string, when: string) => `Sprechstunde: ${service}, ${when}`,
    staffCancelledSubject: (service: string, when: string) => `Abgesagt: ${service}, ${when}`,
    staffCopy: 'Kopie für Ihren Kalender (vom Sprechstunden-Bot).',
    staffReference: (code: string) => `Terminnummer: ${code}`,
    handoverSubject: (service: string, when: string) => `Übergeben: ${service}, ${when}`,
    handover: (toName: string) =>
      `Dieser Termin wurde an ${toName} übergeben und entfällt für Sie; Ihr Kalender entfernt ihn (vom Sprechstunden-Bot).`,
    counterSubject: (what: string, when: string) => `Ihr Terminvorschlag: ${what}, ${when}`,
    counterThanks:
      'vielen Dank für Ihren Vorschlag. Die vorgeschlagene Zeit können wir leider nicht anbieten; Ihr Termin bleibt deshalb bestehen:',
    counterChoose: (url: string) => `Eine andere freie Zeit können Sie hier selbst wählen:\n${url}`,
    counterCallOrCancel: (phone: string, cancelUrl: string) =>
      `Für eine andere Zeit rufen Sie uns bitte an: ${phone}. Wenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte hier ab:\n${cancelUrl}`,
    counterComment: (alternative: string) => `Der vorgeschlagene Termin kann nicht übernommen werden. ${alternative}`,
    counterChooseLink: (url: string) => `Andere Zeit wählen: ${url}`,
    // Teams notices to staff members
    noticeCitizenCancelled: (citizen: string, what: string, when: string) =>
      `${citizen} hat den Termin abgesagt: ${what}, ${when}. Die Zeit ist wieder frei.`,
    noticeMovedAway: (citizen: string, what: string, old: string, toName: string) =>
      `${citizen} hat den Termin über den Link in der E-Mail verschoben: ${what}, bisher ${old}. Er liegt jetzt bei ${toName}; Ihre Zeit ist wieder frei.`,
    noticeWas: (old: string, fromName: string | undefined) => ` (bisher ${old}${fromName ? ` bei ${fromName}` : ''})`,
    noticeCitizenMoved: (citizen: string, what: string, when: string, was: string, how: string) =>
      `${citizen} hat den Termin über den Link in der E-Mail verschoben: ${what}, jetzt ${when}${was}.\n${how}`,
    noticeReplanCancelled: (what: string, citizen: string, when: string, phone: string | undefined) =>
      `Termin wegen des Ausfalls abgesagt (kein Ersatz gefunden): ${what} mit ${citizen}, ${when}. Die Teamleitung meldet sich bei der Bürgerin oder dem Bürger (Liste auf ihrer Umplanungskarte); Sie müssen nicht anrufen.${phone ? ` Telefon: ${phone}.` : ''}`,
    noticeHandedOver: (toName: string, what: string, citizen: string, when: string) =>
      `Termin übergeben an ${toName}: ${what} mit ${citizen}, ${when}. Sie müssen nichts weiter tun.`,
    noticeReplanned: (what: string, citizen: string, when: string, how: string) =>
      `Termin umgeplant: ${what} mit ${citizen}, ${when}.\n${how}`,
    noticeDeclined: (citizen: string, what: string, when: string) =>
      `${citizen} hat die Einladung abgelehnt: ${what}, ${when}. Der Termin ist noch gebucht.`,
    noticeProposed: (citizen: string, what: string, when: string, proposed: string) =>
      `${citizen} schlägt eine andere Zeit vor: ${proposed} statt ${when} (${what}). Der Termin ist unverändert gebucht.`,
    noticeOtherAddressDeclined: (from: string, citizen: string, what: string, when: string) =>
      `Antwort von einer anderen Adresse: ${from} hat abgesagt (eingeladen war ${citizen}): ${what}, ${when}. Der Termin ist noch gebucht.`,
    noticeBookedForYou: (by: string | undefined, what: string, citizen: string, when: string, how: string) =>
      `Für Sie gebucht${by ? ` von ${by}` : ''}: ${what} mit ${citizen}, ${when}.\n${how}`,
    noticeReminder: (minutes: number, what: string, citizen: string, how: string) =>
      `In ${plural('de', minutes, 'Minute', 'Minuten')}: ${what} mit ${citizen}.\n${how}`,
    noticeMovedBy: (by: string, citizen: string, old: string, when: string, what: string, how: string) =>
      `${by} hat Ihren Termin mit ${citizen} am ${old} auf ${when} verschoben (${what}).\n${how}`,
    noticeHandedOverBy: (by: string, citizen: string, old: string, toName: string, when: string, what: string) =>
      `${by} hat Ihren Termin mit ${citizen} am ${old} an ${toName} übergeben (jetzt ${when}; ${what}). Ihre Zeit ist wieder frei.`,
    noticeCancelledBy: (by: string, citizen: string, when: string, what: string, reason: string | undefined) =>
      `${by} hat Ihren Termin mit ${citizen} am ${when} abgesagt (${what}).${reason ? ` Mitgeteilter Grund: „${reason}“.` : ''} Die Zeit ist wieder frei.`,
    noticeOutcomeBy: (by: string, citizen: string, when: string, what: string, outcome: 'completed' | 'no-show') =>
      `${by} hat Ihren Termin mit ${citizen} am ${when} als ${outcome === 'completed' ? '„erledigt“' : '„nicht erschienen“'} markiert (${what}).`,
    // Alerts to supervisors (no personal data: kinds, ids and counts)
    deadLetterEntry: (kind: string, appointmentId: string | undefined) =>
      `${kind}${appointmentId ? ` (Termin ${appointmentId})` : ''}`,
    deadLetterUnreadable: 'ein unlesbarer Eintrag',
    deadLetter: (attempts: number, what: string, list: string) =>
      `Zustellung gescheitert nach ${attempts === 1 ? 'einem Versuch' : `${attempts} Versuchen`}: ${what}. Bitte Mailversand prüfen; der Eintrag liegt in der Dead-Letter-Liste (${list}).`,
    alertUndelivered: 'Meldung an die Teamleitung nicht zustellbar',
    notReachable: 'nicht erreichbar',
    noticeCall: (
      citizen: string,
      phone: string,
      event: SmsEvent,
      when: string,
      before: string | undefined,
      channelNow: string | undefined,
    ) =>
      `Bitte anrufen: ${citizen}, ${phone}: ${
        {
          changed: channelNow
            ? `Termin jetzt: ${channelNow}, ${when}`
            : `Termin verlegt auf ${when}${before ? ` (bisher ${before})` : ''}`,
          cancelled: `Termin abgesagt: ${when}`,
          booked: `Termin gebucht: ${when}`,
          reminder: `Erinnerung an den Termin: ${when}`,
        }[event]
      }`,
    noticeSubject: 'Sprechstunde: eine Nachricht für Sie',
    noticeOpenBot:
      'Sie haben die Sprechstunde in Teams noch nicht geöffnet, darum kommt diese Nachricht per Mail. Öffnen Sie die App „Sprechstunde“ in Teams: Dort sehen Sie diese Nachricht wieder und können den Termin bearbeiten.',
    absenceReported: (name: string, when: string, affected: number) =>
      `${name} hat eine Abwesenheit gemeldet (${when}). ${affected === 1 ? '1 Termin ist' : `${affected} Termine sind`} betroffen. Bitte mit „Ausfall“ bzw. der Tagesübersicht umplanen.`,
    dateRange: (from: string, to: string) => `${from} bis ${to}`,
    calendarStale: (calendar: string, name: string, since: string | undefined, reason: string) =>
      `${calendar} von ${name} wurde ${since ? `seit ${since} nicht mehr` : 'noch nie'} abgeglichen (${reason}). Buchungen berücksichtigen den letzten bekannten Stand; bitte Berechtigung bzw. Postfach prüfen.`,
    calendarName: (c: 'outlook' | 'caldav') => (c === 'outlook' ? 'Der Outlook-Kalender' : 'Der Kalender'),
    unknownReason: 'unbekannt',
    replyFlood: (appointmentId: string, answered: number) =>
      `Für Termin ${appointmentId} kamen heute mehr als ${answered} Vorschläge einer neuen Zeit. Der Sachbearbeitung gezeigt wurden die ersten ${answered}; weitere stehen heute nur im Protokoll, damit niemand mit Karten und Mails überhäuft wird. Möglicherweise sind die Mails gefälscht: bitte das Postfach prüfen.`,
    smsLimit: (month: string, limit: number) =>
      `Das SMS-Kontingent für ${month} ist aufgebraucht (${limit} SMS-Teile, SMS_MONTHLY_LIMIT). Weitere SMS an Bürgerinnen und Bürger werden diesen Monat nicht gesendet; wer nur per SMS zu erreichen ist, kommt auf die Anrufliste der zuständigen Kolleg:innen. Bitte das Kontingent prüfen oder erhöhen.`,
    retentionUnreadable: (n: number, ids: string) =>
      `Die nächtliche Löschung (DSGVO) konnte ${n === 1 ? 'einen Termin' : `${n} Termine`} nicht lesen und hat ${n === 1 ? 'ihn' : 'sie'} übersprungen (${ids}); alle anderen wurden bearbeitet. Bitte die IT informieren (npm run purge-unreadable).`,
  },
  en: {
    subjectBooked: (what: string, when: string) => `Appointment confirmed: ${what}, ${when}`,
    subjectChanged: (what: string, when: string) => `Appointment changed: ${what}, ${when}`,
    subjectCancelled: (what: string, when: string) => `Appointment cancelled: ${what}, ${when}`,
    subjectReminder: (what: string, when: string) => `Reminder: ${what}, ${when}`,
    subjectKept: (what: string, when: string) => `Your appointment stays booked: ${what}, ${when}`,
    introKept:
      'You declined the invitation to your appointment in your calendar. That does not cancel it: the time stays reserved for you.',
    keptCancel:
      'If you cannot come, please cancel the appointment with the link below so that someone else can use the time.',
    greeting: (name: string) => `Hello ${name},`,
    introBooked: 'Your appointment with the town hall is booked. The invitation for your calendar is attached.',
    introRescheduled:
      'Your appointment has been moved. The new time is below; your calendar applies the change from the attachment.',
    introReplanned:
      'Your appointment has changed. Please note the new details; your calendar applies the change from the attachment.',
    introReminder: 'This is a reminder of your appointment.',
    cancelledByCitizen:
      'You have cancelled your appointment. Opening the attached cancellation removes it from your calendar.',
    cancelledNoReplacement:
      'Unfortunately we have to cancel your appointment: because of staff absence we could not find a replacement.',
    cancelledAsRequested: 'As you asked, we have cancelled your appointment.',
    cancelledNotNeeded: 'We have cancelled your appointment.',
    cancelledSorry: 'Unfortunately we have to cancel your appointment.',
    reason: (reason: string) => `Reason: ${reason}`,
    replanWeCall: (citizenPhone: string, phone: string) =>
      `We will call you on ${citizenPhone} to arrange a new appointment. You can also reach us on ${phone}.`,
    replanWeWrite: (phone: string) =>
      `We will contact you by email to arrange a new appointment. You can also reach us on ${phone}.`,
    callForNew: (phone: string) => `To arrange a new appointment, please call us on ${phone}.`,
    saveToCalendar: 'Save to your calendar (.ics)',
    moveLink: 'Move this appointment (choose another time)',
    cancelLink: 'Cancel this appointment',
    regards: 'Kind regards',
    phone: (phone: string) => `Phone ${phone}`,
    automatic: 'This email was generated automatically. Replies reach our appointment mailbox.',
    privacy: 'Privacy notice',
    accessibility: 'Accessibility statement',
    previousWith: (name: string) => `with ${name}`,
    previous: (when: string, extras: string) => `Previously: ${when}${extras}.`,
    staffCopySubject: (service: string, when: string) => `Consultation: ${service}, ${when}`,
    staffCancelledSubject: (service: string, when: string) => `Cancelled: ${service}, ${when}`,
    staffCopy: 'Copy for your calendar (from the consultation bot).',
    staffReference: (code: string) => `Reference: ${code}`,
    handoverSubject: (service: string, when: string) => `Handed over: ${service}, ${when}`,
    handover: (toName: string) =>
      `This appointment was handed over to ${toName} and no longer involves you; your calendar removes it (from the consultation bot).`,
    counterSubject: (what: string, when: string) => `Your proposed time: ${what}, ${when}`,
    counterThanks:
      'thank you for your proposal. We cannot offer the time you proposed, so your appointment stays as it is:',
    counterChoose: (url: string) => `You can choose another free time here:\n${url}`,
    counterCallOrCancel: (phone: string, cancelUrl: string) =>
      `For another time please call us: ${phone}. If you cannot come, please cancel the appointment here:\n${cancelUrl}`,
    counterComment: (alternative: string) => `The proposed time cannot be taken over. ${alternative}`,
    counterChooseLink: (url: string) => `Choose another time: ${url}`,
    noticeCitizenCancelled: (citizen: string, what: string, when: string) =>
      `${citizen} cancelled the appointment: ${what}, ${when}. The time is free again.`,
    noticeMovedAway: (citizen: string, what: string, old: string, toName: string) =>
      `${citizen} moved the appointment through the link in the email: ${what}, previously ${old}. It is now with ${toName}; your time is free again.`,
    noticeWas: (old: string, fromName: string | undefined) =>
      ` (previously ${old}${fromName ? ` with ${fromName}` : ''})`,
    noticeCitizenMoved: (citizen: string, what: string, when: string, was: string, how: string) =>
      `${citizen} moved the appointment through the link in the email: ${what}, now ${when}${was}.\n${how}`,
    noticeReplanCancelled: (what: string, citizen: string, when: string, phone: string | undefined) =>
      `Appointment cancelled because of the outage (no replacement found): ${what} with ${citizen}, ${when}. The supervisor contacts the citizen (list on their replanning card); you need not call.${phone ? ` Phone: ${phone}.` : ''}`,
    noticeHandedOver: (toName: string, what: string, citizen: string, when: string) =>
      `Appointment handed over to ${toName}: ${what} with ${citizen}, ${when}. Nothing else to do for you.`,
    noticeReplanned: (what: string, citizen: string, when: string, how: string) =>
      `Appointment replanned: ${what} with ${citizen}, ${when}.\n${how}`,
    noticeDeclined: (citizen: string, what: string, when: string) =>
      `${citizen} declined the invitation: ${what}, ${when}. The appointment is still booked.`,
    noticeProposed: (citizen: string, what: string, when: string, proposed: string) =>
      `${citizen} proposes another time: ${proposed} instead of ${when} (${what}). The appointment is still booked as it was.`,
    noticeOtherAddressDeclined: (from: string, citizen: string, what: string, when: string) =>
      `Answer from another address: ${from} declined (${citizen} was invited): ${what}, ${when}. The appointment is still booked.`,
    noticeBookedForYou: (by: string | undefined, what: string, citizen: string, when: string, how: string) =>
      `Booked for you${by ? ` by ${by}` : ''}: ${what} with ${citizen}, ${when}.\n${how}`,
    noticeReminder: (minutes: number, what: string, citizen: string, how: string) =>
      `In ${plural('en', minutes, 'minute', 'minutes')}: ${what} with ${citizen}.\n${how}`,
    noticeMovedBy: (by: string, citizen: string, old: string, when: string, what: string, how: string) =>
      `${by} moved your appointment with ${citizen} on ${old} to ${when} (${what}).\n${how}`,
    noticeHandedOverBy: (by: string, citizen: string, old: string, toName: string, when: string, what: string) =>
      `${by} handed your appointment with ${citizen} on ${old} over to ${toName} (now ${when}; ${what}). Your time is free again.`,
    noticeCancelledBy: (by: string, citizen: string, when: string, what: string, reason: string | undefined) =>
      `${by} cancelled your appointment with ${citizen} on ${when} (${what}).${reason ? ` Reason given: “${reason}”.` : ''} The time is free again.`,
    noticeOutcomeBy: (by: string, citizen: string, when: string, what: string, outcome: 'completed' | 'no-show') =>
      `${by} marked your appointment with ${citizen} on ${when} as ${outcome === 'completed' ? '“done”' : '“no-show”'} (${what}).`,
    deadLetterEntry: (kind: string, appointmentId: string | undefined) =>
      `${kind}${appointmentId ? ` (appointment ${appointmentId})` : ''}`,
    deadLetterUnreadable: 'an unreadable entry',
    deadLetter: (attempts: number, what: string, list: string) =>
      `Delivery failed after ${plural('en', attempts, 'attempt', 'attempts')}: ${what}. Please check mail sending; the entry is in the dead-letter list (${list}).`,
    alertUndelivered: 'alert to supervisors not delivered',
    notReachable: 'not reachable',
    noticeCall: (
      citizen: string,
      phone: string,
      event: SmsEvent,
      when: string,
      before: string | undefined,
      channelNow: string | undefined,
    ) =>
      `Please call: ${citizen}, ${phone}: ${
        {
          changed: channelNow
            ? `appointment now: ${channelNow}, ${when}`
            : `appointment moved to ${when}${before ? ` (before: ${before})` : ''}`,
          cancelled: `appointment cancelled: ${when}`,
          booked: `appointment booked: ${when}`,
          reminder: `reminder of the appointment: ${when}`,
        }[event]
      }`,
    noticeSubject: 'Sprechstunde: a message for you',
    noticeOpenBot:
      'You have not opened Sprechstunde in Teams yet, so this message comes by mail. Open the "Sprechstunde" app in Teams: you will see this message there again and can act on the appointment.',
    absenceReported: (name: string, when: string, affected: number) =>
      `${name} reported an absence (${when}). ${affected === 1 ? '1 appointment is' : `${affected} appointments are`} affected. Please replan with “Outage” or the daily summary.`,
    dateRange: (from: string, to: string) => `${from} to ${to}`,
    calendarStale: (calendar: string, name: string, since: string | undefined, reason: string) =>
      `${calendar} of ${name} has ${since ? `not been read since ${since}` : 'never been read'} (${reason}). Bookings use the last known state; please check the permission or the mailbox.`,
    calendarName: (c: 'outlook' | 'caldav') => (c === 'outlook' ? 'The Outlook calendar' : 'The calendar'),
    unknownReason: 'unknown',
    replyFlood: (appointmentId: string, answered: number) =>
      `Appointment ${appointmentId} received more than ${answered} proposals of a new time today. The first ${answered} were shown to the staff member; further ones are only in the audit today, so nobody is flooded with cards and mails. The mails may be forged: please check the mailbox.`,
    smsLimit: (month: string, limit: number) =>
      `The SMS allowance for ${month} is used up (${limit} SMS segments, SMS_MONTHLY_LIMIT). No further SMS to citizens are sent this month; citizens reachable only by SMS go on the call list of the staff member concerned. Please check or raise the allowance.`,
    retentionUnreadable: (n: number, ids: string) =>
      `The nightly data deletion (GDPR) could not read ${n === 1 ? 'one appointment' : `${n} appointments`} and skipped ${n === 1 ? 'it' : 'them'} (${ids}); all others were handled. Please tell IT (npm run purge-unreadable).`,
  },
});
