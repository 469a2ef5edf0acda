import { z } from 'zod';
import type { ReplanCounter, ReplanMeta, ReplanOutcome } from '../app/ports';
import type { LocalDate } from '../domain/types';
import { localDayBounds } from '../domain/time';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

export type { ReplanCounter, ReplanMeta, ReplanOutcome };

const COUNTERS: readonly ReplanCounter[] = ['converted', 'reassigned', 'rescheduled', 'cancelled', 'changed'];

const metaSchema: z.ZodType<ReplanMeta> = z.object({
  absenceIds: z.array(z.string()),
  staffIds: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  mode: z.enum(['absent', 'home-office-only']),
});

/**
 * One hash per replanning (meta JSON + counters, HINCRBY so item-by-item confirmations add up) and a
 * ZSET of ids scored by the first absent day, for the summary's range queries. Counts only, no
 * personal data, so retention leaves them alone.
 */
export class ReplanOutcomeStore {
  constructor(private readonly redis: RedisClient) {}

  async record(
    id: string,
    meta: ReplanMeta,
    add: Partial<Record<ReplanCounter, number>>,
    at: number,
    by: string,
  ): Promise<void> {
    const key = keys.replanOutcome(id);
    const tx = this.redis.multi();
    tx.hset(key, 'meta', JSON.stringify(metaSchema.parse(meta)), 'lastAppliedAt', String(at), 'lastAppliedBy', by);
    for (const c of COUNTERS) tx.hincrby(key, c, add[c] ?? 0);
    tx.zadd(keys.replanOutcomes(), localDayBounds(meta.from).start, id);
    tx.incr(keys.bookVersion());
    await tx.exec();
  }

  async get(id: string): Promise<ReplanOutcome | null> {
    const h = await this.redis.hgetall(keys.replanOutcome(id));
    if (!h.meta) return null;
    const meta = metaSchema.parse(JSON.parse(h.meta));
    const n = (f: string) => Number(h[f] ?? 0);
    return {
      id,
      ...meta,
      lastAppliedAt: n('lastAppliedAt'),
      lastAppliedBy: h.lastAppliedBy ?? '',
      converted: n('converted'),
      reassigned: n('reassigned'),
      rescheduled: n('rescheduled'),
      cancelled: n('cancelled'),
      changed: n('changed'),
    };
  }

  /** Replannings whose absence range overlaps the inclusive local date range, by first day. */
  async listOverlapping(from: LocalDate, to: LocalDate): Promise<ReplanOutcome[]> {
    const ids = await this.redis.zrangebyscore(keys.replanOutcomes(), '-inf', localDayBounds(to).start);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((o): o is ReplanOutcome => o !== null && o.to >= from);
  }
}
