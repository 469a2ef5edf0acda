/**
 * The messages a change sends to reach the citizen beyond the mail: for every invitation or
 * cancellation of a change, an SMS when SMS reach the citizen (booking-rules.ts smsReaches). The
 * store adds them to the change's outbox entries (store/outbox/messages.ts outboxEntries), so they
 * are written in the same atomic step as the change, whichever use case made it.
 */
import { smsReaches } from './booking-rules';
import type { Appointment, OutboxMessage } from './types';

export function reachMessages(messages: readonly OutboxMessage[], written: Appointment): OutboxMessage[] {
  if (written.anonymised || !smsReaches(written.citizen)) return [];
  const out: OutboxMessage[] = [];
  for (const m of messages) {
    if (m.kind === 'citizen-invitation')
      out.push({
        kind: 'citizen-sms',
        appointmentId: m.appointmentId,
        sequence: m.sequence,
        event: m.reason === 'booked' ? 'booked' : 'changed',
        ...(m.previous ? { previous: m.previous } : {}),
      });
    else if (m.kind === 'citizen-cancellation')
      out.push({ kind: 'citizen-sms', appointmentId: m.appointmentId, sequence: m.sequence, event: 'cancelled' });
  }
  return out;
}
