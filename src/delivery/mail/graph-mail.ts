/**
 * Mail through Microsoft Graph (MAIL_TRANSPORT=graph): the same MIME message the SMTP relay would
 * get — iTIP parts, Message-ID and headers untouched — handed to `POST /users/{mailbox}/sendMail` as
 * base64 text/plain. The mailbox is the message's From address (MAIL_FROM, or the organisation's
 * mailbox of the directory), so what the citizen sees as sender is the mailbox that sends it.
 * Permissions: Mail.Send (application), limited to that mailbox by an application access policy or
 * RBAC for Applications (docs/deployment.md).
 *
 * Bounded: the Graph client retries 429 (honouring Retry-After up to its limit) and 5xx a few times
 * with a timeout per call, then throws a retryable error for the outbox's backoff. A message larger
 * than Graph accepts, or one Graph refuses as malformed, is a MailRefusedError (dead letter at once).
 */
import type MailComposerClass from 'nodemailer/lib/mail-composer';
import { MeetingProviderError } from '../../meetings/errors';
import { graphErrorCode, type GraphClient } from '../../meetings/graph';
import { discardBounded } from '../../net/bounded-body';
import { addressOf, MailRefusedError, type Mailer, type MailOptions } from './mailer';

/** nodemailer's MIME composer loads with the first mail, not at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MailComposer = () => require('nodemailer/lib/mail-composer') as typeof MailComposerClass;

/** Graph's request limit for sendMail is 4 MB; the base64 body must fit. */
export const GRAPH_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** The MIME message exactly as SMTP would carry it, and its Message-ID. */
export async function buildMime(mail: MailOptions): Promise<{ raw: Buffer; messageId: string }> {
  const node = new (MailComposer())(mail).compile();
  const raw = await new Promise<Buffer>((resolve, reject) =>
    node.build((err, message) => (err ? reject(err) : resolve(message))),
  );
  return { raw, messageId: node.messageId() };
}

export function createGraphMailer(graph: GraphClient): Mailer {
  return {
    kind: 'graph',
    async send(mail) {
      const mailbox = addressOf(mail.from);
      if (!mailbox) throw new MailRefusedError('graph sendMail: the message has no From address');
      const { raw, messageId } = await buildMime(mail);
      const body = raw.toString('base64');
      if (body.length > GRAPH_MAX_REQUEST_BYTES)
        throw new MailRefusedError(`graph sendMail: message of ${raw.length} bytes is larger than Graph accepts`);
      const res = await graph.request('sendMail', `${graph.baseUrl}/users/${encodeURIComponent(mailbox)}/sendMail`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body,
      });
      if (res.status === 202 || res.ok) {
        await discardBounded(res);
        return { messageId };
      }
      const code = await graphErrorCode(res);
      if (res.status === 403)
        // Retryable: an administrator can grant it, and the outbox tries again (and alerts in the end).
        throw new MeetingProviderError(
          'forbidden',
          `graph sendMail: 403 ${code}: check Mail.Send and the application access policy / RBAC for the sending mailbox`,
        );
      if (res.status === 408) throw new MeetingProviderError('unavailable', `graph sendMail: 408 ${code}`);
      throw new MailRefusedError(`graph sendMail: ${res.status} ${code}`.trim());
    },
    close: () => undefined,
  };
}
