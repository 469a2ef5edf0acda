/**
 * The facts reports count (domain/appointment-facts.ts), read from Redis: of the live appointments
 * (their records, through `factsOf`) and of the compacted ones — retention replaces an appointment
 * by its facts in one HASH per Berlin month (`keys.facts`, field = appointment id, value =
 * `encodeFacts`) and deletes everything else of it in the same step (lua/retention-1.lua).
 *
 * The encoding is a positional JSON array, version first, times as differences: about half the bytes
 * of the facts as an object. It is lossless: decoding gives exactly the facts that were encoded.
 */
import { z } from 'zod';
import { factsOf, type AppointmentFacts, type TeamOf } from '../domain/appointment-facts';
import { datesBetween, localDateOf, localDayBounds } from '../domain/time';
import type { LocalDate } from '../domain/types';
import { parseAppointment } from './appointments';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

/** The Berlin month (YYYY-MM) whose bucket holds the facts of an appointment starting at `start`. */
export function factsMonthOf(start: number): string {
  return localDateOf(start).slice(0, 7);
}

const FORMAT = 1;

/** Compact, lossless form of one appointment's facts (the value in its month bucket). */
export function encodeFacts(f: AppointmentFacts): string {
  return JSON.stringify([
    FORMAT,
    f.staffId,
    f.teamId,
    f.serviceIds,
    f.channel,
    f.start,
    f.end - f.start,
    f.start - f.blockStart,
    f.blockEnd - f.end,
    f.start - f.createdAt,
    f.status,
    f.cancelledBy,
    f.cancelledAt,
    f.moves,
    f.reachedBy,
  ]);
}

const encodedSchema = z.tuple([
  z.literal(FORMAT),
  z.string(),
  z.string().nullable(),
  z.array(z.string()).min(1),
  z.enum(['video', 'phone', 'in-person']),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.enum(['booked', 'completed', 'no-show', 'cancelled']),
  z.enum(['staff', 'citizen', 'replan']).nullable(),
  z.number().nullable(),
  z.number().int().min(0),
  z.array(z.enum(['email', 'sms', 'call'])),
]);

/** The facts of appointment `id` from their encoded form; throws when the value is not one. */
export function decodeFacts(id: string, encoded: string): AppointmentFacts {
  const [
    ,
    staffId,
    teamId,
    serviceIds,
    channel,
    start,
    duration,
    before,
    after,
    lead,
    status,
    cancelledBy,
    cancelledAt,
    moves,
    reachedBy,
  ] = encodedSchema.parse(JSON.parse(encoded));
  return {
    id,
    staffId,
    teamId,
    serviceIds,
    channel,
    start,
    end: start + duration,
    blockStart: start - before,
    blockEnd: start + duration + after,
    createdAt: start - lead,
    status,
    cancelledBy,
    cancelledAt,
    moves,
    reachedBy,
  };
}

export interface FactsQuery {
  /** Inclusive Berlin days of the appointments' start. */
  from: LocalDate;
  to: LocalDate;
  /** Only appointments these staff members serve (after the last move); everybody's when absent. */
  staffIds?: readonly string[];
  /** The team of a live appointment's staff member (compacted facts keep the team they had). */
  teamOf: TeamOf;
}

/** The Berlin months (YYYY-MM) from the month of `from` to the month of `to`. */
function monthsBetween(from: LocalDate, to: LocalDate): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/**
 * The facts of every appointment starting on the Berlin days [from, to] — live ones (any status,
 * anonymised or not) and compacted ones — each id once, by start. One round trip reads the indexes and
 * the month buckets in one MULTI (so a compaction cannot slip between them and lose an appointment),
 * one the records; a third only for records compacted in between.
 */
export async function readAppointmentFacts(redis: RedisClient, query: FactsQuery): Promise<AppointmentFacts[]> {
  if (query.from > query.to) return [];
  const periodStart = localDayBounds(query.from).start;
  const periodEnd = localDayBounds(query.to).end;
  const months = monthsBetween(query.from, query.to);
  const wanted = query.staffIds ? new Set(query.staffIds) : undefined;

  const tx = redis.multi();
  if (query.staffIds)
    for (const s of query.staffIds) tx.zrangebyscore(keys.staffAppointments(s), periodStart, `(${periodEnd}`);
  else for (const d of datesBetween(query.from, query.to)) tx.smembers(keys.day(d));
  for (const month of months) tx.hgetall(keys.facts(month));
  const replies = (await tx.exec()) ?? [];
  const results = replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
  const indexCount = results.length - months.length;
  const liveIds = [...new Set((results.slice(0, indexCount) as string[][]).flat())];

  const out = new Map<string, AppointmentFacts>();
  const take = (f: AppointmentFacts): void => {
    if (f.start >= periodStart && f.start < periodEnd && (!wanted || wanted.has(f.staffId))) out.set(f.id, f);
  };
  (results.slice(indexCount) as Record<string, string>[]).forEach((bucket) => {
    for (const [id, encoded] of Object.entries(bucket)) take(decodeFacts(id, encoded));
  });

  const raws = await mgetPipelined(
    redis,
    liveIds.map((id) => keys.appointment(id)),
  );
  const vanished: string[] = [];
  raws.forEach((raw, i) => {
    if (raw === null) vanished.push(liveIds[i]!);
    else take(factsOf(parseAppointment(raw), query.teamOf));
  });
  // Compacted between the two reads: their facts are in a bucket of the period by now.
  const missing = vanished.filter((id) => !out.has(id));
  if (missing.length > 0) {
    const pipe = redis.pipeline();
    for (const month of months) pipe.hmget(keys.facts(month), ...missing);
    for (const [err, values] of (await pipe.exec()) ?? []) {
      if (err) throw err;
      (values as (string | null)[]).forEach((encoded, i) => {
        if (encoded !== null) take(decodeFacts(missing[i]!, encoded));
      });
    }
  }
  return [...out.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** GET of many keys in one round trip (MGETs of 500 keys, pipelined). */
async function mgetPipelined(redis: RedisClient, keyList: readonly string[]): Promise<(string | null)[]> {
  if (keyList.length === 0) return [];
  const pipe = redis.pipeline();
  for (let i = 0; i < keyList.length; i += 500) pipe.mget(...keyList.slice(i, i + 500));
  const out: (string | null)[] = [];
  for (const [err, values] of (await pipe.exec()) ?? []) {
    if (err) throw err;
    out.push(...(values as (string | null)[]));
  }
  return out;
}
