/**
 * SMTP with XOAUTH2 (SMTP_AUTH=xoauth2): what Exchange Online accepts once Basic authentication
 * for SMTP AUTH is switched off (550 5.7.30). The mailbox user comes from SMTP_URL
 * (`smtp://termine%40seelze.de@smtp.office365.com:587`), the access token from the app
 * registration's client credentials (scope https://outlook.office365.com/.default, app permission
 * SMTP.SendAsApp). No password exists here, so none can be sent.
 *
 * The token is cached and renewed a minute before it expires (ClientCredentialsToken). When the
 * relay still refuses it (535: revoked, rotated secret, clock skew), the token is dropped and the
 * message is tried once more with a fresh one; a second 535 fails the attempt (the outbox retries
 * later and, in the end, dead-letters with a supervisor alert).
 *
 * smtp:// upgrades with STARTTLS, which is required (a bearer token never travels in clear text)
 * except to a loopback relay (tests, a local relay).
 */
import type * as Nodemailer from 'nodemailer';
import type { ClientCredentialsToken } from '../../meetings/client-credentials';
import { prepareRecipients, smtpUtf8Probe } from './international';
import { SMTP_TIMEOUTS, type Mailer } from './mailer';

/** nodemailer loads when this mailer is created (SMTP_AUTH=xoauth2), not at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodemailer = () => require('nodemailer') as typeof Nodemailer;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Host, port, TLS mode and user of SMTP_URL (validated in env.ts: it names the user, no password). */
export function parseSmtpUrl(url: string): { host: string; port: number; secure: boolean; user: string } {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: decodeURIComponent(u.username),
  };
}

/** True for the relay's "authentication failed" (535), the one refusal a fresh token can cure. */
function refusedToken(e: unknown): boolean {
  const err = e as { code?: unknown; responseCode?: unknown } | null;
  return err?.code === 'EAUTH' && (err.responseCode === 535 || err.responseCode === undefined);
}

export function createXoauth2SmtpMailer(
  smtpUrl: string,
  token: Pick<ClientCredentialsToken, 'get' | 'invalidate'>,
): Mailer {
  const { host, port, secure, user } = parseSmtpUrl(smtpUrl);
  const connection = { host, port, secure, requireTLS: !secure && !LOOPBACK.has(host) };
  const transport = nodemailer().createTransport({
    ...connection,
    // Only XOAUTH2: without a token nodemailer would have nothing else to offer.
    auth: { type: 'OAuth2', user },
    ...SMTP_TIMEOUTS,
  });
  // EHLO needs no login: the probe connects like the transport and asks nothing else.
  const offersSmtpUtf8 = smtpUtf8Probe(() => connection);
  return {
    kind: 'smtp-xoauth2',
    async send(given) {
      const mail = await prepareRecipients(given, offersSmtpUtf8);
      for (let renewed = false; ; renewed = true) {
        const accessToken = await token.get();
        try {
          const info = await transport.sendMail({ ...mail, auth: { user, accessToken } });
          return { messageId: info.messageId };
        } catch (e) {
          if (!refusedToken(e) || renewed) throw e;
          token.invalidate(accessToken);
        }
      }
    },
    close: () => transport.close(),
  };
}
