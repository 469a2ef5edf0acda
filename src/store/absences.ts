import { z } from 'zod';
import type { AbsenceReader } from '../app/ports';
import type { Absence, LocalDate } from '../domain/types';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

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
 * Absences in one Redis hash (id → JSON). A town hall has a few hundred absences a year at most, so
 * range queries read the hash and filter; a team's absences are written in one HSET (atomic).
 */
/** The result of a MULTI: throws its first error (absences and the book's version change together). */
async function written(exec: Promise<[Error | null, unknown][] | null>): Promise<void> {
  const res = await exec;
  const failed = res?.find(([err]) => err);
  if (!res || failed) throw failed?.[0] ?? new Error('absences: transaction aborted');
}

export class AbsenceStore implements AbsenceReader {
  constructor(private readonly redis: RedisClient) {}

  async add(absences: readonly Absence[]): Promise<void> {
    if (absences.length === 0) return;
    const fields: string[] = [];
    for (const a of absences) fields.push(a.id, JSON.stringify(absenceSchema.parse(a)));
    await written(
      this.redis
        .multi()
        .hset(keys.absences(), ...fields)
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
          .incr(keys.bookVersion())
          .exec(),
      );
  }

  /** Absences overlapping the inclusive local date range, ordered by start and staff id. */
  async listOverlapping(from: LocalDate, to: LocalDate): Promise<Absence[]> {
    const all = await this.redis.hvals(keys.absences());
    return all
      .map((raw) => absenceSchema.parse(JSON.parse(raw)))
      .filter((a) => a.from <= to && from <= a.to)
      .sort((x, y) => x.from.localeCompare(y.from) || x.staffId.localeCompare(y.staffId));
  }
}
