/**
 * The call list's cards: "Bitte anrufen" in the staff member's personal chat (sent proactively
 * through the outbox), what it turns into after "Erreicht" / "Nicht erreicht – später nochmal", and
 * the open calls on top of the agenda. Personal chats only: they name the citizen and their number.
 */
import type { CallCause, Channel, Language, SmsEvent } from '../../domain/types';
import { formatDateTime, formatTime } from '../../i18n/dates';
import {
  actionRows,
  card,
  container,
  execute,
  facts,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Element,
} from './ac';
import type { ActionData } from './actions';
import { callTexts } from './call-texts';
import { cardTexts } from './card-texts';
import { channelWithIcon } from './format';

export interface CallView {
  lang: Language;
  appointmentId: string;
  /** The appointment's sequence the call is about (the buttons carry it). */
  sequence: number;
  tries: number;
  lastTryAt?: number;
  event: SmsEvent;
  cause: CallCause;
  citizenName: string;
  /** As staff read it out ("05137 12345"). */
  citizenPhone: string;
  start: number;
  channel: Channel;
  serviceName: string;
  /** A move: when it was before. */
  previousStart?: number;
  /** A change of channel alone (same time): what it was before. */
  previousChannel?: Channel;
  /** A cancellation: the reason the citizen is to hear. */
  cancelReason?: string;
  reference?: string;
}

/** "Termin verlegt auf Mo., 21. Dez. 2026, 08:00 Uhr" (or "Termin jetzt 📞 Telefon: …"): what to tell the citizen. */
export function callWhat(v: CallView): string {
  const T = callTexts[v.lang];
  const when = formatDateTime(v.start, v.lang);
  if (v.event === 'changed' && v.previousStart === undefined && v.previousChannel && v.previousChannel !== v.channel)
    return T.nowBy(channelWithIcon(v.channel, v.lang), when);
  return T.what(v.event, when);
}

function callFacts(v: CallView): Element {
  const T = callTexts[v.lang];
  const C = cardTexts[v.lang];
  return facts([
    [T.before, v.previousStart !== undefined ? formatDateTime(v.previousStart, v.lang) : undefined],
    [C.service, v.serviceName],
    [C.channel, channelWithIcon(v.channel, v.lang)],
    [T.reason, v.cancelReason],
    [C.reference, v.reference],
  ]);
}

/** Where the buttons were pressed when on the agenda: it answers with that agenda again. */
type AgendaOrigin = Pick<Extract<ActionData, { verb: 'call.mark' }>, 'range' | 'forStaffId'>;

function buttons(v: CallView, origin: AgendaOrigin = {}): Element[] {
  const T = callTexts[v.lang];
  const base = {
    verb: 'call.mark' as const,
    appointmentId: v.appointmentId,
    sequence: v.sequence,
    tries: v.tries,
    ...origin,
  };
  const none = { associatedInputs: 'none' as const };
  return actionRows(
    [
      execute(T.reached, { ...base, outcome: 'reached' }, { ...none, style: 'positive' }),
      execute(T.notReached, { ...base, outcome: 'retry' }, none),
    ],
    { spacing: 'Small' },
  );
}

function triesLine(v: CallView): Element | undefined {
  if (v.tries === 0) return undefined;
  return subtle(callTexts[v.lang].tries(v.tries, v.lastTryAt === undefined ? undefined : formatTime(v.lastTryAt)));
}

/** The card with the buttons; `notice` on top says what just happened (e.g. "not reached" noted). */
export function callCard(v: CallView, notice?: string): AdaptiveCard {
  const T = callTexts[v.lang];
  return card([
    title(T.title),
    notice ? container([text(notice, { wrap: true, weight: 'Bolder' })], { style: 'good' }) : undefined,
    text(T.who(v.citizenName, v.citizenPhone), { weight: 'Bolder', wrap: true, size: 'Medium' }),
    text(callWhat(v), { wrap: true }),
    callFacts(v),
    subtle(T.why(v.cause)),
    triesLine(v),
    ...buttons(v),
  ]);
}

/** After "Erreicht" (or a card whose call is closed or whose appointment is gone): no buttons left. */
export function callDoneCard(
  lang: Language,
  v: CallView | undefined,
  outcome: 'reached' | 'done' | 'gone',
): AdaptiveCard {
  const T = callTexts[lang];
  const said = outcome === 'reached' ? T.doneReached : outcome === 'done' ? T.alreadyDone : T.gone;
  return card([
    title(T.title),
    v ? text(T.who(v.citizenName, v.citizenPhone), { weight: 'Bolder', wrap: true }) : undefined,
    v ? text(callWhat(v), { wrap: true, isSubtle: true }) : undefined,
    text(said, { wrap: true, weight: 'Bolder', color: outcome === 'gone' ? 'Default' : 'Good' }),
  ]);
}

/** The open calls on top of the agenda: who, what to say, the two buttons; `more` beyond those shown. */
export function callListBlock(
  lang: Language,
  calls: readonly CallView[],
  total: number,
  origin: AgendaOrigin,
): Element[] {
  if (calls.length === 0) return [];
  const T = callTexts[lang];
  return [
    container(
      [
        text(T.openCalls(total), { weight: 'Bolder', color: 'Attention' }),
        ...calls.flatMap((v) => [
          text(T.who(v.citizenName, v.citizenPhone), { weight: 'Bolder', wrap: true, spacing: 'Medium' }),
          text(callWhat(v), { wrap: true, size: 'Small', spacing: 'None' }),
          triesLine(v),
          ...buttons(v, origin),
        ]),
        total > calls.length ? subtle(T.moreCalls(total - calls.length)) : undefined,
      ],
      { style: 'attention', spacing: 'Medium' },
    ),
  ];
}
