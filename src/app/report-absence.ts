/**
 * A staff member reports their own absence (journey 3): sick, leave, quarantine, other, or
 * "home office only" for an inclusive range of local dates.
 *
 *   reportOwnAbsence   stores the absence (through replan.ts reportAbsence → AbsenceStore) and lists
 *                      the booked appointments it affects (all of them when absent; only in-person
 *                      ones for home office only — phone and video still work from home)
 *   alertSupervisors   a durable fallback: when the replanning proposal could not be handed to any
 *                      supervisor in Teams right now, a supervisor-alert goes through the outbox
 *                      (retried until delivered) to the supervisors of the staff member's team
 *
 * The replanning proposal itself is computed and sent by the supervisor side
 * (src/bot/supervisor/outage.ts handOverAbsence, which calls computeProposal).
 */
import { DomainError } from '../domain/errors';
import { supervisorsOfTeam } from '../domain/supervision';
import { isLocalDate, localDayBounds } from '../domain/time';
import type {
  Absence,
  AbsenceMode,
  AbsenceReason,
  Appointment,
  Directory,
  OutboxMessage,
  Staff,
} from '../domain/types';
import type { Clock } from '../domain/clock';
import type { AbsenceReader, AppointmentReader } from './ports';
import { reportAbsence, type AbsenceWriter } from './replan';

export type OwnAbsenceKind = AbsenceReason | 'home-office-only';

export interface ReportOwnAbsenceDeps {
  directory: Directory;
  clock: Clock;
  absences: AbsenceReader & AbsenceWriter;
  appointments: Pick<AppointmentReader, 'listForStaff'>;
}

export interface OwnAbsenceReport {
  absences: Absence[];
  /** Booked appointments the absence affects, ordered by start. */
  affected: Appointment[];
}

export function absenceModeOf(kind: OwnAbsenceKind): { mode: AbsenceMode; reason: AbsenceReason } {
  return kind === 'home-office-only' ? { mode: 'home-office-only', reason: 'other' } : { mode: 'absent', reason: kind };
}

export async function reportOwnAbsence(
  deps: ReportOwnAbsenceDeps,
  req: { actorId: string; kind: OwnAbsenceKind; from: string; to: string },
): Promise<OwnAbsenceReport> {
  if (!isLocalDate(req.from) || !isLocalDate(req.to) || req.to < req.from)
    throw new DomainError('invalid-range', `${req.from}..${req.to}`);
  const { mode, reason } = absenceModeOf(req.kind);
  const absences = await reportAbsence(deps, {
    actorId: req.actorId,
    target: { staffId: req.actorId },
    from: req.from,
    to: req.to,
    mode,
    reason,
  });
  // Only what is still ahead can be replanned; today's past appointments are history.
  const now = deps.clock.now();
  const list = await deps.appointments.listForStaff(
    req.actorId,
    Math.max(now, localDayBounds(req.from).start),
    localDayBounds(req.to).end,
  );
  const affected = list.filter((a) => a.status === 'booked' && (mode === 'absent' || a.channel === 'in-person'));
  return { absences, affected };
}

/** Supervisors responsible for a staff member: `supervises` includes their team (or it is their own team). */
export function supervisorsOf(directory: Directory, staff: Staff): Staff[] {
  return supervisorsOfTeam(directory, staff.team).filter((s) => s.id !== staff.id);
}

export type SupervisorAlert = Extract<OutboxMessage, { kind: 'supervisor-alert' }>;

/**
 * Queues the supervisor alert about an absence (implemented in store/outbox, which builds the
 * dedupe key from the absence id: reporting the same absence again queues nothing new).
 */
export type AbsenceAlertOutbox = (absenceId: string, alert: SupervisorAlert) => Promise<unknown>;

/**
 * Durable alert: "<name> reported an absence, n appointments affected". Names the staff member and
 * counts only (no citizen data). The dedupe key is the absence's id, so a repeat queues nothing new
 * that would be delivered twice.
 */
export async function alertSupervisors(
  append: AbsenceAlertOutbox,
  directory: Directory,
  staff: Staff,
  report: OwnAbsenceReport,
  range: { from: string; to: string },
): Promise<string[]> {
  const supervisors = supervisorsOf(directory, staff);
  const first = report.absences[0];
  if (!first || supervisors.length === 0) return [];
  await append(first.id, {
    kind: 'supervisor-alert',
    staffIds: supervisors.map((s) => s.id),
    facts: {
      kind: 'absence-reported',
      staffName: staff.name,
      from: range.from,
      to: range.to,
      affected: report.affected.length,
    },
  });
  return supervisors.map((s) => s.id);
}
