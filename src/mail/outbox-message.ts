/**
 * Outbox entries as they sit in the Redis stream keys.outbox(): fields `key` (dedupe key, unique per
 * side effect) and `msg` (JSON OutboxMessage). Parsed with zod because they come back from Redis.
 */
import { z } from 'zod';
import type { OutboxMessage } from '../domain/types';
import type { RedisClient } from '../store/redis';
import { keys } from '../store/keys';

const appointmentRef = { appointmentId: z.string().min(1), sequence: z.number().int().min(0) };

export const outboxMessageSchema: z.ZodType<OutboxMessage> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('citizen-invitation'),
    ...appointmentRef,
    reason: z.enum(['booked', 'rescheduled', 'replanned']),
  }),
  z.object({
    kind: z.literal('citizen-cancellation'),
    ...appointmentRef,
    reason: z.enum(['staff', 'citizen', 'replan']),
  }),
  z.object({ kind: z.literal('citizen-reminder'), ...appointmentRef }),
  z.object({
    kind: z.literal('staff-notice'),
    staffId: z.string().min(1),
    appointmentId: z.string().min(1),
    event: z.enum(['citizen-cancelled', 'replanned', 'reminder', 'booked-for-you', 'citizen-declined']),
  }),
  z.object({ kind: z.literal('citizen-declinecounter'), ...appointmentRef }),
  z.object({
    kind: z.literal('supervisor-alert'),
    text: z.string().min(1),
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
            'citizen-declinecounter',
            'staff-notice',
            'supervisor-alert',
          ])
          .nullable(),
        attempts: z.number().int().min(0),
        appointmentId: z.string().min(1).optional(),
      })
      .optional(),
  }),
]);

export interface OutboxEntry {
  id: string;
  key: string;
  msg: OutboxMessage;
}

/** Reads a stream entry's flat field list; null when it is not a valid outbox entry. */
export function parseOutboxFields(fields: readonly string[]): { key: string; msg: OutboxMessage } | null {
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

/**
 * Appends one entry. Only for side effects that belong to no state change (alerts); a state change
 * writes its entries inside its own Lua script, in the same atomic step.
 */
export async function appendOutbox(redis: RedisClient, key: string, msg: OutboxMessage): Promise<string> {
  const id = await redis.xadd(keys.outbox(), '*', 'key', key, 'msg', JSON.stringify(msg));
  return id ?? '';
}
