/**
 * The appointment book in Redis. Every write is one Lua script (src/store/lua/*.lua), so "no two
 * blocks of one staff member overlap" holds whatever the concurrency and however many instances
 * run. Business rules are checked in TypeScript before (src/domain/booking-rules.ts); the scripts
 * re-check only what can change between reading and writing: overlaps, holds, sequence, status.
 *
 * Layout (src/store/keys.ts, all under the deployment's hash tag, e.g. `{seelze}:book:…`):
 *   appt:<id>            JSON of the Appointment
 *   cal:<staff>          ZSET id → blockStart, the blocking appointments (booked, completed, no-show)
 *   calend:<staff>       ZSET id → blockEnd, the same ids (for the overlap check)
 *   sappts:<staff>       ZSET id → start, every appointment of the staff member (any status)
 *   holds:<staff>        ZSET token → expiresAt;  hold:<token>  JSON, PX ttl
 *   day:<YYYY-MM-DD>     SET of ids by local start date;  bystart  ZSET id → start
 *   busy:<staff>         ZSET '<start>:<end>' → end, busy blocks synced from their own calendar (calendar-busy.ts)
 *   idem:<clientKey>     id, PX ttl;  audit:<id>  LIST of AuditEntry JSON;  outbox  STREAM {key, msg}
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type {
  AppointmentReader,
  CancelInput,
  ConfirmInput,
  HoldInput,
  MoveInput,
  OutboxSpec,
  OutcomeInput,
} from '../app/ports';
import type { Clock } from '../domain/clock';
import { DomainError, type DomainErrorCode } from '../domain/errors';
import { buildBusyIndex, type BusyIndex, type HoldBlock } from '../domain/slots';
import { referenceFrom, searchEntriesOf } from '../domain/search-keys';
import { localDateOf } from '../domain/time';
import { SMS_EVENTS, type Appointment, type AuditEntry, type LocalDate } from '../domain/types';
import type { ReachOptions } from '../domain/reach-messages';
import { calendarBusyBlocks } from './calendar-busy';
import { keys } from './keys';
import { outboxEntries } from './outbox/messages';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

export type { CancelInput, ConfirmInput, HoldInput, MoveInput, OutcomeInput };

const citizenSchema = z.object({
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  smsConsent: z.boolean().optional(),
  language: z.enum(['de', 'en']),
});

const smsStatusSchema = z.object({
  status: z.enum(['sent', 'delivered', 'failed']),
  event: z.enum(SMS_EVENTS),
  sequence: z.number().int(),
  at: z.number(),
  reason: z.string().optional(),
});

export const appointmentSchema: z.ZodType<Appointment> = z.object({
  id: z.string(),
  ref: z.string().optional(),
  uid: z.string(),
  sequence: z.number().int(),
  staffId: z.string(),
  serviceId: z.string(),
  serviceIds: z.array(z.string()).optional(),
  channel: z.enum(['video', 'phone', 'in-person']),
  start: z.number(),
  end: z.number(),
  blockStart: z.number(),
  blockEnd: z.number(),
  status: z.enum(['booked', 'completed', 'no-show', 'cancelled']),
  citizen: citizenSchema,
  note: z.string().optional(),
  meetingUrl: z.string().optional(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  cancelReason: z.string().optional(),
  cancelledBy: z.enum(['staff', 'citizen', 'replan']).optional(),
  cancelledAt: z.number().optional(),
  reply: z
    .object({
      status: z.enum(['accepted', 'declined', 'tentative']),
      sequence: z.number().int(),
      stamp: z.number(),
      at: z.number(),
      followUp: z.enum(['keep', 'call']).optional(),
      comment: z.string().optional(),
    })
    .optional(),
  proposal: z
    .object({
      start: z.number(),
      end: z.number(),
      sequence: z.number().int(),
      at: z.number(),
      comment: z.string().optional(),
      declined: z.boolean().optional(),
    })
    .optional(),
  otherReply: z
    .object({
      from: z.string(),
      status: z.literal('declined'),
      sequence: z.number().int(),
      at: z.number(),
      comment: z.string().optional(),
      followUp: z.enum(['keep', 'call']).optional(),
    })
    .optional(),
  citizenMoves: z.number().int().min(0).optional(),
  moves: z.number().int().min(0).optional(),
  reachedBy: z.array(z.enum(['email', 'sms', 'call'])).optional(),
  anonymised: z.boolean().optional(),
  sms: smsStatusSchema.optional(),
});

const auditSchema: z.ZodType<AuditEntry> = z.object({
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  appointmentId: z.string(),
  detail: z.string().optional(),
  staffId: z.string().optional(),
});

const holdSchema = z.object({
  staffId: z.string(),
  blockStart: z.number(),
  blockEnd: z.number(),
  holder: z.string(),
  expiresAt: z.number(),
});

export type ScriptReply = [string, ...string[]];

/** By start, then id: the order every list of appointments is shown in. */
const byStart = (x: Appointment, y: Appointment): number => x.start - y.start || x.id.localeCompare(y.id);

/** A stored appointment record, validated. */
export function parseAppointment(raw: string): Appointment {
  return appointmentSchema.parse(JSON.parse(raw));
}

const SCRIPT_ERRORS: Record<string, DomainErrorCode> = {
  'slot-taken': 'slot-taken',
  'appointment-not-found': 'appointment-not-found',
  'appointment-not-active': 'appointment-not-active',
  'stale-appointment': 'stale-appointment',
  'move-limit': 'move-limit',
  'duplicate-id': 'invalid-input',
};

/** Reference candidates per confirm: the script reserves the first free one (4 characters, then 5). */
function referenceCandidates(): string {
  const bytes = randomBytes(6 * 4 + 2 * 5);
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push(referenceFrom(bytes.subarray(i * 4), 4));
  for (let i = 0; i < 2; i++) out.push(referenceFrom(bytes.subarray(24 + i * 5), 5));
  return out.join(',');
}

/**
 * A script's reply: its values, or the DomainError of a known refusal. An error the scripts do not
 * declare is a fault (a bug or a broken record), not the user's mistake: a plain Error, which the
 * edges answer as an internal failure (500 / "please try again") and log, not as "invalid input".
 */
export function unwrapScriptReply(reply: ScriptReply, id?: string): string[] {
  if (reply[0] !== 'err') return reply.slice(1);
  const code = SCRIPT_ERRORS[reply[1] ?? ''];
  if (!code)
    throw new Error(`Lua script failed with an undeclared error: ${reply[1] ?? '(none)'}${id ? ` (${id})` : ''}`);
  throw new DomainError(code, id ? `${reply[1]} (${id})` : reply[1]);
}

/** The script arguments of a change's outbox entries: count, then key and message JSON of each. */
function outboxArgs(
  spec: OutboxSpec,
  written: Appointment,
  before: Appointment = written,
  reach: ReachOptions = {},
): string[] {
  const entries = outboxEntries(typeof spec === 'function' ? spec(written, before) : spec, written, reach);
  const out = [String(entries.length)];
  for (const e of entries) out.push(e.key, JSON.stringify(e.msg));
  return out;
}

export interface AppointmentStoreOptions {
  /** How long a client key keeps answering with the original appointment (default 7 days). */
  idempotencyTtlMs?: number;
  /**
   * Of these staff members, those whose own calendar has not been read yet (CalendarSync.unread);
   * `busyIndex` makes them busy all the time. Absent: no calendar provider, nobody is unread.
   */
  unreadCalendars?: (staffIds: readonly string[]) => Promise<string[]>;
}

export class AppointmentStore implements AppointmentReader {
  private readonly idempotencyTtlMs: number;
  private readonly unreadCalendars: ((staffIds: readonly string[]) => Promise<string[]>) | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
    options: AppointmentStoreOptions = {},
  ) {
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? 7 * 24 * 3600 * 1000;
    this.unreadCalendars = options.unreadCalendars;
  }

  private script(name: string, args: (string | number)[]): Promise<ScriptReply> {
    return runScript<ScriptReply>(this.redis, name, [keys.bookBase()], args);
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Holds a block; throws DomainError('slot-taken') when it is not free. */
  async hold(input: HoldInput): Promise<{ token: string; expiresAt: number }> {
    if (!(input.blockEnd > input.blockStart)) throw new DomainError('invalid-range', 'block end before start');
    const token = randomBytes(16).toString('hex');
    const [, expiresAt] = unwrapScriptReply(
      await this.script('hold', [
        input.staffId,
        input.blockStart,
        input.blockEnd,
        Math.max(1, Math.round(input.ttlMs)),
        input.holder,
        token,
        this.clock.now(),
      ]),
    );
    return { token, expiresAt: Number(expiresAt) };
  }

  /** Releases a hold of `holder`; false when it had already expired or been used, or is somebody else's. */
  async releaseHold(token: string, holder: string): Promise<boolean> {
    return (await runScript<number>(this.redis, 'releaseHold', [keys.bookBase()], [token, holder])) === 1;
  }

  /**
   * Books atomically. Idempotent on `clientKey`: a retry returns the original appointment with
   * created=false. Throws DomainError('slot-taken') when the block overlaps an appointment or
   * somebody else's unexpired hold. An expired hold token still books when the slot is free.
   */
  async confirm(input: ConfirmInput): Promise<{ appointment: Appointment; created: boolean }> {
    const a = appointmentSchema.parse(input.appointment);
    if (a.status !== 'booked') throw new DomainError('invalid-input', 'a new appointment must be booked');
    if (!(a.end > a.start && a.blockStart <= a.start && a.blockEnd >= a.end))
      throw new DomainError('invalid-range', 'inconsistent block');
    const args = (): (string | number)[] => [
      input.clientKey,
      input.holdToken ?? '',
      input.holder ?? a.createdBy,
      JSON.stringify(a),
      JSON.stringify(auditSchema.parse(input.audit)),
      this.clock.now(),
      localDateOf(a.start),
      this.idempotencyTtlMs,
      a.id,
      a.staffId,
      a.start,
      a.blockStart,
      a.blockEnd,
      JSON.stringify(searchEntriesOf(a)),
      referenceCandidates(),
      ...outboxArgs(input.outbox, input.appointment),
    ];
    let reply = await this.script('confirm', args());
    // Eight candidates all in use is next to impossible; new ones are drawn rather than failing the booking.
    for (let retry = 0; retry < 3 && reply[0] === 'err' && reply[1] === 'no-reference'; retry++)
      reply = await this.script('confirm', args());
    if (reply[0] === 'err' && reply[1] === 'no-reference') throw new Error('no free appointment reference');
    const [json] = unwrapScriptReply(reply, a.id);
    return { appointment: parseAppointment(json!), created: reply[0] === 'created' };
  }

  /**
   * Moves a booked appointment to a new time, staff member and/or channel (reschedule and
   * replanning). Refuses with 'stale-appointment' when its sequence is no longer
   * `expectedSequence`, 'appointment-not-active' when it is not booked, 'slot-taken' on overlap.
   */
  async move(input: MoveInput): Promise<Appointment> {
    if (!(input.end > input.start && input.blockStart <= input.start && input.blockEnd >= input.end))
      throw new DomainError('invalid-range', 'end before start or inconsistent block');
    const current = await this.get(input.appointmentId);
    if (!current) throw new DomainError('appointment-not-found', input.appointmentId);
    if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
    if (current.sequence !== input.expectedSequence) throw new DomainError('stale-appointment', input.appointmentId);
    const now = this.clock.now();
    const next: Appointment = {
      ...current,
      staffId: input.staffId,
      start: input.start,
      end: input.end,
      blockStart: input.blockStart,
      blockEnd: input.blockEnd,
      channel: input.channel,
      sequence: current.sequence + 1,
      updatedAt: now,
      ...(input.patch as Partial<Appointment> | undefined),
    };
    if (input.channel !== 'video' && !(input.patch && 'meetingUrl' in input.patch)) delete next.meetingUrl;
    if (input.citizenMoveLimit !== undefined) next.citizenMoves = (current.citizenMoves ?? 0) + 1;
    if (input.staffId !== current.staffId || input.start !== current.start) next.moves = (current.moves ?? 0) + 1;
    const [json] = unwrapScriptReply(
      await this.script('move', [
        input.appointmentId,
        input.expectedSequence,
        input.staffId,
        input.start,
        input.end,
        input.blockStart,
        input.blockEnd,
        input.channel,
        localDateOf(input.start),
        localDateOf(current.start),
        now,
        input.holdToken ?? '',
        input.holder ?? input.audit.actor,
        JSON.stringify(input.patch ?? {}),
        JSON.stringify(auditSchema.parse(input.audit)),
        input.citizenMoveLimit === undefined ? '' : Math.max(0, Math.floor(input.citizenMoveLimit)),
        // A patch that changes the citizen's details re-indexes the appointment in the same step.
        input.patch && 'citizen' in input.patch ? JSON.stringify(searchEntriesOf(next)) : '',
        ...outboxArgs(input.outbox, next, current),
      ]),
      input.appointmentId,
    );
    return parseAppointment(json!);
  }

  /** Alias of `move` for the staff journey "Verschieben". */
  reschedule(input: MoveInput): Promise<Appointment> {
    return this.move(input);
  }

  /** Cancels a booked appointment and frees its block. */
  async cancel(input: CancelInput): Promise<Appointment> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.get(input.appointmentId);
      if (!current) throw new DomainError('appointment-not-found', input.appointmentId);
      if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
      const expected = input.expectedSequence ?? current.sequence;
      if (current.sequence !== expected) throw new DomainError('stale-appointment', input.appointmentId);
      const now = this.clock.now();
      const next: Appointment = {
        ...current,
        status: 'cancelled',
        cancelledBy: input.by,
        cancelledAt: now,
        sequence: expected + 1,
        updatedAt: now,
      };
      if (input.reason) next.cancelReason = input.reason;
      const reply = await this.script('cancel', [
        input.appointmentId,
        expected,
        input.reason ?? '',
        input.by,
        now,
        JSON.stringify(auditSchema.parse(input.audit)),
        ...outboxArgs(input.outbox, next, current, input.caller ? { caller: input.caller } : {}),
      ]);
      // Changed between our read and the script (a concurrent move): read again unless pinned.
      if (reply[0] === 'err' && reply[1] === 'stale-appointment' && input.expectedSequence === undefined && attempt < 3)
        continue;
      const [json] = unwrapScriptReply(reply, input.appointmentId);
      return parseAppointment(json!);
    }
  }

  /** Marks completed or no-show (check `validateOutcome` first); the sequence stays. */
  async markOutcome(input: OutcomeInput): Promise<Appointment> {
    const messages = input.outbox ?? [];
    // The notices are keyed with the appointment's sequence, which an outcome does not change.
    const current = messages.length ? await this.get(input.appointmentId) : null;
    if (messages.length && !current) throw new DomainError('appointment-not-found', input.appointmentId);
    const [json] = unwrapScriptReply(
      await this.script('markOutcome', [
        input.appointmentId,
        input.outcome,
        this.clock.now(),
        JSON.stringify(auditSchema.parse(input.audit)),
        ...(current ? outboxArgs(messages, current) : ['0']),
      ]),
      input.appointmentId,
    );
    return parseAppointment(json!);
  }

  /** Stores the video link created after booking. */
  async updateMeetingUrl(appointmentId: string, url: string): Promise<Appointment> {
    const [json] = unwrapScriptReply(
      await this.script('setMeetingUrl', [appointmentId, url, this.clock.now()]),
      appointmentId,
    );
    return parseAppointment(json!);
  }

  /** Switches SMS off for the appointment's citizen (page or STOP); false when they were off already. */
  async smsOff(appointmentId: string, actor: 'citizen' | 'system', detail: string): Promise<boolean> {
    const now = this.clock.now();
    const reply = await this.script('smsOff', [
      appointmentId,
      JSON.stringify({ at: now, actor, action: 'sms-off', appointmentId, detail }),
      now,
    ]);
    unwrapScriptReply(reply, appointmentId);
    return reply[0] === 'ok';
  }

  // ---- reads -----------------------------------------------------------------------------------

  async get(id: string): Promise<Appointment | null> {
    const raw = await this.redis.get(keys.appointment(id));
    return raw === null ? null : parseAppointment(raw);
  }

  getMany(ids: readonly string[]): Promise<Appointment[]> {
    return this.many(ids);
  }

  /**
   * The records of these ids, by start. All batches are sent at once (auto-pipelined into one round
   * trip), not one 500-key MGET after the other.
   */
  private async many(ids: readonly string[]): Promise<Appointment[]> {
    if (ids.length === 0) return [];
    const batches: Promise<(string | null)[]>[] = [];
    for (let i = 0; i < ids.length; i += 500)
      batches.push(this.redis.mget(...ids.slice(i, i + 500).map((id) => keys.appointment(id))));
    const out: Appointment[] = [];
    for (const raws of await Promise.all(batches))
      for (const raw of raws) if (raw !== null) out.push(parseAppointment(raw));
    return out.sort(byStart);
  }

  /** Appointments of a staff member whose start lies in [from, to), any status, by start. */
  async listForStaff(staffId: string, from: number, to: number): Promise<Appointment[]> {
    // One command (staff-appointments-1.lua): the agenda's index and records in one round trip.
    const raws = await runScript<string[]>(this.redis, 'staffAppointments', [keys.bookBase()], [from, to, staffId]);
    return raws.map(parseAppointment).sort(byStart);
  }

  /**
   * Appointments of these staff members whose start lies in [from, to), any status, by start: one
   * round trip for their indexes, one for the records (the summary's read of the people it is about).
   */
  async listForStaffMembers(staffIds: readonly string[], from: number, to: number): Promise<Appointment[]> {
    const lists = await Promise.all(
      staffIds.map((s) => this.redis.zrangebyscore(keys.staffAppointments(s), from, `(${to}`)),
    );
    return this.many(lists.flat());
  }

  /** All appointments starting on a local day, any status, by start. */
  async listForDay(day: LocalDate): Promise<Appointment[]> {
    return this.many(await this.redis.smembers(keys.day(day)));
  }

  /** All appointments whose start lies in [from, to), any status, by start (reminders, retention). */
  async listByStartRange(from: number, to: number): Promise<Appointment[]> {
    return this.many(await this.redis.zrangebyscore(keys.byStart(), from, `(${to}`));
  }

  /** The book's version (keys.bookVersion): it changes whenever anything a summary counts changes. */
  async version(): Promise<string> {
    return (await this.redis.get(keys.bookVersion())) ?? '0';
  }

  async audit(appointmentId: string): Promise<AuditEntry[]> {
    const raws = await this.redis.lrange(keys.audit(appointmentId), 0, -1);
    return raws.map((r) => auditSchema.parse(JSON.parse(r)));
  }

  /** Unexpired holds of the given staff members (all staff members that have any when omitted). */
  async liveHolds(staffIds: readonly string[]): Promise<(HoldBlock & { holder: string })[]> {
    const now = this.clock.now();
    const perStaff = await Promise.all(staffIds.map((s) => this.redis.zrangebyscore(keys.holds(s), `(${now}`, '+inf')));
    return this.holdsOf(perStaff.flat(), now);
  }

  /** The live holds behind these tokens (expired or released ones are left out). */
  private async holdsOf(tokens: readonly string[], now: number): Promise<(HoldBlock & { holder: string })[]> {
    const out: (HoldBlock & { holder: string })[] = [];
    if (tokens.length === 0) return out;
    const raws = await this.redis.mget(...tokens.map((t) => keys.hold(t)));
    raws.forEach((raw, i) => {
      if (raw === null) return;
      const h = holdSchema.parse(JSON.parse(raw));
      if (h.expiresAt > now) out.push({ ...h, token: tokens[i]! });
    });
    return out;
  }

  /** Live holds of these staff members whose block overlaps [from, to) (replanning's HoldReader shape). */
  async listHolds(from: number, to: number, staffIds: readonly string[]): Promise<HoldBlock[]> {
    return (await this.liveHolds(staffIds)).filter((h) => h.blockStart < to && h.blockEnd > from);
  }

  /**
   * Busy blocks (blocking appointments, live holds and the blocks synced from their own calendars)
   * of the given staff members whose block overlaps [from, to), ready for the slot engine; a staff
   * member whose calendar is not read yet is busy throughout (`unreadCalendars`). Reads only the compact
   * indexes (ids with block start and block end), never an appointment's JSON: one command for all the
   * staff members' indexes (busy-index-1.lua), a second only when someone holds a slot.
   */
  async busyIndex(staffIds: readonly string[], from: number, to: number): Promise<BusyIndex> {
    const now = this.clock.now();
    const [lists, unread] = await Promise.all([
      staffIds.length === 0
        ? Promise.resolve([])
        : runScript<string[][]>(this.redis, 'busyIndex', [keys.bookBase()], [from, to, now, ...staffIds]),
      this.unreadCalendars?.(staffIds) ?? [],
    ]);
    const part = (i: number, k: number): string[] => lists[i * 5 + k] ?? [];
    const [holds, calendarBusy] = [
      await this.holdsOf(
        staffIds.flatMap((_, i) => part(i, 3)),
        now,
      ),
      calendarBusyBlocks(
        staffIds,
        staffIds.map((_, i) => part(i, 4)),
        to,
      ),
    ];
    const blocks: BlockingBlock[] = [];
    staffIds.forEach((staffId, i) => {
      const [reaching, starts, ends] = [part(i, 0), part(i, 1), part(i, 2)];
      if (reaching.length === 3)
        blocks.push({
          id: reaching[0]!,
          staffId,
          blockStart: Number(reaching[1]),
          blockEnd: Number(reaching[2]),
          status: 'booked',
        });
      for (let k = 0; k + 1 < starts.length; k += 2)
        blocks.push({
          id: starts[k]!,
          staffId,
          blockStart: Number(starts[k + 1]),
          blockEnd: Number(ends[k / 2]),
          status: 'booked',
        });
    });
    return buildBusyIndex(blocks, holds, now, calendarBusy, unread);
  }
}

/** A blocking appointment as the compact indexes know it (cal:/calend: hold booked, completed and no-show ones). */
type BlockingBlock = Pick<Appointment, 'id' | 'staffId' | 'blockStart' | 'blockEnd' | 'status'>;
