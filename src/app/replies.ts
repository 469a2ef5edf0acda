/**
 * The citizen's answers to an invitation, read from the organisation mailbox (iTIP, RFC 5546):
 *
 * - REPLY ACCEPTED / TENTATIVE: recorded on the appointment (a ✓ or "?" in the staff member's agenda).
 * - REPLY DECLINED: recorded with the citizen's comment, and the staff member is told in Teams at once
 *   (outbox, personal chat) with three buttons: cancel and free the slot (the mail confirms the
 *   citizen's own cancellation), keep it (the citizen is told by mail that the time stays reserved),
 *   or "I'll call" (`decideAfterDecline`).
 * - COUNTER (a proposed other time): the staff member is shown the proposed time and the citizen's
 *   comment with "Vorschlag annehmen" (moved when the time is free: a new REQUEST, SEQUENCE + 1) and
 *   "Ablehnen" (DECLINECOUNTER with the reschedule link), `decideProposal`. At most
 *   AUTO_ANSWERS_PER_DAY such notices per appointment and day (forged COUNTERs must not flood anyone).
 *
 * A REPLY counts only when its UID is an appointment's, its ATTENDEE is that appointment's citizen
 * (whoever sent or forwarded the mail; `fritz@…` answers for `fritz+termin@…`, domain/mailbox-address.ts)
 * and its SEQUENCE is the appointment's current one. A decline whose ATTENDEE is another address is
 * not applied but shown to the staff member, who decides with the same buttons (it may be the
 * citizen's second mailbox). Everything else is ignored and changes nothing. The store applies an
 * answer in one atomic step together with the mail's "done" markers, so a mail read by two instances
 * at once counts once.
 */
import { domainToASCII } from 'node:url';
import { isAppointmentUid } from '../domain/calendar-busy';
import { DomainError } from '../domain/errors';
import { sameMailbox } from '../domain/mailbox-address';
import type { Appointment, CitizenReply } from '../domain/types';
import type { CancelInput } from './ports';
import { assertMayActFor } from './book';
import { cancelAppointment } from './cancel';
import { rescheduleAppointment, type RescheduleStore } from './reschedule';
import type { BookingDeps } from './book';
import type { Clock } from '../domain/clock';
import type { Directory } from '../domain/types';

/** The iTIP content of one mail, as read by src/mailbox. */
export interface ItipAnswer {
  method: 'REPLY' | 'COUNTER';
  uid: string;
  sequence: number;
  /** DTSTAMP (epoch ms), 0 when the client wrote none. */
  stamp: number;
  attendees: { email: string; partstat?: string }[];
  /** What the citizen wrote (COMMENT), cleaned and cut short by src/mailbox. */
  comment?: string;
  /** COUNTER: the time the citizen proposes (epoch ms). */
  proposed?: { start: number; end: number };
}

/** Where a mail came from, for exactly-once processing: its place in the mailbox and its Message-ID. */
export interface MailClaims {
  /** Mailbox + UIDVALIDITY + UID (IMAP) or the file name (REPLY_DIR), hashed. */
  mail: string;
  /** The Message-ID, hashed; absent when the mail has none. */
  messageId?: string;
}

export type IgnoredReason =
  | 'unknown-uid'
  | 'not-attendee'
  | 'no-attendee'
  | 'unsupported-partstat'
  | 'no-proposed-time'
  | 'stale-sequence'
  | 'future-sequence'
  | 'not-active'
  | 'older-reply'
  | 'unreadable-appointment';

/**
 * 'proposal-notice': a COUNTER shown to the staff member with "Vorschlag annehmen" / "Ablehnen".
 * 'capped': a COUNTER over the day's cap of notices per appointment, recorded in the audit and not shown (store/replies.ts).
 * 'other-address': a decline from another address than the invited one, shown to the staff member to decide.
 */
export type ReplyEffect = 'recorded' | 'declined-notice' | 'proposal-notice' | 'capped' | 'other-address' | 'unchanged';

export type ReplyOutcome =
  | { result: 'applied'; appointmentId: string; effect: ReplyEffect; status?: CitizenReply['status'] }
  | { result: 'duplicate'; previous: string }
  | { result: 'ignored'; reason: IgnoredReason };

export interface ApplyReplyInput {
  appointmentId: string;
  uid: string;
  attendee: string;
  method: ItipAnswer['method'];
  /** REPLY only. */
  partstat?: CitizenReply['status'];
  sequence: number;
  stamp: number;
  comment?: string;
  /** COUNTER: the proposed time. */
  proposed?: { start: number; end: number };
  claims: MailClaims;
}

/** Implemented by src/store/replies.ts. */
export interface ReplyRecorder {
  get(id: string): Promise<Appointment | null>;
  /** Checks and applies in one atomic step; marks the claims done whatever the outcome. */
  apply(input: ApplyReplyInput): Promise<ReplyOutcome>;
  /** Marks the claims done for a mail ignored before it reached an appointment. */
  markIgnored(claims: MailClaims): Promise<void>;
  followUp(input: {
    appointmentId: string;
    expectedSequence: number;
    choice: 'keep' | 'call';
    actorId: string;
  }): Promise<Appointment>;
  /**
   * "Ablehnen" on a proposed time: records the decision and queues the DECLINECOUNTER (with the
   * reschedule link) in one step; refused with 'stale-appointment' when no proposal of this version is open.
   */
  declineProposal(input: { appointmentId: string; expectedSequence: number; actorId: string }): Promise<Appointment>;
}

const PARTSTATS: Record<string, CitizenReply['status']> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
};

/** The appointment a UID names, when it is one of ours (`appointmentUid`; the rule lives in calendar-busy). */
export function appointmentIdOfUid(uid: string): string | null {
  if (!isAppointmentUid(uid)) return null;
  const trimmed = uid.trim();
  return trimmed.slice(0, trimmed.indexOf('@'));
}

/** The address with its domain as A-label: `müller.example` and `xn--mller-kva.example` are one domain. */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const ascii = domainToASCII(address.slice(at + 1).trim());
  return ascii ? `${address.slice(0, at)}@${ascii}` : address;
}

/** The same mailbox (case, plus tag), the domain written either way (Unicode or its A-label). */
const sameCitizen = (a: string, b: string): boolean => sameMailbox(a, b) || sameMailbox(asciiDomain(a), asciiDomain(b));

export async function processItipAnswer(
  deps: { store: ReplyRecorder },
  answer: ItipAnswer,
  claims: MailClaims,
): Promise<ReplyOutcome> {
  const ignore = async (reason: IgnoredReason): Promise<ReplyOutcome> => {
    await deps.store.markIgnored(claims);
    return { result: 'ignored', reason };
  };
  const id = appointmentIdOfUid(answer.uid);
  if (!id) return ignore('unknown-uid');
  if (answer.attendees.length === 0) return ignore('no-attendee');
  // The citizen's ATTENDEE line counts (a REPLY may list others too); the store checks it again atomically.
  const current = await deps.store.get(id);
  const citizenEmail = current && !current.anonymised ? current.citizen.email : undefined;
  const matched = answer.attendees.find((a) => citizenEmail !== undefined && sameCitizen(a.email, citizenEmail));
  const attendee = matched ?? answer.attendees[0]!;
  // A COUNTER is a proposed time: one that names none gives the staff member nothing to decide.
  if (answer.method === 'COUNTER' && !answer.proposed) return ignore('no-proposed-time');
  let partstat: CitizenReply['status'] | undefined;
  if (answer.method === 'REPLY') {
    partstat = PARTSTATS[(attendee.partstat ?? '').toUpperCase()];
    if (!partstat) return ignore('unsupported-partstat');
  }
  return deps.store.apply({
    appointmentId: id,
    uid: answer.uid,
    // Matched here (case in any script, a plus tag, the other form of an internationalised domain): the
    // store is given the address it has, as its script lowercases only ASCII and knows no IDNA. It still
    // compares that address with the one stored, so a change of the citizen's address since refuses it.
    attendee: matched && citizenEmail ? citizenEmail : attendee.email,
    method: answer.method,
    ...(partstat ? { partstat } : {}),
    sequence: answer.sequence,
    stamp: answer.stamp,
    ...(answer.comment ? { comment: answer.comment } : {}),
    ...(answer.proposed ? { proposed: answer.proposed } : {}),
    claims,
  });
}

export type DeclineChoice = 'cancel' | 'keep' | 'call';

/**
 * The staff member's answer to "the citizen declined": cancel (frees the slot, CANCEL mail to the
 * citizen), keep, or call. Refused with 'stale-appointment' when the appointment changed since the notice.
 */
export async function decideAfterDecline(
  deps: {
    directory: Directory;
    clock: Clock;
    store: ReplyRecorder & { cancel(input: CancelInput): Promise<Appointment> };
  },
  req: { actorId: string; appointmentId: string; expectedSequence: number; choice: DeclineChoice; reason: string },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  assertMayActFor(deps.directory, req.actorId, current.staffId);
  if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
  if (current.sequence !== req.expectedSequence) throw new DomainError('stale-appointment', req.appointmentId);
  if (req.choice === 'cancel')
    return cancelAppointment(
      { directory: deps.directory, clock: deps.clock, store: deps.store },
      {
        actorId: req.actorId,
        appointmentId: req.appointmentId,
        expectedSequence: req.expectedSequence,
        reason: req.reason,
        code: 'citizen-request',
        citizensOwn: true,
      },
    );
  return deps.store.followUp({
    appointmentId: req.appointmentId,
    expectedSequence: req.expectedSequence,
    choice: req.choice,
    actorId: req.actorId,
  });
}

export type ProposalChoice = 'accept' | 'decline';

/**
 * The staff member's answer to a proposed time (iTIP COUNTER). "Vorschlag annehmen" moves the
 * appointment to the time the card showed through the ordinary move (checked like any booking: free,
 * in working hours, not in an absence; the citizen gets the new REQUEST with SEQUENCE + 1). "Ablehnen"
 * sends the DECLINECOUNTER. Refused with 'stale-appointment' when the appointment changed since the notice.
 */
export async function decideProposal(
  deps: Pick<BookingDeps, 'directory' | 'clock' | 'absences' | 'calendars'> & {
    store: Pick<ReplyRecorder, 'get' | 'declineProposal'> & RescheduleStore;
  },
  req: { actorId: string; appointmentId: string; expectedSequence: number; start: number; choice: ProposalChoice },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  assertMayActFor(deps.directory, req.actorId, current.staffId);
  if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
  if (current.sequence !== req.expectedSequence || current.proposal?.sequence !== current.sequence)
    throw new DomainError('stale-appointment', req.appointmentId);
  if (req.choice === 'decline')
    return deps.store.declineProposal({
      appointmentId: req.appointmentId,
      expectedSequence: req.expectedSequence,
      actorId: req.actorId,
    });
  return rescheduleAppointment(deps, {
    actorId: req.actorId,
    appointmentId: req.appointmentId,
    expectedSequence: req.expectedSequence,
    start: req.start,
  });
}
