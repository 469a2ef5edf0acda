/**
 * Domain error codes → what a staff member reads. The one place where codes become words for the
 * Teams edge (HTTP and mail have their own).
 */
import type { DomainErrorCode } from '../../domain/errors';
import type { Language } from '../../domain/types';

type Texts = { de: string; en: string };

export const ERROR_TEXTS: Record<DomainErrorCode | 'unknown-team', Texts> = {
  'unknown-service': { de: 'Dieses Anliegen gibt es nicht (mehr).', en: 'This service does not exist (any more).' },
  'unknown-staff': { de: 'Diese Person ist nicht im Verzeichnis.', en: 'This person is not in the directory.' },
  'unknown-team': { de: 'Dieses Team gibt es nicht.', en: 'This team does not exist.' },
  'channel-not-offered': {
    de: 'Dieses Anliegen wird auf diesem Weg nicht angeboten.',
    en: 'This service is not offered on this channel.',
  },
  'service-not-offered-by-staff': {
    de: 'Dieses Anliegen wird von dieser Person nicht angeboten.',
    en: 'This person does not offer this service.',
  },
  'slot-in-past': { de: 'Dieser Zeitpunkt liegt in der Vergangenheit.', en: 'This time lies in the past.' },
  'too-short-notice': {
    de: 'Für dieses Anliegen ist die Vorlaufzeit zu kurz.',
    en: 'The notice is too short for this service.',
  },
  'beyond-horizon': {
    de: 'So weit im Voraus kann dieses Anliegen noch nicht gebucht werden.',
    en: 'This service cannot be booked that far ahead yet.',
  },
  'invalid-range': {
    de: 'Der Zeitraum ist ungültig: das Ende liegt vor dem Anfang.',
    en: 'The date range is invalid: it ends before it starts.',
  },
  'outside-working-hours': {
    de: 'Diese Zeit liegt außerhalb der Arbeitszeit.',
    en: 'This time is outside working hours.',
  },
  'not-on-site': {
    de: 'Zu dieser Zeit ist kein Dienst vor Ort; bitte Telefon oder Video wählen.',
    en: 'Nobody is on site at that time; please choose phone or video.',
  },
  'staff-absent': { de: 'An diesem Tag ist die Person abwesend.', en: 'The person is absent on that day.' },
  'slot-taken': { de: 'Diese Zeit ist inzwischen vergeben.', en: 'This time has been taken in the meantime.' },
  'hold-expired': { de: 'Die Reservierung ist abgelaufen.', en: 'The reservation has expired.' },
  'appointment-not-found': {
    de: 'Diesen Termin gibt es nicht (mehr).',
    en: 'This appointment does not exist (any more).',
  },
  'appointment-not-active': {
    de: 'Dieser Termin ist bereits abgesagt oder abgeschlossen.',
    en: 'This appointment has already been cancelled or closed.',
  },
  'stale-appointment': {
    de: 'Der Termin wurde inzwischen geändert. Bitte laden Sie die Übersicht neu.',
    en: 'The appointment has changed in the meantime. Please reload the list.',
  },
  'move-limit': {
    de: 'Dieser Termin wurde schon so oft verschoben, wie online erlaubt ist.',
    en: 'This appointment has already been moved as often as allowed online.',
  },
  'not-allowed': {
    de: 'Das dürfen Sie nicht: nur die eigene Person oder als Teamleitung das eigene Team.',
    en: 'You may not do this: only for yourself, or for your team as its supervisor.',
  },
  'not-started': {
    de: 'Dieser Termin hat noch nicht begonnen. Als erledigt oder nicht erschienen können Sie ihn erst ab seinem Beginn markieren.',
    en: 'This appointment has not started yet. You can mark it done or no-show once it has begun.',
  },
  'invalid-input': { de: 'Die Eingabe ist unvollständig oder ungültig.', en: 'The input is incomplete or invalid.' },
};

export function errorText(code: string, lang: Language): string {
  const t = (ERROR_TEXTS as Record<string, Texts | undefined>)[code];
  return t
    ? t[lang]
    : lang === 'de'
      ? 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.'
      : 'That did not work. Please try again.';
}
