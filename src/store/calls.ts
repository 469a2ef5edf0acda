/**
 * The call list: citizens a staff member must phone because a change reaches them no other way (no
 * email and no SMS, a failed SMS, the monthly SMS limit). Open calls are opened by the booking
 * scripts in the same step as the change (lua/includes/book.lua open_call, from the change's
 * 'staff-call' outbox entry) and closed by "Erreicht" (lua/mark-call-1.lua).
 *
 *   HASH keys.openCalls()          appointment id → OpenCall JSON (one per appointment: the latest change)
 *   ZSET keys.staffCalls(staffId)  that staff member's open calls' appointment ids, by when opened
 *
 * Both change only together, in open_call/close_call (includes/book.lua), so a list's ZCARD is its
 * open calls: the agenda and the summary count with it and read no call. A call whose JSON is
 * unreadable leaves its list too, found by the staffId legible in its bytes.
 */
import { z } from 'zod';
import type { CallList, MarkCallResult } from '../app/ports';
import { CALL_CAUSES, SMS_EVENTS, type AuditEntry, type OpenCall } from '../domain/types';
import type { Clock } from '../domain/clock';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

const placement = z.object({
  staffId: z.string(),
  start: z.number(),
  end: z.number(),
  channel: z.enum(['video', 'phone', 'in-person']),
});

export const openCallSchema: z.ZodType<OpenCall> = z.object({
  appointmentId: z.string().min(1),
  staffId: z.string().min(1),
  sequence: z.number().int().min(0),
  event: z.enum(SMS_EVENTS),
  cause: z.enum(CALL_CAUSES),
  previous: placement.optional(),
  at: z.number(),
  tries: z.number().int().min(0),
  lastTryAt: z.number().optional(),
});

function parseCall(raw: string | null | undefined): OpenCall | null {
  if (!raw) return null;
  try {
    const parsed = openCallSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** At most this many open calls are read for one staff member's agenda (the oldest first). */
export const MAX_CALLS_READ = 50;

export class CallStore implements CallList {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** The open call of an appointment, or null. */
  async get(appointmentId: string): Promise<OpenCall | null> {
    return parseCall(await this.redis.hget(keys.openCalls(), appointmentId));
  }

  /** A staff member's open calls, oldest first (at most MAX_CALLS_READ), and how many there are. */
  async listForStaff(staffId: string): Promise<{ calls: OpenCall[]; total: number }> {
    const ids = await this.redis.zrange(keys.staffCalls(staffId), '0', String(MAX_CALLS_READ - 1));
    // Counted only when the read was cut: every agenda turn asks, and most clerks have no open call.
    const total = ids.length < MAX_CALLS_READ ? ids.length : await this.redis.zcard(keys.staffCalls(staffId));
    if (ids.length === 0) return { calls: [], total };
    const raws = await this.redis.hmget(keys.openCalls(), ...ids);
    const calls = raws.map(parseCall).filter((c): c is OpenCall => c !== null && c.staffId === staffId);
    return { calls, total };
  }

  /**
   * For the summary: how many open calls each of these staff members has (only those with any), in one
   * round trip (lua/count-staff-calls-1.lua, ZCARD of their lists): no call is read, so the cost follows
   * the staff asked about, not the town's open calls. The agenda's count (listForStaff's total) too.
   */
  async countByStaff(staffIds: readonly string[]): Promise<Record<string, number>> {
    if (staffIds.length === 0) return {};
    const counts = await runScript<number[]>(this.redis, 'countStaffCalls', [keys.bookBase()], [...staffIds]);
    const out: Record<string, number> = {};
    staffIds.forEach((id, i) => {
      if ((counts[i] ?? 0) > 0) out[id] = counts[i]!;
    });
    return out;
  }

  /** "Erreicht" / "Nicht erreicht – später nochmal" (lua/mark-call-1.lua), idempotent per card. */
  async mark(input: {
    appointmentId: string;
    sequence: number;
    outcome: 'reached' | 'retry';
    tries: number;
    actorId: string;
  }): Promise<MarkCallResult> {
    const now = this.clock.now();
    const audit: AuditEntry = {
      at: now,
      actor: input.actorId,
      action: input.outcome === 'reached' ? 'call-reached' : 'call-not-reached',
      appointmentId: input.appointmentId,
    };
    const reply = await runScript<string[]>(
      this.redis,
      'markCall',
      [keys.bookBase()],
      [input.appointmentId, input.sequence, input.outcome, input.tries, now, JSON.stringify(audit)],
    );
    const call = parseCall(reply[1]);
    switch (reply[0]) {
      case 'reached':
        return { outcome: 'reached' };
      case 'retried':
        if (call) return { outcome: 'retried', call };
        break;
      case 'stale':
        if (call) return { outcome: 'stale', call };
        break;
      case 'done':
        return { outcome: 'done' };
    }
    throw new Error(`mark-call: unexpected reply ${String(reply[0])}`);
  }
}
