/**
 * Use case: the citizen cancels through the link in their mail. One atomic store step cancels,
 * audits ("citizen") and queues the CANCEL for the citizen and the notice for the staff member.
 */
import type { Appointment } from '../domain/types';
import type { Clock } from '../domain/clock';
import type { CancelInput, CitizenCanceller } from './ports';

export class StoreCitizenCanceller implements CitizenCanceller {
  constructor(
    private readonly store: { cancel(input: CancelInput): Promise<Appointment> },
    private readonly clock: Clock,
  ) {}

  cancelByCitizen(appointmentId: string): Promise<Appointment> {
    return this.store.cancel({
      appointmentId,
      by: 'citizen',
      audit: { at: this.clock.now(), actor: 'citizen', action: 'cancel', appointmentId, detail: 'cancel link' },
      outbox: (next) => [
        { kind: 'citizen-cancellation', appointmentId, sequence: next.sequence, reason: 'citizen' },
        { kind: 'staff-notice', staffId: next.staffId, appointmentId, event: 'citizen-cancelled' },
      ],
    });
  }
}
