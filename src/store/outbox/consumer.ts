/**
 * The outbox's queue mechanics: reads the stream keys.outbox() as a member of a consumer group and
 * hands each entry to an OutboxDelivery (src/delivery/outbox-worker.ts delivers per message kind).
 *
 * Delivery guarantee — at least once, duplicates only in a narrow window:
 * - An entry stays in the group's pending list until it is delivered (then XACK + XDEL) or
 *   dead-lettered. A crashed instance's entries are taken over with XAUTOCLAIM after `claimIdleMs`
 *   (and once its per-entry lease has expired), so a restart or a second instance loses nothing.
 * - Each side effect has a dedupe key; `delivered:<key>` is checked before sending and set after the
 *   relay accepted the mail (or Teams the message): `once(key, send)`. A retry after a crash skips
 *   what was already sent. The remaining window: the relay accepted the mail but the process died
 *   (or the connection broke before the 250 reply) before the marker was written — then the mail is
 *   sent again, with the same Message-ID and the same UID/SEQUENCE, which calendars apply
 *   idempotently. SMTP offers no more.
 * - A per-entry lease (SET NX PX, released by compare-and-delete) keeps two instances from working
 *   on one entry at the same time. While a delivery is in flight the lease is renewed every third of
 *   its time (extend-lock-1.lua, as BullMQ extends its job locks), so a slow relay never lets a
 *   second instance send the same mail; a crashed instance's lease simply runs out.
 * - Failed attempts wait with exponential backoff and jitter (ZSET outboxRetry); after
 *   `maxAttempts` the entry goes to keys.outboxDead() and supervisors get an alert (itself an outbox
 *   entry, never alerted about again). `npm run outbox -- replay` (dead-letters.ts) puts dead
 *   letters back into the stream.
 * - A delivery that throws SkipDelivery, or a DomainError other than invalid-input (the appointment
 *   is gone or changed), is acknowledged without sending: it is not worth retrying.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import { isDomainError } from '../../domain/errors';
import type { DeadLetterFacts, OutboxMessage } from '../../domain/types';
import type { Logger } from '../../logger';
import { keys } from '../keys';
import type { RedisClient } from '../redis-client';
import { runScript } from '../scripts';
import { maskPersonalData } from './dead-letters';
import { deadLetterAlertKey, parseOutboxFields, type OutboxEntry } from './messages';
import { appendOutbox } from './stream';

/**
 * Runs `send` unless `dedupeKey` was delivered before, and marks it delivered afterwards — unless
 * `send` resolves to `false` (not delivered, nothing to retry now: no marker, a later entry may try).
 * Resolves to true when the key counts as delivered.
 */
export type DeliverOnce = (dedupeKey: string, send: () => Promise<unknown>) => Promise<boolean>;

/** Delivery per message kind (mail/ implements it). */
export interface OutboxDelivery {
  /** Sends what `entry` asks for, each side effect through `once`; throws SkipDelivery when it is moot. */
  deliver(entry: OutboxEntry, once: DeliverOnce): Promise<void>;
  /** The supervisors' alert queued when an entry is dead-lettered (ids only, no personal data). */
  deadLetterAlert(facts: DeadLetterFacts): OutboxMessage;
  /** Why a failure will not pass by retrying (e.g. a permanent SMTP refusal): dead-lettered at once. */
  permanentFailure?(error: unknown): string | undefined;
  /** How long the other side asked us to wait (Retry-After of a 429/503): the next attempt waits at least that. */
  retryAfterMs?(error: unknown): number | undefined;
}

/** Thrown by a delivery when the entry is moot (appointment gone, superseded, over): acknowledged, not sent. */
export class SkipDelivery extends Error {
  override readonly name = 'SkipDelivery';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface OutboxConsumerDeps {
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
}

export interface OutboxConsumerOptions {
  /** Unique per instance (e.g. hostname-pid). */
  consumer: string;
  group?: string;
  /** OUTBOX_MAX_ATTEMPTS. */
  maxAttempts: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Pending entries idle this long (a crashed consumer's) are taken over. */
  claimIdleMs?: number;
  /** Longest time one delivery may take; must exceed the SMTP timeouts. */
  leaseMs?: number;
  batch?: number;
  blockMs?: number;
  deliveredTtlSeconds?: number;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export type EntryOutcome = 'delivered' | 'skipped' | 'retry' | 'dead' | 'busy';

export interface PassResult {
  delivered: number;
  skipped: number;
  retry: number;
  dead: number;
}

type StreamEntry = [id: string, fields: string[]];

/** Log-safe error facts: codes only, never messages (SMTP replies can contain addresses). */
export function errorFacts(e: unknown): Record<string, string | number> {
  const err = e as { code?: unknown; responseCode?: unknown; name?: unknown };
  const facts: Record<string, string | number> = { error: typeof err?.name === 'string' ? err.name : 'Error' };
  if (typeof err?.code === 'string') facts.code = err.code;
  if (typeof err?.responseCode === 'number') facts.responseCode = err.responseCode;
  return facts;
}

export class OutboxConsumer {
  private readonly group: string;
  private readonly opts: Required<OutboxConsumerOptions>;
  private running: Promise<void> | null = null;
  private stopping = false;
  private blocking: RedisClient | null = null;

  constructor(
    private readonly deps: OutboxConsumerDeps,
    private readonly delivery: OutboxDelivery,
    options: OutboxConsumerOptions,
  ) {
    this.group = options.group ?? 'delivery';
    this.opts = {
      group: this.group,
      baseDelayMs: 5_000,
      maxDelayMs: 15 * 60_000,
      claimIdleMs: 60_000,
      leaseMs: 120_000,
      batch: 20,
      blockMs: 2_000,
      deliveredTtlSeconds: 30 * 24 * 3600,
      random: Math.random,
      ...options,
    };
  }

  /** Creates the consumer group (from the stream's beginning, so nothing written earlier is missed). */
  async ensureGroup(): Promise<void> {
    try {
      await this.deps.redis.xgroup('CREATE', keys.outbox(), this.group, '0', 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
    }
  }

  /** Runs passes until stop(); errors (Redis away) are logged and retried after a pause. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    // A blocking read holds its connection; it gets its own so other commands are not stuck behind it.
    this.blocking = (this.deps.redis.duplicate as () => RedisClient).call(this.deps.redis);
    this.running = (async () => {
      await this.ensureGroup().catch((e) =>
        this.deps.logger.error(errorFacts(e), 'outbox: cannot create consumer group'),
      );
      while (!this.stopping) {
        try {
          await this.runOnce(this.opts.blockMs);
        } catch (e) {
          this.deps.logger.error(errorFacts(e), 'outbox: pass failed');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.blocking?.disconnect();
    await this.running?.catch(() => undefined);
    this.running = null;
    this.blocking = null;
  }

  /**
   * One pass: due retries, entries abandoned by crashed consumers, then new entries (waiting up to
   * `blockMs` for them when there was nothing else to do; 0 = don't wait).
   */
  async runOnce(blockMs = 0): Promise<PassResult> {
    const result: PassResult = { delivered: 0, skipped: 0, retry: 0, dead: 0 };
    const count = (o: EntryOutcome) => {
      if (o !== 'busy') result[o] += 1;
    };
    for (const entry of await this.dueRetries()) count(await this.process(entry));
    for (const entry of await this.abandoned()) count(await this.process(entry));
    const busy = result.delivered + result.skipped + result.retry + result.dead > 0;
    for (const entry of await this.fresh(busy ? 0 : blockMs)) count(await this.process(entry));
    return result;
  }

  private async dueRetries(): Promise<StreamEntry[]> {
    const { redis } = this.deps;
    const ids = await redis.zrangebyscore(
      keys.outboxRetry(),
      '-inf',
      this.deps.clock.now(),
      'LIMIT',
      0,
      this.opts.batch,
    );
    if (ids.length === 0) return [];
    const entries: StreamEntry[] = [];
    const found = new Set<string>();
    for (const id of ids) {
      const claimed = (await redis.call(
        'XCLAIM',
        keys.outbox(),
        this.group,
        this.opts.consumer,
        0,
        id,
      )) as (StreamEntry | null)[];
      for (const e of claimed)
        if (Array.isArray(e)) {
          entries.push(e);
          found.add(e[0]);
        }
    }
    // Gone from the stream (delivered and deleted by another instance): forget the schedule.
    const gone = ids.filter((id) => !found.has(id));
    if (gone.length) await redis.zrem(keys.outboxRetry(), ...gone);
    return entries;
  }

  private async abandoned(): Promise<StreamEntry[]> {
    const reply = (await this.deps.redis.xautoclaim(
      keys.outbox(),
      this.group,
      this.opts.consumer,
      this.opts.claimIdleMs,
      '0-0',
      'COUNT',
      this.opts.batch,
    )) as [string, (StreamEntry | null)[]];
    return (reply[1] ?? []).filter((e): e is StreamEntry => Array.isArray(e));
  }

  private async fresh(blockMs: number): Promise<StreamEntry[]> {
    const { group } = this;
    const { consumer, batch } = this.opts;
    try {
      const reply = (
        blockMs > 0 && this.blocking
          ? await this.blocking.xreadgroup(
              'GROUP',
              group,
              consumer,
              'COUNT',
              batch,
              'BLOCK',
              blockMs,
              'STREAMS',
              keys.outbox(),
              '>',
            )
          : await this.deps.redis.xreadgroup('GROUP', group, consumer, 'COUNT', batch, 'STREAMS', keys.outbox(), '>')
      ) as [string, StreamEntry[]][] | null;
      return reply?.[0]?.[1] ?? [];
    } catch (e) {
      if (String((e as Error).message).includes('NOGROUP')) {
        await this.ensureGroup();
        return [];
      }
      if (this.stopping) return [];
      throw e;
    }
  }

  /** Delivers one entry under its lease; decides ack, retry or dead letter. */
  async process([id, fields]: StreamEntry): Promise<EntryOutcome> {
    const { redis, clock, logger } = this.deps;
    const parsed = parseOutboxFields(fields);
    if (!parsed) {
      await this.deadLetter(id, null, fields, 'malformed entry', 0);
      return 'dead';
    }
    const retryAt = await redis.zscore(keys.outboxRetry(), id);
    if (retryAt !== null && Number(retryAt) > clock.now()) return 'busy';
    const lease = `${this.opts.consumer}:${randomBytes(6).toString('hex')}`;
    if ((await redis.set(keys.outboxLease(id), lease, 'PX', this.opts.leaseMs, 'NX')) !== 'OK') return 'busy';
    // Another instance may have finished it between our read and our lease.
    if ((await redis.xrange(keys.outbox(), id, id)).length === 0) {
      await this.releaseLease(id, lease);
      return 'busy';
    }

    const { msg } = parsed;
    const log = { entryId: id, kind: msg.kind, appointmentId: 'appointmentId' in msg ? msg.appointmentId : undefined };
    const keeper = this.keepLease(id, lease);
    try {
      await this.delivery.deliver(parsed, this.once);
      clearInterval(keeper);
      await this.finish(id, lease);
      logger.info(log, 'outbox: delivered');
      return 'delivered';
    } catch (e) {
      clearInterval(keeper);
      if (e instanceof SkipDelivery || (isDomainError(e) && e.code !== 'invalid-input')) {
        await this.finish(id, lease);
        logger.info({ ...log, reason: e instanceof SkipDelivery ? e.reason : e.code }, 'outbox: skipped');
        return 'skipped';
      }
      const attempts = await redis.hincrby(keys.outboxAttempts(), id, 1);
      const permanent = this.delivery.permanentFailure?.(e);
      if (permanent !== undefined || attempts >= this.opts.maxAttempts) {
        const message = String((e as Error)?.message ?? e);
        // SMTP replies may name the recipient: masked before it is stored, not only when listed.
        const reason = maskPersonalData(permanent !== undefined ? `${permanent}: ${message}` : message);
        await this.deadLetter(id, parsed, fields, reason.slice(0, 300), attempts, lease);
        logger.error(
          { ...log, ...errorFacts(e), attempts, ...(permanent !== undefined ? { permanent: true } : {}) },
          'outbox: dead-lettered',
        );
        return 'dead';
      }
      // Never sooner than the provider asked; never later than the longest backoff either.
      const asked = Math.min(this.delivery.retryAfterMs?.(e) ?? 0, this.opts.maxDelayMs);
      const delay = Math.max(this.backoff(attempts), asked);
      await redis.zadd(keys.outboxRetry(), clock.now() + delay, id);
      await this.releaseLease(id, lease);
      logger.warn({ ...log, ...errorFacts(e), attempts, retryInMs: delay }, 'outbox: attempt failed');
      return 'retry';
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  backoff(attempts: number): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempts - 1));
    return Math.round(exp / 2 + this.opts.random() * (exp / 2));
  }

  private readonly once: DeliverOnce = async (dedupeKey, send) => {
    const marker = keys.delivered(dedupeKey);
    if (await this.deps.redis.exists(marker)) return true;
    if ((await send()) === false) return false;
    await this.deps.redis.set(marker, String(this.deps.clock.now()), 'EX', this.opts.deliveredTtlSeconds, 'NX');
    return true;
  };

  /** Renews the entry's lease every third of its time while a delivery runs (cleared by the caller). */
  private keepLease(id: string, lease: string): NodeJS.Timeout {
    const every = Math.max(10, Math.floor(this.opts.leaseMs / 3));
    const timer = setInterval(() => {
      runScript<number>(this.deps.redis, 'extendLock', [keys.outboxLease(id)], [lease, this.opts.leaseMs]).catch(
        (e: unknown) => this.deps.logger.warn({ entryId: id, ...errorFacts(e) }, 'outbox: lease not renewed'),
      );
    }, every);
    timer.unref();
    return timer;
  }

  private async releaseLease(id: string, lease: string): Promise<void> {
    await runScript<number>(this.deps.redis, 'releaseLock', [keys.outboxLease(id)], [lease]);
  }

  private async finish(id: string, lease: string): Promise<void> {
    await this.deps.redis
      .multi()
      .xack(keys.outbox(), this.group, id)
      .xdel(keys.outbox(), id)
      .zrem(keys.outboxRetry(), id)
      .hdel(keys.outboxAttempts(), id)
      .exec();
    await this.releaseLease(id, lease);
  }

  /** Moves the entry to the dead-letter list (dead-letters.ts reads it) and alerts the supervisors. */
  private async deadLetter(
    id: string,
    parsed: OutboxEntry | null,
    fields: string[],
    error: string,
    attempts: number,
    lease?: string,
  ): Promise<void> {
    const { redis, clock } = this.deps;
    const record = JSON.stringify({
      entryId: id,
      key: parsed?.key,
      msg: parsed?.msg,
      fields: parsed ? undefined : fields,
      error,
      attempts,
      at: clock.now(),
    });
    await redis
      .multi()
      .lpush(keys.outboxDead(), record)
      .xack(keys.outbox(), this.group, id)
      .xdel(keys.outbox(), id)
      .zrem(keys.outboxRetry(), id)
      .hdel(keys.outboxAttempts(), id)
      .exec();
    if (lease) await this.releaseLease(id, lease);
    // An alert that cannot be delivered is not alerted about again (no loop).
    if (parsed?.msg.kind !== 'supervisor-alert') {
      const facts: DeadLetterFacts = {
        entryId: id,
        kind: parsed?.msg.kind ?? null,
        attempts,
        ...(parsed && 'appointmentId' in parsed.msg ? { appointmentId: parsed.msg.appointmentId } : {}),
      };
      await appendOutbox(redis, { key: deadLetterAlertKey(id), msg: this.delivery.deadLetterAlert(facts) });
    }
  }
}
