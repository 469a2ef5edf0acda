/**
 * The buttons of the "citizen declined" notice (src/bot/cards/reply-cards.ts), also of a decline from
 * another address: cancel and free the slot (the ordinary cancel; the citizen's CANCEL mail confirms
 * their own cancellation), keep (the citizen hears by mail that the time stays reserved), or "I'll call".
 * The card is replaced in place by what was done; a notice about an appointment that changed since
 * (moved, cancelled, answered again) changes nothing and says so.
 */
import { displayPhone } from '../../domain/phone';
import { decideAfterDecline } from '../../app/replies';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { isDomainError } from '../../domain/errors';
import type { Appointment, Directory, Language } from '../../domain/types';
import { CANCEL_REASON_TEXT } from '../cards/agenda-cards';
import { declinedDoneCard, type DeclinedView } from '../cards/reply-cards';
import type { BotRouter } from '../commands';
import { cardHandler, type ReplyDecisionStore } from './common';

/** What the notice card shows about an appointment (also used by the outbox when it sends the notice). */
export function declinedView(
  a: Appointment,
  directory: Directory,
  lang: Language,
  from: 'citizen' | 'other-address' = 'citizen',
): DeclinedView {
  const service = indexDirectory(directory).serviceById(a.serviceId);
  const answer = from === 'other-address' ? a.otherReply : a.reply;
  return {
    lang,
    appointmentId: a.id,
    sequence: a.sequence,
    start: a.start,
    channel: a.channel,
    serviceName: service?.name[lang] ?? a.serviceId,
    citizenName: a.citizen.name,
    ...(a.citizen.phone ? { citizenPhone: displayPhone(a.citizen.phone) } : {}),
    citizenEmail: a.citizen.email,
    ...(answer?.comment ? { comment: answer.comment } : {}),
    ...(from === 'other-address' && a.otherReply ? { otherAddress: a.otherReply.from } : {}),
  };
}

/** Whose decline a decision answers: the citizen's own, or one from another address (the card said which). */
function fromOf(a: Appointment): 'citizen' | 'other-address' {
  const own = a.reply?.status === 'declined' && a.reply.sequence === a.sequence;
  return !own && a.otherReply?.sequence === a.sequence ? 'other-address' : 'citizen';
}

export function registerReplyHandlers(router: BotRouter, deps: { clock: Clock; replies: ReplyDecisionStore }): void {
  router.action(
    'reply.decide',
    cardHandler(['reply.decide'], async (turn, a) => {
      const before = await deps.replies.get(a.appointmentId);
      try {
        const after = await decideAfterDecline(
          { directory: turn.directory, clock: deps.clock, store: deps.replies },
          {
            actorId: turn.staff.id,
            appointmentId: a.appointmentId,
            expectedSequence: a.sequence,
            choice: a.choice,
            // The citizen declined: the cancellation says so, in their language.
            reason: before ? CANCEL_REASON_TEXT['citizen-request'][before.citizen.language] : 'citizen-request',
          },
        );
        turn.log.info({ appointmentId: after.id, choice: a.choice }, 'decline answered');
        return declinedDoneCard(declinedView(after, turn.directory, turn.lang, fromOf(before ?? after)), a.choice);
      } catch (e) {
        if (!before || !isDomainError(e) || !['stale-appointment', 'appointment-not-active'].includes(e.code)) throw e;
        return declinedDoneCard(declinedView(before, turn.directory, turn.lang, fromOf(before)), 'stale');
      }
    }),
  );
}
