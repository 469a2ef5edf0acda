/**
 * The non-personal facts of one appointment: everything the figures (figures.ts — the daily card
 * and the period report) need, and nothing that names or reaches a citizen. They survive
 * retention: an anonymised appointment still has them, and retention's compaction keeps exactly
 * `factsOf(appointment)` once the appointment itself is gone (src/store/appointment-facts.ts).
 *
 * This file is the contract between the live appointments, the compacted store and the reports.
 * Add fields only as optional-with-a-default in `factsOf`, so compacted facts of older versions
 * still read.
 */
import type { Appointment, AppointmentStatus, Channel, Citizen } from './types';

/** How the citizen was told about the appointment: invitation mail, SMS, or a call by staff (call list). */
export type Reach = 'email' | 'sms' | 'call';

export interface AppointmentFacts {
  id: string;
  /** The staff member who serves it (after the last move). */
  staffId: string;
  /** The staff member's team when the facts were taken; null when they are no longer in the directory. */
  teamId: string | null;
  /** All services of the appointment, the primary one first (never empty). */
  serviceIds: string[];
  channel: Channel;
  start: number;
  end: number;
  /** Including the services' buffers: the capacity it takes. */
  blockStart: number;
  blockEnd: number;
  /** When it was booked (epoch ms). */
  createdAt: number;
  status: AppointmentStatus;
  cancelledBy: NonNullable<Appointment['cancelledBy']> | null;
  /** When it was cancelled (epoch ms); null unless cancelled. */
  cancelledAt: number | null;
  /** How often it was moved to another time or staff member (a channel change alone is no move). */
  moves: number;
  /** How the citizen was told (empty when not known: anonymised before this was recorded). */
  reachedBy: Reach[];
}

/**
 * How a citizen with these contact data is told about their appointment: by mail when they gave an
 * address; otherwise the clerk calls them (the call list). The one place of this rule; booking
 * records its answer on the appointment (`reachedBy`), so it survives retention.
 */
export function reachOf(citizen: Pick<Citizen, 'email'>): Reach[] {
  return citizen.email ? ['email'] : ['call'];
}

/** Which team a staff member belongs to (the directory's answer today), or undefined when unknown. */
export type TeamOf = (staffId: string) => string | undefined;

/** A TeamOf from the directory's staff list. */
export function teamOfStaff(staff: readonly { id: string; team: string }[]): TeamOf {
  const byId = new Map(staff.map((s) => [s.id, s.team]));
  return (staffId) => byId.get(staffId);
}

/**
 * The facts of an appointment. Pure; older appointments lack some fields and get the best known
 * answer: `cancelledAt` is the last update of a cancelled appointment (nothing changes one after
 * cancelling), `moves` at least the citizen's own moves, `reachedBy` from the citizen's contact data
 * unless retention removed them.
 */
export function factsOf(a: Appointment, teamOf: TeamOf): AppointmentFacts {
  const serviceIds = a.serviceIds && a.serviceIds.length > 0 ? [...a.serviceIds] : [a.serviceId];
  const cancelled = a.status === 'cancelled';
  return {
    id: a.id,
    staffId: a.staffId,
    teamId: teamOf(a.staffId) ?? null,
    serviceIds,
    channel: a.channel,
    start: a.start,
    end: a.end,
    blockStart: a.blockStart,
    blockEnd: a.blockEnd,
    createdAt: a.createdAt,
    status: a.status,
    cancelledBy: cancelled ? (a.cancelledBy ?? 'staff') : null,
    cancelledAt: cancelled ? (a.cancelledAt ?? a.updatedAt) : null,
    moves: a.moves ?? a.citizenMoves ?? 0,
    reachedBy: a.reachedBy ? [...a.reachedBy] : a.anonymised ? [] : reachOf(a.citizen),
  };
}
