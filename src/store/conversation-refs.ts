/**
 * Conversation references of staff members, keyed by their AAD object id, for proactive messages
 * (reminders, summaries, "a citizen cancelled"). The bot refreshes the reference on every turn,
 * because Teams may move a conversation to another serviceUrl.
 *
 * Stores only what `continueConversationAsync` needs — no message text, no display name.
 * The shape mirrors botbuilder's ConversationReference without importing botbuilder.
 */
import { z } from 'zod';
import { keys } from './keys';
import type { RedisClient } from './redis';

export const storedConversationRefSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  locale: z.string().optional(),
  conversation: z.object({
    id: z.string().min(1),
    tenantId: z.string().optional(),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }),
});

export type StoredConversationRef = z.infer<typeof storedConversationRefSchema>;

export class ConversationRefStore {
  constructor(private readonly redis: RedisClient) {}

  private key(aadObjectId: string): string {
    return keys.conversationRef(aadObjectId.toLowerCase());
  }

  /** Saves the reference; writes only when it changed (most turns change nothing). */
  async save(aadObjectId: string, ref: StoredConversationRef): Promise<void> {
    const json = JSON.stringify(storedConversationRefSchema.parse(ref));
    const key = this.key(aadObjectId);
    if ((await this.redis.get(key)) === json) return;
    await this.redis.set(key, json);
  }

  /** The reference, or null when none is stored or the stored one is unreadable. */
  async get(aadObjectId: string): Promise<StoredConversationRef | null> {
    const raw = await this.redis.get(this.key(aadObjectId));
    if (!raw) return null;
    const parsed = storedConversationRefSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Drops a reference that Teams answered with 403/404 (app uninstalled, user gone). */
  async remove(aadObjectId: string): Promise<void> {
    await this.redis.del(this.key(aadObjectId));
  }
}
