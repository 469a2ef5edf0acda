/**
 * Every text of the citizen pages (citizen-pages.ts, legal-pages.ts): one catalog, German first,
 * English complete (the compiler checks it). Plain text only; the pages escape it and add the markup.
 * Dates and times come from src/i18n/dates.ts.
 */
import { defineCatalog } from '../i18n/catalog';
import { formatDayLong, formatRange } from '../i18n/dates';

export const pageTexts = defineCatalog({
  de: {
    // Frame (every page)
    phone: 'Telefon',
    email: 'E-Mail',
    privacy: 'Datenschutzhinweise',
    accessibility: 'Erklärung zur Barrierefreiheit',
    /** The name of the other language, on the link that switches to it. */
    otherLanguage: 'English',

    // The appointment's facts
    factService: 'Anliegen',
    factDate: 'Datum',
    factTime: 'Uhrzeit',
    factType: 'Art',
    factPlace: 'Ort',
    factBring: 'Bitte mitbringen',
    day: (ms: number) => formatDayLong(ms, 'de'),
    time: (start: number, end: number) => formatRange(start, end, 'de'),
    withStaff: (name: string) => `bei ${name}`,

    // Cancel
    confirmTitle: 'Termin absagen',
    confirmQuestion: 'Möchten Sie diesen Termin absagen?',
    confirmButton: 'Termin verbindlich absagen',
    ratherMove: 'Sie möchten den Termin lieber verschieben?',
    chooseOtherTime: 'Andere Zeit wählen',
    keepHint: 'Wenn Sie den Termin behalten möchten, schließen Sie diese Seite einfach.',
    smsOffHint: 'Sie erhalten zu diesem Termin SMS an Ihre Mobilnummer.',
    smsOffButton: 'SMS abbestellen',
    smsOffTitle: 'SMS abbestellt',
    smsOffText: (phone: string) =>
      `Sie erhalten zu diesem Termin keine SMS mehr. Der Termin bleibt bestehen. Bei Änderungen rufen wir Sie an; Sie erreichen uns unter ${phone}.`,
    cancelledTitle: 'Termin abgesagt',
    cancelledText:
      'Ihr Termin ist abgesagt. Sie erhalten eine Bestätigung per E-Mail; Ihr Kalender entfernt den Termin, wenn Sie sie öffnen.',
    newAppointment: (phone: string) => `Einen neuen Termin vereinbaren Sie unter ${phone}.`,

    // Reschedule
    rescheduleTitle: 'Termin verschieben',
    soFar: 'Ihr Termin bisher:',
    noneFree: (phone: string) =>
      `Zurzeit ist online keine andere Zeit frei. Ihr Termin bleibt bestehen. Für eine andere Zeit rufen Sie uns bitte an: ${phone}.`,
    chooseNew:
      'Wählen Sie eine neue Zeit. Mit dem Klick wird Ihr Termin verschoben; Sie erhalten die Änderung per E-Mail.',
    sameStaffHeading: (name: string | undefined) => `Bei ${name ?? 'Ihrer Ansprechperson'}`,
    poolHeading: 'Bei einer Kollegin oder einem Kollegen',
    cancelInstead: 'Termin stattdessen absagen',
    rescheduledTitle: 'Termin verschoben',
    rescheduledText:
      'Ihr Termin ist verschoben. Sie erhalten die Änderung per E-Mail; Ihr Kalender übernimmt sie, wenn Sie sie öffnen.',
    previously: (when: string) => `Bisher: ${when}.`,
    cannotTitle: 'Verschieben nicht möglich',
    tooShortNotice: 'Ihr Termin beginnt bald; so kurzfristig lässt er sich online nicht mehr verschieben.',
    noOnlineMoves: 'Termine lassen sich online nicht verschieben.',
    movedTooOften: (max: number) =>
      `Dieser Termin wurde bereits ${max === 1 ? 'einmal' : `${max}-mal`} online verschoben; öfter ist es online nicht möglich.`,
    staysCallUs: (phone: string) =>
      `Ihr Termin bleibt bestehen. Für eine andere Zeit rufen Sie uns bitte an: ${phone}.`,
    notMovedTitle: 'Nicht verschoben',
    slotTaken: 'Diese Zeit wurde gerade anderweitig vergeben. Ihr Termin ist unverändert.',
    notOffered:
      'Zu dieser Uhrzeit bieten wir keinen Termin an. Bitte wählen Sie eine der angebotenen Zeiten. Ihr Termin ist unverändert.',
    changed:
      'Ihr Termin wurde inzwischen geändert (zum Beispiel in einem anderen Fenster). Es wurde nichts weiter verschoben.',
    seeCurrentTimes: 'Aktuelle freie Zeiten ansehen',

    // Refusals and errors
    badRequestTitle: 'Anfrage nicht möglich',
    badRequestText: (phone: string) =>
      `Diese Auswahl ist nicht möglich. Bitte öffnen Sie den Link aus Ihrer E-Mail erneut oder rufen Sie uns an: ${phone}.`,
    notFoundTitle: 'Seite nicht gefunden',
    notFoundText: (phone: string) =>
      `Diese Adresse gibt es nicht; vielleicht ist der Link unvollständig oder falsch abgetippt. Bitte verwenden Sie den vollständigen Link aus Ihrer E-Mail oder rufen Sie uns an: ${phone}.`,
    toAppointment: 'Zu Ihrem Termin',
    forbiddenTitle: 'Anfrage abgelehnt',
    forbiddenText: (phone: string) =>
      `Diese Anfrage kam nicht von unserer Seite und wurde nicht ausgeführt. Bitte öffnen Sie den Link aus Ihrer E-Mail oder rufen Sie uns an: ${phone}.`,
    alreadyCancelledTitle: 'Termin bereits abgesagt',
    alreadyCancelledText: (phone: string) =>
      `Dieser Termin ist bereits abgesagt. Einen neuen Termin vereinbaren Sie unter ${phone}.`,
    overTitle: 'Link nicht mehr gültig',
    overText: (phone: string) =>
      `Dieser Termin ist vorbei; der Link gilt nicht mehr. Fragen beantworten wir unter ${phone}.`,
    startedTitle: 'Termin hat begonnen',
    startedText: (phone: string) =>
      `Der Termin hat bereits begonnen und kann hier nicht mehr abgesagt werden. Bitte rufen Sie uns an: ${phone}.`,
    invalidTitle: 'Link ungültig',
    invalidText: (phone: string) =>
      `Dieser Link ist ungültig. Bitte verwenden Sie den vollständigen Link aus Ihrer E-Mail oder rufen Sie uns an: ${phone}.`,
    tooManyTitle: 'Zu viele Anfragen',
    tooManyText: 'Bitte warten Sie eine Minute und versuchen Sie es dann erneut.',
    errorTitle: 'Vorübergehend nicht möglich',
    errorText: 'Das hat gerade nicht geklappt. Bitte versuchen Sie es in einigen Minuten erneut.',

    // Privacy notice (Datenschutzhinweise, Art. 13 DSGVO)
    privacyIntro:
      'Hier steht, was mit Ihren Daten geschieht, wenn die Stadtverwaltung einen Beratungstermin für Sie bucht.',
    /** "Telefon"/"phone" and "E-Mail"/"email" inside a sentence. */
    phoneInline: 'Telefon',
    emailInline: 'E-Mail',
    controllerHeading: 'Verantwortlich',
    dataProtectionOfficer:
      'Unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten erreichen Sie unter derselben Anschrift.',
    whatHeading: 'Welche Daten und wozu',
    whatData:
      'Ihr Name und Ihre E-Mail-Adresse oder Telefonnummer (eine davon, damit wir Sie bei Änderungen erreichen; bei Telefonterminen die Nummer), Ihre Einwilligung in SMS, das Anliegen, Datum, Uhrzeit und Art des Termins sowie eine Notiz der Sachbearbeitung.',
    whatPurpose:
      'Zweck: den Termin vereinbaren und durchführen, Ihnen Einladung, Änderungen, Absage und Erinnerung senden (per E-Mail, per SMS an Ihre Mobilnummer, wenn Sie zugestimmt haben, oder per Anruf) und Ihnen das Verschieben oder Absagen über die Links in unseren E-Mails und SMS ermöglichen. SMS nennen Ihr Anliegen nicht, wenn es vertraulich ist. SMS bestellen Sie auf der Terminseite oder mit der Antwort STOP ab.',
    whatBasis:
      'Rechtsgrundlage: Art. 6 Abs. 1 Buchst. e DSGVO (Aufgabe im öffentlichen Interesse, Leistungen der Verwaltung) in Verbindung mit dem Landesrecht; soweit Sie den Termin wünschen, auch Art. 6 Abs. 1 Buchst. b DSGVO.',
    whoHeading: 'Wer die Daten erhält',
    whoStaff:
      'Die Beschäftigten der Stadtverwaltung, die Ihr Anliegen bearbeiten (in Microsoft Teams und ihren Kalendern).',
    whoServices:
      'Unser E-Mail-Dienst stellt die Nachrichten zu; bei Videoterminen erhält der Videodienst die Terminzeit, nicht Ihren Namen. SMS stellt unser SMS-Dienstleister als Auftragsverarbeiter (Art. 28 DSGVO) in der EU zu: Er erhält Ihre Mobilnummer und den Text der SMS, nicht Ihren Namen, und löscht beides nach der Zustellung.',
    whoNobody: 'Sonst niemand. Diese Seiten verwenden keine Cookies, kein Tracking und keine fremden Inhalte.',
    howLongHeading: 'Wie lange',
    howLong: (days: number) =>
      `Name, E-Mail-Adresse, Telefonnummer und Notiz werden ${days} Tage nach dem Termin gelöscht, ebenso alles über die SMS zu dem Termin (den Text speichern wir nicht). Es bleiben anonyme Zahlen (Anliegen, Zeit, Art) für die Planung.`,
    rightsHeading: 'Ihre Rechte',
    rights:
      'Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung und können der Verarbeitung widersprechen (Art. 15–18 und 21 DSGVO). Schreiben Sie uns an die oben genannte Anschrift. Außerdem können Sie sich bei der Datenschutz-Aufsichtsbehörde des Landes beschweren.',

    // Accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7)
    a11yIntro: (org: string) =>
      `${org} ist bemüht, ihre Online-Angebote barrierefrei zugänglich zu machen. Rechtsgrundlagen sind das Behindertengleichstellungsrecht und die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), die die Richtlinie (EU) 2016/2102 umsetzen.`,
    a11yScope:
      'Diese Erklärung gilt für die Seiten, die Bürgerinnen und Bürger aus unseren Termin-E-Mails und SMS öffnen: Absagen, Verschieben eines Termins, SMS abbestellen, Kalenderdatei, diese Erklärung und die Datenschutzhinweise.',
    complianceHeading: 'Stand der Vereinbarkeit mit den Anforderungen',
    compliance:
      'Diese Seiten sind mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) vollständig vereinbar: Sie lassen sich allein mit der Tastatur, mit Screenreadern und bei 200 % Vergrößerung bedienen, haben ausreichende Kontraste und brauchen kein JavaScript.',
    preparedHeading: 'Erstellung dieser Erklärung',
    prepared: (date: string) =>
      `Diese Erklärung wurde am ${date} erstellt. Grundlage ist eine Selbstbewertung: Jede Seite wird bei jeder Änderung der Software automatisch mit axe-core im Browser geprüft und in den Tests allein mit der Tastatur bedient.`,
    feedbackHeading: 'Feedback und Kontakt',
    feedback:
      'Sind Ihnen Barrieren aufgefallen, oder benötigen Sie Informationen in einer anderen Form? Bitte melden Sie sich bei uns; wir antworten innerhalb von zwei Wochen.',
    enforcementHeading: 'Durchsetzungsverfahren',
    enforcement: (body: string) =>
      `Wenn wir Ihre Rückmeldung nicht zufriedenstellend beantworten, können Sie sich an die für uns zuständige Stelle für die Durchsetzung der barrierefreien Informationstechnik wenden: ${body}.`,
    enforcementUnknown: (phone: string, mailbox: string) =>
      `Wenn wir Ihre Rückmeldung nicht zufriedenstellend beantworten, können Sie sich an die Durchsetzungs- bzw. Schlichtungsstelle für barrierefreie Informationstechnik Ihres Bundeslandes wenden. Welche Stelle das für uns ist und wie Sie sie erreichen, sagen wir Ihnen gern: Telefon ${phone}, E-Mail ${mailbox}.`,
    enforcementWeb: 'Internet:',
    enforcementEmail: 'E-Mail:',
  },
  en: {
    phone: 'Phone',
    email: 'Email',
    privacy: 'Privacy notice',
    accessibility: 'Accessibility statement',
    otherLanguage: 'Deutsch',

    factService: 'Service',
    factDate: 'Date',
    factTime: 'Time',
    factType: 'Type',
    factPlace: 'Place',
    factBring: 'Please bring',
    day: (ms: number) => formatDayLong(ms, 'en'),
    // Citizens may read this abroad: the times are the town hall's.
    time: (start: number, end: number) => `${formatRange(start, end, 'en')} (German time)`,
    withStaff: (name: string) => `with ${name}`,

    confirmTitle: 'Cancel appointment',
    confirmQuestion: 'Do you want to cancel this appointment?',
    confirmButton: 'Cancel this appointment',
    ratherMove: 'Would you rather move the appointment?',
    chooseOtherTime: 'Choose another time',
    keepHint: 'To keep the appointment, simply close this page.',
    smsOffHint: 'You get SMS about this appointment on your mobile number.',
    smsOffButton: 'Stop SMS',
    smsOffTitle: 'SMS stopped',
    smsOffText: (phone: string) =>
      `You will get no more SMS about this appointment. The appointment stays. If it changes, we will call you; you reach us on ${phone}.`,
    cancelledTitle: 'Appointment cancelled',
    cancelledText:
      'Your appointment is cancelled. You will receive a confirmation by email; opening it removes the appointment from your calendar.',
    newAppointment: (phone: string) => `To arrange a new appointment, call ${phone}.`,

    rescheduleTitle: 'Move appointment',
    soFar: 'Your appointment so far:',
    noneFree: (phone: string) =>
      `No other time is free online at the moment. Your appointment stays as it is. For another time, please call us: ${phone}.`,
    chooseNew: 'Choose a new time. Clicking it moves your appointment; you will receive the change by email.',
    sameStaffHeading: (name: string | undefined) => `With ${name ?? 'your contact'}`,
    poolHeading: 'With a colleague',
    cancelInstead: 'Cancel the appointment instead',
    rescheduledTitle: 'Appointment moved',
    rescheduledText:
      'Your appointment has been moved. You will receive the change by email; opening it updates your calendar.',
    previously: (when: string) => `Previously: ${when}.`,
    cannotTitle: 'Cannot move the appointment',
    tooShortNotice: 'Your appointment starts soon; it can no longer be moved online at such short notice.',
    noOnlineMoves: 'Appointments cannot be moved online.',
    movedTooOften: (max: number) =>
      `This appointment has already been moved online ${max === 1 ? 'once' : `${max} times`}; it cannot be moved online again.`,
    staysCallUs: (phone: string) => `Your appointment stays as it is. For another time, please call us: ${phone}.`,
    notMovedTitle: 'Not moved',
    slotTaken: 'This time has just been taken. Your appointment is unchanged.',
    notOffered:
      'We offer no appointment at this time. Please choose one of the times offered. Your appointment is unchanged.',
    changed: 'Your appointment has changed in the meantime (for example in another window). Nothing else was moved.',
    seeCurrentTimes: 'See the current free times',

    badRequestTitle: 'Request not possible',
    badRequestText: (phone: string) =>
      `This choice is not possible. Please open the link from your email again or call us: ${phone}.`,
    notFoundTitle: 'Page not found',
    notFoundText: (phone: string) =>
      `This address does not exist; the link may be incomplete or mistyped. Please use the complete link from your email or call us: ${phone}.`,
    toAppointment: 'To your appointment',
    forbiddenTitle: 'Request refused',
    forbiddenText: (phone: string) =>
      `This request did not come from our page and was not carried out. Please open the link from your email or call us: ${phone}.`,
    alreadyCancelledTitle: 'Appointment already cancelled',
    alreadyCancelledText: (phone: string) =>
      `This appointment has already been cancelled. To arrange a new one, call ${phone}.`,
    overTitle: 'Link no longer valid',
    overText: (phone: string) => `This appointment is over; the link is no longer valid. For questions, call ${phone}.`,
    startedTitle: 'Appointment has started',
    startedText: (phone: string) =>
      `The appointment has already started and can no longer be cancelled here. Please call us: ${phone}.`,
    invalidTitle: 'Invalid link',
    invalidText: (phone: string) =>
      `This link is not valid. Please use the complete link from your email or call us: ${phone}.`,
    tooManyTitle: 'Too many requests',
    tooManyText: 'Please wait a minute and try again.',
    errorTitle: 'Temporarily unavailable',
    errorText: 'That did not work just now. Please try again in a few minutes.',

    privacyIntro: 'This notice explains what happens to your data when the town hall books a consultation for you.',
    phoneInline: 'phone',
    emailInline: 'email',
    controllerHeading: 'Controller',
    dataProtectionOfficer: 'You reach our data protection officer at the same address.',
    whatHeading: 'What we process and why',
    whatData:
      'Your name and your email address or phone number (one of them, so that we can reach you about changes; for phone consultations the number), your consent to SMS, the service, date, time and type of the appointment, and any note made by the staff member.',
    whatPurpose:
      'Purpose: to arrange and hold your appointment, send you the invitation, changes, cancellation and a reminder (by email, by SMS to your mobile number if you agreed, or by a phone call) and let you move or cancel it through the links in our emails and SMS. SMS do not name your matter when it is confidential. You can stop SMS on the appointment page or by replying STOP.',
    whatBasis:
      'Legal basis: Art. 6(1)(e) GDPR (a task in the public interest, the town hall’s services) together with the applicable state law; where you asked for the appointment, also Art. 6(1)(b) GDPR.',
    whoHeading: 'Who receives it',
    whoStaff: 'The staff of the town hall who handle your matter (in Microsoft Teams and their calendars).',
    whoServices:
      'Our mail service delivers the emails; for video consultations the video service receives the meeting time, not your name. SMS are delivered by our SMS provider as a processor (Art. 28 GDPR) within the EU: it receives your mobile number and the text of the SMS, not your name, and deletes both after delivery.',
    whoNobody: 'Nobody else. There is no tracking on these pages, no cookies and no external resources.',
    howLongHeading: 'How long',
    howLong: (days: number) =>
      `Your name, email address, phone number and the note are removed ${days} days after the appointment, and so is everything about the SMS for the appointment (we do not keep their text). What remains are anonymous figures (service, time, type) for planning.`,
    rightsHeading: 'Your rights',
    rights:
      'You have the right of access, rectification, erasure and restriction of processing, and you may object to the processing (Art. 15–18 and 21 GDPR). Write to us at the address above. You may also complain to the data protection supervisory authority of the state.',

    a11yIntro: (org: string) =>
      `${org} endeavours to make its online services accessible in accordance with the German Disability Equality Act and the Barrier-Free Information Technology Ordinance (BITV 2.0), which implement Directive (EU) 2016/2102.`,
    a11yScope:
      'This statement applies to the pages citizens open from our appointment emails and SMS: cancelling, moving an appointment, switching SMS off, the calendar download, this statement and the privacy notice.',
    complianceHeading: 'Status of compliance',
    compliance:
      'These pages are fully compliant with the requirements of BITV 2.0 (WCAG 2.1 level AA): they work with the keyboard alone, with screen readers and at 200 % zoom, use sufficient contrast and need no scripts.',
    preparedHeading: 'Preparation of this statement',
    prepared: (date: string) =>
      `This statement was prepared on ${date}. The basis is a self-assessment: every page is checked automatically with axe-core in a browser and operated with the keyboard alone in the tests of every software change.`,
    feedbackHeading: 'Feedback and contact',
    feedback:
      'Have you noticed a barrier, or do you need the information in another form? Please contact us; we answer within two weeks.',
    enforcementHeading: 'Enforcement procedure',
    enforcement: (body: string) =>
      `If we do not answer your feedback satisfactorily, you can turn to the body responsible for enforcing accessible information technology for us: ${body}.`,
    enforcementUnknown: (phone: string, mailbox: string) =>
      `If we do not answer your feedback satisfactorily, you can turn to the enforcement or conciliation body for accessible information technology of your federal state (Land). We will gladly tell you which body that is for us and how to reach it: phone ${phone}, email ${mailbox}.`,
    enforcementWeb: 'Web:',
    enforcementEmail: 'Email:',
  },
});
