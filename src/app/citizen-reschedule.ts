/**
 * Use case: the citizen moves their appointment through the reschedule link in their mail (no login).
 *
 * The page offers the next free times for the same service and channel: with the same staff member
 * first, then with the colleagues who offer it too (the pool). Choosing one is one atomic store step
 * (the same Lua move as staff use): it re-checks the sequence the page showed (a double submit moves
 * once), the block, and the citizen's move limit (RESCHEDULE_MAX_MOVES, counted inside the script), and
 * writes the REQUEST with the next SEQUENCE (stating the old time; a previous staff member gets a
 * CANCEL) and the Teams notices in the same step.
 *
 * Refused: within the service's minimum notice of the current start ('too-short-notice'), after the
 * limit ('move-limit'), anything not booked ('appointment-not-active'), a page that is out of date
 * ('stale-appointment'), a time taken meanwhile ('slot-taken'), and every booking rule of a new booking.
 */
import type { Clock } from '../domain/clock';
import { validateBooking } from '../domain/booking-rules';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { earliestStart, findEarliestSlots, horizonEnd, type BusyIndex, type Slot } from '../domain/slots';
import { localDateOf } from '../domain/time';
import { placementOf, type Appointment, type Directory } from '../domain/types';
import type { MoveInput } from './ports';
import type { AbsenceReader } from './ports';

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
  sameStaff: Slot[];
  /** Then the next free times with colleagues who offer the same service on the same channel. */
  pool: Slot[];
}

/** Whether the citizen may still move this (booked) appointment; the reason when not. */
export function rescheduleRefusal(
  deps: Pick<CitizenRescheduleDeps, 'directory' | 'clock' | 'maxMoves'>,
  a: Appointment,
): RescheduleRefusal | undefined {
  const service = indexDirectory(deps.directory).serviceById(a.serviceId);
  if (!service || a.start < earliestStart(service, deps.clock.now())) return 'too-short-notice';
  if ((a.citizenMoves ?? 0) >= deps.maxMoves) return 'move-limit';
  return undefined;
}

/** The choices on the reschedule page (none when refused). */
export async function citizenRescheduleOptions(
  deps: CitizenRescheduleDeps,
  a: Appointment,
  count = 5,
): Promise<RescheduleOptions> {
  const refusal = rescheduleRefusal(deps, a);
  if (refusal) return { appointment: a, refusal, sameStaff: [], pool: [] };
  const { directory } = deps;
  const index = indexDirectory(directory);
  const service = index.serviceById(a.serviceId)!;
  const now = deps.clock.now();
  const colleagues = index
    .staffOffering(service.id)
    .filter((s) => s.id !== a.staffId && service.channels.includes(a.channel));
  const sameStaffOffers = index.staffById(a.staffId)?.services.includes(service.id) ?? false;
  const staffIds = [...(sameStaffOffers ? [a.staffId] : []), ...colleagues.map((s) => s.id)];
  const to = horizonEnd(service, now);
  const [busy, absences] = await Promise.all([
    deps.store.busyIndex(staffIds, now - 86_400_000, to),
    deps.absences.listOverlapping(localDateOf(now), localDateOf(to)),
  ]);
  const data = { busy, absences, now };
  const query = { serviceId: service.id, channel: a.channel, count, ignoreIds: [a.id] };
  const notCurrent = (s: Slot) => !(s.staffId === a.staffId && s.start === a.start);
  const sameStaff = sameStaffOffers
    ? findEarliestSlots({ ...data, directory }, { ...query, staffId: a.staffId, count: count + 1 })
        .slots.filter(notCurrent)
        .slice(0, count)
    : [];
  // The pool: everyone else who offers the service on this channel (distinct times, least-loaded first).
  const pool =
    colleagues.length === 0
      ? []
      : findEarliestSlots({ ...data, directory: { ...directory, staff: colleagues } }, query).slots;
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
  const day = localDateOf(req.start);
  const absences = await deps.absences.listOverlapping(day, day);
  // Every rule of a new booking: the colleague offers the service, works then, on site for in-person, notice, horizon.
  const v = validateBooking(
    { directory: deps.directory, absences, now },
    { serviceId: current.serviceId, staffId: req.staffId, channel: current.channel, start: req.start },
  );
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
