/**
 * The domain's vocabulary. Pure data: no I/O, no botbuilder, no Redis.
 * The domain owns these shapes; src/config/directory.ts validates the directory file into them
 * (its zod schemas are checked against these types at compile time). Times are epoch milliseconds
 * (UTC instants) and converted to Europe/Berlin local time only where a human reads or types them.
 */

export type Channel = 'video' | 'phone' | 'in-person';
export type Language = 'de' | 'en';

/** A working interval, local times HH:MM, start before end. */
export type WorkingInterval = [from: string, to: string];

export interface WeeklyHours {
  mon: WorkingInterval[];
  tue: WorkingInterval[];
  wed: WorkingInterval[];
  thu: WorkingInterval[];
  fri: WorkingInterval[];
  sat: WorkingInterval[];
  sun: WorkingInterval[];
}

/**
 * Who may book into a calendar beyond its owner and their supervisors (booking-rights.ts):
 * "everyone", or the ids of the teams whose members may.
 */
export type BookableBy = 'everyone' | string[];

export interface Service {
  id: string;
  name: { de: string; en: string };
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  channels: Channel[];
  minNoticeMin: number;
  horizonDays: number;
  /** Who may book this service into any colleague who offers it. */
  bookableBy?: BookableBy;
  /** SMS (read on a lock screen) never name it, but say "Ihr Termin bei der Stadt …" (src/sms/compose.ts). */
  sensitive?: boolean;
  /** Other words staff use for the service in one-sentence bookings, per language. */
  synonyms: { de: string[]; en: string[] };
  /** The federal LeiKa/FIM id (14 digits): reports group by it, so towns compare. */
  leikaId?: string;
  /** What the citizen brings, per language; `short` for SMS (src/domain/services.ts → bringText). */
  bring?: { de: string; en: string; short?: { de: string; en: string } };
}

export interface Team {
  id: string;
  name: string;
  /** Shift teams take part in the rotation; the others are on site whenever they work. */
  shift: boolean;
  /** Room/address line for in-person appointments of this team. */
  location: string;
  /** Whose members may book into this team's calendars, for any service. */
  bookableBy?: BookableBy;
}

export interface Staff {
  id: string;
  aadObjectId: string;
  upn: string;
  name: string;
  team: string;
  /** 'admin' is a supervisor of every team; see supervisedTeams(). */
  role: 'staff' | 'supervisor' | 'admin';
  /** Teams a supervisor is responsible for (empty: their own team; an admin: all); see supervisedTeams(). */
  supervises: string[];
  services: string[];
  hours: WeeklyHours;
  phone: string;
  room?: string;
  language: Language;
  /** Can work from home (phone/video) when not on site. */
  homeOffice: boolean;
}

export type Rotation =
  | {
      type: 'alternating-weeks';
      /** Monday of a week in which `teams[0]` is on site. */
      anchorMonday: LocalDate;
      teams: [string, string];
    }
  | {
      type: 'half-days';
      /** Local time at which the morning shift hands over to the afternoon shift. */
      switchAt: string;
      /** `teams[0]` has the mornings in the anchor week; with `alternateWeekly` the halves swap every week. */
      anchorMonday: LocalDate;
      teams: [string, string];
      alternateWeekly: boolean;
    };

export interface Organisation {
  name: string;
  mailbox: string;
  address: string;
  phone: string;
  timezone: 'Europe/Berlin';
  /**
   * Where citizens turn when the town does not remedy an accessibility barrier (the accessibility
   * statement names it): for a municipality the body of its Land (Lower Saxony: the
   * Schlichtungsstelle nach § 9d NBGG). Absent: the statement asks citizens to ask the town.
   */
  enforcementBody?: EnforcementBody;
}

export interface EnforcementBody {
  name: string;
  url?: string;
  email?: string;
  address?: string;
}

/** The directory file's content: organisation, teams, staff, services, shift rotation and holidays. */
export interface Directory {
  organisation: Organisation;
  holidays: LocalDate[];
  teams: Team[];
  rotation?: Rotation;
  services: Service[];
  staff: Staff[];
}

export const TIME_ZONE = 'Europe/Berlin';

/** A local calendar date, YYYY-MM-DD in Europe/Berlin. */
export type LocalDate = string;

/**
 * The days an agenda shows, as typed ("heute", "morgen", "nächste Woche", "5.12.") and as the agenda
 * cards carry it: today, tomorrow, a week (0 this one, 1 the next, …) or one date.
 */
export type AgendaRange =
  { kind: 'today' } | { kind: 'tomorrow' } | { kind: 'week'; offsetWeeks: number } | { kind: 'date'; date: LocalDate };

export type AppointmentStatus = 'booked' | 'completed' | 'no-show' | 'cancelled';

export interface Citizen {
  name: string;
  /**
   * For the invitation; required for video (the link). Absent: booked without email (phone or in
   * person), no mail is ever sent to the citizen; the clerk tells them on the phone.
   */
  email?: string;
  /**
   * E.164 (src/domain/phone.ts). Phone consultations; in person when there is no email or for SMS
   * (data minimisation: booking-rules.ts keptPhone).
   */
  phone?: string;
  /**
   * The citizen agreed to SMS ("SMS-Erinnerung?") to their mobile number: confirmation, changes,
   * cancellation and the reminder (src/sms). Switched off on the citizen page or by a STOP reply.
   */
  smsConsent?: boolean;
  language: Language;
}

export interface Appointment {
  id: string;
  /**
   * The appointment reference the citizen reads out on the phone ("T-4K7Q", src/domain/search-keys.ts):
   * reserved by the confirm script, unique while the appointment lives, freed by retention. Absent on
   * appointments booked before references existed and after retention.
   */
  ref?: string;
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
  /** When it was cancelled (epoch ms; set by the cancel script). Older appointments: their `updatedAt`. */
  cancelledAt?: number;
  /** The citizen's latest answer to the invitation (iTIP REPLY read from the organisation mailbox). */
  reply?: CitizenReply;
  /** The latest decline from another address than the invited one, for the staff member to judge. */
  otherReply?: OtherAddressReply;
  /** The latest time the citizen proposed (iTIP COUNTER) that was shown to the staff member. */
  proposal?: CitizenProposal;
  /** How often the citizen moved it through the reschedule link (limited by RESCHEDULE_MAX_MOVES). */
  citizenMoves?: number;
  /** How often it moved to another time or staff member, by anyone (set by the move script; reports count it). */
  moves?: number;
  /** How the citizen is told about it (appointment-facts.ts reachOf), recorded at booking; survives retention. */
  reachedBy?: ('email' | 'sms' | 'call')[];
  /** Set when retention removed the citizen's personal data. */
  anonymised?: boolean;
  /** What became of the latest SMS to the citizen (src/store/lua/record-sms-status-1.lua); the agenda shows it. */
  sms?: SmsStatus;
}

/** The latest SMS to the citizen of an appointment: accepted by the provider, delivered, or failed. */
export interface SmsStatus {
  status: 'sent' | 'delivered' | 'failed';
  event: SmsEvent;
  /** The appointment's sequence the SMS was written for. */
  sequence: number;
  at: number;
  /** A failure's reason from the provider or carrier ('UNDELIV', 'monthly-limit'); never the number. */
  reason?: string;
}

/**
 * Why a staff member must phone a citizen: the change reaches them no other way (no email, no SMS),
 * their SMS failed, or the deployment's monthly SMS limit was reached.
 */
/** Why a call is on the list; 'sms-reply': the citizen answered an SMS (not STOP) and waits for a call back. */
export const CALL_CAUSES = ['no-reach', 'sms-failed', 'sms-limit', 'sms-reply'] as const;
export type CallCause = (typeof CALL_CAUSES)[number];

/** An open call on a staff member's call list (src/store/calls.ts): one per appointment, the latest change. */
export interface OpenCall {
  appointmentId: string;
  /** Who phones the citizen: the serving staff member, or who applied a replanning that cancelled it. */
  staffId: string;
  /** The appointment's sequence the call is about (an older card cannot mark a newer call). */
  sequence: number;
  /** What to tell the citizen (the SMS events: booked, changed, cancelled, reminder). */
  event: SmsEvent;
  cause: CallCause;
  /** Changed: where it was before. */
  previous?: PreviousPlacement;
  /** When the call was put on the list (epoch ms). */
  at: number;
  /** "Nicht erreicht – später nochmal" presses so far. */
  tries: number;
  lastTryAt?: number;
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
  /** What the citizen wrote with the answer (iTIP COMMENT, e.g. "Ich bin leider krank"), cleaned and cut short. */
  comment?: string;
}

/** A time the citizen proposed instead (iTIP COUNTER), for one SEQUENCE of the appointment. */
export interface CitizenProposal {
  start: number;
  end: number;
  sequence: number;
  /** When it was read (epoch ms). */
  at: number;
  comment?: string;
  /** The staff member declined it (a DECLINECOUNTER went out); accepting it moves the appointment instead. */
  declined?: boolean;
}

/**
 * A decline that came from another address than the one invited (its ATTENDEE is not the citizen's,
 * not even as a plus-address): it may be the citizen's second address, or not. Recorded, not applied;
 * the serving staff member decides (the same buttons as after the citizen's own decline).
 */
export interface OtherAddressReply {
  /** The address that answered. */
  from: string;
  status: 'declined';
  /** The appointment's SEQUENCE answered. */
  sequence: number;
  at: number;
  comment?: string;
  /** What the staff member chose (as after the citizen's own decline). */
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
  /** Who serves the appointment, when someone else (`actor`) acted on it. */
  staffId?: string;
}

/** What the outbox delivers; written atomically with the state change it belongs to. */
export type OutboxMessage =
  | {
      kind: 'citizen-invitation';
      appointmentId: string;
      sequence: number;
      reason: 'booked' | 'rescheduled' | 'replanned';
      /** Where the appointment was before a move: the mail states the old time; a previous staff member gets a CANCEL. */
      previous?: PreviousPlacement;
    }
  | {
      kind: 'citizen-cancellation';
      appointmentId: string;
      sequence: number;
      reason: 'staff' | 'citizen' | 'replan';
      /** A staff cancellation: the reason chosen on the cancel form (the mail's wording follows it). */
      code?: CancelCode;
    }
  | { kind: 'citizen-reminder'; appointmentId: string; sequence: number }
  /** After the citizen declined, the staff member kept the appointment: the citizen hears it stays reserved. */
  | { kind: 'citizen-kept'; appointmentId: string; sequence: number }
  /**
   * An SMS to the citizen's mobile number (with their consent): added by the store to every change
   * that tells the citizen (domain/reach-messages.ts), or queued by the reminder sweep.
   */
  | {
      kind: 'citizen-sms';
      appointmentId: string;
      sequence: number;
      event: SmsEvent;
      /** 'changed': where it was before (the SMS names the old and the new time). */
      previous?: PreviousPlacement;
    }
  /**
   * "Bitte anrufen": the change reaches the citizen only by a call from `staffId` (no email and no
   * SMS, a failed SMS, the monthly SMS limit). Written together with the open call it delivers (the
   * booking scripts' write_audit_outbox opens the call when it writes this entry).
   */
  | {
      kind: 'staff-call';
      staffId: string;
      appointmentId: string;
      sequence: number;
      event: SmsEvent;
      cause: CallCause;
      previous?: PreviousPlacement;
      /** When the change happened (epoch ms): the open call's time. */
      at: number;
    }
  | {
      kind: 'staff-notice';
      staffId: string;
      appointmentId: string;
      event: StaffNoticeEvent;
      /** citizen-rescheduled, moved-by-colleague: where it was before. */
      previous?: PreviousPlacement;
      /** The colleague who acted (…-by-colleague, booked-for-you after a move): their name heads the notice. */
      by?: string;
    }
  /** The answer to a citizen's counter-proposal (iTIP COUNTER): DECLINECOUNTER with a way to choose another time. */
  | { kind: 'citizen-declinecounter'; appointmentId: string; sequence: number }
  /**
   * `staffIds`: only these supervisors (e.g. those of an absent staff member's team); all supervisors when absent.
   * `deadLetter` / `facts`: what happened; each supervisor gets it in their own language, rendered at
   * delivery (delivery/staff-notices). `text`: a ready German text, for alerts queued before facts existed.
   */
  | {
      kind: 'supervisor-alert';
      text?: string;
      staffIds?: string[];
      deadLetter?: DeadLetterFacts;
      facts?: SupervisorAlertFacts;
    };

/** What a supervisor alert reports (names of staff only, never citizen data). */
export type SupervisorAlertFacts =
  | { kind: 'absence-reported'; staffName: string; from: LocalDate; to: LocalDate; affected: number }
  | {
      kind: 'calendar-stale';
      staffName: string;
      calendar: 'outlook' | 'caldav';
      lastSuccess?: number;
      /** The sync's error reason (e.g. 'unauthorized'), no event contents. */
      lastError?: string;
    }
  | { kind: 'retention-unreadable'; appointmentIds: string[] }
  /** More proposed new times (COUNTER) for one appointment in a day than are answered automatically. */
  | { kind: 'reply-flood'; appointmentId: string; answered: number }
  /** SMS_MONTHLY_LIMIT reached for the calendar month `month` (YYYY-MM, Berlin): SMS now go on the call list. */
  | { kind: 'sms-limit'; month: string; limit: number };

/**
 * What a staff notice tells. `…-by-colleague`: a colleague who may book the serving staff member moved,
 * cancelled or recorded the outcome of their appointment (the pool's appointments are the team's).
 */
export const STAFF_NOTICE_EVENTS = [
  'citizen-cancelled',
  'citizen-rescheduled',
  'replanned',
  'reminder',
  'booked-for-you',
  'citizen-declined',
  'other-address-declined',
  'citizen-proposed',
  'moved-by-colleague',
  'cancelled-by-colleague',
  'completed-by-colleague',
  'no-show-by-colleague',
] as const;
export type StaffNoticeEvent = (typeof STAFF_NOTICE_EVENTS)[number];

/** What an SMS to the citizen is about. */
export const SMS_EVENTS = ['booked', 'changed', 'cancelled', 'reminder'] as const;
export type SmsEvent = (typeof SMS_EVENTS)[number];

/** The reasons a staff member chooses from when cancelling (none is preselected). */
export const CANCEL_CODES = ['citizen-request', 'staff-unavailable', 'not-needed', 'other'] as const;
export type CancelCode = (typeof CANCEL_CODES)[number];

/** Staff member, time and channel of an appointment before a move. */
export interface PreviousPlacement {
  staffId: string;
  start: number;
  end: number;
  channel: Channel;
}

/** Where an appointment is (staff member, time, channel): carried by a move's messages as `previous`. */
export function placementOf(a: Appointment): PreviousPlacement {
  return { staffId: a.staffId, start: a.start, end: a.end, channel: a.channel };
}

/** What a supervisor is told about an outbox entry given up after its attempts; ids only, no personal data. */
export interface DeadLetterFacts {
  /** The dead entry's stream id (what `npm run outbox -- replay` takes). */
  entryId: string;
  /** Its message kind; null for an unreadable entry. */
  kind: OutboxMessage['kind'] | null;
  attempts: number;
  appointmentId?: string;
}
