/**
 * The domain's vocabulary. Pure data: no I/O, no botbuilder, no Redis.
 * Directory shapes come from the zod schemas (type-only imports); times are epoch milliseconds (UTC
 * instants) and converted to Europe/Berlin local time only where a human reads or types them.
 */
import type { z } from 'zod';
import type {
  Directory,
  channelSchema,
  languageSchema,
  serviceSchema,
  staffSchema,
  teamSchema,
} from '../config/directory';

export type { Directory };
export type Channel = z.infer<typeof channelSchema>;
export type Language = z.infer<typeof languageSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Staff = z.infer<typeof staffSchema>;
export type Team = z.infer<typeof teamSchema>;
export type Rotation = NonNullable<Directory['rotation']>;

export const TIME_ZONE = 'Europe/Berlin';

/** A local calendar date, YYYY-MM-DD in Europe/Berlin. */
export type LocalDate = string;

export type AppointmentStatus = 'booked' | 'completed' | 'no-show' | 'cancelled';

export interface Citizen {
  name: string;
  email: string;
  /** Only for phone consultations. */
  phone?: string;
  language: Language;
}

export interface Appointment {
  id: string;
  /** iCalendar UID; stable for the appointment's life, also across reschedules and moves. */
  uid: string;
  /** iCalendar SEQUENCE; incremented on every change the citizen is told about. */
  sequence: number;
  staffId: string;
  /** The (primary) service; old readers (retention, summary, agenda) need only this one. */
  serviceId: string;
  /** Set when the appointment is for several services: all of them, `serviceId` first. */
  serviceIds?: string[];
  channel: Channel;
  /** The consultation itself. */
  start: number;
  end: number;
  /** Start/end including the service's buffers; no two blocks of one staff member overlap. */
  blockStart: number;
  blockEnd: number;
  status: AppointmentStatus;
  citizen: Citizen;
  /** Free text from the staff member; removed by retention. */
  note?: string;
  /** Video link (video channel) once the meeting provider created it. */
  meetingUrl?: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  cancelReason?: string;
  cancelledBy?: 'staff' | 'citizen' | 'replan';
  /** The citizen's latest answer to the invitation (iTIP REPLY read from the organisation mailbox). */
  reply?: CitizenReply;
  /** Set when retention removed the citizen's personal data. */
  anonymised?: boolean;
}

/** What the citizen's calendar answered (PARTSTAT of an iTIP REPLY), for one SEQUENCE of the appointment. */
export interface CitizenReply {
  status: 'accepted' | 'declined' | 'tentative';
  /** The SEQUENCE answered; a reply to an older version of the appointment no longer counts once it changed. */
  sequence: number;
  /** DTSTAMP of the REPLY (epoch ms): a REPLY written earlier but read later does not overwrite a newer one. */
  stamp: number;
  /** When it was read (epoch ms). */
  at: number;
  /** After a decline: the staff member keeps the appointment, or calls the citizen. */
  followUp?: 'keep' | 'call';
}

export type AbsenceMode = 'absent' | 'home-office-only';
export type AbsenceReason = 'sick' | 'leave' | 'quarantine' | 'other';

export interface Absence {
  id: string;
  staffId: string;
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
  reason: AbsenceReason;
  reportedBy: string;
  createdAt: number;
}

export interface AuditEntry {
  at: number;
  /** Staff id, 'citizen' or 'system'. */
  actor: string;
  action: string;
  appointmentId: string;
  detail?: string;
}

/** What the outbox delivers; written atomically with the state change it belongs to. */
export type OutboxMessage =
  | {
      kind: 'citizen-invitation';
      appointmentId: string;
      sequence: number;
      reason: 'booked' | 'rescheduled' | 'replanned';
    }
  | { kind: 'citizen-cancellation'; appointmentId: string; sequence: number; reason: 'staff' | 'citizen' | 'replan' }
  | { kind: 'citizen-reminder'; appointmentId: string; sequence: number }
  | {
      kind: 'staff-notice';
      staffId: string;
      appointmentId: string;
      event: 'citizen-cancelled' | 'replanned' | 'reminder' | 'booked-for-you' | 'citizen-declined';
    }
  /** The answer to a citizen's counter-proposal (iTIP COUNTER): DECLINECOUNTER with a way to choose another time. */
  | { kind: 'citizen-declinecounter'; appointmentId: string; sequence: number }
  /**
   * `staffIds`: only these supervisors (e.g. those of an absent staff member's team); all supervisors when absent.
   * `deadLetter`: the facts of a dead-lettered entry; then each supervisor gets the text in their own
   * language, rendered from the facts at delivery. `text` is the German text, shown when there are no
   * facts (every alert queued before the facts existed, absence alerts) and kept for older instances.
   */
  | { kind: 'supervisor-alert'; text: string; staffIds?: string[]; deadLetter?: DeadLetterFacts };

/** What a supervisor is told about an outbox entry given up after its attempts; ids only, no personal data. */
export interface DeadLetterFacts {
  /** The dead entry's stream id (what `npm run outbox -- replay` takes). */
  entryId: string;
  /** Its message kind; null for an unreadable entry. */
  kind: OutboxMessage['kind'] | null;
  attempts: number;
  appointmentId?: string;
}
