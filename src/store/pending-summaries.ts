import type { PendingSummaries } from '../app/send-daily-summaries';
import { localDayBounds } from '../domain/time';
import type { LocalDate } from '../domain/types';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

/**
 * Daily summaries waiting for supervisors the bot could not reach (no stored conversation
 * reference, or one Teams refused). One key per supervisor holding the day; it expires at the end
 * of that day, and GETDEL hands it to exactly one instance when the supervisor next writes.
 */
export class RedisPendingSummaries implements PendingSummaries {
  constructor(private readonly redis: RedisClient) {}

  async mark(staffId: string, day: LocalDate, now: number): Promise<void> {
    // Relative expiry: `now` comes from the injected clock, which need not be Redis' clock.
    const ttl = localDayBounds(day).end - now;
    if (ttl > 0) await this.redis.set(keys.pendingSummary(staffId), day, 'PX', ttl);
  }

  /** Whether a summary waits for the staff member (read only; `take` hands it over). */
  async waits(staffId: string): Promise<boolean> {
    return (await this.redis.exists(keys.pendingSummary(staffId))) > 0;
  }

  async take(staffId: string): Promise<LocalDate | null> {
    return this.redis.getdel(keys.pendingSummary(staffId));
  }
}
