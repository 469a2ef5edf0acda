/**
 * Domain error codes → what a staff member reads. The one place where codes become words for the
 * Teams edge (HTTP and mail have their own).
 */
import type { DomainErrorCode } from '../../domain/errors';
import type { Language } from '../../domain/types';
import { defineCatalog } from '../../i18n/catalog';

export const errorTexts = defineCatalog({
  de: {
    'unknown-service': 'Dieses Anliegen gibt es nicht (mehr).',
    'unknown-staff': 'Diese Person ist nicht im Verzeichnis.',
    'unknown-team': 'Dieses Team gibt es nicht.',
    'channel-not-offered': 'Dieses Anliegen wird auf diesem Weg nicht angeboten.',
    'service-not-offered-by-staff': 'Dieses Anliegen wird von dieser Person nicht angeboten.',
    'slot-in-past': 'Dieser Zeitpunkt liegt in der Vergangenheit.',
    'too-short-notice': 'Für dieses Anliegen ist die Vorlaufzeit zu kurz.',
    'beyond-horizon': 'So weit im Voraus kann dieses Anliegen noch nicht gebucht werden.',
    'invalid-range': 'Der Zeitraum ist ungültig: das Ende liegt vor dem Anfang.',
    'outside-working-hours': 'Diese Zeit liegt außerhalb der Arbeitszeit.',
    'not-on-site': 'Zu dieser Zeit ist kein Dienst vor Ort; bitte Telefon oder Video wählen.',
    'staff-absent': 'An diesem Tag ist die Person abwesend.',
    'slot-taken': 'Diese Zeit ist inzwischen vergeben.',
    'not-offered': 'Zu dieser Uhrzeit wird nichts angeboten. Bitte wählen Sie eine der angebotenen Zeiten.',
    'calendar-not-read':
      'Der Kalender dieser Person konnte noch nicht gelesen werden; ihre Zeiten werden erst danach angeboten. Bitte wählen Sie eine andere Person oder versuchen Sie es in einer Minute noch einmal.',
    'hold-expired': 'Die Reservierung ist abgelaufen.',
    'appointment-not-found': 'Diesen Termin gibt es nicht (mehr).',
    'appointment-not-active': 'Dieser Termin ist bereits abgesagt oder abgeschlossen.',
    'stale-appointment': 'Der Termin wurde inzwischen geändert. Bitte laden Sie die Übersicht neu.',
    'move-limit': 'Dieser Termin wurde schon so oft verschoben, wie online erlaubt ist.',
    'not-allowed': 'Das dürfen Sie nicht: nur die eigene Person oder als Teamleitung das eigene Team.',
    'not-started':
      'Dieser Termin hat noch nicht begonnen. Als erledigt oder nicht erschienen können Sie ihn erst ab seinem Beginn markieren.',
    'contact-missing':
      'Bitte eine E-Mail-Adresse oder eine Telefonnummer angeben: Sonst erreicht die Bürgerin bzw. den Bürger niemand, wenn sich der Termin ändert.',
    'invalid-input': 'Die Eingabe ist unvollständig oder ungültig.',
    /** Any other error. */
    other: 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
  en: {
    'unknown-service': 'This service does not exist (any more).',
    'unknown-staff': 'This person is not in the directory.',
    'unknown-team': 'This team does not exist.',
    'channel-not-offered': 'This service is not offered on this channel.',
    'service-not-offered-by-staff': 'This person does not offer this service.',
    'slot-in-past': 'This time lies in the past.',
    'too-short-notice': 'The notice is too short for this service.',
    'beyond-horizon': 'This service cannot be booked that far ahead yet.',
    'invalid-range': 'The date range is invalid: it ends before it starts.',
    'outside-working-hours': 'This time is outside working hours.',
    'not-on-site': 'Nobody is on site at that time; please choose phone or video.',
    'staff-absent': 'The person is absent on that day.',
    'slot-taken': 'This time has been taken in the meantime.',
    'not-offered': 'Nothing is offered at this time of day. Please choose one of the times offered.',
    'calendar-not-read':
      "This person's calendar could not be read yet; their times are offered only after that. Please choose someone else or try again in a minute.",
    'hold-expired': 'The reservation has expired.',
    'appointment-not-found': 'This appointment does not exist (any more).',
    'appointment-not-active': 'This appointment has already been cancelled or closed.',
    'stale-appointment': 'The appointment has changed in the meantime. Please reload the list.',
    'move-limit': 'This appointment has already been moved as often as allowed online.',
    'not-allowed': 'You may not do this: only for yourself, or for your team as its supervisor.',
    'not-started': 'This appointment has not started yet. You can mark it done or no-show once it has begun.',
    'contact-missing':
      'Please enter an email address or a phone number: otherwise nobody can reach the citizen when the appointment changes.',
    'invalid-input': 'The input is incomplete or invalid.',
    other: 'That did not work. Please try again.',
  },
});

/** Every domain error code has words: the compiler checks this assignment. */
const byCode: Record<Language, Record<DomainErrorCode | 'unknown-team' | 'other', string>> = errorTexts;

export function errorText(code: string, lang: Language): string {
  const texts = byCode[lang];
  return Object.hasOwn(texts, code) ? texts[code as DomainErrorCode] : texts.other;
}
