/** "Verschieben": moves an appointment to a new time with the same staff member and channel. */
import { validateBooking } from '../domain/booking-rules';
import { DomainError } from '../domain/errors';
import { localDateOf } from '../domain/time';
import type { Appointment } from '../domain/types';
import type { MoveInput } from './ports';
import { assertMayActFor, type BookingDeps } from './book';

export interface RescheduleStore {
  get(id: string): Promise<Appointment | null>;
  move(input: MoveInput): Promise<Appointment>;
}

export async function rescheduleAppointment(
  deps: Pick<BookingDeps, 'directory' | 'clock' | 'absences'> & { store: RescheduleStore },
  req: { actorId: string; appointmentId: string; expectedSequence: number; start: number },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  assertMayActFor(deps.directory, req.actorId, current.staffId);
  if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
  if (current.sequence !== req.expectedSequence) throw new DomainError('stale-appointment', req.appointmentId);
  const now = deps.clock.now();
  const day = localDateOf(req.start);
  const absences = await deps.absences.listOverlapping(day, day);
  const v = validateBooking(
    { directory: deps.directory, absences, now },
    { serviceId: current.serviceId, staffId: current.staffId, channel: current.channel, start: req.start },
  );
  return deps.store.move({
    appointmentId: current.id,
    expectedSequence: req.expectedSequence,
    staffId: current.staffId,
    start: v.start,
    end: v.end,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    channel: current.channel,
    holder: req.actorId,
    audit: { at: now, actor: req.actorId, action: 'rescheduled', appointmentId: current.id },
    outbox: (next) => [
      { kind: 'citizen-invitation', appointmentId: next.id, sequence: next.sequence, reason: 'rescheduled' },
    ],
  });
}
