/**
 * The citizen's iTIP answers in Redis (src/app/replies.ts's ReplyRecorder) and the mailbox's
 * bookkeeping: per-mail leases (two instances do not read one mail at once), "done" markers (set in
 * the same Lua step as the change, apply-reply-1.lua) and the per-mailbox read cursor.
 */
import type { ApplyReplyInput, MailClaims, ReplyOutcome, ReplyRecorder } from '../app/replies';
import type { Clock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { addDays, localDateOf } from '../domain/time';
import type { Appointment } from '../domain/types';
import { appointmentSchema, type AppointmentStore, type CancelInput } from './appointments';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

/** How long a processed mail stays known by its claims (a re-delivered copy within this time counts once). */
export const DONE_TTL_MS = 60 * 24 * 3600 * 1000;
/**
 * Notices about proposed new times (COUNTER) per appointment and day: a citizen proposes a time once
 * or twice; thirty COUNTERs are forged, and must not put thirty cards before the staff member (nor, by
 * their answers, thirty mails before the citizen). The first one over the cap alerts the supervisors
 * (once a day); the rest are recorded in the audit only.
 */
export const AUTO_ANSWERS_PER_DAY = 3;
/** The per-day count of ignored answers outlives the summary's week by a day (apply-reply-1.lua keeps it as long). */
const IGNORED_COUNT_TTL_MS = 8 * 24 * 3600 * 1000;
/** A mailbox cursor expires when the mailbox is no longer read. */
const CURSOR_TTL_MS = 180 * 24 * 3600 * 1000;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisReplyStore implements ReplyRecorder {
  constructor(
    private readonly client: RedisClient,
    private readonly replyClock: Clock,
    private readonly appointments: AppointmentStore,
  ) {}

  get(id: string): Promise<Appointment | null> {
    return this.appointments.get(id);
  }

  cancel(input: CancelInput): Promise<Appointment> {
    return this.appointments.cancel(input);
  }

  async apply(input: ApplyReplyInput): Promise<ReplyOutcome> {
    const now = this.replyClock.now();
    const reply = await runScript<string[]>(
      this.client,
      'applyReply',
      [keys.bookBase()],
      [
        input.appointmentId,
        input.uid,
        input.attendee,
        input.method,
        input.partstat ?? '',
        input.sequence,
        input.stamp,
        now,
        input.claims.mail,
        input.claims.messageId ?? '',
        DONE_TTL_MS,
        JSON.stringify({ at: now, actor: 'citizen', action: 'reply', appointmentId: input.appointmentId }),
        localDateOf(now),
        AUTO_ANSWERS_PER_DAY,
        input.comment ?? '',
        input.proposed?.start ?? '',
        input.proposed?.end ?? '',
      ],
    );
    switch (reply[0]) {
      case 'duplicate':
        return { result: 'duplicate', previous: reply[1] ?? '' };
      case 'ignored':
        return { result: 'ignored', reason: reply[1] as Extract<ReplyOutcome, { result: 'ignored' }>['reason'] };
      case 'applied': {
        const a = appointmentSchema.parse(JSON.parse(reply[1]!));
        return {
          result: 'applied',
          appointmentId: a.id,
          effect: reply[2] as Extract<ReplyOutcome, { result: 'applied' }>['effect'],
          ...(input.partstat ? { status: input.partstat } : {}),
        };
      }
      default:
        throw new Error(`applyReply: unexpected answer ${String(reply[0])}`);
    }
  }

  async markIgnored(claims: MailClaims): Promise<void> {
    const m = this.client.multi();
    for (const c of [claims.mail, claims.messageId]) if (c) m.set(keys.mailboxDone(c), 'ignored', 'PX', DONE_TTL_MS);
    const day = keys.mailboxIgnored(localDateOf(this.replyClock.now()));
    m.incr(day).pexpire(day, IGNORED_COUNT_TTL_MS);
    await m.exec();
  }

  /** Calendar answers ignored in the last `days` local days, today included (the supervisor's summary). */
  async countIgnored(days = 7): Promise<number> {
    const today = localDateOf(this.replyClock.now());
    const dates = Array.from({ length: days }, (_, i) => addDays(today, -i));
    const counts = await this.client.mget(...dates.map((d) => keys.mailboxIgnored(d)));
    return counts.reduce((sum, c) => sum + Number(c ?? 0), 0);
  }

  /** 'applied' | 'ignored' when one of the claims was processed before, else null. */
  async doneOutcome(claims: MailClaims): Promise<string | null> {
    for (const c of [claims.mail, claims.messageId]) {
      if (!c) continue;
      const v = await this.client.get(keys.mailboxDone(c));
      if (v) return v;
    }
    return null;
  }

  /** A short lease on one mail; false when another instance is reading it right now. */
  async lease(claim: string, token: string, ms: number): Promise<boolean> {
    return (await this.client.set(keys.mailboxLease(claim), token, 'PX', ms, 'NX')) === 'OK';
  }

  async releaseLease(claim: string, token: string): Promise<void> {
    await this.client.eval(RELEASE, 1, keys.mailboxLease(claim), token);
  }

  async cursor(mailbox: string, uidValidity: string): Promise<number> {
    return Number((await this.client.get(keys.mailboxCursor(mailbox, uidValidity))) ?? 0);
  }

  async advanceCursor(mailbox: string, uidValidity: string, uid: number): Promise<number> {
    return Number(
      await runScript<number>(
        this.client,
        'advanceMailboxCursor',
        [keys.mailboxCursor(mailbox, uidValidity)],
        [uid, CURSOR_TTL_MS],
      ),
    );
  }

  async declineProposal(input: {
    appointmentId: string;
    expectedSequence: number;
    actorId: string;
  }): Promise<Appointment> {
    return this.runFollowUp(input, 'decline-proposal', 'counter-declined');
  }

  async followUp(input: {
    appointmentId: string;
    expectedSequence: number;
    choice: 'keep' | 'call';
    actorId: string;
  }): Promise<Appointment> {
    return this.runFollowUp(input, input.choice, `decline-${input.choice}`);
  }

  /** One staff decision after a citizen's answer (reply-follow-up-1.lua), audited as `action`. */
  private async runFollowUp(
    input: { appointmentId: string; expectedSequence: number; actorId: string },
    choice: 'keep' | 'call' | 'decline-proposal',
    action: string,
  ): Promise<Appointment> {
    const now = this.replyClock.now();
    const reply = await runScript<string[]>(
      this.client,
      'replyFollowUp',
      [keys.bookBase()],
      [
        input.appointmentId,
        input.expectedSequence,
        choice,
        now,
        JSON.stringify({ at: now, actor: input.actorId, action, appointmentId: input.appointmentId }),
      ],
    );
    if (reply[0] !== 'ok') {
      const code =
        reply[1] === 'appointment-not-found' || reply[1] === 'appointment-not-active' ? reply[1] : 'stale-appointment';
      throw new DomainError(code, input.appointmentId);
    }
    return appointmentSchema.parse(JSON.parse(reply[1]!));
  }
}
