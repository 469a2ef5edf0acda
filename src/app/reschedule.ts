/**
 * "Verschieben": moves an appointment to a new time, with the same staff member or (pooled
 * rescheduling, "earliest with anyone") with a colleague the clerk may book who offers its
 * service(s). One atomic Lua step either way (src/store/lua/move-1.lua; all keys share the deployment's hash tag).
 */
import { DomainError } from '../domain/errors';
import { serviceIdsOf } from '../domain/services';
import { placementOf, type Appointment } from '../domain/types';
import type { MoveInput } from './ports';
import { assertMayActFor, checkCalendar, validateOnItsDay, type BookingDeps } from './book';

export interface RescheduleStore {
  get(id: string): Promise<Appointment | null>;
  move(input: MoveInput): Promise<Appointment>;
}

export async function rescheduleAppointment(
  deps: Pick<BookingDeps, 'directory' | 'clock' | 'absences' | 'calendars'> & { store: RescheduleStore },
  req: {
    actorId: string;
    appointmentId: string;
    expectedSequence: number;
    start: number;
    /** Move to this colleague (default: the same staff member). */
    staffId?: string;
    /** The clerk's hold on the new time (a booking turned into this move): dropped in the same step. */
    holdToken?: string;
  },
): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current) throw new DomainError('appointment-not-found', req.appointmentId);
  const ids = serviceIdsOf(current);
  assertMayActFor(deps.directory, req.actorId, current.staffId, ids);
  const staffId = req.staffId ?? current.staffId;
  if (staffId !== current.staffId) assertMayActFor(deps.directory, req.actorId, staffId, ids);
  if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
  if (current.sequence !== req.expectedSequence) throw new DomainError('stale-appointment', req.appointmentId);
  const now = deps.clock.now();
  const v = await validateOnItsDay(deps, now, {
    serviceId: ids[0]!,
    ...(ids.length > 1 ? { serviceIds: ids } : {}),
    staffId,
    channel: current.channel,
    start: req.start,
  });
  const handedOver = staffId !== current.staffId;
  // Acting for the serving colleague: they are told who did it; the audit names both.
  const forColleague = req.actorId !== current.staffId;
  // Just in time, as for a hold: a meeting entered in Outlook since the last sync blocks the move.
  await checkCalendar(deps.calendars, staffId, { start: v.blockStart, end: v.blockEnd });
  return deps.store.move({
    appointmentId: current.id,
    expectedSequence: req.expectedSequence,
    staffId,
    start: v.start,
    end: v.end,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    channel: current.channel,
    holder: req.actorId,
    ...(req.holdToken ? { holdToken: req.holdToken } : {}),
    audit: {
      at: now,
      actor: req.actorId,
      action: 'rescheduled',
      appointmentId: current.id,
      ...(handedOver ? { detail: `${current.staffId} -> ${staffId}` } : {}),
      ...(forColleague ? { staffId: current.staffId } : {}),
    },
    outbox: (next, previous) => [
      {
        kind: 'citizen-invitation',
        appointmentId: next.id,
        sequence: next.sequence,
        reason: 'rescheduled',
        previous: placementOf(previous),
      },
      // The serving colleague, when someone else moved it: who, from when to when (or to whom).
      ...(forColleague
        ? [
            {
              kind: 'staff-notice' as const,
              staffId: current.staffId,
              appointmentId: next.id,
              event: 'moved-by-colleague' as const,
              previous: placementOf(previous),
              by: req.actorId,
            },
          ]
        : handedOver
          ? [
              {
                kind: 'staff-notice' as const,
                staffId: current.staffId,
                appointmentId: next.id,
                event: 'replanned' as const,
              },
            ]
          : []),
      // Handed over: the new colleague learns that it was booked for them, and by whom.
      ...(handedOver && staffId !== req.actorId
        ? [
            {
              kind: 'staff-notice' as const,
              staffId,
              appointmentId: next.id,
              event: 'booked-for-you' as const,
              by: req.actorId,
            },
          ]
        : []),
    ],
  });
}
