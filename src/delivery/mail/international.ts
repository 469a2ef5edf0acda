/**
 * Internationalised recipient addresses over SMTP (RFC 6530–6532):
 *
 *   ASCII local part, Unicode domain   the domain goes out as its A-label (`erika@müller.example`
 *                                      → `erika@xn--mller-kva.example`): every relay takes that
 *   Unicode local part                 only a relay that offers SMTPUTF8 can carry it: sent as is
 *                                      there; otherwise the message is refused here (MailRefusedError:
 *                                      the outbox dead-letters it at once and alerts the supervisors)
 *                                      — never handed to a relay that would bounce or garble it
 *
 * Whether the relay offers SMTPUTF8 is asked only when a message needs it (one EHLO, remembered
 * for an hour).
 */
import { domainToASCII } from 'node:url';
import type SMTPConnectionClass from 'nodemailer/lib/smtp-connection';
import type Mail from 'nodemailer/lib/mailer';
import { isNonAscii, splitAddress } from '../../domain/email-address';
import { MailRefusedError, SMTP_TIMEOUTS, type MailOptions } from './mailer';

type Recipient = string | Mail.Address;
type Recipients = Recipient | Recipient[] | undefined;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SMTPConnection = () => require('nodemailer/lib/smtp-connection') as typeof SMTPConnectionClass;

/** How long a relay's answer to "SMTPUTF8?" is trusted. */
const CAPABILITY_TTL_MS = 60 * 60_000;

/** Whether an address (`a@b` or `Name <a@b>`) has a local part beyond ASCII. */
function needsSmtpUtf8(address: string): boolean {
  const parts = splitAddress(address);
  return parts !== undefined && isNonAscii(parts.local);
}

/** The address as it may travel: an ASCII local part gets its domain as A-label. */
function asciiDomain(address: string): string {
  const parts = splitAddress(address);
  if (!parts || isNonAscii(parts.local) || !isNonAscii(parts.domain)) return address;
  const ascii = domainToASCII(parts.domain);
  if (!ascii) throw new MailRefusedError('recipient domain is not a valid internationalised domain name');
  return `${parts.local}@${ascii}`;
}

const bare = (r: Recipient): string =>
  typeof r === 'string' ? (/<([^>]+)>\s*$/.exec(r)?.[1] ?? r) : (r.address ?? '');

function mapRecipient(r: Recipient, f: (address: string) => string): Recipient {
  if (typeof r !== 'string') return { ...r, address: f(r.address ?? '') };
  const angle = /<([^>]+)>\s*$/.exec(r);
  return angle ? r.replace(angle[0], `<${f(angle[1]!)}>`) : f(r.trim());
}

const listOf = (r: Recipients): Recipient[] => (r === undefined ? [] : Array.isArray(r) ? r : [r]);

const FIELDS = ['to', 'cc', 'bcc'] as const;

/**
 * The message with its recipients ready for a relay: domains as A-labels where the local part is
 * ASCII; a Unicode local part kept where `offersSmtpUtf8` says yes, refused otherwise.
 */
export async function prepareRecipients(
  mail: MailOptions,
  offersSmtpUtf8: () => Promise<boolean>,
): Promise<MailOptions> {
  const all = FIELDS.flatMap((f) => listOf(mail[f] as Recipients)).map(bare);
  if (all.some(needsSmtpUtf8) && !(await offersSmtpUtf8()))
    throw new MailRefusedError(
      'recipient address has non-ASCII characters before the @, and the mail relay does not offer SMTPUTF8',
    );
  const out: MailOptions = { ...mail };
  for (const f of FIELDS) {
    const value = mail[f] as Recipients;
    if (value === undefined) continue;
    out[f] = Array.isArray(value) ? value.map((r) => mapRecipient(r, asciiDomain)) : mapRecipient(value, asciiDomain);
  }
  return out;
}

/**
 * Asks the relay (EHLO, after STARTTLS where it upgrades) whether it offers SMTPUTF8, with the
 * transport's own connection options; the answer is remembered for an hour, a failure is not.
 */
export function smtpUtf8Probe(options: () => SMTPConnectionClass.Options): () => Promise<boolean> {
  let known: { offers: boolean; at: number } | undefined;
  return async () => {
    if (known && Date.now() - known.at < CAPABILITY_TTL_MS) return known.offers;
    const offers = await askRelay(options());
    known = { offers, at: Date.now() };
    return offers;
  };
}

async function askRelay(options: SMTPConnectionClass.Options): Promise<boolean> {
  const connection = new (SMTPConnection())({ ...options, ...SMTP_TIMEOUTS });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect((err) => (err ? reject(err) : resolve()));
    });
    // Right after connect, the last reply is the EHLO's (the second one after STARTTLS).
    const offers = /^250[ -]SMTPUTF8\b/im.test(String(connection.lastServerResponse || ''));
    connection.quit();
    return offers;
  } catch (e) {
    connection.close();
    throw e;
  }
}
