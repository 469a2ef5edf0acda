/** "Absagen" by staff: frees the block and tells the citizen (CANCEL through the outbox). */
import { DomainError } from '../domain/errors';
import { serviceIdsOf } from '../domain/services';
import type { Appointment, CancelCode } from '../domain/types';
import type { CancelInput } from './ports';
import { assertMayActFor, type BookingDeps } from './book';

export interface CancelStore {
  get(id: string): Promise<Appointment | null>;
  cancel(input: CancelInput): Promise<Appointment>;
}

export async function cancelAppointment(
  deps: Pick<BookingDeps, 'directory' | 'clock'> & { store: CancelStore },
  req: {
    actorId: string;
    appointmentId: string;
    expectedSequence: number;
    /** What the citizen reads as the reason, in their language (stored as cancelReason). */
    reason: string;
    /** The reason chosen on the form: the citizen's mail is worded after it. */
    code?: CancelCode;
    /**
     * The citizen cancelled it themselves (declined the invitation) and the staff member carries it
     * out: their mail confirms their own cancellation instead of announcing one by the town hall.
     */
    citizensOwn?: boolean;
  },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  assertMayActFor(deps.directory, req.actorId, current.staffId, serviceIdsOf(current));
  const reason = req.reason.trim();
  if (!reason) throw new DomainError('invalid-input', 'a reason is required');
  const now = deps.clock.now();
  // Acting for the serving colleague: they are told who cancelled it; the audit names both.
  const forColleague = req.actorId !== current.staffId;
  return deps.store.cancel({
    appointmentId: current.id,
    expectedSequence: req.expectedSequence,
    reason,
    by: 'staff',
    audit: {
      at: now,
      actor: req.actorId,
      action: 'cancelled',
      appointmentId: current.id,
      ...(forColleague ? { staffId: current.staffId } : {}),
    },
    outbox: (next) => [
      {
        kind: 'citizen-cancellation',
        appointmentId: next.id,
        sequence: next.sequence,
        reason: req.citizensOwn ? 'citizen' : 'staff',
        ...(req.code ? { code: req.code } : {}),
      },
      ...(forColleague
        ? [
            {
              kind: 'staff-notice' as const,
              staffId: current.staffId,
              appointmentId: next.id,
              event: 'cancelled-by-colleague' as const,
              by: req.actorId,
            },
          ]
        : []),
    ],
  });
}
