/**
 * One mail from the organisation mailbox, judged: an iTIP answer for the bot, a mail loop
 * (auto-reply, out-of-office, bulk, bounce, our own mail), something for people (no calendar part),
 * or a broken calendar. MIME is parsed with mailparser, only after the size was checked
 * (MAX_MAIL_BYTES) and only when the header says the mail is no auto-reply (a REPLY a calendar server
 * generated for the attendee is read).
 *
 * Calendar parts are found wherever clients put them: `text/calendar` as an alternative (Outlook,
 * Gmail, Thunderbird), as an attachment (`application/ics`, `*.ics`: Apple Calendar, Gmail), and
 * inside a forwarded message (`message/rfc822`, one level deep is enough for a forward of a forward).
 */
import type { Attachment } from 'mailparser';

/** mailparser is loaded when the first candidate reply is read, not at start-up (~18 MB). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mailparser = () => require('mailparser') as typeof import('mailparser');
import type { ItipAnswer } from '../app/replies';
import { readItip } from './itip';

/** iTIP answers are a few KB; a mail above this is never downloaded or parsed (a 20 MB attachment is not a reply). */
export const MAX_MAIL_BYTES = 1024 * 1024;
const MAX_DEPTH = 2;

export type MailVerdict =
  | { kind: 'answer'; answer: ItipAnswer }
  | { kind: 'loop'; why: string }
  | { kind: 'for-people' }
  | { kind: 'malformed' }
  | { kind: 'too-large' };

/** Header fields by lower-case name (unfolded, every occurrence), from the raw header block. */
export function parseHeaderBlock(raw: string): Map<string, string[]> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = end < 0 ? raw : raw.slice(0, end);
  const map = new Map<string, string[]>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    map.set(name, [...(map.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  return map;
}

/** The header block of a raw mail (up to the first empty line). */
export function headerBlockOf(raw: Buffer): string {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  return raw.subarray(0, ends.length ? Math.min(...ends) : Math.min(raw.length, 64 * 1024)).toString('latin1');
}

/** RFC 2047 encoded words (B and Q), enough to read a subject. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
    try {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
    } catch {
      return data;
    }
  });
}

const OUT_OF_OFFICE =
  /^(auto(matic|matische)?[ -]?(reply|response|antwort)|automatische antwort|out of (the )?office|abwesen(d|heit)|abwesenheitsnotiz|urlaub|vacation)\b/i;

/** Why this mail is machine-written and must not be answered or acted on; null for a person's mail. */
export function loopReason(headers: Map<string, string[]>, ownAddresses: readonly string[]): string | null {
  const first = (name: string) => headers.get(name)?.[0]?.toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return 'auto-submitted';
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-autoresponder')) return 'autoreply';
  if (/^(bulk|junk|list|auto_reply)\b/.test(first('precedence') ?? '')) return 'precedence';
  if (headers.has('list-id')) return 'mailing-list';
  if ((first('content-type') ?? '').startsWith('multipart/report')) return 'delivery-report';
  if (/^<\s*>$/.test(first('return-path') ?? 'x')) return 'null-sender';
  if (OUT_OF_OFFICE.test(decodeWords(headers.get('subject')?.[0] ?? '').trim())) return 'out-of-office';
  const from = first('from') ?? '';
  if (ownAddresses.some((a) => a && from.includes(a.toLowerCase()))) return 'own-mail';
  return null;
}

function isCalendar(a: Attachment): boolean {
  const type = a.contentType.toLowerCase();
  return type === 'text/calendar' || type === 'application/ics' || /\.ics$/i.test(a.filename ?? '');
}

function contentTypeParams(a: Attachment): Record<string, string> {
  const h = a.headers.get('content-type') as { params?: Record<string, string> } | string | undefined;
  return typeof h === 'object' && h?.params ? h.params : {};
}

function textOf(a: Attachment): string {
  const charset = contentTypeParams(a).charset ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(a.content);
  } catch {
    return a.content.toString('utf8');
  }
}

/** The calendar parts of a mail (and of forwarded mails inside it), with the MIME type's method. */
async function calendarParts(raw: Buffer, depth: number): Promise<{ text: string; method?: string }[]> {
  const parsed = await mailparser().simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  });
  const out: { text: string; method?: string }[] = [];
  for (const a of parsed.attachments) {
    if (isCalendar(a)) {
      const method = contentTypeParams(a).method;
      out.push({ text: textOf(a), ...(method ? { method } : {}) });
    } else if (a.contentType.toLowerCase() === 'message/rfc822' && depth < MAX_DEPTH) {
      out.push(...(await calendarParts(a.content, depth + 1)));
    }
  }
  return out;
}

function withoutHeader(headers: Map<string, string[]>, name: string): Map<string, string[]> {
  const rest = new Map(headers);
  rest.delete(name);
  return rest;
}

export async function judgeMail(raw: Buffer, ownAddresses: readonly string[]): Promise<MailVerdict> {
  if (raw.length > MAX_MAIL_BYTES) return { kind: 'too-large' };
  const headers = parseHeaderBlock(headerBlockOf(raw));
  const why = loopReason(headers, ownAddresses);
  // Calendar servers mark the REPLY they send for an attendee 'auto-generated' (RFC 3834): it answers
  // nothing back, so it is read; a COUNTER would be answered by mail, so it stays a loop.
  // Only when nothing else marks it as a loop (own mail, a bounce, a list, an out-of-office …).
  const generatedReply =
    why === 'auto-submitted' &&
    headers.get('auto-submitted')?.[0]?.toLowerCase() === 'auto-generated' &&
    loopReason(withoutHeader(headers, 'auto-submitted'), ownAddresses) === null;
  if (why && !generatedReply) return { kind: 'loop', why };
  let parts: { text: string; method?: string }[];
  try {
    parts = await calendarParts(raw, 0);
  } catch {
    return { kind: 'malformed' };
  }
  if (parts.length === 0) return { kind: 'for-people' };
  let malformed = false;
  for (const p of parts) {
    const r = readItip(p.text, p.method);
    if (r.ok && generatedReply && r.answer.method !== 'REPLY') return { kind: 'loop', why: 'auto-submitted' };
    if (r.ok) return { kind: 'answer', answer: r.answer };
    if (r.reason !== 'not-an-answer') malformed = true;
  }
  // A forwarded invitation or a published event is for people; a broken answer is ignored.
  return malformed ? { kind: 'malformed' } : { kind: 'for-people' };
}
