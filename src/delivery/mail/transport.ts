/**
 * Where mail goes (MAIL_TRANSPORT, SMTP_AUTH, SMTP_URL):
 *
 *   smtp + password   the relay of SMTP_URL (smtp:// with STARTTLS, smtps:// with TLS, auth in the URL)
 *   smtp + xoauth2    the same relay with an OAuth 2.0 token as XOAUTH2 (Exchange Online; src/delivery/mail/smtp-xoauth2.ts)
 *   graph             Microsoft Graph sendMail of the same MIME message (src/delivery/mail/graph-mail.ts)
 *   (no SMTP_URL)     .eml files in MAIL_DIR that a newcomer can open in any mail client
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import type { Env } from '../../config/env';
import { systemClock, type Clock } from '../../domain/clock';
import { exchangeOnlineToken } from '../../meetings/client-credentials';
import type { GraphClient } from '../../meetings/graph';
import { createGraphMailer } from './graph-mail';
import { prepareRecipients, smtpUtf8Probe } from './international';
import { SMTP_TIMEOUTS, type Mailer } from './mailer';
import { createXoauth2SmtpMailer } from './smtp-xoauth2';

export type { Mailer, MailOptions } from './mailer';

/** nodemailer (~0.7 MB of code) loads when the first mail is sent, not at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodemailer = () => require('nodemailer') as typeof import('nodemailer');

export type MailEnv = Pick<
  Env,
  | 'MAIL_TRANSPORT'
  | 'SMTP_AUTH'
  | 'SMTP_URL'
  | 'MAIL_DIR'
  | 'GRAPH_TENANT_ID'
  | 'GRAPH_CLIENT_ID'
  | 'GRAPH_CLIENT_SECRET'
  | 'GRAPH_LOGIN_URL'
>;

export interface MailerDeps {
  clock?: Clock;
  /** With MAIL_TRANSPORT=graph: the Graph client of the app registration (createGraphClient). */
  graph?: GraphClient;
}

/** The mailer for the environment; env.ts has already refused a combination that cannot work. */
export function createMailer(
  env: Pick<MailEnv, 'SMTP_URL' | 'MAIL_DIR'> & Partial<MailEnv>,
  deps: MailerDeps = {},
): Mailer {
  if (env.MAIL_TRANSPORT === 'graph') {
    if (!deps.graph) throw new Error('MAIL_TRANSPORT=graph needs the Graph client (GRAPH_* credentials)');
    return createGraphMailer(deps.graph);
  }
  if (env.SMTP_URL && env.SMTP_AUTH === 'xoauth2') {
    const loginUrl = env.GRAPH_LOGIN_URL;
    if (!loginUrl) throw new Error('SMTP_AUTH=xoauth2 needs GRAPH_LOGIN_URL');
    const token = exchangeOnlineToken({ ...env, GRAPH_LOGIN_URL: loginUrl }, deps.clock ?? systemClock);
    return createXoauth2SmtpMailer(env.SMTP_URL, token);
  }
  if (env.SMTP_URL) {
    const url = env.SMTP_URL;
    let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
    const smtp = () => (transport ??= nodemailer().createTransport({ url, ...SMTP_TIMEOUTS }));
    const offersSmtpUtf8 = smtpUtf8Probe(() => (smtp().transporter as SMTPTransport).options);
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await smtp().sendMail(await prepareRecipients(mail, offersSmtpUtf8));
        return { messageId: info.messageId };
      },
      close: () => transport?.close(),
    };
  }
  let transport: Transporter<StreamTransport.SentMessageInfo> | undefined;
  const dir = env.MAIL_DIR;
  return {
    kind: 'file',
    async send(mail) {
      transport ??= nodemailer().createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
      const info = await transport.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const id = info.messageId.replace(/[^A-Za-z0-9.@-]/g, '');
      await writeFile(join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport?.close(),
  };
}
