/**
 * Short links for SMS: `/t/<10 characters>` stands for an appointment's signed citizen link
 * (src/app/citizen-links.ts), which does not fit an SMS. One code per appointment, kept while the
 * appointment lasts: each use pushes its expiry to the appointment's (current) end; after that the
 * code is gone and the page says the link is no longer valid.
 *
 * The code is random (10 characters of a 56-letter alphabet without look-alikes: ~58 bits), so it
 * cannot be guessed at the rate the citizen pages allow; the signed link behind it stays the check.
 */
import { randomInt } from 'node:crypto';
import type { Clock } from '../domain/clock';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SHORT_CODE_RE = /^[a-km-np-zA-HJ-NP-Z2-9]{10}$/;

function newCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export class RedisShortLinks {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** The appointment's code (made once, then reused), valid until `expiresAt` (epoch ms, later wins). */
  async codeFor(appointmentId: string, expiresAt: number): Promise<string> {
    // A lifetime measured on the app's clock (not an absolute time on Redis's), so both agree on "until the end".
    const ttl = Math.round(expiresAt - this.clock.now());
    // Already over: a code that resolves to nothing, as for any expired link.
    if (ttl <= 0) return newCode();
    const existing = await this.redis.get(keys.shortLinkOf(appointmentId));
    if (existing) {
      await this.redis
        .multi()
        .pexpire(keys.shortLinkOf(appointmentId), ttl)
        .pexpire(keys.shortLink(existing), ttl)
        .exec();
      return existing;
    }
    for (;;) {
      const code = newCode();
      if ((await this.redis.set(keys.shortLink(code), appointmentId, 'PX', ttl, 'NX')) !== 'OK') continue;
      if ((await this.redis.set(keys.shortLinkOf(appointmentId), code, 'PX', ttl, 'NX')) === 'OK') return code;
      // Another instance made one for this appointment at the same moment: theirs counts.
      await this.redis.del(keys.shortLink(code));
      return this.codeFor(appointmentId, expiresAt);
    }
  }

  /** The appointment id behind a code, or null (unknown, expired, malformed). */
  async resolve(code: string): Promise<string | null> {
    if (!SHORT_CODE_RE.test(code)) return null;
    return this.redis.get(keys.shortLink(code));
  }
}
