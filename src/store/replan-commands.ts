import type { ReplanCancelCommand, ReplanCommands, ReplanMoveCommand } from '../app/replan';
import type { Clock } from '../domain/clock';
import { placementOf, type Appointment, type OutboxMessage } from '../domain/types';
import type { AppointmentStore } from './appointments';

/** Staff notices for the appointment as written (the store keys them by its new sequence). */
function notices(next: Appointment, staffIds: readonly string[]): OutboxMessage[] {
  return staffIds.map((staffId) => ({ kind: 'staff-notice', staffId, appointmentId: next.id, event: 'replanned' }));
}

/**
 * Replanning's writes on the appointment store: one Lua step per item, which re-checks the sequence
 * and the target block, and writes the appointment, audit entry and outbox entries together.
 */
export function storeReplanCommands(store: AppointmentStore, clock: Clock): ReplanCommands {
  return {
    replanMove(cmd: ReplanMoveCommand): Promise<Appointment> {
      const { to } = cmd;
      return store.move({
        appointmentId: cmd.appointmentId,
        expectedSequence: cmd.expectedSequence,
        staffId: to.staffId,
        start: to.start,
        end: to.end,
        blockStart: to.blockStart,
        blockEnd: to.blockEnd,
        channel: to.channel,
        ...(cmd.meetingUrl ? { patch: { meetingUrl: cmd.meetingUrl } } : {}),
        audit: {
          at: clock.now(),
          actor: cmd.actor,
          action: 'replanned',
          appointmentId: cmd.appointmentId,
          detail: `${to.staffId} ${to.channel}`,
        },
        outbox: (next, previous) => [
          {
            kind: 'citizen-invitation',
            appointmentId: next.id,
            sequence: next.sequence,
            reason: 'replanned',
            previous: placementOf(previous),
          },
          ...notices(next, cmd.notifyStaff),
        ],
      });
    },
    replanCancel(cmd: ReplanCancelCommand): Promise<Appointment> {
      return store.cancel({
        appointmentId: cmd.appointmentId,
        expectedSequence: cmd.expectedSequence,
        reason: cmd.reason,
        by: 'replan',
        // The absent colleague is told they need not call: who applied the replanning does.
        caller: cmd.actor,
        audit: { at: clock.now(), actor: cmd.actor, action: 'cancelled-by-replan', appointmentId: cmd.appointmentId },
        outbox: (next) => [
          { kind: 'citizen-cancellation', appointmentId: next.id, sequence: next.sequence, reason: 'replan' },
          ...notices(next, cmd.notifyStaff),
        ],
      });
    },
  };
}
