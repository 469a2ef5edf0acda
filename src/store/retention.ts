/**
 * Redis side of retention (DSGVO): walks the `bystart` index from a stored cursor and lets
 * lua/retention-1.lua anonymise appointments and trim audit lists, each appointment atomically.
 * Reads are paged, so a night's run never blocks Redis for long, and a cursor per pass means only
 * appointments not handled yet are read again.
 */
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

const PAGE = 500;

export interface RetentionPass {
  handled: number;
  /** Appointment ids whose record could not be read (skipped). */
  unreadable: string[];
}

export class RedisRetentionStore {
  constructor(private readonly redis: RedisClient) {}

  /** Anonymises citizen data of appointments that ended before `cutoff`; how many, and the ids it could not read. */
  anonymiseEndedBefore(cutoff: number): Promise<RetentionPass> {
    return this.pass('anonymise', cutoff);
  }

  /** Removes audit entries older than `cutoff`; how many, and the appointment ids whose audit it could not read. */
  trimAuditBefore(cutoff: number): Promise<RetentionPass> {
    return this.pass('audit', cutoff);
  }

  /** Of these unreadable appointment ids, those not reported before (remembered from now on). */
  async firstReports(ids: readonly string[]): Promise<string[]> {
    const fresh: string[] = [];
    for (const id of new Set(ids)) if ((await this.redis.sadd(keys.retentionUnreadable(), id)) === 1) fresh.push(id);
    return fresh;
  }

  /** Drops outbox stream entries older than `cutoff` (stream ids start with their epoch ms). */
  async trimOutboxBefore(cutoff: number): Promise<number> {
    return this.redis.xtrim(keys.outbox(), 'MINID', `${Math.floor(cutoff)}-0`);
  }

  private async pass(mode: 'anonymise' | 'audit', cutoff: number): Promise<RetentionPass> {
    const cursorKey = keys.retentionCursor(mode);
    const from = (await this.redis.get(cursorKey)) ?? '-inf';
    let handled = 0;
    const unreadable: string[] = [];
    // The cursor moves up to the first appointment that is not due yet (or to the cutoff).
    let stopAt: number | null = null;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.redis.zrangebyscore(
        keys.byStart(),
        from,
        `(${cutoff}`,
        'WITHSCORES',
        'LIMIT',
        offset,
        PAGE,
      );
      const ids: string[] = [];
      const scores: number[] = [];
      for (let i = 0; i < rows.length; i += 2) {
        ids.push(rows[i]!);
        scores.push(Number(rows[i + 1]));
      }
      if (ids.length > 0) {
        const reply = await runScript<number[]>(this.redis, 'retention', [keys.bookBase()], [mode, cutoff, ...ids]);
        for (let i = 0; i < ids.length; i++) {
          // -1: the record cannot be read; skipped so the rest is still handled (the caller reports it).
          if (reply[2 * i]! < 0) unreadable.push(ids[i]!);
          else handled += reply[2 * i]!;
          if (reply[2 * i + 1] === 0 && (stopAt === null || scores[i]! < stopAt)) stopAt = scores[i]!;
        }
      }
      if (ids.length < PAGE) break;
    }
    await this.redis.set(cursorKey, String(stopAt ?? cutoff));
    return { handled, unreadable };
  }
}
