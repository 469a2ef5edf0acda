/**
 * iTIP answers as real clients write them (test/mailbox/fixtures/*.eml with their *.ics), filled in
 * for one appointment: Outlook / Exchange (text/calendar alternative in base64, METHOD in MIME type
 * and body, full VEVENT), Gmail (inline text/calendar plus an application/ics attachment), Apple
 * Calendar (attendee-only VEVENT as a quoted-printable attachment, METHOD only in the body),
 * Thunderbird (text/calendar plus invite.ics) and a reply forwarded from another address as
 * message/rfc822.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

export type ReplyClient = 'outlook' | 'gmail' | 'apple' | 'thunderbird' | 'forwarded';
export const REPLY_CLIENTS: readonly ReplyClient[] = ['outlook', 'gmail', 'apple', 'thunderbird', 'forwarded'];

export interface ReplyVars {
  uid: string;
  sequence: number;
  partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'NEEDS-ACTION';
  attendee: string;
  attendeeName?: string;
  /** Sender; the attendee by default. */
  from?: string;
  start: number;
  end: number;
  /** DTSTAMP (epoch ms); now by default. */
  stamp?: number;
  /** Outlook only: REPLY (default) or COUNTER ("new time proposed"). */
  method?: 'REPLY' | 'COUNTER';
  messageId?: string;
  organizer?: string;
  /** forwarded only: who forwards. */
  forwarder?: string;
  /** Outlook only: what the citizen typed with the answer (COMMENT). */
  comment?: string;
}

const SUBJECT: Record<string, string> = {
  ACCEPTED: 'Angenommen',
  DECLINED: 'Abgelehnt',
  TENTATIVE: 'Mit Vorbehalt angenommen',
  'NEEDS-ACTION': 'Antwort',
};

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const utc = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).toFormat("yyyyMMdd'T'HHmmss");

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** Quoted-printable as Apple Mail writes it (soft breaks at 76, '=' and non-ASCII escaped). */
function quotedPrintable(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      let out = '';
      let col = 0;
      for (const byte of Buffer.from(line, 'utf8')) {
        const ch =
          byte === 0x3d || byte > 0x7e
            ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
            : String.fromCharCode(byte);
        if (col + ch.length > 75) {
          out += '=\r\n';
          col = 0;
        }
        out += ch;
        col += ch.length;
      }
      return out;
    })
    .join('\r\n');
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => values[k] ?? m);
}

export function replyMail(client: ReplyClient, v: ReplyVars): Buffer {
  const dir = join(__dirname, 'fixtures');
  const from = v.from ?? v.attendee;
  const values: Record<string, string> = {
    UID: v.uid,
    SEQUENCE: String(v.sequence),
    PARTSTAT: v.partstat,
    ATTENDEE: v.attendee,
    ATTENDEE_NAME: v.attendeeName ?? 'Erika Mustermann',
    FROM: from,
    FROM_NAME: v.attendeeName ?? 'Erika Mustermann',
    FORWARDER: v.forwarder ?? 'sohn@example.net',
    FORWARDER_NAME: 'Jan Mustermann',
    ORGANIZER: v.organizer ?? 'termine@seelze.example',
    METHOD: v.method ?? 'REPLY',
    SUBJECT_PREFIX: v.method === 'COUNTER' ? 'Neue Uhrzeit vorgeschlagen' : SUBJECT[v.partstat]!,
    DTSTAMP: utc(v.stamp ?? Date.now()),
    DTSTART_UTC: utc(v.start),
    DTEND_UTC: utc(v.end),
    DTSTART_LOCAL: local(v.start),
    DTEND_LOCAL: local(v.end),
    DATE: DateTime.fromMillis(v.stamp ?? Date.now()).toRFC2822() ?? '',
    MESSAGE_ID: v.messageId ?? `${randomUUID()}@mail.example.org`,
    // iCalendar TEXT: backslash, comma, semicolon and line breaks escaped (RFC 5545 3.3.11).
    COMMENT: v.comment === undefined ? '\\n' : v.comment.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\n/g, '\\n'),
  };
  const ics = crlf(fill(readFileSync(join(dir, `${client}-reply.ics`), 'utf8'), values)).replace(/\r\n$/, '');
  const mail = crlf(fill(readFileSync(join(dir, `${client}-reply.eml`), 'utf8'), values));
  return Buffer.from(
    mail
      .replace('{{ICS_BASE64}}', base64Lines(`${ics}\r\n`))
      .replace('{{ICS_QP}}', quotedPrintable(ics))
      .replace('{{ICS}}', ics),
    'utf8',
  );
}
