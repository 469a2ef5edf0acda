/**
 * Use case: the citizen moves their appointment through the reschedule link in their mail (no login).
 *
 * The page offers the next free times for the same service(s) and channel, from the pooled search the
 * bot books with (pooled-search.ts): with the same staff member first, then with the pool (the
 * colleagues the staff member may book who offer every service of the appointment). Choosing one is one atomic store step
 * (the same Lua move as staff use): it re-checks the sequence the page showed (a double submit moves
 * once), the block, and the citizen's move limit (RESCHEDULE_MAX_MOVES, counted inside the script), and
 * writes the REQUEST with the next SEQUENCE (stating the old time; a previous staff member gets a
 * CANCEL) and the Teams notices in the same step.
 *
 * Refused: within the service's minimum notice of the current start ('too-short-notice'), after the
 * limit ('move-limit'), anything not booked ('appointment-not-active'), a page that is out of date
 * ('stale-appointment'), a time taken meanwhile ('slot-taken'), and every booking rule of a new booking.
 */
import { mayBookInto } from '../domain/booking-rights';
import { citizenMayMoveAgain } from '../domain/booking-rules';
import type { Clock } from '../domain/clock';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { offersAll, serviceFor, serviceIdsOf } from '../domain/services';
import { earliestStart, type BusyIndex } from '../domain/slots';
import { placementOf, type Appointment, type Directory, type Staff } from '../domain/types';
import { validateOnItsDay } from './book';
import { findPooledSlots, type PooledSearchResult, type PooledSlot, type StaffChoice } from './pooled-search';
import type { AbsenceReader, MoveInput } from './ports';

export interface CitizenRescheduleStore {
  get(id: string): Promise<Appointment | null>;
  move(input: MoveInput): Promise<Appointment>;
  busyIndex(staffIds: readonly string[], from: number, to: number): Promise<BusyIndex>;
}

export interface CitizenRescheduleDeps {
  directory: Directory;
  clock: Clock;
  store: CitizenRescheduleStore;
  absences: AbsenceReader;
  /** RESCHEDULE_MAX_MOVES: how often a citizen may move one appointment. */
  maxMoves: number;
}

/** Why the citizen cannot move the appointment online (the page says so and gives the phone number). */
export type RescheduleRefusal = 'too-short-notice' | 'move-limit';

export interface RescheduleOptions {
  appointment: Appointment;
  refusal?: RescheduleRefusal;
  /** The next free times with the same staff member. */
  sameStaff: PooledSlot[];
  /** Then the next free times with colleagues of the pool who offer all its services on the same channel. */
  pool: PooledSlot[];
}

/** Whether the citizen may still move this (booked) appointment; the reason when not. */
export function rescheduleRefusal(
  deps: Pick<CitizenRescheduleDeps, 'directory' | 'clock' | 'maxMoves'>,
  a: Appointment,
): RescheduleRefusal | undefined {
  const service = serviceFor(deps.directory, serviceIdsOf(a));
  if (a.start < earliestStart(service, deps.clock.now())) return 'too-short-notice';
  if (!citizenMayMoveAgain(a, deps.maxMoves)) return 'move-limit';
  return undefined;
}

/**
 * Whose rights span the pool: the appointment's staff member (the pool is everyone they may book for
 * these services, booking-rights.ts), or whoever booked it when the staff member left the directory.
 */
function poolActor(directory: Directory, a: Appointment): Staff | undefined {
  const index = indexDirectory(directory);
  return index.staffById(a.staffId) ?? index.staffById(a.createdBy);
}

/**
 * The choices on the reschedule page (none when refused), from the pooled search the bot books with:
 * the same staff member first, then the pool, for all services of the appointment on its channel.
 */
export async function citizenRescheduleOptions(
  deps: CitizenRescheduleDeps,
  a: Appointment,
  count = 5,
): Promise<RescheduleOptions> {
  const refusal = rescheduleRefusal(deps, a);
  if (refusal) return { appointment: a, refusal, sameStaff: [], pool: [] };
  const actor = poolActor(deps.directory, a);
  if (!actor) return { appointment: a, sameStaff: [], pool: [] };
  const serviceIds = serviceIdsOf(a);
  const search = (staffChoice: StaffChoice, wanted: number) =>
    findPooledSlots(deps, {
      bookedBy: actor.id,
      serviceIds,
      channel: a.channel,
      staffChoice,
      count: wanted,
      ignoreAppointmentId: a.id,
    });
  const sameStaffOffers = actor.id === a.staffId && offersAll(actor, serviceIds);
  // The pooled search may pick the same staff member for a time; those are left to the first list.
  const [own, pooled] = await Promise.all([
    sameStaffOffers ? search('me', count + 1) : undefined,
    search('pool', count * 3),
  ]);
  // A search that had to change the channel offers nothing: the citizen keeps the channel they booked.
  const usable = (r: PooledSearchResult | undefined) => (r && r.channel === a.channel ? r.slots : []);
  const sameStaff = usable(own)
    .filter((s) => s.start !== a.start)
    .slice(0, count);
  const pool = usable(pooled)
    .filter((s) => s.staffId !== a.staffId)
    .slice(0, count);
  return { appointment: a, sameStaff, pool };
}

export interface CitizenMoveRequest {
  appointmentId: string;
  /** The SEQUENCE the page showed: a second submit of the same page is refused ('stale-appointment'). */
  expectedSequence: number;
  staffId: string;
  start: number;
}

/** Moves the appointment to the chosen time (same staff member or a colleague of the pool). */
export async function rescheduleByCitizen(deps: CitizenRescheduleDeps, req: CitizenMoveRequest): Promise<Appointment> {
  const current = await deps.store.get(req.appointmentId);
  if (!current || current.anonymised) throw new DomainError('appointment-not-found', req.appointmentId);
  if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
  if (current.sequence !== req.expectedSequence) throw new DomainError('stale-appointment', req.appointmentId);
  const refusal = rescheduleRefusal(deps, current);
  if (refusal) throw new DomainError(refusal, req.appointmentId);
  const now = deps.clock.now();
  const serviceIds = serviceIdsOf(current);
  // Only the staff member or a colleague of the page's pool (a tampered form names someone else).
  const actor = poolActor(deps.directory, current);
  if (req.staffId !== current.staffId) {
    const target = indexDirectory(deps.directory).staffById(req.staffId);
    if (!actor || !target || !mayBookInto(deps.directory, actor, target, serviceIds))
      throw new DomainError('not-allowed', 'not a colleague of the pool');
  }
  // Every rule of a new booking: the colleague offers all services, works then, on site for in-person, notice, horizon.
  const v = await validateOnItsDay(deps, now, {
    serviceId: current.serviceId,
    ...(serviceIds.length > 1 ? { serviceIds } : {}),
    staffId: req.staffId,
    channel: current.channel,
    start: req.start,
  });
  return deps.store.move({
    appointmentId: current.id,
    expectedSequence: req.expectedSequence,
    staffId: v.staff.id,
    start: v.start,
    end: v.end,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    channel: current.channel,
    holder: 'citizen',
    citizenMoveLimit: deps.maxMoves,
    audit: {
      at: now,
      actor: 'citizen',
      action: 'rescheduled',
      appointmentId: current.id,
      detail: v.staff.id === current.staffId ? 'reschedule link' : `reschedule link, to ${v.staff.id}`,
    },
    outbox: (next, previous) => {
      const before = placementOf(previous);
      const notify = [...new Set([next.staffId, previous.staffId])];
      return [
        {
          kind: 'citizen-invitation',
          appointmentId: next.id,
          sequence: next.sequence,
          reason: 'rescheduled',
          previous: before,
        },
        ...notify.map(
          (staffId) =>
            ({
              kind: 'staff-notice',
              staffId,
              appointmentId: next.id,
              event: 'citizen-rescheduled',
              previous: before,
            }) as const,
        ),
      ];
    },
  });
}

/** What the citizen pages need (http/citizen-routes.ts). */
export interface CitizenRescheduler {
  readonly maxMoves: number;
  refusal(a: Appointment): RescheduleRefusal | undefined;
  options(a: Appointment): Promise<RescheduleOptions>;
  move(req: CitizenMoveRequest): Promise<Appointment>;
}

export class StoreCitizenRescheduler implements CitizenRescheduler {
  constructor(private readonly deps: CitizenRescheduleDeps | (() => CitizenRescheduleDeps)) {}

  /** Read per call, so a directory reload (SIGHUP) applies. */
  private get current(): CitizenRescheduleDeps {
    return typeof this.deps === 'function' ? this.deps() : this.deps;
  }

  get maxMoves(): number {
    return this.current.maxMoves;
  }

  refusal(a: Appointment): RescheduleRefusal | undefined {
    return rescheduleRefusal(this.current, a);
  }

  options(a: Appointment): Promise<RescheduleOptions> {
    return citizenRescheduleOptions(this.current, a);
  }

  move(req: CitizenMoveRequest): Promise<Appointment> {
    return rescheduleByCitizen(this.current, req);
  }
}
