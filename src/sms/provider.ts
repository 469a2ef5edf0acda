/**
 * The SMS port. Providers: `file` (the local default: one file per SMS in SMS_DIR, like var/mail),
 * `smpp` (SMPP 3.4, what German aggregators offer) and `http` (an EU HTTP provider, docs/adr). The
 * real ones are loaded only when configured (dynamic import), so the default costs nothing.
 */
import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SmsEncoding } from './segments';

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
  encoding: SmsEncoding;
  segments: number;
  /** Our id of this SMS (a hash of the outbox dedupe key): the same on every retry. */
  reference: string;
}

/** A delivery receipt: the provider's message id and what became of it. */
export interface SmsReceipt {
  messageId: string;
  status: 'delivered' | 'failed';
  /** The provider's or carrier's reason for a failure (e.g. 'UNDELIV', 'EXPIRED'); never the number. */
  reason?: string;
}

/** Something a citizen wrote back, where the provider forwards replies (STOP). */
export interface SmsReply {
  /** E.164 of the sender. */
  from: string;
  text: string;
}

export interface SmsEvents {
  receipt(receipt: SmsReceipt): Promise<void>;
  reply(reply: SmsReply): Promise<void>;
}

/** What the provider accepted: its message id per part (SMPP: one per segment), the first as `messageId`. */
export interface SmsSent {
  messageId: string;
  messageIds: string[];
}

/**
 * The parts (0-based) of one SMS the provider accepted so far, kept in Redis by src/sms/delivery.ts
 * (src/store/sms-messages.ts): a retry after "part 1 accepted, part 2 throttled" sends only part 2.
 * `record` is also what maps the provider's message id to the appointment for its delivery receipt
 * (src/sms/receipts.ts); `of` is how many message ids the SMS gets (SMPP: one per segment).
 */
export interface SmsPartLedger {
  accepted(part: number): Promise<string | undefined>;
  record(part: number, messageId: string, of: number): Promise<void>;
}

export interface SmsProvider {
  readonly kind: 'file' | 'smpp' | 'http';
  /** Resolves once the provider accepted the SMS (every part); rejects otherwise (SmsRefused: for good). */
  send(sms: SmsMessage, ledger?: SmsPartLedger): Promise<SmsSent>;
  /** A connected provider's state for /readyz (informational: SMS wait in the outbox while it is down). */
  status?(): { bound: boolean; lastError?: string; unboundSince?: number };
  /** Receipts and replies go here (the provider calls them as they arrive). */
  listen?(events: SmsEvents): void;
  close(): Promise<void>;
}

/**
 * The provider refused this SMS for good (an invalid or barred number, a rejected sender): retrying
 * cannot help, the outbox dead-letters it at once with `reason` and the citizen goes on the call list.
 */
export class SmsRefused extends Error {
  override readonly name = 'SmsRefused';
  constructor(readonly reason: string) {
    super(`SMS refused: ${reason}`);
  }
}

/** A transient failure the provider told us about (throttled, down): the outbox retries with backoff. */
export class SmsUnavailable extends Error {
  override readonly name = 'SmsUnavailable';
  constructor(
    readonly reason: string,
    /** The provider's own wait (Retry-After), when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(`SMS provider unavailable: ${reason}`);
  }
}

/** The time a file of fileSmsProvider was written, from its name (the provider's clock); undefined for other names. */
function writtenAt(name: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-.+\.txt$/.exec(name);
  if (!m) return undefined;
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Deletes the SMS files of `dir` written before `cutoff` (the retention job: an SMS's text goes with the
 * retention period, like the appointment it was about). Other files are left alone; a missing folder is
 * nothing to delete. Returns how many files went.
 */
export async function deleteSmsFilesBefore(dir: string, cutoff: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  let deleted = 0;
  for (const name of names) {
    const at = writtenAt(name);
    if (at === undefined || at >= cutoff) continue;
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    await unlink(path).then(
      () => deleted++,
      (e: unknown) => {
        // Deleted meanwhile (a second run): nothing left to do.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      },
    );
  }
  return deleted;
}

/** SMS_PROVIDER=file: each SMS a text file in `dir`, named by time and reference. */
export function fileSmsProvider(dir: string, now: () => number = Date.now): SmsProvider {
  return {
    kind: 'file',
    async send(sms) {
      await mkdir(dir, { recursive: true });
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      const body = [
        `To: ${sms.to}`,
        `Encoding: ${sms.encoding}`,
        `Segments: ${sms.segments}`,
        `Reference: ${sms.reference}`,
        '',
        sms.text,
        '',
      ].join('\n');
      await writeFile(join(dir, `${stamp}-${sms.reference}.txt`), body, { flag: 'wx' }).catch((e: unknown) => {
        // The same SMS written twice (a retry after the file was written): it is there already.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      });
      const messageId = `file-${sms.reference}`;
      return { messageId, messageIds: [messageId] };
    },
    close: () => Promise.resolve(),
  };
}
