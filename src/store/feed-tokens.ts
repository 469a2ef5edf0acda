/** Which generation of each staff member's calendar feed link is valid (see StaffFeedLinks). */
import type { FeedGenerations } from '../app/citizen-links';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

export class RedisFeedGenerations implements FeedGenerations {
  constructor(private readonly redis: RedisClient) {}

  async current(staffId: string): Promise<number> {
    return Number((await this.redis.get(keys.feedGeneration(staffId))) ?? 0);
  }

  async renew(staffId: string): Promise<number> {
    return this.redis.incr(keys.feedGeneration(staffId));
  }
}
