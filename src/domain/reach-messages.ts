/**
 * The messages a change sends to reach the citizen beyond the mail: for every invitation or
 * cancellation of a change, an SMS when SMS reach the citizen (booking-rules.ts smsReaches); when
 * neither mail nor SMS reach them, a call card for the staff member who phones them ("Bitte
 * anrufen", the call list). The store adds them to the change's outbox entries
 * (store/outbox/messages.ts outboxEntries), so they are written in the same atomic step as the
 * change, whichever use case made it.
 */
import { citizenReach, smsReaches } from './booking-rules';
import type { Appointment, OutboxMessage, SmsEvent } from './types';

export interface ReachOptions {
  /**
   * Who phones the citizen when only a call reaches them: the serving staff member by default; a
   * replanning that cancels passes the supervisor who applied it (the absent colleague is told
   * they need not call).
   */
  caller?: string;
}

/**
 * Whether a change needs telling at all: the booking itself was agreed with the citizen (the clerk
 * told them), and a change the citizen made on their own page they know about. Everything staff or
 * a replanning change must reach them.
 */
function changedByStaff(m: OutboxMessage, messages: readonly OutboxMessage[]): boolean {
  if (m.kind === 'citizen-invitation')
    return (
      m.reason !== 'booked' &&
      // The citizen moved it through their link: that change comes with this notice to staff.
      !messages.some((x) => x.kind === 'staff-notice' && x.event === 'citizen-rescheduled')
    );
  if (m.kind === 'citizen-cancellation') return m.reason !== 'citizen';
  return false;
}

export function reachMessages(
  messages: readonly OutboxMessage[],
  written: Appointment,
  options: ReachOptions = {},
): OutboxMessage[] {
  if (written.anonymised) return [];
  const sms = smsReaches(written.citizen);
  const call = citizenReach(written.citizen).call === 'phone';
  if (!sms && !call) return [];
  const out: OutboxMessage[] = [];
  for (const m of messages) {
    if (m.kind !== 'citizen-invitation' && m.kind !== 'citizen-cancellation') continue;
    const event: SmsEvent =
      m.kind === 'citizen-cancellation' ? 'cancelled' : m.reason === 'booked' ? 'booked' : 'changed';
    const previous = m.kind === 'citizen-invitation' ? m.previous : undefined;
    if (sms)
      out.push({
        kind: 'citizen-sms',
        appointmentId: m.appointmentId,
        sequence: m.sequence,
        event,
        ...(previous ? { previous } : {}),
      });
    else if (changedByStaff(m, messages))
      out.push({
        kind: 'staff-call',
        staffId: options.caller ?? written.staffId,
        appointmentId: m.appointmentId,
        sequence: m.sequence,
        event,
        cause: 'no-reach',
        ...(previous ? { previous } : {}),
        at: written.updatedAt,
      });
  }
  return out;
}
