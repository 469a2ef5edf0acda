/**
 * Conversation references of staff members, keyed by their AAD object id and the conversation type,
 * for proactive messages (reminders, summaries, "a citizen cancelled"). The bot refreshes the
 * reference on every turn, because Teams may move a conversation to another serviceUrl.
 *
 * Proactive messages to a person only ever go to their personal conversation: `get` returns the
 * personal reference only. A turn in a group chat or channel is kept under its own type
 * (`sharedOf`) and never replaces the personal one.
 *
 * Stores only what `continueConversationAsync` needs — no message text, no display name.
 * The shape mirrors botbuilder's ConversationReference without importing botbuilder.
 */
import { z } from 'zod';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

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

/** A group chat or a channel (everything but the personal 1:1 chat with the bot). */
export function isSharedConversation(conversation: { conversationType?: string; isGroup?: boolean }): boolean {
  return (
    conversation.isGroup === true ||
    (conversation.conversationType !== undefined && conversation.conversationType !== 'personal')
  );
}

/**
 * How long a reference this process read or wrote is taken as stored. Every turn refreshes its
 * reference and almost none changes it: within this time an unchanged one costs no Redis read. A
 * reference another instance removed (Teams answered 403/404) is written again at the latest after it.
 */
const KNOWN_MS = 60_000;
const MAX_KNOWN = 10_000;

export class ConversationRefStore {
  private readonly known = new Map<string, { given: string; at: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** The personal reference keeps its original key; other conversation types get their own. */
  private key(aadObjectId: string, type = 'personal'): string {
    const key = keys.conversationRef(aadObjectId.toLowerCase());
    return type === 'personal' ? key : `${key}:${type}`;
  }

  private typeOf(ref: StoredConversationRef): string {
    return isSharedConversation(ref.conversation) ? (ref.conversation.conversationType ?? 'groupChat') : 'personal';
  }

  /** Saves the reference under its conversation type; writes only when it changed (most turns change nothing). */
  async save(aadObjectId: string, ref: StoredConversationRef): Promise<void> {
    const key = this.key(aadObjectId, this.typeOf(ref));
    // The reference as given: equal to one this process validated and stored lately, nothing to do.
    const given = JSON.stringify(ref);
    const known = this.known.get(key);
    if (known && known.given === given && this.monotonic() - known.at < KNOWN_MS) return;
    const json = JSON.stringify(storedConversationRefSchema.parse(ref));
    if ((await this.redis.get(key)) !== json) await this.redis.set(key, json);
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(key, { given, at: this.monotonic() });
  }

  /**
   * The personal reference, or null when none is stored or the stored one is unreadable — or is a
   * group chat's (an earlier version kept only the last conversation, whatever its type).
   */
  async get(aadObjectId: string): Promise<StoredConversationRef | null> {
    const ref = await this.read(this.key(aadObjectId));
    return ref && !isSharedConversation(ref.conversation) ? ref : null;
  }

  /** The last shared conversation (group chat or channel) of this type the person wrote in. */
  sharedOf(aadObjectId: string, type: 'groupChat' | 'channel'): Promise<StoredConversationRef | null> {
    return this.read(this.key(aadObjectId, type));
  }

  private async read(key: string): Promise<StoredConversationRef | null> {
    const raw = await this.redis.get(key);
    if (!raw) return null;
    try {
      const parsed = storedConversationRefSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Drops a reference that Teams answered with 403/404 (app uninstalled, user gone). */
  async remove(aadObjectId: string): Promise<void> {
    this.known.delete(this.key(aadObjectId));
    await this.redis.del(this.key(aadObjectId));
  }
}
