/** "Erledigt" / "Nicht erschienen": only for a booked appointment that has started. */
import { validateOutcome } from '../domain/booking-rules';
import { DomainError } from '../domain/errors';
import { serviceIdsOf } from '../domain/services';
import type { Appointment } from '../domain/types';
import type { OutcomeInput } from './ports';
import { assertMayActFor, type BookingDeps } from './book';

export interface OutcomeStore {
  get(id: string): Promise<Appointment | null>;
  markOutcome(input: OutcomeInput): Promise<Appointment>;
}

export async function markOutcome(
  deps: Pick<BookingDeps, 'directory' | 'clock'> & { store: OutcomeStore },
  req: { actorId: string; appointmentId: string; expectedSequence: number; outcome: 'completed' | 'no-show' },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  assertMayActFor(deps.directory, req.actorId, current.staffId, serviceIdsOf(current));
  if (current.sequence !== req.expectedSequence) throw new DomainError('stale-appointment', req.appointmentId);
  const now = deps.clock.now();
  validateOutcome(current, now);
  // Recorded for the serving colleague: they are told who did it; the audit names both.
  const forColleague = req.actorId !== current.staffId;
  return deps.store.markOutcome({
    appointmentId: current.id,
    outcome: req.outcome,
    audit: {
      at: now,
      actor: req.actorId,
      action: req.outcome,
      appointmentId: current.id,
      ...(forColleague ? { staffId: current.staffId } : {}),
    },
    ...(forColleague
      ? {
          outbox: [
            {
              kind: 'staff-notice' as const,
              staffId: current.staffId,
              appointmentId: current.id,
              event:
                req.outcome === 'completed' ? ('completed-by-colleague' as const) : ('no-show-by-colleague' as const),
              by: req.actorId,
            },
          ],
        }
      : {}),
  });
}
