/**
 * The card a staff member gets in their personal chat when a citizen declined the invitation
 * (sent proactively through the outbox), and what it turns into once a button was pressed.
 * Only ever sent to the staff member's personal conversation: it names the citizen.
 */
import type { Channel, Language } from '../../domain/types';
import { card, execute, facts, subtle, text, title, type AdaptiveCard } from './ac';
import { channelWithIcon, formatDateTime, tr } from './format';

export interface DeclinedView {
  lang: Language;
  appointmentId: string;
  sequence: number;
  start: number;
  channel: Channel;
  serviceName: string;
  citizenName: string;
  citizenPhone?: string;
  citizenEmail?: string;
}

export type DeclineDecision = 'cancel' | 'keep' | 'call';

export function declinedNoticeCard(v: DeclinedView): AdaptiveCard {
  const { lang } = v;
  const base = { verb: 'reply.decide' as const, appointmentId: v.appointmentId, sequence: v.sequence };
  return card(
    [
      title(tr(lang, 'Termin abgelehnt', 'Appointment declined')),
      text(
        tr(
          lang,
          `${v.citizenName} hat die Einladung in ihrem/seinem Kalender abgelehnt. Der Termin ist noch gebucht.`,
          `${v.citizenName} declined the invitation in their calendar. The appointment is still booked.`,
        ),
        { wrap: true },
      ),
      facts([
        [tr(lang, 'Termin', 'When'), formatDateTime(v.start, lang)],
        [tr(lang, 'Anliegen', 'Service'), v.serviceName],
        [tr(lang, 'Kanal', 'Channel'), channelWithIcon(v.channel, lang)],
        [tr(lang, 'Telefon', 'Phone'), v.citizenPhone],
        [tr(lang, 'E-Mail', 'Email'), v.citizenEmail],
      ]),
      subtle(tr(lang, 'Was möchten Sie tun?', 'What would you like to do?')),
    ],
    [
      execute(
        tr(lang, 'Absagen und Zeit freigeben', 'Cancel and free the slot'),
        { ...base, choice: 'cancel' },
        { style: 'destructive', associatedInputs: 'none' },
      ),
      execute(tr(lang, 'Termin behalten', 'Keep it'), { ...base, choice: 'keep' }, { associatedInputs: 'none' }),
      execute(tr(lang, 'Ich rufe an', "I'll call"), { ...base, choice: 'call' }, { associatedInputs: 'none' }),
    ],
  );
}

/** The notice after a decision: no buttons left, what was done. */
export function declinedDoneCard(v: DeclinedView, decision: DeclineDecision | 'stale'): AdaptiveCard {
  const { lang } = v;
  const outcome: Record<DeclineDecision | 'stale', string> = {
    cancel: tr(
      lang,
      'Abgesagt, die Zeit ist wieder frei. Die Absage geht per E-Mail an die Bürgerin / den Bürger.',
      'Cancelled, the time is free again. The citizen gets the cancellation by email.',
    ),
    keep: tr(lang, 'Der Termin bleibt bestehen.', 'The appointment stays as it is.'),
    call: tr(
      lang,
      'Vermerkt: Sie rufen an. Der Termin bleibt bis dahin gebucht.',
      'Noted: you will call. The appointment stays booked until then.',
    ),
    stale: tr(
      lang,
      'Der Termin wurde inzwischen geändert oder abgesagt; hier ist nichts mehr zu tun.',
      'The appointment has changed or been cancelled meanwhile; nothing left to do here.',
    ),
  };
  return card([
    title(tr(lang, 'Termin abgelehnt', 'Appointment declined')),
    facts([
      [tr(lang, 'Termin', 'When'), formatDateTime(v.start, lang)],
      [tr(lang, 'Bürger/in', 'Citizen'), v.citizenName],
      [tr(lang, 'Anliegen', 'Service'), v.serviceName],
    ]),
    text(outcome[decision], { wrap: true, weight: 'Bolder' }),
  ]);
}
