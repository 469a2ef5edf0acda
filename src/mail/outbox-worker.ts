/**
 * Delivers the outbox (Redis stream keys.outbox(), consumer group) : mails to citizens and staff
 * copies through the Mailer, Teams messages through the ProactiveSender.
 *
 * Delivery guarantee — at least once, duplicates only in a narrow window:
 * - An entry stays in the group's pending list until it is delivered (then XACK + XDEL) or
 *   dead-lettered. A crashed instance's entries are taken over with XAUTOCLAIM after `claimIdleMs`
 *   (and once its per-entry lease has expired), so a restart or a second instance loses nothing.
 * - Each side effect has a dedupe key; `delivered:<key>` is checked before sending and set after the
 *   relay accepted the mail (or Teams the message). A retry after a crash skips what was already sent.
 *   The remaining window: the relay accepted the mail but the process died (or the connection broke
 *   before the 250 reply) before the marker was written — then the mail is sent again, with the same
 *   Message-ID and the same UID/SEQUENCE, which calendars apply idempotently. SMTP offers no more.
 * - A per-entry lease (SET NX PX) keeps two instances from working on one entry at the same time.
 * - Failed attempts wait with exponential backoff and jitter (ZSET outboxRetry); after
 *   `maxAttempts` the entry goes to keys.outboxDead() and supervisors get an alert (itself an outbox
 *   entry, never alerted about again; its facts are rendered in each supervisor's language).
 *   `npm run outbox -- replay` (src/store/dead-letters.ts) puts dead letters back into the stream.
 *
 * Stale messages: the mail always shows the appointment's current state. An invitation, reminder or
 * cancellation whose sequence is lower than the appointment's current one is skipped: every change
 * that raised the sequence wrote its own message in the same atomic step, so the citizen gets that
 * one instead of an outdated one first. Invitations and reminders for cancelled or past appointments
 * are skipped too.
 */
import { randomBytes } from 'node:crypto';
import type { AppointmentReader, MeetingProvider, ProactiveSender } from '../app/ports';
import type { CitizenLinks } from '../app/citizen-links';
import { isDomainError } from '../domain/errors';
import type { Clock } from '../domain/clock';
import type { Appointment, DeadLetterFacts, Directory, Language, OutboxMessage } from '../domain/types';
import type { Logger } from '../logger';
import { keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { composeCitizenMail, composeStaffCopy, type ComposeContext } from './compose';
import { composeDeclineCounter } from './counter-mail';
import { appendOutbox, parseOutboxFields } from './outbox-message';
import { deadLetterAlertText, renderStaffNotice, renderSupervisorAlert } from './staff-notices';
import type { Mailer } from './transport';

export interface OutboxWorkerDeps {
  redis: RedisClient;
  appointments: AppointmentReader;
  directory: Directory;
  mailer: Mailer;
  proactive: ProactiveSender;
  links: CitizenLinks;
  clock: Clock;
  logger: Logger;
  /**
   * Video link fallback (staff booking, src/app/book.ts): the booking creates the link before it
   * confirms, but books without one when the provider is slow or down. Then the worker creates it
   * here before sending the invitation, so the citizen's first mail carries it; a provider failure
   * throws and the entry's normal backoff retries it.
   */
  /**
   * Cards for notices that carry buttons (built by the bot, src/bot/cards): the "citizen declined"
   * notice. Without it the notice is sent as text only.
   */
  cards?: { declined(a: Appointment, directory: Directory, language: Language): Record<string, unknown> };
  meetingLinks?: {
    meetings: MeetingProvider;
    store: { updateMeetingUrl(appointmentId: string, url: string): Promise<Appointment> };
  };
  /**
   * Supervisor alerts that reached none of the addressed supervisors in Teams (they never opened the
   * bot, or Teams refused): also sent to the other supervisors and by mail to the organisation's
   * mailbox, and kept here as open problems (the summary lists them until a supervisor marks them done).
   */
  openAlerts?: { add(alert: { id: string; text: string; at: number }): Promise<void> };
}

export interface OutboxWorkerOptions {
  /** Unique per instance (e.g. hostname-pid). */
  consumer: string;
  group?: string;
  /** OUTBOX_MAX_ATTEMPTS. */
  maxAttempts: number;
  /** MAIL_FROM. */
  mailFrom?: string;
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

class Skip {
  constructor(readonly reason: string) {}
}

type StreamEntry = [id: string, fields: string[]];

const RELEASE_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Log-safe error facts: codes only, never messages (SMTP replies can contain addresses). */
function errorFacts(e: unknown): Record<string, string | number> {
  const err = e as { code?: unknown; responseCode?: unknown; name?: unknown };
  const facts: Record<string, string | number> = { error: typeof err?.name === 'string' ? err.name : 'Error' };
  if (typeof err?.code === 'string') facts.code = err.code;
  if (typeof err?.responseCode === 'number') facts.responseCode = err.responseCode;
  return facts;
}

export class OutboxWorker {
  private readonly group: string;
  private readonly opts: Required<Omit<OutboxWorkerOptions, 'mailFrom'>> & { mailFrom?: string };
  private running: Promise<void> | null = null;
  private stopping = false;
  private blocking: RedisClient | null = null;

  constructor(
    private readonly deps: OutboxWorkerDeps,
    options: OutboxWorkerOptions,
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
      for (const e of claimed) if (Array.isArray(e)) (entries.push(e), found.add(e[0]));
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
      await redis.eval(RELEASE_LEASE, 1, keys.outboxLease(id), lease);
      return 'busy';
    }

    const { key, msg } = parsed;
    const log = { entryId: id, kind: msg.kind, appointmentId: 'appointmentId' in msg ? msg.appointmentId : undefined };
    try {
      await this.deliver(key, msg);
      await this.finish(id, lease);
      logger.info(log, 'outbox: delivered');
      return 'delivered';
    } catch (e) {
      if (e instanceof Skip || (isDomainError(e) && e.code !== 'invalid-input')) {
        await this.finish(id, lease);
        logger.info({ ...log, reason: e instanceof Skip ? e.reason : e.code }, 'outbox: skipped');
        return 'skipped';
      }
      const attempts = await redis.hincrby(keys.outboxAttempts(), id, 1);
      if (attempts >= this.opts.maxAttempts) {
        await this.deadLetter(id, parsed, fields, String((e as Error)?.message ?? e).slice(0, 300), attempts, lease);
        logger.error({ ...log, ...errorFacts(e), attempts }, 'outbox: dead-lettered');
        return 'dead';
      }
      const delay = this.backoff(attempts);
      await redis.zadd(keys.outboxRetry(), clock.now() + delay, id);
      await redis.eval(RELEASE_LEASE, 1, keys.outboxLease(id), lease);
      logger.warn({ ...log, ...errorFacts(e), attempts, retryInMs: delay }, 'outbox: attempt failed');
      return 'retry';
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  backoff(attempts: number): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempts - 1));
    return Math.round(exp / 2 + this.opts.random() * (exp / 2));
  }

  private async finish(id: string, lease: string): Promise<void> {
    await this.deps.redis
      .multi()
      .xack(keys.outbox(), this.group, id)
      .xdel(keys.outbox(), id)
      .zrem(keys.outboxRetry(), id)
      .hdel(keys.outboxAttempts(), id)
      .exec();
    await this.deps.redis.eval(RELEASE_LEASE, 1, keys.outboxLease(id), lease);
  }

  private async deadLetter(
    id: string,
    parsed: { key: string; msg: OutboxMessage } | null,
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
    if (lease) await redis.eval(RELEASE_LEASE, 1, keys.outboxLease(id), lease);
    // An alert that cannot be delivered is not alerted about again (no loop).
    // Facts, rendered per supervisor's language at delivery; `text` (German) for instances not yet updated.
    if (parsed?.msg.kind !== 'supervisor-alert') {
      const facts: DeadLetterFacts = {
        entryId: id,
        kind: parsed?.msg.kind ?? null,
        attempts,
        ...(parsed && 'appointmentId' in parsed.msg ? { appointmentId: parsed.msg.appointmentId } : {}),
      };
      await appendOutbox(redis, `dead-letter:${id}`, {
        kind: 'supervisor-alert',
        text: deadLetterAlertText(facts, 'de'),
        deadLetter: facts,
      });
    }
  }

  // --- delivery per message kind ------------------------------------------------------------

  /** Runs `send` unless this dedupe key was delivered before; marks it delivered afterwards. */
  private async once(dedupeKey: string, send: () => Promise<unknown>): Promise<void> {
    const marker = keys.delivered(dedupeKey);
    if (await this.deps.redis.exists(marker)) return;
    await send();
    await this.deps.redis.set(marker, String(this.deps.clock.now()), 'EX', this.opts.deliveredTtlSeconds, 'NX');
  }

  private async current(appointmentId: string, sequence: number | null): Promise<Appointment> {
    const a = await this.deps.appointments.get(appointmentId);
    if (!a) throw new Skip('appointment gone');
    if (a.anonymised) throw new Skip('anonymised');
    if (sequence !== null && a.sequence > sequence) throw new Skip('superseded by a newer change');
    return a;
  }

  /** A video appointment booked while the meeting provider failed gets its link now (see deps.meetingLinks). */
  private async withMeetingLink(a: Appointment): Promise<Appointment> {
    const links = this.deps.meetingLinks;
    if (!links || a.channel !== 'video' || a.meetingUrl) return a;
    const service = this.deps.directory.services.find((s) => s.id === a.serviceId);
    const { joinUrl } = await links.meetings.createMeeting({
      appointmentId: a.id,
      subject: service?.name.de ?? 'Sprechstunde',
      start: a.start,
      end: a.end,
    });
    return links.store.updateMeetingUrl(a.id, joinUrl);
  }

  private composeContext(): ComposeContext {
    return {
      directory: this.deps.directory,
      links: this.deps.links,
      now: this.deps.clock.now(),
      from: this.opts.mailFrom,
    };
  }

  private async deliver(key: string, msg: OutboxMessage): Promise<void> {
    const { mailer, clock, proactive, directory } = this.deps;
    const now = clock.now();
    switch (msg.kind) {
      case 'citizen-invitation': {
        let a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new Skip(`appointment ${a.status}`);
        if (a.end <= now) throw new Skip('appointment over');
        a = await this.withMeetingLink(a);
        const ctx = this.composeContext();
        await this.once(`${key}:citizen`, () =>
          mailer.send(composeCitizenMail({ kind: 'invitation', reason: msg.reason }, a, ctx, `${key}:citizen`)),
        );
        await this.once(`${key}:staff`, () => mailer.send(composeStaffCopy('REQUEST', a, ctx, `${key}:staff`)));
        return;
      }
      case 'citizen-cancellation': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'cancelled') throw new Skip('appointment not cancelled');
        if (a.end <= now) throw new Skip('appointment over');
        const ctx = this.composeContext();
        await this.once(`${key}:citizen`, () =>
          mailer.send(composeCitizenMail({ kind: 'cancellation', reason: msg.reason }, a, ctx, `${key}:citizen`)),
        );
        await this.once(`${key}:staff`, () => mailer.send(composeStaffCopy('CANCEL', a, ctx, `${key}:staff`)));
        return;
      }
      case 'citizen-reminder': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new Skip(`appointment ${a.status}`);
        if (a.start <= now) throw new Skip('appointment started');
        const ctx = this.composeContext();
        await this.once(`${key}:citizen`, () =>
          mailer.send(composeCitizenMail({ kind: 'reminder' }, a, ctx, `${key}:citizen`)),
        );
        return;
      }
      case 'citizen-declinecounter': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new Skip(`appointment ${a.status}`);
        if (a.end <= now) throw new Skip('appointment over');
        const links = this.deps.links as CitizenLinks & { rescheduleUrl?: (id: string) => string };
        await this.once(`${key}:citizen`, () =>
          mailer.send(
            composeDeclineCounter(
              a,
              this.composeContext(),
              {
                cancelUrl: links.cancelUrl(a.id),
                ...(typeof links.rescheduleUrl === 'function' ? { rescheduleUrl: links.rescheduleUrl(a.id) } : {}),
              },
              `${key}:citizen`,
            ),
          ),
        );
        return;
      }
      case 'staff-notice': {
        const a = await this.current(msg.appointmentId, null);
        if (msg.event === 'reminder' && (a.status !== 'booked' || a.start <= now))
          throw new Skip('reminder no longer useful');
        const declined = msg.event === 'citizen-declined';
        // A decline that was answered by a newer change (moved, cancelled, accepted after all) is old news.
        if (declined && (a.status !== 'booked' || a.reply?.status !== 'declined' || a.reply.sequence !== a.sequence))
          throw new Skip('decline superseded');
        await this.once(key, async () => {
          const message = renderStaffNotice(msg, a, directory, now);
          const staff = directory.staff.find((s) => s.id === msg.staffId);
          if (declined) message.personalOnly = true;
          if (declined && this.deps.cards && staff)
            message.card = this.deps.cards.declined(a, directory, staff.language);
          const result = await proactive.sendToStaff(msg.staffId, message);
          // Nothing to retry: the staff member never opened the bot, or removed it.
          if (result !== 'sent')
            this.deps.logger.warn({ staffId: msg.staffId, result }, 'outbox: staff notice not deliverable');
        });
        return;
      }
      case 'supervisor-alert': {
        const all = directory.staff.filter((s) => s.role === 'supervisor');
        const addressed = all.filter((s) => !msg.staffIds || msg.staffIds.includes(s.id));
        // Marked delivered per supervisor only when Teams took it; "no conversation" is not delivered.
        const reach = async (s: (typeof all)[number]): Promise<boolean> => {
          const marker = `${key}:${s.id}`;
          if (await this.deps.redis.exists(keys.delivered(marker))) return true;
          const result = await proactive.sendToStaff(s.id, renderSupervisorAlert(msg, s.language));
          if (result !== 'sent') {
            this.deps.logger.warn({ staffId: s.id, result }, 'outbox: supervisor alert not deliverable');
            return false;
          }
          await this.deps.redis.set(keys.delivered(marker), String(now), 'EX', this.opts.deliveredTtlSeconds, 'NX');
          return true;
        };
        let reachedAddressed = 0;
        for (const s of addressed) if (await reach(s)) reachedAddressed += 1;
        if (reachedAddressed > 0) return;
        // Nobody it was meant for got it: the other supervisors, the organisation's mailbox, an open problem.
        let reachedOthers = 0;
        for (const s of all.filter((x) => !addressed.includes(x))) if (await reach(s)) reachedOthers += 1;
        const text = renderSupervisorAlert(msg, 'de').text;
        await this.deps.openAlerts?.add({ id: key, text, at: now });
        await this.once(`${key}:mailbox`, () =>
          mailer.send({
            from: this.opts.mailFrom ?? directory.organisation.mailbox,
            to: directory.organisation.mailbox,
            subject: 'Sprechstunde: Meldung an die Teamleitung nicht zustellbar / alert to supervisors not delivered',
            text: `${text}\n\n${renderSupervisorAlert(msg, 'en').text}\n\n(Teams: ${addressed.map((s) => s.name).join(', ') || '–'} nicht erreichbar / not reachable.)`,
          }),
        );
        this.deps.logger.warn(
          { addressed: addressed.length, reachedOthers, openProblem: Boolean(this.deps.openAlerts) },
          'outbox: supervisor alert reached nobody addressed; mailed to the organisation mailbox, kept as an open problem',
        );
        return;
      }
    }
  }
}
