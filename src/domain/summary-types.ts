/**
 * The shapes of the supervisors' daily summary: what computeSummary (summary.ts) takes and returns,
 * and what the summary card (bot/cards/summary-card.ts) draws.
 */
import type {
  Absence,
  AbsenceMode,
  AbsenceReason,
  Appointment,
  Channel,
  Directory,
  Language,
  LocalDate,
} from './types';

export interface OpenProblems {
  /** Outbox entries (mails, Teams messages) that failed for good. */
  deadLetters: number;
  /** Appointments a replanning could not place; they wait for a decision. */
  unplaced: number;
  /** Supervisor alerts no addressed supervisor received in Teams, until one marks them done (absent when none). */
  undeliveredAlerts?: { id: string; text: Readonly<Record<Language, string>>; at: number }[];
  /** Staff calendars (Outlook / CalDAV) not read successfully for too long, of the summarised teams (absent when none). */
  staleCalendars?: StaleCalendar[];
  /**
   * Teams notices to colleagues of the summarised teams the bot cannot reach in Teams (they never
   * opened it): mailed to them and waiting for their next turn (absent when none).
   */
  waitingNotices?: { notices: number; staff: number };
  /**
   * Calls of the call list not yet marked "Erreicht", of the summarised teams' staff: citizens a change
   * reaches only by a call (absent when none).
   */
  openCalls?: { calls: number; staff: number };
  /**
   * Calendar answers the organisation mailbox ignored in the last 7 days (unknown UID, older version,
   * another attendee): left unseen there (REPLY_DIR/ignored/, or the keyword $SprechstundeIgnored)
   * for a person to look at. The mailbox is the organisation's: not per team (absent when none).
   */
  ignoredReplies?: number;
}

/** A staff member's own calendar that could not be read for too long: booking goes on with the last good state. */
export interface StaleCalendar {
  staffId: string;
  name: string;
  /** Last successful read (epoch ms); absent when it never worked. */
  lastSuccess?: number;
  /** Why the last read failed (not-found, forbidden, unauthorized, …). */
  lastError?: string;
}

/**
 * A recorded replanning (the store's ReplanOutcome has this shape): whose absence, the range and
 * what the confirmed items did. Counts only, no citizen data.
 */
export interface ReplanRecord {
  id: string;
  staffIds: readonly string[];
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
  converted: number;
  reassigned: number;
  rescheduled: number;
  /** Unplaced appointments confirmed as cancellations with a call-back note. */
  cancelled: number;
}

export interface SummaryInput {
  directory: Directory;
  day: LocalDate;
  /** Any status; only appointments whose start lies on `day`. */
  appointmentsOfDay: readonly Appointment[];
  /** Any status; only appointments of `previousWorkingDay(directory, day)`. */
  appointmentsOfPreviousWorkingDay: readonly Appointment[];
  /**
   * Appointments (any status) of the LEAD_TIME_DAYS days before `day`: their lead times (cancelled
   * ones and others are ignored).
   */
  recentBookings: readonly Appointment[];
  /** Absences overlapping `day` (others are ignored). */
  absences: readonly Absence[];
  /**
   * Busy blocks from the staff members' own calendars (Outlook, CalDAV) on `day`: their time is not
   * available for citizens, and a working day blocked entirely is listed as an absence.
   */
  calendarBusy?: readonly { staffId: string; start: number; end: number }[];
  /** serviceId → start of the earliest free slot (epoch ms), or null when none in the horizon. */
  nextFreeSlotPerService: Readonly<Record<string, number | null>>;
  /**
   * `unplaced` when the caller knows it; otherwise it is derived from the day: appointments still
   * booked with someone absent, or in person with someone who works from home only — what a
   * replanning left for a decision, or what nobody has replanned yet.
   */
  openProblems: {
    deadLetters: number;
    unplaced?: number;
    undeliveredAlerts?: OpenProblems['undeliveredAlerts'];
    staleCalendars?: readonly { staffId: string; lastSuccess?: number; lastError?: string }[];
    /** Waiting notices per staff id (all staff; the summary counts those of its teams). */
    waitingNotices?: Readonly<Record<string, number>>;
    /** Open calls per staff id (all staff; the summary counts those of its teams). */
    openCalls?: Readonly<Record<string, number>>;
    /** Ignored calendar answers of the last 7 days (the organisation mailbox). */
    ignoredReplies?: number;
  };
  /** The teams to summarise (a supervisor's teams); all teams when absent. */
  teamIds?: readonly string[];
  /** Replannings whose absence range overlaps `day` (others are ignored). */
  replans?: readonly ReplanRecord[];
  /**
   * Appointments of the replanned staff within the replannings' ranges (any status), to count what
   * is still unplaced; `appointmentsOfDay` when absent (then only the day's are counted).
   */
  appointmentsOfReplans?: readonly Appointment[];
  now: number;
}

/** Where a shift team works on the day: on site all day, one half, or from home all day. */
export type OnSite = 'all-day' | 'morning' | 'afternoon' | 'off-site';

export interface TeamLoad {
  teamId: string;
  name: string;
  /** Shift teams only: the rotation's verdict for the day. */
  onSite?: OnSite;
  appointments: number;
  cancelled: number;
  /** Minutes blocked by appointments (buffers included: that is what capacity they use). */
  bookedMin: number;
  /** Working minutes of the team's staff, minus absences; zero on holidays. */
  availableMin: number;
  /** bookedMin / availableMin, 0..1 (may exceed 1 when someone works beyond their hours); null without capacity. */
  utilisation: number | null;
  staffWorking: number;
  staffAbsent: number;
  /** Staff members working only from home that day (reported or by an outage). */
  staffHomeOfficeOnly: number;
  /** Every member who works that day is out: absent, or at most from home (whatever the rotation says). */
  outage?: AbsenceMode;
}

export interface StaffLoad {
  staffId: string;
  name: string;
  teamId: string;
  appointments: number;
  bookedMin: number;
  availableMin: number;
  absence: AbsenceMode | null;
  /** Start of the first and end of the last appointment of the day. */
  firstStart: number | null;
  lastEnd: number | null;
}

export interface ServiceLoad {
  serviceId: string;
  name: { de: string; en: string };
  appointments: number;
  nextFreeSlot: number | null;
}

export interface PreviousDaySummary {
  day: LocalDate;
  appointments: number;
  completed: number;
  noShows: number;
  cancelled: number;
  cancelledBy: { citizen: number; staff: number; replan: number };
  /** noShows / (completed + noShows); null when nothing was marked. */
  noShowRate: number | null;
}

export interface UnmarkedSummary {
  /** Past appointments (ended before `now`) still 'booked': nobody marked them completed or no-show. */
  count: number;
  byStaff: { staffId: string; name: string; count: number }[];
}

export interface LeadTimeSummary {
  samples: number;
  medianMin: number | null;
  p90Min: number | null;
}

export interface AbsenceLine {
  staffId: string;
  name: string;
  teamId: string;
  mode: AbsenceMode;
  reason: AbsenceReason;
  from: LocalDate;
  to: LocalDate;
  /** Not reported in the bot: the staff member's own calendar blocks the whole working day. */
  source?: 'calendar';
}

/** One replanning as the summary shows it. */
export interface ReplanLine {
  id: string;
  /** Set when the replanning covered every member of a team (a team out); otherwise null. */
  team: { teamId: string; name: string } | null;
  staff: { staffId: string; name: string }[];
  mode: AbsenceMode;
  from: LocalDate;
  to: LocalDate;
  /** In-person appointments turned into video or phone with the same person and time. */
  converted: number;
  /** Given to a colleague at the same time (reassigned) or put on a later slot (rescheduled). */
  moved: number;
  reassigned: number;
  rescheduled: number;
  /** Cancelled for a call-back: nobody could take them. */
  cancelled: number;
  /**
   * Still unplaced: appointments from now on in the range, still booked with the absent person
   * (in person for home-office-only) — not yet replanned, or left for a decision.
   */
  unplaced: number;
}

export interface Summary {
  day: LocalDate;
  previousWorkingDay: LocalDate;
  generatedAt: number;
  holiday: boolean;
  teamIds: string[];
  totals: {
    appointments: number;
    cancelled: number;
    bookedMin: number;
    availableMin: number;
    utilisation: number | null;
  };
  teams: TeamLoad[];
  staff: StaffLoad[];
  services: ServiceLoad[];
  channels: Record<Channel, number>;
  previousDay: PreviousDaySummary;
  unmarked: UnmarkedSummary;
  leadTime: LeadTimeSummary;
  absences: AbsenceLine[];
  /** Replannings overlapping the day that concern the summarised teams; empty when none. */
  replans: ReplanLine[];
  problems: OpenProblems;
}
