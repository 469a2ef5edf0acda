/**
 * The buttons of the "citizen declined" notice (src/bot/cards/reply-cards.ts), also of a decline from
 * another address: cancel and free the slot (the ordinary cancel; the citizen's CANCEL mail confirms
 * their own cancellation), keep (the citizen hears by mail that the time stays reserved), or "I'll call".
 * The card is replaced in place by what was done; a notice about an appointment that changed since
 * (moved, cancelled, answered again) changes nothing and says so.
 */
import { displayPhone } from '../../domain/phone';
import { decideAfterDecline, decideProposal } from '../../app/replies';
import type { AbsenceReader, CalendarCheck } from '../../app/ports';
import type { RescheduleStore } from '../../app/reschedule';
import { errorText } from '../cards/errors';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { isDomainError } from '../../domain/errors';
import type { Appointment, Directory, Language } from '../../domain/types';
import { CANCEL_REASON_TEXT } from '../cards/agenda-cards';
import {
  declinedDoneCard,
  proposalDoneCard,
  proposalNoticeCard,
  type DeclinedView,
  type ProposalView,
} from '../cards/reply-cards';
import type { BotRouter } from '../commands';
import { cardHandler, type ReplyDecisionStore } from './common';
import { replyTexts } from '../cards/reply-texts';

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

/** What the proposal card shows: the current and the proposed time (also used by the outbox when it sends the notice). */
export function proposalView(a: Appointment, directory: Directory, lang: Language): ProposalView {
  const service = indexDirectory(directory).serviceById(a.serviceId);
  return {
    lang,
    appointmentId: a.id,
    sequence: a.sequence,
    start: a.start,
    proposedStart: a.proposal?.start ?? a.start,
    channel: a.channel,
    serviceName: service?.name[lang] ?? a.serviceId,
    citizenName: a.citizen.name,
    ...(a.citizen.phone ? { citizenPhone: displayPhone(a.citizen.phone) } : {}),
    ...(a.proposal?.comment ? { comment: a.proposal.comment } : {}),
  };
}

/** Why a proposed time cannot be taken: the booking rules' refusals, shown on the card (which keeps its buttons). */
const NOT_FREE = [
  'slot-taken',
  'slot-in-past',
  'too-short-notice',
  'outside-working-hours',
  'staff-absent',
  'not-on-site',
  'invalid-input',
];

export function registerReplyHandlers(
  router: BotRouter,
  deps: {
    clock: Clock;
    replies: ReplyDecisionStore;
    /** For "Vorschlag annehmen": the ordinary move, checked like any booking. */
    moves: RescheduleStore;
    absences: AbsenceReader;
    calendars?: CalendarCheck;
  },
): void {
  router.action(
    'reply.proposal',
    cardHandler(['reply.proposal'], async (turn, a) => {
      const before = await deps.replies.get(a.appointmentId);
      // The card as it was sent (the time it showed), also when the appointment changed since.
      const view = (x: Appointment): ProposalView => ({
        ...proposalView(x, turn.directory, turn.lang),
        sequence: a.sequence,
        proposedStart: a.start,
      });
      try {
        const after = await decideProposal(
          {
            directory: turn.directory,
            clock: deps.clock,
            absences: deps.absences,
            ...(deps.calendars ? { calendars: deps.calendars } : {}),
            store: {
              get: (id) => deps.replies.get(id),
              declineProposal: (input) => deps.replies.declineProposal(input),
              move: (input) => deps.moves.move(input),
            },
          },
          {
            actorId: turn.staff.id,
            appointmentId: a.appointmentId,
            expectedSequence: a.sequence,
            start: a.start,
            choice: a.choice,
          },
        );
        turn.log.info({ appointmentId: after.id, choice: a.choice, sequence: after.sequence }, 'proposal answered');
        return proposalDoneCard(
          { ...view(before ?? after), start: (before ?? after).start },
          a.choice === 'accept' ? 'accepted' : 'declined',
          after.start,
        );
      } catch (e) {
        if (!before || !isDomainError(e)) throw e;
        if (a.choice === 'accept' && NOT_FREE.includes(e.code))
          return proposalNoticeCard(view(before), replyTexts[turn.lang].notFree(errorText(e.code, turn.lang)));
        if (!['stale-appointment', 'appointment-not-active'].includes(e.code)) throw e;
        return proposalDoneCard(view(before), 'stale');
      }
    }),
  );

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
