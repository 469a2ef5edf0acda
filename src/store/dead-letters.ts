import type { OpenProblemsReader } from '../app/build-summary';
import { keys } from './keys';
import type { RedisClient } from './redis';

/** Counts the outbox's dead letters (a list the outbox worker pushes to) for the summary. */
export class RedisDeadLetters implements OpenProblemsReader {
  constructor(private readonly redis: RedisClient) {}

  async countDeadLetters(): Promise<number> {
    return this.redis.llen(keys.outboxDead());
  }
}
