/**
 * Use cases for journey 6 (a team falls out): report an absence, compute a replanning proposal,
 * apply the items the supervisor confirmed. The proposal is pure (domain/replan.ts); applying goes
 * item by item through the store's atomic operations, so a stale item is reported, never forced.
 */
import { indexDirectory } from '../domain/directory-index';
import { supervisedTeams } from '../domain/booking-rights';
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import { DomainError, isDomainError, type DomainErrorCode } from '../domain/errors';
import {
  proposeReplan,
  replanWindow,
  type HoldBlock,
  type Placement,
  type Plan,
  type PlanAction,
  type PlanItem,
} from '../domain/replan';
import { datesBetween, isLocalDate, localDayBounds } from '../domain/time';
import type { Absence, AbsenceMode, AbsenceReason, Appointment, Directory, LocalDate, Staff } from '../domain/types';
import type {
  AbsenceReader,
  AppointmentReader,
  MeetingProvider,
  ReplanCounter,
  ReplanMeta,
  ReplanOutcome,
} from './ports';

export interface ReplanMoveCommand {
  appointmentId: string;
  /** The sequence the proposal saw; a different current sequence means 'stale-appointment'. */
  expectedSequence: number;
  to: Placement;
  /** A new video link when the appointment becomes video. */
  meetingUrl?: string;
  actor: string;
  /** Staff members who get a 'staff-notice' (event 'replanned') in the same atomic step. */
  notifyStaff: string[];
}

export interface ReplanCancelCommand {
  appointmentId: string;
  expectedSequence: number;
  actor: string;
  /** The call-back note that goes with the cancellation. */
  reason: string;
  notifyStaff: string[];
}

/**
 * The store's atomic operations used here. Move: re-checks the sequence and that the target block is
 * free, moves/converts, sequence+1, audit, outbox 'citizen-invitation' (reason 'replanned') and the
 * staff notices. Cancel: sequence+1, status cancelled (cancelledBy 'replan'), outbox
 * 'citizen-cancellation' (reason 'replan') and notices. Both throw DomainError
 * ('stale-appointment', 'slot-taken', 'appointment-not-active', 'appointment-not-found').
 */
export interface ReplanCommands {
  replanMove(cmd: ReplanMoveCommand): Promise<Appointment>;
  replanCancel(cmd: ReplanCancelCommand): Promise<Appointment>;
}

export interface AbsenceWriter {
  add(absences: readonly Absence[]): Promise<void>;
}

export interface HoldReader {
  /** Live holds of these staff members whose block overlaps [from, to) (AppointmentStore.listHolds). */
  listHolds(from: number, to: number, staffIds: readonly string[]): Promise<HoldBlock[]>;
}

export interface ReplanOutcomeWriter {
  record(
    id: string,
    meta: ReplanMeta,
    add: Partial<Record<ReplanCounter, number>>,
    at: number,
    by: string,
  ): Promise<void>;
}

export interface ReplanOutcomeReader {
  get(id: string): Promise<ReplanOutcome | null>;
  listOverlapping(from: LocalDate, to: LocalDate): Promise<ReplanOutcome[]>;
}

export interface ReplanDeps {
  directory: Directory;
  clock: Clock;
  absences: AbsenceReader & AbsenceWriter;
  appointments: AppointmentReader;
  commands: ReplanCommands;
  outcomes: ReplanOutcomeWriter;
  holds?: HoldReader;
  meetings?: MeetingProvider;
}

export type AbsenceTarget = { staffId: string } | { teamId: string };

export interface ReportAbsenceInput {
  /** Staff id of who reports. */
  actorId: string;
  target: AbsenceTarget;
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
  reason: AbsenceReason;
}

function staffOf(dir: Directory, id: string): Staff {
  const s = indexDirectory(dir).staffById(id);
  if (!s) throw new DomainError('unknown-staff', id);
  return s;
}

/**
 * Records absences: staff may report themselves, a supervisor anyone in their teams or a whole team
 * (one absence per member, written in one step). Returns the absences, ready for `computeProposal`.
 */
export async function reportAbsence(
  deps: Pick<ReplanDeps, 'directory' | 'clock' | 'absences'>,
  input: ReportAbsenceInput,
): Promise<Absence[]> {
  const { directory } = deps;
  if (!isLocalDate(input.from) || !isLocalDate(input.to) || input.to < input.from)
    throw new DomainError('invalid-range', `${input.from}..${input.to}`);
  const actor = staffOf(directory, input.actorId);
  let members: Staff[];
  let team: string;
  if ('teamId' in input.target) {
    const teamId = input.target.teamId;
    if (!directory.teams.some((t) => t.id === teamId)) throw new DomainError('unknown-team', teamId);
    members = directory.staff.filter((s) => s.team === teamId);
    team = teamId;
  } else {
    const s = staffOf(directory, input.target.staffId);
    members = [s];
    team = s.team;
  }
  const self = members.length === 1 && members[0]!.id === actor.id && 'staffId' in input.target;
  if (!self && !supervisedTeams(actor, directory).includes(team))
    throw new DomainError('not-allowed', 'absence for someone outside the supervised teams');
  const now = deps.clock.now();
  const absences: Absence[] = members.map((s) => ({
    id: `abs_${randomUUID()}`,
    staffId: s.id,
    from: input.from,
    to: input.to,
    mode: input.mode,
    reason: input.reason,
    reportedBy: actor.id,
    createdAt: now,
  }));
  await deps.absences.add(absences);
  return absences;
}

/** Reads what the replanning needs through the ports and proposes a plan for the given (new) absences. */
export async function computeProposal(
  deps: Pick<ReplanDeps, 'directory' | 'clock' | 'absences' | 'appointments' | 'holds'>,
  absences: readonly Absence[],
  options: { searchDays?: number } = {},
): Promise<Plan> {
  const window = replanWindow(absences, options.searchDays);
  const days = datesBetween(window.from, window.to);
  const [perDay, recorded] = await Promise.all([
    Promise.all(days.map((d) => deps.appointments.listForDay(d))),
    deps.absences.listOverlapping(window.from, window.to),
  ]);
  const appointments = perDay.flat();
  const newIds = new Set(absences.map((a) => a.id));
  const now = deps.clock.now();
  const holds = deps.holds
    ? await deps.holds.listHolds(
        now,
        localDayBounds(window.to).end,
        deps.directory.staff.map((s) => s.id),
      )
    : [];
  return proposeReplan({
    directory: deps.directory,
    absences,
    otherAbsences: recorded.filter((a) => !newIds.has(a.id)),
    appointments,
    holds,
    now,
    ...(options.searchDays !== undefined ? { searchDays: options.searchDays } : {}),
  });
}

export type ItemOutcome = 'applied' | 'changed';

export interface AppliedItem {
  appointmentId: string;
  action: PlanAction;
  outcome: ItemOutcome;
  /** For 'changed': why (e.g. 'stale-appointment', 'slot-taken'); the caller recomputes the proposal. */
  code?: DomainErrorCode;
  /** The appointment after the change, for 'applied'. */
  appointment?: Appointment;
}

export interface ApplyResult {
  outcomeId: string;
  items: AppliedItem[];
  applied: number;
  changed: number;
}

/** The same id for the same set of absences, so item-by-item confirmations add up in one record. */
export function replanIdOf(absenceIds: readonly string[]): string {
  return createHash('sha256')
    .update([...absenceIds].sort().join(','))
    .digest('hex')
    .slice(0, 16);
}

const COUNTER: Record<PlanAction, ReplanCounter> = {
  convert: 'converted',
  reassign: 'reassigned',
  reschedule: 'rescheduled',
  unplaced: 'cancelled',
};

/** German first: the call-back note of a cancellation (the citizen's language is chosen by the mail). */
export const CALL_BACK_NOTE =
  'Wegen eines Personalausfalls konnten wir keinen Ersatztermin finden. Wir melden uns bei Ihnen, um einen neuen Termin zu vereinbaren.';

export interface ApplyPlanInput {
  actorId: string;
  plan: Plan;
  /** The absences the plan was computed for (for the outcome record). */
  absences: readonly Absence[];
  /** Appointment ids the supervisor confirmed; all items when omitted. */
  selected?: readonly string[];
}

/**
 * Applies the confirmed items one by one through the atomic store operations. An item whose
 * appointment changed since the proposal (stale sequence, slot taken, no longer active) is reported
 * as 'changed' and left alone; the caller recomputes. Any other error stops and is thrown, after the
 * outcome of what was applied so far has been recorded.
 */
export async function applyPlan(
  deps: Pick<ReplanDeps, 'directory' | 'clock' | 'commands' | 'outcomes' | 'meetings'>,
  input: ApplyPlanInput,
): Promise<ApplyResult> {
  const actor = staffOf(deps.directory, input.actorId);
  const selected = input.selected ? new Set(input.selected) : undefined;
  const items = input.plan.items.filter((i) => !selected || selected.has(i.appointmentId));
  const results: AppliedItem[] = [];
  const counts: Partial<Record<ReplanCounter, number>> = {};
  const outcomeId = replanIdOf(input.plan.absenceIds);
  let failed = false;
  let failure: unknown;
  for (const item of items) {
    try {
      const appointment = await applyItem(deps, actor.id, item);
      results.push({ appointmentId: item.appointmentId, action: item.action, outcome: 'applied', appointment });
      counts[COUNTER[item.action]] = (counts[COUNTER[item.action]] ?? 0) + 1;
    } catch (e) {
      if (isDomainError(e) && CHANGED_CODES.has(e.code)) {
        results.push({ appointmentId: item.appointmentId, action: item.action, outcome: 'changed', code: e.code });
        counts.changed = (counts.changed ?? 0) + 1;
        continue;
      }
      failed = true;
      failure = e;
      break;
    }
  }
  if (input.absences.length)
    await deps.outcomes.record(outcomeId, metaOf(input.absences), counts, deps.clock.now(), actor.id);
  if (failed) throw failure;
  return {
    outcomeId,
    items: results,
    applied: results.filter((r) => r.outcome === 'applied').length,
    changed: results.filter((r) => r.outcome === 'changed').length,
  };
}

/** Errors that mean "the world moved on since the proposal" rather than "something is broken". */
const CHANGED_CODES: ReadonlySet<DomainErrorCode> = new Set<DomainErrorCode>([
  'stale-appointment',
  'slot-taken',
  'appointment-not-active',
  'appointment-not-found',
  'outside-working-hours',
  'not-on-site',
  'staff-absent',
  'slot-in-past',
]);

async function applyItem(
  deps: Pick<ReplanDeps, 'directory' | 'commands' | 'meetings'>,
  actorId: string,
  item: PlanItem,
): Promise<Appointment> {
  const notify = [...new Set([item.from.staffId, ...(item.to ? [item.to.staffId] : [])])];
  if (item.action === 'unplaced' || !item.to) {
    return deps.commands.replanCancel({
      appointmentId: item.appointmentId,
      expectedSequence: item.expectedSequence,
      actor: actorId,
      reason: CALL_BACK_NOTE,
      notifyStaff: notify,
    });
  }
  let meetingUrl: string | undefined;
  if (item.to.channel === 'video' && item.from.channel !== 'video' && deps.meetings) {
    const service = indexDirectory(deps.directory).serviceById(item.serviceId);
    const meeting = await deps.meetings.createMeeting({
      appointmentId: item.appointmentId,
      subject: service?.name.de ?? item.serviceId,
      start: item.to.start,
      end: item.to.end,
    });
    meetingUrl = meeting.joinUrl;
  }
  return deps.commands.replanMove({
    appointmentId: item.appointmentId,
    expectedSequence: item.expectedSequence,
    to: item.to,
    ...(meetingUrl ? { meetingUrl } : {}),
    actor: actorId,
    notifyStaff: notify,
  });
}

function metaOf(absences: readonly Absence[]): ReplanMeta {
  const from = absences.map((a) => a.from).reduce((a, b) => (a < b ? a : b));
  const to = absences.map((a) => a.to).reduce((a, b) => (a > b ? a : b));
  return {
    absenceIds: absences.map((a) => a.id),
    staffIds: [...new Set(absences.map((a) => a.staffId))],
    from,
    to,
    mode: absences.some((a) => a.mode === 'absent') ? 'absent' : 'home-office-only',
  };
}

/** For the summary: replannings overlapping a date range with their counts. */
export function listReplanOutcomes(
  reader: ReplanOutcomeReader,
  from: LocalDate,
  to: LocalDate,
): Promise<ReplanOutcome[]> {
  return reader.listOverlapping(from, to);
}
