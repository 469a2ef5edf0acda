/**
 * What the outbox stream holds, and how its dedupe keys are built (the only place they are).
 *
 * A stream entry (keys.outbox()) has two fields: `key`, the dedupe key, unique per side effect
 * (delivery marks `delivered:<key>…` and never sends a key twice), and `msg`, the OutboxMessage as
 * JSON. Entries come back from Redis, so they are parsed with zod.
 *
 * Dedupe keys:
 *   <appointmentId>:<kind>:<sequence>                              citizen invitation / cancellation
 *   <appointmentId>:staff-notice:<event>:<staffId>:<sequence>      staff notice, sequence as written
 *   <appointmentId>:citizen-sms:<event>:<sequence>                 SMS of a change (added by the store)
 *   <appointmentId>:staff-call:<event>:<sequence>                  call card of a change (added by the store),
 *   <appointmentId>:staff-call:<event>:<sequence>:<cause>          of a failed SMS or the monthly limit
 *   <appointmentId>:citizen-reminder:<start>                       reminders: once per start time,
 *   <appointmentId>:citizen-sms-reminder:<start>
 *   <appointmentId>:staff-reminder:<staffId>:<start>               whatever else changes
 *   dead-letter:<entryId>   retention-unreadable:<ids>   supervisor-alert:<random>   alerts
 *   sms-limit:<YYYY-MM>    the one alert of a month's SMS limit (lua/reserve-sms-segments-2.lua)
 *   absence-alert:<absenceId>   the alert about a reported absence (app/report-absence.ts passes the id)
 *   <appointmentId>:citizen-declinecounter:<sequence>:<mail claim>  and the 'citizen-declined' and
 *   'other-address-declined' staff notices are written by lua/apply-reply-1.lua, which decides inside
 *   the script whether to send them; <appointmentId>:citizen-kept:<sequence> by lua/reply-follow-up-1.lua
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isLocalDate } from '../../domain/time';
import { reachMessages, type ReachOptions } from '../../domain/reach-messages';
import {
  CALL_CAUSES,
  CANCEL_CODES,
  SMS_EVENTS,
  STAFF_NOTICE_EVENTS,
  type Appointment,
  type OutboxMessage,
} from '../../domain/types';

const localDate = z.string().refine(isLocalDate, 'a date YYYY-MM-DD');
const appointmentRef = { appointmentId: z.string().min(1), sequence: z.number().int().min(0) };
const previous = z
  .object({
    staffId: z.string().min(1),
    start: z.number(),
    end: z.number(),
    channel: z.enum(['video', 'phone', 'in-person']),
  })
  .optional();

export const outboxMessageSchema: z.ZodType<OutboxMessage> = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('citizen-invitation'),
      ...appointmentRef,
      reason: z.enum(['booked', 'rescheduled', 'replanned']),
      previous,
    }),
    z.object({
      kind: z.literal('citizen-cancellation'),
      ...appointmentRef,
      reason: z.enum(['staff', 'citizen', 'replan']),
      code: z.enum(CANCEL_CODES).optional(),
    }),
    z.object({ kind: z.literal('citizen-reminder'), ...appointmentRef }),
    z.object({ kind: z.literal('citizen-kept'), ...appointmentRef }),
    z.object({ kind: z.literal('citizen-sms'), ...appointmentRef, event: z.enum(SMS_EVENTS), previous }),
    z.object({
      kind: z.literal('staff-call'),
      staffId: z.string().min(1),
      ...appointmentRef,
      event: z.enum(SMS_EVENTS),
      cause: z.enum(CALL_CAUSES),
      previous,
      at: z.number().int().min(0),
    }),
    z.object({
      kind: z.literal('staff-notice'),
      staffId: z.string().min(1),
      appointmentId: z.string().min(1),
      event: z.enum(STAFF_NOTICE_EVENTS),
      previous,
      by: z.string().min(1).optional(),
    }),
    z.object({ kind: z.literal('citizen-declinecounter'), ...appointmentRef }),
    z.object({
      kind: z.literal('supervisor-alert'),
      // Alerts queued before `facts` existed carry only their German text.
      text: z.string().min(1).optional(),
      staffIds: z.array(z.string().min(1)).optional(),
      // Absent in alerts queued before it existed: those are delivered with their `text`.
      deadLetter: z
        .object({
          entryId: z.string().min(1),
          kind: z
            .enum([
              'citizen-invitation',
              'citizen-cancellation',
              'citizen-reminder',
              'citizen-kept',
              'citizen-sms',
              'staff-call',
              'citizen-declinecounter',
              'staff-notice',
              'supervisor-alert',
            ])
            .nullable(),
          attempts: z.number().int().min(0),
          appointmentId: z.string().min(1).optional(),
        })
        .optional(),
      facts: z
        .discriminatedUnion('kind', [
          z.object({
            kind: z.literal('absence-reported'),
            staffName: z.string().min(1),
            from: localDate,
            to: localDate,
            affected: z.number().int().min(0),
          }),
          z.object({
            kind: z.literal('calendar-stale'),
            staffName: z.string().min(1),
            calendar: z.enum(['outlook', 'caldav']),
            lastSuccess: z.number().int().optional(),
            lastError: z.string().optional(),
          }),
          z.object({ kind: z.literal('retention-unreadable'), appointmentIds: z.array(z.string().min(1)).min(1) }),
          z.object({
            kind: z.literal('reply-flood'),
            appointmentId: z.string().min(1),
            answered: z.number().int().min(0),
          }),
          z.object({
            kind: z.literal('sms-limit'),
            month: z.string().regex(/^\d{4}-\d{2}$/),
            limit: z.number().int().min(0),
          }),
        ])
        .optional(),
    }),
  ])
  .refine(
    (m) => m.kind !== 'supervisor-alert' || Boolean(m.text ?? m.facts ?? m.deadLetter),
    'a supervisor alert says something: text, facts or a dead letter',
  );

/** One side effect as written to the stream: its dedupe key and the message. */
export interface OutboxEntry {
  key: string;
  msg: OutboxMessage;
}

/**
 * The entry of a message that belongs to a state change of an appointment. `sequence` is the
 * appointment's sequence as written (staff notices carry none of their own; citizen messages use theirs).
 */
export function outboxEntry(msg: OutboxMessage, sequence?: number): OutboxEntry {
  switch (msg.kind) {
    case 'citizen-invitation':
    case 'citizen-cancellation':
    case 'citizen-reminder':
    case 'citizen-kept':
    case 'citizen-declinecounter':
      return { key: `${msg.appointmentId}:${msg.kind}:${msg.sequence}`, msg };
    case 'citizen-sms':
      return { key: `${msg.appointmentId}:citizen-sms:${msg.event}:${msg.sequence}`, msg };
    case 'staff-call':
      return { key: staffCallKey(msg), msg };
    case 'staff-notice':
      return { key: `${msg.appointmentId}:staff-notice:${msg.event}:${msg.staffId}:${sequence ?? 0}`, msg };
    case 'supervisor-alert':
      return { key: `supervisor-alert:${randomBytes(8).toString('hex')}`, msg };
  }
}

/**
 * The entries of a state change, keyed with the sequence of the appointment as written; with the
 * messages that reach the citizen beyond the mail (an SMS: domain/reach-messages.ts) added, so every
 * change writes them in its own atomic step.
 */
export function outboxEntries(
  messages: readonly OutboxMessage[],
  written: Appointment,
  reach: ReachOptions = {},
): OutboxEntry[] {
  return [...messages, ...reachMessages(messages, written, reach)].map((msg) => outboxEntry(msg, written.sequence));
}

/**
 * A call card's dedupe key. The booking scripts (lua/includes/book.lua write_audit_outbox) open the
 * call of every entry whose key has `:staff-call:` in it: keep the marker when changing this.
 */
export function staffCallKey(msg: Extract<OutboxMessage, { kind: 'staff-call' }>): string {
  const base = `${msg.appointmentId}:staff-call:${msg.event}:${msg.sequence}`;
  return msg.cause === 'no-reach' ? base : `${base}:${msg.cause}`;
}

/** The supervisors' one alert of a month whose SMS limit was reached. */
export function smsLimitAlertKey(month: string): string {
  return `sms-limit:${month}`;
}

/** The citizen's reminder: once per start time (a reschedule gets a new one, a change of channel does not). */
export function citizenReminderEntry(a: Appointment): OutboxEntry {
  return {
    key: `${a.id}:citizen-reminder:${a.start}`,
    msg: { kind: 'citizen-reminder', appointmentId: a.id, sequence: a.sequence },
  };
}

/** The citizen's reminder SMS: once per start time, like the mail. */
export function smsReminderEntry(a: Appointment): OutboxEntry {
  return {
    key: `${a.id}:citizen-sms-reminder:${a.start}`,
    msg: { kind: 'citizen-sms', appointmentId: a.id, sequence: a.sequence, event: 'reminder' },
  };
}

/** The staff member's Teams reminder: once per start time. */
export function staffReminderEntry(a: Appointment): OutboxEntry {
  return {
    key: `${a.id}:staff-reminder:${a.staffId}:${a.start}`,
    msg: { kind: 'staff-notice', staffId: a.staffId, appointmentId: a.id, event: 'reminder' },
  };
}

/** The supervisors' alert about the dead entry `entryId` (queued once per dead entry). */
export function deadLetterAlertKey(entryId: string): string {
  return `dead-letter:${entryId}`;
}

/** The supervisors' alert about a reported absence (queued once per absence, however often reported). */
export function absenceAlertKey(absenceId: string): string {
  return `absence-alert:${absenceId}`;
}

/** The supervisors' alert about records retention could not read (once per set of ids). */
export function retentionAlertKey(appointmentIds: readonly string[]): string {
  return `retention-unreadable:${appointmentIds.join(',')}`;
}

/** Reads a stream entry's flat field list; null when it is not a valid outbox entry. */
export function parseOutboxFields(fields: readonly string[]): OutboxEntry | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const key = map.get('key');
  const raw = map.get('msg');
  if (!key || !raw) return null;
  try {
    const parsed = outboxMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { key, msg: parsed.data } : null;
  } catch {
    return null;
  }
}
