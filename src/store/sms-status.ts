/**
 * What became of an SMS, on its appointment (`Appointment.sms`, shown by the agenda and the search),
 * and the call list entry of a failed one (lua/record-sms-status-1.lua: one step); and the monthly
 * count of segments against SMS_MONTHLY_LIMIT (lua/reserve-sms-segments-2.lua). The port through
 * which delivery receipts (src/sms providers) and the outbox's SMS delivery report back: the
 * contract with the receipts' side is /work/notes/calls-smsprov.md (SmsStatusPort).
 */
import { callAfterSmsFailure } from '../domain/booking-rules';
import type { Clock } from '../domain/clock';
import { localDateOf } from '../domain/time';
import type { CallCause, OutboxMessage, SmsEvent } from '../domain/types';
import { appointmentSchema } from './appointments';
import { keys } from './keys';
import { outboxEntry, smsLimitAlertKey, staffCallKey } from './outbox/messages';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

export interface SmsStatusReport {
  appointmentId: string;
  /** The appointment sequence the SMS was written for (the outbox message's `sequence`). */
  sequence: number;
  event: SmsEvent;
  status: 'sent' | 'delivered' | 'failed';
  /** Carrier/provider reason of a failure ('UNDELIV', 'EXPIRED', 'refused: …'); never the number. */
  reason?: string;
  /** Why a failed SMS goes on the call list: it failed (default), or the monthly limit kept it back. */
  cause?: Extract<CallCause, 'sms-failed' | 'sms-limit'>;
  at: number;
}

export type SmsStatusResult = 'recorded' | 'duplicate' | 'stale' | 'gone';

export interface SmsStatusPort {
  record(report: SmsStatusReport): Promise<SmsStatusResult>;
}

/** The Berlin calendar month of an instant, YYYY-MM: what SMS_MONTHLY_LIMIT counts per. */
export const smsMonthOf = (at: number): string => localDateOf(at).slice(0, 7);

/** The month's count is kept a little longer than the month (the summary and operators may look back). */
const MONTH_TTL_MS = 62 * 24 * 3600 * 1000;

export class SmsStatusStore implements SmsStatusPort {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the SMS's status. A failed one whose citizen has no email (booking-rules.ts
   * callAfterSmsFailure) puts the citizen on the serving staff member's call list, in the same step.
   */
  async record(report: SmsStatusReport): Promise<SmsStatusResult> {
    const raw = await this.redis.get(keys.appointment(report.appointmentId));
    if (!raw) return 'gone';
    const a = appointmentSchema.parse(JSON.parse(raw));
    let call: OutboxMessage | undefined;
    if (report.status === 'failed' && !a.anonymised && callAfterSmsFailure(a.citizen))
      call = {
        kind: 'staff-call',
        staffId: a.staffId,
        appointmentId: a.id,
        sequence: report.sequence,
        event: report.event,
        cause: report.cause ?? 'sms-failed',
        at: report.at,
      };
    const reply = await runScript<string[]>(
      this.redis,
      'recordSmsStatus',
      [keys.bookBase()],
      [
        report.appointmentId,
        report.sequence,
        report.event,
        report.status,
        report.reason ?? '',
        report.at,
        call && call.kind === 'staff-call' ? staffCallKey(call) : '',
        call ? JSON.stringify(call) : '',
      ],
    );
    return reply[0] as SmsStatusResult;
  }

  /**
   * Counts an SMS of `segments` against this month's limit before it is sent (once per `reference`:
   * a retry is not counted again). 'over': not counted, not to be sent; the supervisors' alert of the
   * month was queued with the first refusal.
   */
  async reserveSegments(
    reference: string,
    segments: number,
    limit: number | undefined,
  ): Promise<{ result: 'ok' | 'over'; total: number }> {
    const month = smsMonthOf(this.clock.now());
    const alert = outboxEntry({
      kind: 'supervisor-alert',
      facts: { kind: 'sms-limit', month, limit: limit ?? 0 },
    });
    const reply = await runScript<string[]>(
      this.redis,
      'reserveSmsSegments',
      [keys.smsSegments(month), keys.outbox()],
      [
        reference,
        segments,
        limit === undefined ? '' : limit,
        MONTH_TTL_MS,
        smsLimitAlertKey(month),
        JSON.stringify(alert.msg),
      ],
    );
    return { result: reply[0] === 'over' ? 'over' : 'ok', total: Number(reply[1] ?? 0) };
  }

  /** Segments counted this month so far. */
  async segmentsThisMonth(): Promise<number> {
    return Number((await this.redis.hget(keys.smsSegments(smsMonthOf(this.clock.now())), 'n')) ?? 0);
  }
}
