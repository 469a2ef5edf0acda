/**
 * Proactive Teams messages (summaries, staff notices, alerts): the ProactiveSender of app/ports.ts
 * on botbuilder's CloudAdapter.
 *
 * - The conversation reference is the one the bot stored on the staff member's last turn (by AAD
 *   object id); none stored → 'no-reference' (they never opened the bot).
 * - Teams limits: at most 7 messages per second per conversation and about 50 per second per app.
 *   Two token buckets (per conversation, per app) make each send wait for its turn instead of
 *   provoking 429s. They are per instance; with N instances the app-wide rate is N × the setting.
 * - 429: wait as long as Retry-After says (seconds or HTTP date; a default when absent) and try
 *   again, at most `maxAttempts` times; a Retry-After beyond `maxRetryAfterMs` is not waited for but
 *   thrown, so the caller (outbox, daily summary) retries later instead of holding a worker.
 * - 403/404: the app was removed or the user left: the reference is dropped, 'gone' is returned
 *   and counted (`stats()`, shown in /readyz), logged with the staff id and status only.
 * Anything else is thrown for the caller's retry.
 */
import { indexDirectory } from '../domain/directory-index';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { ProactiveResult, ProactiveSender, TeamsMessage } from '../app/ports';
import type { Directory } from '../domain/types';
import type { Logger } from '../logger';
import type { ConversationRefStore, StoredConversationRef } from '../store/conversation-refs';
import { safeError } from '../domain/safe-error';

export interface ProactiveLimits {
  perConversationPerSecond: number;
  perAppPerSecond: number;
  /** Attempts per message including the first (429s only are retried here). */
  maxAttempts: number;
  /** Longest Retry-After that is waited for. */
  maxRetryAfterMs: number;
  /** Wait after a 429 without a usable Retry-After. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_PROACTIVE_LIMITS: ProactiveLimits = {
  perConversationPerSecond: 7,
  perAppPerSecond: 50,
  maxAttempts: 4,
  maxRetryAfterMs: 30_000,
  defaultRetryAfterMs: 1_000,
};

export interface ProactiveStats {
  sent: number;
  noReference: number;
  /** References dropped because Teams answered 403/404. */
  gone: number;
  /** 429 answers that were waited out. */
  throttled: number;
  failed: number;
}

export interface ProactiveSenderDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** MicrosoftAppId, '' with authentication off. */
  appId: string;
  directory: () => Directory;
  conversationRefs: Pick<ConversationRefStore, 'get' | 'remove'>;
  logger: Logger;
  limits?: Partial<ProactiveLimits>;
  /** Monotonic milliseconds for the rate limiter (performance.now by default). */
  monotonic?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock for an HTTP-date Retry-After (Date.now by default). */
  wallClock?: () => number;
}

/** A token bucket that hands out reservations: `reserve()` says how long to wait for one token. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  reserve(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  /** Full again: nothing reserved, so the bucket can be forgotten. */
  idle(now: number): boolean {
    return this.tokens + ((now - this.last) / 1000) * this.ratePerSecond >= this.capacity;
  }
}

/** Status and Retry-After of a failed connector call (botframework-connector throws RestErrors). */
export function httpFailure(e: unknown): { status?: number; retryAfter?: string } {
  const err = e as { statusCode?: unknown; response?: { status?: unknown; headers?: unknown } } | null;
  const status =
    typeof err?.statusCode === 'number'
      ? err.statusCode
      : typeof err?.response?.status === 'number'
        ? err.response.status
        : undefined;
  const headers = err?.response?.headers as
    { get?: (name: string) => string | undefined | null } | Record<string, unknown> | undefined;
  let retryAfter: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function')
    retryAfter = (headers as { get(n: string): unknown }).get('retry-after');
  else if (headers)
    retryAfter =
      (headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After'];
  return { status, ...(typeof retryAfter === 'string' && retryAfter ? { retryAfter } : {}) };
}

/** Retry-After in ms: delta seconds or an HTTP date; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, wallNow: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - wallNow);
}

export class ProactiveThrottledError extends Error {
  override readonly name = 'ProactiveThrottledError';
  constructor(readonly retryAfterMs: number | undefined) {
    super('Teams throttled the message (429) beyond the retry budget');
  }
}

/** The activity for a TeamsMessage: the text, plus the Adaptive Card when there is one. */
export function activityOf(message: TeamsMessage): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: message.text, textFormat: 'markdown' };
  if (message.card) activity.attachments = [CardFactory.adaptiveCard(message.card)];
  return activity;
}

export class TeamsProactiveSender implements ProactiveSender {
  private readonly limits: ProactiveLimits;
  private readonly monotonic: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly wallClock: () => number;
  private readonly appBucket: TokenBucket;
  private readonly conversationBuckets = new Map<string, TokenBucket>();
  private readonly counters: ProactiveStats = { sent: 0, noReference: 0, gone: 0, throttled: 0, failed: 0 };

  constructor(private readonly deps: ProactiveSenderDeps) {
    this.limits = { ...DEFAULT_PROACTIVE_LIMITS, ...deps.limits };
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.wallClock = deps.wallClock ?? Date.now;
    this.appBucket = new TokenBucket(this.limits.perAppPerSecond, this.limits.perAppPerSecond, this.monotonic());
  }

  stats(): ProactiveStats {
    return { ...this.counters };
  }

  async sendToStaff(staffId: string, message: TeamsMessage): Promise<ProactiveResult> {
    const log = this.deps.logger.child({ component: 'proactive', staffId });
    const staff = indexDirectory(this.deps.directory()).staffById(staffId);
    const ref = staff ? await this.deps.conversationRefs.get(staff.aadObjectId) : null;
    if (!staff || !ref) {
      this.counters.noReference += 1;
      log.info({ known: Boolean(staff) }, 'proactive: no conversation reference');
      return 'no-reference';
    }
    const activity = activityOf(message);
    for (let attempt = 1; ; attempt++) {
      await this.waitForTurn(ref.conversation.id);
      try {
        // The failure is caught inside the turn: thrown out of it, the adapter's onTurnError would
        // swallow it (and try to send an apology into the very conversation that refused us).
        let failure: { error: unknown } | undefined;
        await this.deps.adapter.continueConversationAsync(this.deps.appId, toReference(ref), async (context) => {
          try {
            withoutPipelineRetries(context);
            // A new message, not a reply: without this, botbuilder posts it as a reply to the
            // continuation event's made-up id (POST …/activities/<id>).
            delete (context.activity as Partial<Activity>).id;
            await context.sendActivity(activity);
          } catch (error) {
            failure = { error };
          }
        });
        if (failure) throw failure.error;
        this.counters.sent += 1;
        return 'sent';
      } catch (e) {
        const { status, retryAfter } = httpFailure(e);
        if (status === 403 || status === 404) {
          await this.deps.conversationRefs.remove(staff.aadObjectId);
          this.counters.gone += 1;
          log.warn(
            { status, goneTotal: this.counters.gone },
            'proactive: Teams refused the conversation; reference dropped',
          );
          return 'gone';
        }
        if (status === 429) {
          const wait = retryAfterMs(retryAfter, this.wallClock()) ?? this.limits.defaultRetryAfterMs;
          if (attempt >= this.limits.maxAttempts || wait > this.limits.maxRetryAfterMs) {
            this.counters.failed += 1;
            log.warn({ status, attempt, retryAfterMs: wait }, 'proactive: throttled, giving up for now');
            throw new ProactiveThrottledError(wait);
          }
          this.counters.throttled += 1;
          log.info({ status, attempt, retryAfterMs: wait }, 'proactive: throttled, waiting for Retry-After');
          await this.sleep(wait);
          continue;
        }
        this.counters.failed += 1;
        log.warn({ status, err: safeError(e) }, 'proactive: send failed');
        throw e;
      }
    }
  }

  /** Waits until both the app-wide and the conversation's bucket allow one more message. */
  private async waitForTurn(conversationId: string): Promise<void> {
    const now = this.monotonic();
    let bucket = this.conversationBuckets.get(conversationId);
    if (!bucket) {
      if (this.conversationBuckets.size > 1000)
        for (const [id, b] of this.conversationBuckets) if (b.idle(now)) this.conversationBuckets.delete(id);
      bucket = new TokenBucket(this.limits.perConversationPerSecond, this.limits.perConversationPerSecond, now);
      this.conversationBuckets.set(conversationId, bucket);
    }
    const wait = Math.max(this.appBucket.reserve(now), bucket.reserve(now));
    if (wait > 0) await this.sleep(wait);
  }
}

/**
 * The connector client's HTTP pipeline (Azure core) has its own retry policy, which waits out any
 * Retry-After however long and retries 5xx up to 3 times, blind to our rate limiter. It is removed
 * for proactive sends so the bounds above hold; the caller's retry (outbox backoff) covers the rest.
 */
function withoutPipelineRetries(context: TurnContext): void {
  const connector = context.turnState.get<
    { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } } | undefined
  >(context.adapter instanceof CloudAdapter ? context.adapter.ConnectorClientKey : Symbol.for('none'));
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

/** The botbuilder reference of a stored one (for continueConversationAsync). */
export function toReference(ref: StoredConversationRef): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    locale: ref.locale,
    conversation: {
      id: ref.conversation.id,
      tenantId: ref.conversation.tenantId,
      conversationType: ref.conversation.conversationType ?? 'personal',
      isGroup: ref.conversation.isGroup ?? false,
      name: '',
    },
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    user: { id: ref.user.id, name: '', ...(ref.user.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}) },
  };
}
