/**
 * Ports between the use cases and the outside world. Use cases take these as arguments;
 * store/, mail/, bot/ and http/ implement them. Nothing here imports botbuilder or ioredis.
 */
import type { Plan, PlanAction, Placement } from '../domain/replan';
import type {
  Absence,
  AbsenceMode,
  Appointment,
  AuditEntry,
  Channel,
  LocalDate,
  OpenCall,
  OutboxMessage,
} from '../domain/types';

/**
 * What the use cases log with: the two levels they use. pino's Logger satisfies it as it is.
 * Fields carry ids and counts, never personal data; errors go in as `err: safeError(e)`.
 */
export interface LogPort {
  info(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

/** Read side of the appointment store (implemented in store/ on Redis). */
export interface AppointmentReader {
  get(id: string): Promise<Appointment | null>;
  /** Appointments whose start lies in [from, to) (epoch ms), any status, ordered by start. */
  listForStaff(staffId: string, from: number, to: number): Promise<Appointment[]>;
  /** The same for several staff members at once (one round trip per step), ordered by start. */
  listForStaffMembers(staffIds: readonly string[], from: number, to: number): Promise<Appointment[]>;
  /** All appointments whose start lies on a local day (Europe/Berlin), any status. */
  listForDay(day: LocalDate): Promise<Appointment[]>;
}

/**
 * The search index (written by the booking scripts, read here). Entries are those of
 * src/domain/search-keys.ts: 'n:<word>', 'p:<digits>', 'e:<email>'.
 */
export interface SearchIndexReader {
  byReference(code: string): Promise<string | null>;
  /** The appointment ids under each entry, in the order asked. */
  idsUnder(entries: readonly string[]): Promise<string[][]>;
  /** Indexed name words starting / ending with these letters (bounded). */
  namesStartingWith(prefix: string): Promise<string[]>;
  namesEndingWith(suffix: string): Promise<string[]>;
  idsOnDay(date: LocalDate): Promise<string[]>;
}

/** Every search is recorded: who, which kind of key, how many hits — never what was searched. */
export interface SearchAudit {
  record(entry: { at: number; actor: string; kind: string; hits: number }): Promise<void>;
}

/**
 * Cancellation requested by the citizen through the link in their mail. The store cancels in one
 * atomic step together with the outbox entries (CANCEL to the citizen, notice to the staff member).
 * Throws DomainError 'appointment-not-found' / 'appointment-not-active' when there is nothing to cancel.
 */
export interface CitizenCanceller {
  cancelByCitizen(appointmentId: string): Promise<Appointment>;
}

export interface AbsenceReader {
  /** Absences overlapping the inclusive local date range. */
  listOverlapping(from: LocalDate, to: LocalDate): Promise<Absence[]>;
}

/** A message for a staff member or supervisor in Teams (bot/ renders and sends it). */
export interface TeamsMessage {
  text: string;
  /** An Adaptive Card (schema 1.5) as plain JSON. */
  card?: Record<string, unknown>;
}

export type ProactiveResult = 'sent' | 'no-reference' | 'gone';

/** Sends proactive Teams messages; honours rate limits and Retry-After, drops references on 403/404. */
export interface ProactiveSender {
  sendToStaff(staffId: string, message: TeamsMessage): Promise<ProactiveResult>;
}

export interface MeetingRequest {
  appointmentId: string;
  subject: string;
  start: number;
  end: number;
}

/** Creates a video meeting link for a video consultation. */
export interface MeetingProvider {
  createMeeting(request: MeetingRequest): Promise<{ joinUrl: string }>;
}

/**
 * The staff member's own calendar (Outlook through Graph, CalDAV), synced into Redis by a job.
 * `refresh` is the just-in-time check before a hold: it reads that one calendar again, bounded
 * (about 2 s), and tells whether that worked (fresh) and when it last did (checkedAt, epoch ms).
 */
export interface CalendarCheck {
  /** Word for the card: "Outlook zuletzt geprüft 14:05". */
  readonly label: string;
  /**
   * `block`: the block about to be held (the check may look at that day only). `unread`: not read
   * now and never read as a whole before (nothing of the calendar is known).
   */
  refresh(
    staffId: string,
    block?: { start: number; end: number },
  ): Promise<{ fresh: boolean; checkedAt?: number; unread?: true }>;
}

// --- inputs of the appointment store's writes (store/appointments.ts implements them) ---

/**
 * The outbox messages of a state change, or a function that builds them from the appointment as it
 * will be written. The store keys them (src/store/outbox/messages.ts) and writes them in the same script.
 */
/**
 * Outbox messages, or a function that builds them from the appointment as it will be written (and as
 * it was before: a move's mails state the old time and tell a previous staff member).
 */
export type OutboxSpec =
  readonly OutboxMessage[] | ((next: Appointment, previous: Appointment) => readonly OutboxMessage[]);

export interface HoldInput {
  staffId: string;
  blockStart: number;
  blockEnd: number;
  ttlMs: number;
  /** Staff id of the user holding; their own holds never block them. */
  holder: string;
}

export interface ConfirmInput {
  /** Idempotency key from the client (e.g. the card submission id); a retry returns the original. */
  clientKey: string;
  holdToken?: string;
  /** Defaults to appointment.createdBy. */
  holder?: string;
  appointment: Appointment;
  audit: AuditEntry;
  outbox: readonly OutboxMessage[];
}

export interface MoveInput {
  appointmentId: string;
  expectedSequence: number;
  staffId: string;
  start: number;
  end: number;
  blockStart: number;
  blockEnd: number;
  channel: Channel;
  /** Fields to set on the appointment as well (e.g. citizen with phone, meetingUrl); null removes. */
  patch?: Partial<Record<keyof Appointment, unknown>>;
  holdToken?: string;
  holder?: string;
  /**
   * A move through the citizen's reschedule link: refused with 'move-limit' inside the atomic step when
   * the appointment was moved by its citizen this many times already; counted otherwise.
   */
  citizenMoveLimit?: number;
  audit: AuditEntry;
  outbox: OutboxSpec;
}

export interface CancelInput {
  appointmentId: string;
  /** When omitted, the current sequence is read (and the cancel retried if it changes meanwhile). */
  expectedSequence?: number;
  reason?: string;
  by: NonNullable<Appointment['cancelledBy']>;
  /**
   * Who phones the citizen when only a call reaches them (domain/reach-messages.ts): the serving
   * staff member by default.
   */
  caller?: string;
  audit: AuditEntry;
  outbox: OutboxSpec;
}

export interface OutcomeInput {
  appointmentId: string;
  outcome: 'completed' | 'no-show';
  audit: AuditEntry;
  /** E.g. the serving colleague's notice when someone else recorded it (written in the same step). */
  outbox?: readonly OutboxMessage[];
}

// --- replanning records (store/replan-proposals.ts, store/replans.ts keep them) ---

export interface DecidedItem {
  appointmentId: string;
  serviceId: string;
  serviceIds?: string[];
  action: PlanAction;
  from: Placement;
  to?: Placement;
  outcome: 'applied' | 'changed';
}

export interface ReplanProposal {
  id: string;
  /** Raised on every change; a card drawn from an older version is out of date. */
  version: number;
  createdAt: number;
  createdBy: string;
  absences: Absence[];
  /** What is still open (recomputed when something changed under it). */
  plan: Plan;
  decided: DecidedItem[];
}

/** What the summary shows about a replanning: whose absence, when, and what became of the appointments. */
export interface ReplanOutcome {
  /** Stable per set of absences, so applying item by item adds up in one record. */
  id: string;
  absenceIds: string[];
  staffIds: string[];
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
  lastAppliedAt: number;
  lastAppliedBy: string;
  converted: number;
  reassigned: number;
  rescheduled: number;
  /** Unplaced appointments confirmed as cancellations (the citizen is called back). */
  cancelled: number;
  /** Items that had changed since the proposal and were not applied. */
  changed: number;
}

export type ReplanCounter = 'converted' | 'reassigned' | 'rescheduled' | 'cancelled' | 'changed';

/** What a replanning is about (stored once per replanning). */
export interface ReplanMeta {
  absenceIds: string[];
  staffIds: string[];
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
}

// --- the call list (store/calls.ts keeps it) ---

/** What pressing "Erreicht" / "Nicht erreicht" did (store/lua/mark-call-1.lua). */
export type MarkCallResult =
  | { outcome: 'reached' }
  | { outcome: 'retried'; call: OpenCall }
  /** No call open for the appointment (marked reached before: the same card pressed again). */
  | { outcome: 'done' }
  /** The card is about an older change; the open call (a newer card) is this one. */
  | { outcome: 'stale'; call: OpenCall };

/** The call list: citizens staff must phone because a change reaches them no other way. */
export interface CallList {
  get(appointmentId: string): Promise<OpenCall | null>;
  /** A staff member's open calls, oldest first (a bounded number), and how many there are. */
  listForStaff(staffId: string): Promise<{ calls: OpenCall[]; total: number }>;
  mark(input: {
    appointmentId: string;
    sequence: number;
    outcome: 'reached' | 'retry';
    tries: number;
    actorId: string;
  }): Promise<MarkCallResult>;
}
