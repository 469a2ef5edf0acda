/**
 * Every Redis key, built in one place. The client adds the deployment's prefix (`redisKeyPrefix`),
 * which is also the hash tag of every key: REDIS_KEY_PREFIX=seelze: → keys `{seelze}:…`.
 *
 * One hash tag per deployment (a town), on every key: the Lua scripts that keep "no double booking"
 * touch a staff calendar, the appointment, indexes, audit and outbox in one atomic step (and moves
 * between staff members stay atomic too), and on Redis Cluster all keys of one town live in one slot,
 * so every script runs there, while different towns spread over the masters. A town's load is far
 * below one node's capacity (bench/booking.ts). The key contract — which keys each script
 * may touch — is in docs/redis-keys.md; docs/adr/0001-hash-tag-per-deployment.md says why.
 */

/**
 * The ioredis keyPrefix of a deployment: its REDIS_KEY_PREFIX (without braces; trailing colons
 * dropped) as the hash tag. `seelze:` → `{seelze}:`. The one place where the tag is made.
 */
export function redisKeyPrefix(deploymentPrefix: string): string {
  const tag = deploymentPrefix.replace(/:+$/, '');
  if (tag === '' || /[{}]/.test(tag))
    throw new Error(`REDIS_KEY_PREFIX "${deploymentPrefix}": needs a name without { or } (e.g. seelze:)`);
  return `{${tag}}:`;
}

/** The namespace of the scheduling keys (appointments, calendars, holds, outbox, …); see `bookBase`. */
const B = 'book';

export const keys = {
  appointment: (id: string) => `${B}:appt:${id}`,
  /** ZSET of appointment ids of one staff member, scored by blockStart. */
  calendar: (staffId: string) => `${B}:cal:${staffId}`,
  /** The same ids as `calendar`, scored by blockEnd: the overlap check finds the first block ending after a start. */
  calendarEnds: (staffId: string) => `${B}:calend:${staffId}`,
  /** ZSET of all appointment ids of one staff member (any status), scored by start; `calendar` holds only the blocking ones. */
  staffAppointments: (staffId: string) => `${B}:sappts:${staffId}`,
  /**
   * The `book:` namespace itself. The booking scripts get it as KEYS[1] (with the client's prefix, so
   * `{seelze}:book:`) and build the keys they learn only while running (another staff member's
   * calendar, a hold) by appending the suffixes used above — they carry KEYS[1]'s hash tag and so its
   * slot. Keep src/store/lua/includes/book.lua in step with this file.
   */
  bookBase: () => `${B}:`,
  /**
   * ZSET of busy blocks synced from the staff member's own calendar (src/calendars): disjoint
   * intervals, member `<start>:<end>`, scored by end (epoch ms). The booking scripts refuse a block
   * overlapping one of them exactly as they refuse an overlapping appointment.
   */
  calendarBusy: (staffId: string) => `${B}:busy:${staffId}`,
  /** ZSET of hold tokens of one staff member, scored by expiry; the hold itself is `hold`. */
  holds: (staffId: string) => `${B}:holds:${staffId}`,
  hold: (token: string) => `${B}:hold:${token}`,
  /** SET of appointment ids by local day (YYYY-MM-DD), for summaries and reminders. */
  day: (localDate: string) => `${B}:day:${localDate}`,
  /**
   * Search index, written by the booking scripts (lua/includes/search.lua mirrors these):
   * SET of appointment ids per entry ('n:<word>', 'p:<digits>', 'e:<email>', src/domain/search-keys.ts);
   * the entries JSON an appointment was indexed under; ZSETs of the name words and of the words
   * reversed (prefix and typo buckets, ZRANGEBYLEX); HASH reference → appointment id.
   */
  searchEntry: (entry: string) => `${B}:ix:${entry}`,
  searchEntriesOf: (appointmentId: string) => `${B}:ixk:${appointmentId}`,
  searchNames: () => `${B}:ixn`,
  searchNamesReversed: () => `${B}:ixr`,
  references: () => `${B}:refs`,
  /** STREAM of searches (who, which kind of key, how many hits — never the text), trimmed to the audit period. */
  searchAudit: () => 'search:audit',
  /** Set once every appointment booked before the search index existed has been indexed. */
  searchBackfilled: () => 'search:backfilled',
  /** Client key → appointment id; makes confirm idempotent. */
  idempotency: (clientKey: string) => `${B}:idem:${clientKey}`,
  /** sha256(citizen token) → appointment id. */
  citizenToken: (tokenHash: string) => `${B}:ctok:${tokenHash}`,
  audit: (appointmentId: string) => `${B}:audit:${appointmentId}`,
  /** HASH absence id → JSON (kept for the reports over the years). */
  absences: () => `${B}:absences`,
  /** Absence ids by the day they end (YYYYMMDD), so a turn reads the current and coming ones only. */
  absencesByEnd: () => `${B}:absences:byend`,
  /**
   * The book's version: counted up in the same step as every change a summary counts (booking, move,
   * cancellation, outcome, absence, replanning, a staff calendar's busy blocks), so a summary's reads
   * can be kept while it is unchanged (src/app/summary-reads.ts).
   */
  bookVersion: () => `${B}:version`,
  /**
   * The appointments retention compacted, per Berlin month (YYYY-MM) of their start and staff member:
   * HASH appointment id → their facts for reports, encoded (src/store/appointment-facts.ts), and a SET
   * of the staff members that have such a hash in the month. Written only by lua/retention-2.lua.
   */
  facts: (month: string, staffId: string) => `${B}:facts:${month}:${staffId}`,
  factsStaff: (month: string) => `${B}:factstaff:${month}`,
  /** ZSET of appointment ids scored by start, for reminders and retention. */
  byStart: () => `${B}:bystart`,
  /** Outcome of an applied replanning (JSON), and a ZSET of their ids scored by the first absent day's start. */
  replanOutcome: (id: string) => `${B}:replan:${id}`,
  replanOutcomes: () => `${B}:replans`,
  /**
   * The call list (src/store/calls.ts): HASH appointment id → open call JSON (one per appointment, the
   * latest change), and a ZSET per staff member of their open calls' appointment ids, scored by when
   * the call was opened. Written by the booking scripts with the change (includes/book.lua open_call).
   */
  openCalls: () => `${B}:calls`,
  staffCalls: (staffId: string) => `${B}:calls:${staffId}`,
  outbox: () => `${B}:outbox`,
  outboxDead: () => `${B}:outbox:dead`,
  /** Outbox delivery bookkeeping: ZSET entry id → next attempt (ms); HASH entry id → failed attempts; per-entry lease. */
  outboxRetry: () => `${B}:outbox:retry`,
  outboxAttempts: () => `${B}:outbox:attempts`,
  outboxLease: (entryId: string) => `${B}:outbox:lease:${entryId}`,
  /** Set once the side effect with this dedupe key was delivered (idempotent outbox delivery). */
  delivered: (dedupeKey: string) => `${B}:delivered:${dedupeKey}`,
  /** Reminder of one kind already enqueued for an appointment starting at `start`. */
  reminded: (kind: 'citizen' | 'staff' | 'sms', appointmentId: string, start: number) =>
    `${B}:reminded:${kind}:${appointmentId}:${start}`,
  /** Development only: the generated citizen-link secret shared by all instances when CITIZEN_LINK_SECRET is unset. */
  citizenLinkSecret: () => 'secret:citizen-link',
  /** The generation of a staff member's calendar feed link (counted up by each renewal, which revokes the old link). */
  feedGeneration: (staffId: string) => `feed:gen:${staffId}`,
  /** Per-IP request counter of the citizen pages, one key per time window. */
  citizenRate: (ip: string, window: number) => `rl:citizen:${ip}:${window}`,
  /** What /readyz writes to see that Redis accepts writes (expires after a minute). */
  readyProbe: () => 'readyz:probe',
  /** Bot framework: conversation references by AAD object id, dedupe of activities. */
  conversationRef: (aadObjectId: string) => `bot:convref:${aadObjectId}`,
  activitySeen: (activityId: string) => `bot:seen:${activityId}`,
  /** The day (YYYY-MM-DD) of a daily summary a supervisor could not be sent; delivered when they next write. */
  pendingSummary: (staffId: string) => `summary:pending:${staffId}`,
  /** Retention: `bystart` score up to which the audit pass has handled everything (compaction needs none). */
  retentionCursor: (pass: 'audit') => `retention:cursor:${pass}`,
  /** HASH of supervisor alerts nobody addressed received in Teams (open problems until resolved). */
  openAlerts: () => 'alerts:open',
  /**
   * Teams notices for a staff member the bot cannot reach yet (mailed; shown when they next open the
   * bot): one HASH per staff member, so their turn reads only theirs. The scripts get `noticesBase` as
   * KEYS[1] and derive these (src/store/lua/includes/notices.lua; keep it in step with this file).
   */
  waitingNoticesOf: (staffId: string) => `notices:waiting:${staffId}`,
  noticesBase: () => 'notices:',
  /**
   * Versions before 2026-12-07: ONE hash of everyone's waiting notices (field `<staffId> <id>`). The
   * first take or count that finds it moves it into `waitingNoticesOf` (includes/notices.lua).
   */
  waitingNoticesShared: () => 'notices:waiting',
  /** SET of appointment ids retention could not read (each reported to supervisors once). */
  retentionUnreadable: () => 'retention:unreadable',
  /** A replanning proposal shown to supervisors (JSON, expires), and its short apply lock. */
  replanProposal: (id: string) => `replan:proposal:${id}`,
  replanProposalLock: (id: string) => `replan:proposal-lock:${id}`,
  /**
   * Staff calendar sync bookkeeping (src/store/calendar-sync.ts; the booking scripts read only
   * `calendarBusy`): HASH event id → '<start>:<end>:<showAs>' of the counting instances, the
   * provider's state (delta link / ctag), HASH status (lastSuccess, lastError, failingSince, …), a
   * short per-staff lock so the job and a just-in-time refresh do not sync the same calendar at once.
   */
  calendarSync: (part: 'events' | 'state' | 'status' | 'lock', staffId: string) => `calsync:${part}:${staffId}`,
  /**
   * Organisation mailbox: a mail (by claim id: mailbox + UIDVALIDITY + UID, or its Message-ID) is done
   * ('applied' | 'ignored'), set by apply-reply-1.lua in the same step as the change; the lease keeps two
   * instances from reading the same mail at once; the cursor is the highest UID looked at per mailbox.
   */
  mailboxDone: (claimId: string) => `${B}:mbox:done:${claimId}`,
  /** Automatic answers (DECLINECOUNTER) sent for one appointment on one local day (apply-reply-1.lua caps them). */
  autoAnswers: (appointmentId: string, localDate: string) => `${B}:autoanswers:${appointmentId}:${localDate}`,
  /** Calendar answers ignored on one local day (unknown UID, stale, another attendee …): the summary counts them. */
  mailboxIgnored: (localDate: string) => `${B}:mbox:ignored:${localDate}`,
  mailboxLease: (claimId: string) => `mbox:lease:${claimId}`,
  mailboxCursor: (mailbox: string, uidValidity: string) => `mbox:cursor:${mailbox}:${uidValidity}`,
  /**
   * SMS (src/sms): a short link code → appointment id and the appointment's code (both expire with the
   * appointment); the segments sent per month (SMS_MONTHLY_LIMIT); provider message id → what it was
   * (delivery receipts); numbers that answered STOP (SET of E.164).
   */
  shortLink: (code: string) => `short:${code}`,
  shortLinkOf: (appointmentId: string) => `short:of:${appointmentId}`,
  smsSegments: (month: string) => `sms:segments:${month}`,
  /**
   * Delivery receipts (src/store/sms-messages.ts; the scripts build these from `smsBase`): provider
   * message id → our reference of the SMS; HASH reference → appointment, sequence, event, parts, the
   * message id and receipt of each part, the outcome; a receipt that came before its message id was
   * recorded, parked for a while. No number, no text.
   */
  smsBase: () => 'sms:',
  smsMessage: (providerMessageId: string) => `sms:msg:${providerMessageId}`,
  smsSent: (reference: string) => `sms:sent:${reference}`,
  /** SET of the references of one appointment's SMS: retention deletes their records with the appointment. */
  smsOf: (appointmentId: string) => `sms:of:${appointmentId}`,
  smsParkedReceipt: (providerMessageId: string) => `sms:rcpt:${providerMessageId}`,
  smsStopped: () => 'sms:stopped',
  /** Run coordinator leases for scheduled jobs. */
  jobLease: (job: string, fireId: string) => `job:${job}:${fireId}`,
  /** The scheduled slot (epoch ms) of a job's last run on any instance; what the catch-up compares with. */
  jobLastRun: (job: string) => `jobrun:${job}`,
} as const;
