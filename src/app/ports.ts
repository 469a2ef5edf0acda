/**
 * Ports between the use cases and the outside world. Use cases take these as arguments;
 * store/, mail/, bot/ and http/ implement them. Nothing here imports botbuilder or ioredis.
 */
import type { Absence, Appointment, LocalDate } from '../domain/types';

/** Read side of the appointment store (implemented in store/ on Redis). */
export interface AppointmentReader {
  get(id: string): Promise<Appointment | null>;
  /** Appointments whose start lies in [from, to) (epoch ms), any status, ordered by start. */
  listForStaff(staffId: string, from: number, to: number): Promise<Appointment[]>;
  /** All appointments whose start lies on a local day (Europe/Berlin), any status. */
  listForDay(day: LocalDate): Promise<Appointment[]>;
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
  refresh(staffId: string): Promise<{ fresh: boolean; checkedAt?: number }>;
}
