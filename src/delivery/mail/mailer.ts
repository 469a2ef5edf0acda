/** What every mail transport offers the outbox (src/delivery/mail/transport.ts picks one from the environment). */
import type Mail from 'nodemailer/lib/mailer';

export type MailOptions = Mail.Options;

export interface Mailer {
  readonly kind: 'smtp' | 'smtp-xoauth2' | 'graph' | 'file';
  /** Resolves once the relay accepted the message (or the file is written); rejects otherwise. */
  send(mail: MailOptions): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A refusal that retrying cannot change (a 5xx of an SMTP relay carries `responseCode` instead): the
 * outbox dead-letters the entry at once, with `message` (no personal data) as the reason.
 */
export class MailRefusedError extends Error {
  override readonly name = 'MailRefusedError';
}

/** Short timeouts: a hanging relay must fail the attempt (and be retried) well inside the outbox lease. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** The address of a From (`"Name <a@b>"`, `a@b` or `{ name, address }`). */
export function addressOf(from: MailOptions['from']): string | undefined {
  if (!from) return undefined;
  if (Array.isArray(from)) return addressOf(from[0]);
  if (typeof from !== 'string') return from.address?.trim() || undefined;
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim() || undefined;
}
