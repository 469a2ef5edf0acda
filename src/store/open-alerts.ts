/**
 * Supervisor alerts that reached no addressed supervisor in Teams (none had opened the bot, or Teams
 * refused): kept as open problems until a supervisor marks them done (the summary card lists them
 * with a button). HASH keys.openAlerts(): field = the alert's dedupe key, value = JSON
 * `{ text: { de, en }, at }` — the alert's own text in both languages, so each supervisor reads it in
 * theirs (staff names and counts, never citizen data). Entries of older versions hold one string.
 */
import { z } from 'zod';
import type { Language } from '../domain/types';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

export interface OpenAlert {
  /** The alert's outbox dedupe key. */
  id: string;
  text: Readonly<Record<Language, string>>;
  /** When it turned out undeliverable (epoch ms). */
  at: number;
}

const stored = z.object({
  text: z.union([z.string().transform((s) => ({ de: s, en: s })), z.object({ de: z.string(), en: z.string() })]),
  at: z.number(),
});

export class RedisOpenAlerts {
  constructor(private readonly redis: RedisClient) {}

  /** Records an undelivered alert (again: keeps the first time). */
  async add(alert: OpenAlert): Promise<void> {
    await this.redis.hsetnx(keys.openAlerts(), alert.id, JSON.stringify({ text: alert.text, at: alert.at }));
  }

  /** Oldest first. Unreadable entries are listed with an empty text, so they can still be resolved. */
  async list(): Promise<OpenAlert[]> {
    const all = await this.redis.hgetall(keys.openAlerts());
    return Object.entries(all)
      .map(([id, raw]) => {
        try {
          const v = stored.parse(JSON.parse(raw));
          return { id, text: v.text, at: v.at };
        } catch {
          return { id, text: { de: '', en: '' }, at: 0 };
        }
      })
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** A supervisor acted on it: no longer an open problem. False when it was not open. */
  async resolve(id: string): Promise<boolean> {
    return (await this.redis.hdel(keys.openAlerts(), id)) === 1;
  }
}
