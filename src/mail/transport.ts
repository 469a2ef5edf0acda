/**
 * Where mail goes: the SMTP relay of SMTP_URL (smtp:// with STARTTLS, smtps:// with TLS, auth in the
 * URL), or, without SMTP_URL, .eml files in MAIL_DIR that a newcomer can open in any mail client.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Env } from '../config/env';

export type MailOptions = Mail.Options;

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  /** Resolves once the relay accepted the message (or the file is written); rejects otherwise. */
  send(mail: MailOptions): Promise<{ messageId: string }>;
  close(): void;
}

/** Short timeouts: a hanging relay must fail the attempt (and be retried) well inside the outbox lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(env: Pick<Env, 'SMTP_URL' | 'MAIL_DIR'>): Mailer {
  if (env.SMTP_URL) {
    const transport = nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS });
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await transport.sendMail(mail);
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const dir = env.MAIL_DIR;
  return {
    kind: 'file',
    async send(mail) {
      const info = await transport.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const id = info.messageId.replace(/[^A-Za-z0-9.@-]/g, '');
      await writeFile(join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
