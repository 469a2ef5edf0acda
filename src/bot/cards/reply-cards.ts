/**
 * The card a staff member gets in their personal chat when a citizen declined the invitation
 * (sent proactively through the outbox), and what it turns into once a button was pressed.
 * Only ever sent to the staff member's personal conversation: it names the citizen.
 */
import type { Channel, Language } from '../../domain/types';
import { card, execute, facts, subtle, text, title, type AdaptiveCard, type Element } from './ac';
import { formatDateTime } from '../../i18n/dates';
import { channelWithIcon } from './format';
import { cardTexts } from './card-texts';
import { replyTexts } from './reply-texts';

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
  /** What the citizen wrote with the decline. */
  comment?: string;
  /** The decline came from this other address (not the invited one): the staff member judges it. */
  otherAddress?: string;
}

export type DeclineDecision = 'cancel' | 'keep' | 'call';

export function declinedNoticeCard(v: DeclinedView): AdaptiveCard {
  const { lang } = v;
  const T = replyTexts[lang];
  const C = cardTexts[lang];
  const base = { verb: 'reply.decide' as const, appointmentId: v.appointmentId, sequence: v.sequence };
  return card(
    [
      title(v.otherAddress ? T.otherTitle : T.title),
      text(
        v.otherAddress
          ? T.otherDeclined(v.otherAddress, v.citizenName, v.citizenEmail ?? '–')
          : T.declined(v.citizenName),
        { wrap: true },
      ),
      facts([
        [C.when, formatDateTime(v.start, lang)],
        [C.service, v.serviceName],
        [C.channel, channelWithIcon(v.channel, lang)],
        [C.phone, v.citizenPhone],
        [C.email, v.citizenEmail],
        [T.comment, v.comment && `„${v.comment}“`],
      ]),
      subtle(T.whatToDo),
    ],
    [
      execute(T.cancelAndFree, { ...base, choice: 'cancel' }, { style: 'destructive', associatedInputs: 'none' }),
      execute(T.keep, { ...base, choice: 'keep' }, { associatedInputs: 'none' }),
      execute(T.call, { ...base, choice: 'call' }, { associatedInputs: 'none' }),
    ],
  );
}

/** The notice after a decision: no buttons left, what was done. */
export function declinedDoneCard(v: DeclinedView, decision: DeclineDecision | 'stale'): AdaptiveCard {
  const { lang } = v;
  const T = replyTexts[lang];
  const C = cardTexts[lang];
  const outcome: Record<DeclineDecision | 'stale', string> = {
    cancel: T.cancelled,
    keep: v.citizenEmail ? T.keptMailed(v.citizenName) : T.kept,
    call: T.willCall,
    stale: T.stale,
  };
  return card([
    title(v.otherAddress ? T.otherTitle : T.title),
    facts([
      [C.when, formatDateTime(v.start, lang)],
      [C.citizen, v.citizenName],
      [C.service, v.serviceName],
    ]),
    text(outcome[decision], { wrap: true, weight: 'Bolder' }),
  ]);
}

/** A proposed new time (iTIP COUNTER) as the staff member's card shows it. */
export interface ProposalView {
  lang: Language;
  appointmentId: string;
  sequence: number;
  start: number;
  proposedStart: number;
  channel: Channel;
  serviceName: string;
  citizenName: string;
  citizenPhone?: string;
  comment?: string;
}

export type ProposalOutcome = 'accepted' | 'declined' | 'stale';

function proposalFacts(v: ProposalView): Element {
  const T = replyTexts[v.lang];
  const C = cardTexts[v.lang];
  return facts([
    [T.now, formatDateTime(v.start, v.lang)],
    [T.proposal, formatDateTime(v.proposedStart, v.lang)],
    [C.service, v.serviceName],
    [C.channel, channelWithIcon(v.channel, v.lang)],
    [C.phone, v.citizenPhone],
    [T.comment, v.comment && `„${v.comment}“`],
  ]);
}

/** "Neuer Terminvorschlag": the proposed time and the comment, to accept (move if free) or decline; `notice` after a refused move. */
export function proposalNoticeCard(v: ProposalView, notice?: string): AdaptiveCard {
  const T = replyTexts[v.lang];
  const base = {
    verb: 'reply.proposal' as const,
    appointmentId: v.appointmentId,
    sequence: v.sequence,
    start: v.proposedStart,
  };
  return card(
    [
      title(T.proposalTitle),
      ...(notice ? [text(notice, { wrap: true, weight: 'Bolder', color: 'Attention' })] : []),
      text(T.proposed(v.citizenName), { wrap: true }),
      proposalFacts(v),
    ],
    [
      execute(T.accept, { ...base, choice: 'accept' }, { style: 'positive', associatedInputs: 'none' }),
      execute(T.decline, { ...base, choice: 'decline' }, { associatedInputs: 'none' }),
    ],
  );
}

/** The proposal card after a decision: no buttons left, what was done (`movedTo`: the new start). */
export function proposalDoneCard(v: ProposalView, outcome: ProposalOutcome, movedTo?: number): AdaptiveCard {
  const T = replyTexts[v.lang];
  const said: Record<ProposalOutcome, string> = {
    accepted: T.accepted(formatDateTime(movedTo ?? v.proposedStart, v.lang), v.citizenName),
    declined: T.declinedProposal(v.citizenName),
    stale: T.stale,
  };
  return card([title(T.proposalTitle), proposalFacts(v), text(said[outcome], { wrap: true, weight: 'Bolder' })]);
}
