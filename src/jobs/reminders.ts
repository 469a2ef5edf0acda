/**
 * Reminder sweep: queues the citizen's reminder mail REMINDER_CITIZEN_MINUTES before the start, the
 * reminder SMS (with consent, to a mobile number) REMINDER_SMS_MINUTES before, and the staff member's
 * Teams reminder REMINDER_STAFF_MINUTES before, each exactly once.
 *
 * "Once" across restarts and instances: a marker per kind, appointment and start time is set with
 * SET NX in the same Lua step that appends the outbox entry, so two sweeps (two instances, or a
 * retry after a crash) can neither both queue it nor lose it between marker and entry. The marker
 * names the start time: a reschedule gets a new reminder for its new time, a change of channel
 * does not get a second one. A sweep that was missed (all instances down) catches up as long as
 * the appointment has not started. No citizen reminder for an appointment booked inside the
 * reminder window: its invitation has only just arrived.
 */
import type { Appointment } from '../domain/types';
import { citizenIsReminded, smsIsReminded } from '../domain/booking-rules';
import { MINUTE } from '../domain/time';
import { keys } from '../store/keys';
import {
  appendOutboxOnce,
  citizenReminderEntry,
  smsReminderEntry,
  staffReminderEntry,
  type OutboxEntry,
} from '../store/outbox';
import type { RedisClient } from '../store/redis-client';

export interface ReminderDeps {
  redis: RedisClient;
  appointments: { listByStartRange(from: number, to: number): Promise<Appointment[]> };
  /** REMINDER_CITIZEN_MINUTES, REMINDER_STAFF_MINUTES and REMINDER_SMS_MINUTES (default: as the mail). */
  citizenMinutes: number;
  staffMinutes: number;
  smsMinutes?: number;
}

export async function runReminderSweep(
  deps: ReminderDeps,
  now: number,
): Promise<{ citizenReminders: number; staffReminders: number; smsReminders: number }> {
  const citizenWindow = deps.citizenMinutes * MINUTE;
  const staffWindow = deps.staffMinutes * MINUTE;
  const smsMinutes = deps.smsMinutes ?? deps.citizenMinutes;
  const smsWindow = smsMinutes * MINUTE;
  const horizon = Math.max(citizenWindow, staffWindow, smsWindow);
  const due = await deps.appointments.listByStartRange(now + 1, now + horizon + 1);
  // Not `citizen`/`staff`: the log's redaction list would hide these counts.
  const queued = { citizenReminders: 0, staffReminders: 0, smsReminders: 0 };
  // Every marker and entry is its own atomic step, independent of the others: all of them go out at
  // once (one pipelined round trip), not one round trip after the other for each appointment of the day.
  const steps: Promise<void>[] = [];
  const once = (kind: 'citizen' | 'sms' | 'staff', a: Appointment, ttl: number, entry: OutboxEntry) =>
    steps.push(
      appendOutboxOnce(deps.redis, keys.reminded(kind, a.id, a.start), ttl, entry).then((appended) => {
        if (appended) queued[`${kind}Reminders`] += 1;
      }),
    );
  for (const a of due) {
    if (a.status !== 'booked' || a.start <= now) continue;
    const ttl = a.end - now + 24 * 60 * MINUTE;
    if (
      a.start - now <= citizenWindow &&
      citizenIsReminded({ email: a.citizen.email, bookedAt: a.createdAt, start: a.start }, deps.citizenMinutes) &&
      !a.anonymised
    )
      once('citizen', a, ttl, citizenReminderEntry(a));
    if (
      a.start - now <= smsWindow &&
      !a.anonymised &&
      smsIsReminded({ ...a.citizen, bookedAt: a.createdAt, start: a.start }, smsMinutes)
    )
      once('sms', a, ttl, smsReminderEntry(a));
    if (a.start - now <= staffWindow) once('staff', a, ttl, staffReminderEntry(a));
  }
  await Promise.all(steps);
  return queued;
}
