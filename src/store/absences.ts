import { z } from 'zod';
import type { AbsenceReader } from '../app/ports';
import type { Absence, LocalDate } from '../domain/types';
import { keys } from './keys';
import { runScript } from './scripts';
import { replyValues, type RedisClient } from './redis-client';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const absenceSchema = z.object({
  id: z.string().min(1),
  staffId: z.string().min(1),
  from: isoDate,
  to: isoDate,
  mode: z.enum(['absent', 'home-office-only']),
  reason: z.enum(['sick', 'leave', 'quarantine', 'other']),
  reportedBy: z.string().min(1),
  createdAt: z.number().int(),
});

/**
 * Absences in one Redis hash (id → JSON), kept for the reports over the years, and an index of their
 * ids by the day they end (`absencesByEnd`, written in the same MULTI): a search, a hold or a summary
 * reads only the absences that end on or after its first day (absences-ending-from-1.lua, which also
 * rebuilds an index that does not match the hash). A team's absences are written in one HSET (atomic).
 */

/** A local date as the index's score: YYYYMMDD. */
const dayNumber = (date: LocalDate): number => Number(date.replace(/-/g, ''));
/** The result of a MULTI: throws its first error (absences and the book's version change together). */
async function written(exec: Promise<[Error | null, unknown][] | null>): Promise<void> {
  replyValues(await exec, 'absences');
}

export class AbsenceStore implements AbsenceReader {
  constructor(private readonly redis: RedisClient) {}

  async add(absences: readonly Absence[]): Promise<void> {
    if (absences.length === 0) return;
    const fields: string[] = [];
    const ends: (string | number)[] = [];
    for (const a of absences) {
      const valid = absenceSchema.parse(a);
      fields.push(valid.id, JSON.stringify(valid));
      ends.push(dayNumber(valid.to), valid.id);
    }
    await written(
      this.redis
        .multi()
        .hset(keys.absences(), ...fields)
        .zadd(keys.absencesByEnd(), ...ends)
        .incr(keys.bookVersion())
        .exec(),
    );
  }

  async get(id: string): Promise<Absence | null> {
    const raw = await this.redis.hget(keys.absences(), id);
    return raw === null ? null : absenceSchema.parse(JSON.parse(raw));
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length)
      await written(
        this.redis
          .multi()
          .hdel(keys.absences(), ...ids)
          .zrem(keys.absencesByEnd(), ...ids)
          .incr(keys.bookVersion())
          .exec(),
      );
  }

  /** Absences overlapping the inclusive local date range, ordered by start and staff id. */
  async listOverlapping(from: LocalDate, to: LocalDate): Promise<Absence[]> {
    const current = await runScript<string[]>(this.redis, 'absencesEndingFrom', [keys.bookBase()], [from]);
    return current
      .map((raw) => absenceSchema.parse(JSON.parse(raw)))
      .filter((a) => a.from <= to && from <= a.to)
      .sort((x, y) => x.from.localeCompare(y.from) || x.staffId.localeCompare(y.staffId));
  }
}
