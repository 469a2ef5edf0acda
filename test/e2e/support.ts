/** Shared pieces of the end-to-end tests: a real SMTP server, a MIME/iCalendar reader, seeded appointments. */
import { appointmentUid } from '../../src/domain/calendar-busy';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { Clock } from '../../src/domain/clock';
import { localDateTime, MINUTE } from '../../src/domain/time';
import type { Appointment, Channel, Directory } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { textOf } from '../support/teams-harness';

// ical.js is an ES module with a CommonJS build; jest loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ICAL = require('ical.js') as typeof ICALModule;

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** An SMTP server on a free port that keeps every mail (no TLS, no auth: a local relay). */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        this.mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Waits until `pred` holds for the mails received so far. */
  async waitUntil(pred: (mails: ReceivedMail[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pred(this.mails)) {
      if (Date.now() > until) throw new Error(`smtp: condition not met; ${this.mails.length} mails received`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

interface Part {
  headers: Map<string, string>;
  body: string;
  parts: Part[];
}

function decode(body: string, encoding = '7bit'): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes: number[] = [];
    const s = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

function parseMime(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const rest = raw.slice(split + 4);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const pieces = rest
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'));
    return { headers, body: '', parts: pieces.map((p) => parseMime(p.replace(/^\r\n/, ''))) };
  }
  return { headers, body: decode(rest, headers.get('content-transfer-encoding')), parts: [] };
}

const leaves = (p: Part): Part[] => (p.parts.length ? p.parts.flatMap(leaves) : [p]);

/** The plain text of a mail (what the citizen reads, links included). */
export function plainTextOf(raw: string): string {
  const part = leaves(parseMime(raw)).find((p) =>
    (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
  );
  return part?.body ?? '';
}

/** The text/calendar alternative of a mail with the method its MIME type names. */
export function calendarOf(raw: string): { method: string | undefined; ics: string } | undefined {
  const part = leaves(parseMime(raw)).find((p) =>
    (p.headers.get('content-type') ?? '').toLowerCase().startsWith('text/calendar'),
  );
  if (!part) return undefined;
  return {
    method: /method=([A-Z]+)/i.exec(part.headers.get('content-type') ?? '')?.[1]?.toUpperCase(),
    ics: part.body,
  };
}

/** METHOD, UID, SEQUENCE, start and description of an invitation, read by ical.js. */
export function readInvitation(ics: string) {
  const cal = ICAL.Component.fromString(ics);
  const vevent = cal.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().getTime(),
    description: event.description ?? '',
    location: event.location ?? '',
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
  };
}

/**
 * Books an appointment straight in the store (as the booking flow would), with its invitation in the outbox.
 * Its UID is the bot's (appointmentUid): replies to it count only when the id is one the bot makes (appt_…).
 */
export async function seed(
  store: AppointmentStore,
  directory: Directory,
  clock: Clock,
  a: {
    id: string;
    staffId: string;
    serviceId: string;
    channel: Channel;
    date: string;
    time: string;
    citizen: string;
    email: string;
  },
): Promise<Appointment> {
  const service = directory.services.find((s) => s.id === a.serviceId)!;
  const start = localDateTime(a.date, a.time);
  const end = start + service.durationMin * MINUTE;
  const appointment: Appointment = {
    id: a.id,
    uid: appointmentUid(a.id),
    sequence: 0,
    staffId: a.staffId,
    serviceId: a.serviceId,
    channel: a.channel,
    start,
    end,
    blockStart: start - service.bufferBeforeMin * MINUTE,
    blockEnd: end + service.bufferAfterMin * MINUTE,
    status: 'booked',
    citizen: {
      name: a.citizen,
      email: a.email,
      language: 'de',
      ...(a.channel === 'phone' ? { phone: '+49 5137 000000' } : {}),
    },
    createdAt: clock.now(),
    createdBy: a.staffId,
    updatedAt: clock.now(),
  };
  const res = await store.confirm({
    clientKey: `seed-${a.id}`,
    appointment,
    audit: { at: clock.now(), actor: a.staffId, action: 'booked', appointmentId: a.id },
    outbox: [{ kind: 'citizen-invitation', appointmentId: a.id, sequence: 0, reason: 'booked' }],
  });
  return res.appointment;
}

/** Every Action.Execute of a card (top-level and inside ActionSets), with its data. */
export function executes(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return out;
}

/** The text of a card as a reader sees it. */
export const cardText = (card: unknown): string =>
  textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
