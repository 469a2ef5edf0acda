/**
 * Teams re-delivers an activity when the bot did not answer within about 15 s. The first delivery
 * claims the activity id (SET NX with a TTL); a re-delivery finds it claimed and is ignored.
 * A turn that fails releases its claim, so the retry can do the work. The answer to a card button
 * (an invoke's response body) is kept as long as the claim, so a re-delivered invoke gets the same
 * answer again instead of an empty one.
 */
import { createHash } from 'node:crypto';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

export class ActivityDedupe {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlSeconds = 24 * 60 * 60,
  ) {}

  /** Activity ids are unique per conversation, so both go into the key (hashed: ids are long). */
  private key(conversationId: string, activityId: string): string {
    return keys.activitySeen(createHash('sha256').update(`${conversationId}\n${activityId}`).digest('base64url'));
  }

  /** True for the first delivery, false for a re-delivery. */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    return (await this.redis.set(this.key(conversationId, activityId), '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  /** Keeps the answer of a claimed invoke for its re-deliveries. */
  async saveAnswer(conversationId: string, activityId: string, answer: unknown): Promise<void> {
    await this.redis.set(
      `${this.key(conversationId, activityId)}:answer`,
      JSON.stringify(answer),
      'EX',
      this.ttlSeconds,
    );
  }

  /** The first delivery's answer, or undefined while it is still being worked on (or it had none). */
  async answerOf(conversationId: string, activityId: string): Promise<unknown> {
    const raw = await this.redis.get(`${this.key(conversationId, activityId)}:answer`);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }

  async release(conversationId: string, activityId: string): Promise<void> {
    await this.redis.del(this.key(conversationId, activityId));
  }

  /** Claims a short-lived marker once (e.g. "welcomed this conversation"); false when already claimed. */
  async once(marker: string, ttlSeconds: number): Promise<boolean> {
    return (
      (await this.redis.set(
        keys.activitySeen(`once:${createHash('sha256').update(marker).digest('base64url')}`),
        '1',
        'EX',
        ttlSeconds,
        'NX',
      )) === 'OK'
    );
  }
}
