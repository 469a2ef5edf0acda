/**
 * One pass over the organisation mailbox: every new mail is judged (src/mailbox/mail.ts) and iTIP
 * answers are handed to the use case (src/app/replies.ts). The source (IMAP or REPLY_DIR) then
 * marks what was processed; mail for people is left exactly as it was (not read, not flagged, not moved).
 *
 * Exactly once across instances: before a mail is downloaded, its claims (place in the mailbox, and
 * Message-ID) are looked up — a mail done before is only marked again — and a short lease keeps a
 * second instance from reading it at the same time; the change itself marks the claims done in the
 * same Lua step (apply-reply-1.lua), so even two instances that both got that far count it once.
 *
 * Logs carry outcomes, reasons, appointment ids and a short claim id: never addresses, names or subjects.
 */
import { createHash, randomBytes } from 'node:crypto';
import { processItipAnswer, type MailClaims, type ReplyRecorder } from '../app/replies';
import type { Logger } from '../logger';
import { headerBlockOf, judgeMail, loopReason, MAX_MAIL_BYTES, parseHeaderBlock } from './mail';

/** What happened to one mail; the source marks it accordingly. */
export type Disposition =
  /** An answer that was applied (or applied before): flagged/moved as processed. */
  | 'processed'
  /** An iTIP answer that changed nothing (unknown UID, stale, …) or a broken one: not applied, not marked for people. */
  | 'ignored'
  /** Mail for people, an auto-reply, or too large: left exactly as it was. */
  | 'untouched'
  /** Another instance is reading it right now: look again next pass. */
  | 'busy';

export interface MailboxMessage {
  /** Stable identity in its source (mailbox + UIDVALIDITY + UID, or the file's content hash). */
  identity: string;
  size: number;
  /** The raw header block, when the source has it before downloading (IMAP); read from the source otherwise. */
  headers?: string;
  /** False when the structure shows no calendar part at all (IMAP BODYSTRUCTURE): not downloaded. */
  mayHaveCalendar: boolean;
  /** The whole mail; only called for mails within MAX_MAIL_BYTES. */
  source(): Promise<Buffer>;
}

export interface PassStats {
  seen: number;
  processed: number;
  ignored: number;
  untouched: number;
  busy: number;
}

/** A place replies arrive: it lists new mail, lets the handler judge each one and marks the result. */
export interface MailSource {
  readonly kind: 'imap' | 'dir';
  pass(handle: (m: MailboxMessage) => Promise<Disposition>): Promise<PassStats>;
}

export interface ReplyProcessorDeps {
  store: ReplyRecorder & {
    doneOutcome(claims: MailClaims): Promise<string | null>;
    lease(claim: string, token: string, ms: number): Promise<boolean>;
    releaseLease(claim: string, token: string): Promise<void>;
  };
  logger: Logger;
  /** The organisation's own addresses (ORGANIZER, MAIL_FROM): mail from them is never acted on. */
  ownAddresses: readonly string[];
  /** How long one instance may take for one mail before another may try (default 2 min). */
  leaseMs?: number;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 40);

function messageIdOf(headers: Map<string, string[]>): string | undefined {
  const v = headers.get('message-id')?.[0]?.trim();
  return v && v.length <= 998 ? v.toLowerCase() : undefined;
}

/** Judges one mail and hands an answer to the use case; the returned disposition tells the source what to do. */
export class ReplyProcessor {
  constructor(private readonly deps: ReplyProcessorDeps) {}

  async handle(m: MailboxMessage, source: MailSource['kind']): Promise<Disposition> {
    const { store, logger } = this.deps;
    const log = { source, mail: hash(m.identity).slice(0, 12) };
    if (m.size > MAX_MAIL_BYTES) {
      logger.warn({ ...log, outcome: 'untouched', reason: 'too-large', bytes: m.size }, 'mailbox: mail not read');
      return 'untouched';
    }
    if (!m.mayHaveCalendar) return 'untouched';
    if (m.headers !== undefined) {
      const why = loopReason(parseHeaderBlock(m.headers), this.deps.ownAddresses);
      if (why) {
        logger.info({ ...log, outcome: 'untouched', reason: 'mail-loop', why }, 'mailbox: automatic mail left alone');
        return 'untouched';
      }
    }
    const claims: MailClaims = { mail: hash(`mail|${m.identity}`) };
    const headerMessageId = m.headers !== undefined ? messageIdOf(parseHeaderBlock(m.headers)) : undefined;
    if (headerMessageId) claims.messageId = hash(`message-id|${headerMessageId}`);
    if (m.headers !== undefined) {
      const done = await store.doneOutcome(claims);
      if (done) return done === 'applied' ? 'processed' : 'ignored';
    }
    const token = randomBytes(8).toString('hex');
    if (!(await store.lease(claims.mail, token, this.deps.leaseMs ?? 120_000))) return 'busy';
    try {
      const raw = await m.source();
      if (!headerMessageId) {
        const id = messageIdOf(parseHeaderBlock(headerBlockOf(raw)));
        if (id) claims.messageId = hash(`message-id|${id}`);
        const done = await store.doneOutcome(claims);
        if (done) return done === 'applied' ? 'processed' : 'ignored';
      }
      const verdict = await judgeMail(raw, this.deps.ownAddresses);
      switch (verdict.kind) {
        case 'too-large':
          logger.warn(
            { ...log, outcome: 'untouched', reason: 'too-large', bytes: raw.length },
            'mailbox: mail not read',
          );
          return 'untouched';
        case 'loop':
          logger.info(
            { ...log, outcome: 'untouched', reason: 'mail-loop', why: verdict.why },
            'mailbox: automatic mail left alone',
          );
          return 'untouched';
        case 'for-people':
          return 'untouched';
        case 'malformed':
          await store.markIgnored(claims);
          logger.warn({ ...log, outcome: 'ignored', reason: 'malformed-icalendar' }, 'mailbox: reply ignored');
          return 'ignored';
        case 'answer': {
          const outcome = await processItipAnswer({ store }, verdict.answer, claims);
          const facts = { ...log, method: verdict.answer.method, sequence: verdict.answer.sequence };
          if (outcome.result === 'applied') {
            logger.info(
              {
                ...facts,
                outcome: 'applied',
                appointmentId: outcome.appointmentId,
                effect: outcome.effect,
                status: outcome.status,
              },
              'mailbox: reply applied',
            );
            return 'processed';
          }
          if (outcome.result === 'duplicate') {
            logger.info({ ...facts, outcome: 'duplicate' }, 'mailbox: reply processed before');
            return outcome.previous === 'applied' ? 'processed' : 'ignored';
          }
          logger.warn({ ...facts, outcome: 'ignored', reason: outcome.reason }, 'mailbox: reply ignored');
          return 'ignored';
        }
      }
    } finally {
      await store.releaseLease(claims.mail, token);
    }
  }
}

/** One pass of one source: what the mailbox job runs. */
export async function pollMailbox(source: MailSource, processor: ReplyProcessor): Promise<PassStats> {
  return source.pass((m) => processor.handle(m, source.kind));
}
