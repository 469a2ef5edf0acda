/**
 * The facts reports count (domain/appointment-facts.ts), read from Redis: of the live appointments
 * (their records, through `factsOf`) and of the compacted ones — retention replaces an appointment
 * by its facts (lua/retention-2.lua) in the HASH of its staff member and Berlin month
 * (`keys.facts`, field = appointment id, value = `encodeFacts`; `keys.factsStaff` lists the staff
 * members of a month that have one) and deletes everything else of it in the same step.
 *
 * Small buckets (a staff member's month: a few dozen appointments) with small values (≤ 64 bytes
 * for the usual appointment) stay in Redis' compact listpack encoding: about 100 bytes a fact.
 */
import { z } from 'zod';
import { factsOf, type AppointmentFacts, type TeamOf } from '../domain/appointment-facts';
import { datesBetween, localDateOf, localDayBounds, MINUTE } from '../domain/time';
import type { LocalDate } from '../domain/types';
import { parseAppointment } from './appointments';
import { keys } from './keys';
import { replyValues, type RedisClient } from './redis-client';

/** The Berlin month (YYYY-MM) whose bucket holds the facts of an appointment starting at `start`. */
export function factsMonthOf(start: number): string {
  return localDateOf(start).slice(0, 7);
}

// ---- encoding ----------------------------------------------------------------------------------
// The usual form: `|`-separated, numbers in base 36 — the start, the duration and the buffers in
// minutes (slots are whole minutes), when it was booked and cancelled in ms relative to the start — one
// letter per code; the staff member is the bucket's. Facts with an id outside the directory's id
// alphabet or times that are no whole minutes / ms are written as JSON instead (starting with '[').
// Both are lossless.

const DIRECTORY_ID = /^[a-z0-9][a-z0-9-]*$/;
const CHANNEL_CODE = { video: 'v', phone: 'p', 'in-person': 'i' } as const;
const STATUS_CODE = { booked: 'b', completed: 'c', 'no-show': 'n', cancelled: 'x' } as const;
const BY_CODE = { staff: 's', citizen: 'c', replan: 'r' } as const;
const REACH_CODE = { email: 'e', sms: 's', call: 'c' } as const;
const decodeOf = <T extends string>(codes: Record<T, string>) =>
  new Map(Object.entries(codes).map(([value, code]) => [code as string, value as T]));
const CHANNEL_OF = decodeOf(CHANNEL_CODE);
const STATUS_OF = decodeOf(STATUS_CODE);
const BY_OF = decodeOf(BY_CODE);
const REACH_OF = decodeOf(REACH_CODE);

const b36 = (n: number): string => n.toString(36);

function parse36(text: string): number {
  if (!/^-?[0-9a-z]+$/.test(text)) throw new Error(`not a base-36 number: "${text}"`);
  return parseInt(text, 36);
}

function compactable(f: AppointmentFacts): boolean {
  const numbers = [f.start, f.end, f.blockStart, f.blockEnd, f.createdAt, f.cancelledAt ?? 0, f.moves];
  const slotTimes = [f.start, f.end, f.blockStart, f.blockEnd];
  return (
    slotTimes.every((t) => t % MINUTE === 0) &&
    (f.teamId === null || DIRECTORY_ID.test(f.teamId)) &&
    f.serviceIds.length > 0 &&
    f.serviceIds.every((s) => DIRECTORY_ID.test(s)) &&
    numbers.every((n) => Number.isSafeInteger(n))
  );
}

/** Compact, lossless form of one appointment's facts (the value in its bucket; the staff member is the bucket's). */
export function encodeFacts(f: AppointmentFacts): string {
  if (!compactable(f)) return JSON.stringify(['json', f]);
  return [
    f.teamId ?? '',
    f.serviceIds.join(','),
    CHANNEL_CODE[f.channel],
    b36(f.start / MINUTE),
    b36((f.end - f.start) / MINUTE),
    b36((f.start - f.blockStart) / MINUTE),
    b36((f.blockEnd - f.end) / MINUTE),
    b36(f.start - f.createdAt),
    STATUS_CODE[f.status],
    f.cancelledBy ? BY_CODE[f.cancelledBy] : '',
    f.cancelledAt === null ? '' : b36(f.cancelledAt - f.start),
    b36(f.moves),
    f.reachedBy.map((r) => REACH_CODE[r]).join(''),
  ].join('|');
}

const factsSchema: z.ZodType<AppointmentFacts> = z.object({
  id: z.string(),
  staffId: z.string(),
  teamId: z.string().nullable(),
  serviceIds: z.array(z.string()).min(1),
  channel: z.enum(['video', 'phone', 'in-person']),
  start: z.number(),
  end: z.number(),
  blockStart: z.number(),
  blockEnd: z.number(),
  createdAt: z.number(),
  status: z.enum(['booked', 'completed', 'no-show', 'cancelled']),
  cancelledBy: z.enum(['staff', 'citizen', 'replan']).nullable(),
  cancelledAt: z.number().nullable(),
  moves: z.number().int().min(0),
  reachedBy: z.array(z.enum(['email', 'sms', 'call'])),
});

function code<T>(map: Map<string, T>, c: string, what: string): T {
  const v = map.get(c);
  if (v === undefined) throw new Error(`unknown ${what} code "${c}"`);
  return v;
}

/** The facts of appointment `id` of staff member `staffId` from their encoded form; throws when it is not one. */
export function decodeFacts(id: string, staffId: string, encoded: string): AppointmentFacts {
  if (encoded.startsWith('[')) {
    const [, f] = z.tuple([z.literal('json'), factsSchema]).parse(JSON.parse(encoded));
    return { ...f, id, staffId };
  }
  const parts = encoded.split('|');
  if (parts.length !== 13) throw new Error(`not encoded facts: ${parts.length} fields`);
  // Defaults only for the type: all 13 are there.
  const [team = '', services = '', ch = '', start36 = '', dur = '', before = '', after = '', lead = ''] = parts;
  const [st = '', by = '', cancelled = '', moves = '', reach = ''] = parts.slice(8);
  const start = parse36(start36) * MINUTE;
  const end = start + parse36(dur) * MINUTE;
  return {
    id,
    staffId,
    teamId: team === '' ? null : team,
    serviceIds: services.split(','),
    channel: code(CHANNEL_OF, ch, 'channel'),
    start,
    end,
    blockStart: start - parse36(before) * MINUTE,
    blockEnd: end + parse36(after) * MINUTE,
    createdAt: start - parse36(lead),
    status: code(STATUS_OF, st, 'status'),
    cancelledBy: by === '' ? null : code(BY_OF, by, 'cancelled-by'),
    cancelledAt: cancelled === '' ? null : start + parse36(cancelled),
    moves: parse36(moves),
    reachedBy: [...reach].map((r) => code(REACH_OF, r, 'reach')),
  };
}

// ---- reading -----------------------------------------------------------------------------------

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
 * anonymised or not) and compacted ones — each id once, by start. Round trips: the live indexes; the
 * records and (for everybody) which staff members have buckets; (for everybody) the buckets. Records are
 * read before buckets, so an appointment compacted meanwhile is found in one or the other.
 */
export async function readAppointmentFacts(redis: RedisClient, query: FactsQuery): Promise<AppointmentFacts[]> {
  if (query.from > query.to) return [];
  const periodStart = localDayBounds(query.from).start;
  const periodEnd = localDayBounds(query.to).end;
  const months = monthsBetween(query.from, query.to);
  const wanted = query.staffIds ? new Set(query.staffIds) : undefined;

  const indexes = redis.pipeline();
  if (query.staffIds)
    for (const s of query.staffIds) indexes.zrangebyscore(keys.staffAppointments(s), periodStart, `(${periodEnd}`);
  else for (const d of datesBetween(query.from, query.to)) indexes.smembers(keys.day(d));
  const liveIds = [...new Set((replyValues(await indexes.exec(), 'appointment facts') as string[][]).flat())];

  const second = redis.pipeline();
  for (let i = 0; i < liveIds.length; i += 500)
    second.mget(...liveIds.slice(i, i + 500).map((id) => keys.appointment(id)));
  const buckets: { month: string; staffId: string }[] = [];
  if (query.staffIds) {
    for (const month of months)
      for (const staffId of query.staffIds) {
        buckets.push({ month, staffId });
        second.hgetall(keys.facts(month, staffId));
      }
  } else for (const month of months) second.smembers(keys.factsStaff(month));
  const secondValues = replyValues(await second.exec(), 'appointment facts');
  const recordBatches = Math.ceil(liveIds.length / 500);
  const raws = (secondValues.slice(0, recordBatches) as (string | null)[][]).flat();
  let bucketValues = secondValues.slice(recordBatches) as Record<string, string>[];
  if (!query.staffIds) {
    const staffOfMonth = bucketValues as unknown as string[][];
    const third = redis.pipeline();
    months.forEach((month, i) => {
      for (const staffId of staffOfMonth[i]!) {
        buckets.push({ month, staffId });
        third.hgetall(keys.facts(month, staffId));
      }
    });
    bucketValues =
      buckets.length > 0 ? (replyValues(await third.exec(), 'appointment facts') as Record<string, string>[]) : [];
  }

  const out = new Map<string, AppointmentFacts>();
  const take = (f: AppointmentFacts): void => {
    if (f.start >= periodStart && f.start < periodEnd && (!wanted || wanted.has(f.staffId))) out.set(f.id, f);
  };
  bucketValues.forEach((bucket, i) => {
    for (const [id, encoded] of Object.entries(bucket)) take(decodeFacts(id, buckets[i]!.staffId, encoded));
  });
  for (const raw of raws) if (raw !== null) take(factsOf(parseAppointment(raw), query.teamOf));
  return [...out.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
