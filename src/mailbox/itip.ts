/**
 * Reads the iTIP answer (RFC 5546 REPLY or COUNTER) out of one iCalendar text with ical.js.
 *
 * Clients write answers differently: Outlook repeats the whole event, Apple Calendar and Thunderbird
 * send an attendee-only VEVENT (UID, SEQUENCE, DTSTAMP, ORGANIZER, one ATTENDEE), Gmail adds a
 * description; some put METHOD only in the body, some only in the MIME type (`mimeMethod`). Only
 * what an answer needs is read: METHOD, UID, SEQUENCE, DTSTAMP and the ATTENDEE lines.
 */
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { ItipAnswer } from '../app/replies';
import { DateTime } from 'luxon';
import { cleanText } from '../domain/text';

// ical.js is an ES module with a CommonJS build; this CommonJS project loads the latter, when the first
// answer is read (a mailbox is configured), not at start-up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ical = () => require('ical.js') as typeof ICALModule;

/** An answer is a few hundred bytes; anything far larger is not one. */
export const MAX_ICS_CHARS = 256 * 1024;
const MAX_ATTENDEES = 100;
/** The citizen's comment is shown on a card: a few sentences at most. */
export const MAX_COMMENT_CHARS = 500;

export type ItipRead =
  { ok: true; answer: ItipAnswer } | { ok: false; reason: 'malformed' | 'not-an-answer' | 'too-large' };

function emailOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.replace(/^mailto:/i, '').trim();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

export function readItip(text: string, mimeMethod?: string): ItipRead {
  if (text.length > MAX_ICS_CHARS) return { ok: false, reason: 'too-large' };
  let root: ICALModule.Component;
  const ICAL = ical();
  try {
    const parsed = ICAL.parse(text) as unknown[];
    // Several VCALENDARs in one part: the first counts.
    const jcal = Array.isArray(parsed[0]) ? parsed[0] : parsed;
    root = new ICAL.Component(jcal as ConstructorParameters<typeof ICALModule.Component>[0]);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (root.name !== 'vcalendar') return { ok: false, reason: 'malformed' };
  const method = String(root.getFirstPropertyValue('method') ?? mimeMethod ?? '')
    .trim()
    .toUpperCase();
  if (method !== 'REPLY' && method !== 'COUNTER') return { ok: false, reason: 'not-an-answer' };
  try {
    const vevent = root.getFirstSubcomponent('vevent');
    if (!vevent) return { ok: false, reason: 'malformed' };
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid.trim() === '' || uid.length > 255) return { ok: false, reason: 'malformed' };
    // ical.js reads an unreadable integer as 0: check the written value itself.
    const written = /^SEQUENCE[^:\r\n]*:(.*)$/im.exec(text)?.[1]?.trim();
    if (written !== undefined && !/^\d{1,7}$/.test(written)) return { ok: false, reason: 'malformed' };
    const rawSeq = vevent.getFirstPropertyValue('sequence');
    const sequence = rawSeq === null || rawSeq === undefined ? 0 : Number(rawSeq);
    if (!Number.isInteger(sequence) || sequence < 0 || sequence > 1_000_000) return { ok: false, reason: 'malformed' };
    const dtstamp = vevent.getFirstPropertyValue('dtstamp');
    const stamp = dtstamp instanceof ICAL.Time ? dtstamp.toJSDate().getTime() : 0;
    const attendees: ItipAnswer['attendees'] = [];
    for (const p of vevent.getAllProperties('attendee').slice(0, MAX_ATTENDEES)) {
      const email = emailOf(p.getFirstValue());
      if (!email) continue;
      const partstat = p.getParameter('partstat');
      attendees.push({ email, ...(typeof partstat === 'string' ? { partstat: partstat.toUpperCase() } : {}) });
    }
    const comment = commentOf(vevent);
    const proposed = method === 'COUNTER' ? proposedTime(root, vevent) : undefined;
    return {
      ok: true,
      answer: {
        method,
        uid: uid.trim(),
        sequence,
        stamp: Number.isFinite(stamp) ? stamp : 0,
        attendees,
        ...(comment ? { comment } : {}),
        ...(proposed ? { proposed } : {}),
      },
    };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * What the citizen wrote with the answer (RFC 5546: COMMENT in a REPLY or COUNTER; Outlook writes an
 * empty one when nothing was typed): cleaned like every text at the edge, blank lines folded, cut short.
 */
function commentOf(vevent: ICALModule.Component): string | undefined {
  const texts = vevent
    .getAllProperties('comment')
    .map((p) => p.getFirstValue())
    .filter((v): v is string => typeof v === 'string');
  const text = cleanText(texts.join('\n'))
    .replace(/[ \t]*\r?\n[\s]*/g, '\n')
    .trim();
  if (!text) return undefined;
  // Cut by code points: a cut surrogate pair would not survive Redis' JSON.
  const chars = Array.from(text);
  return chars.length > MAX_COMMENT_CHARS ? `${chars.slice(0, MAX_COMMENT_CHARS - 1).join('')}…` : text;
}

/** The town hall's zone: a local time without a zone the calendar defines is read in it. */
const HOME_ZONE = 'Europe/Berlin';

/** One DTSTART/DTEND as epoch ms: UTC, a zone the calendar's own VTIMEZONE defines, an IANA name, or local. */
function instantOf(root: ICALModule.Component, prop: ICALModule.Property | null): number | undefined {
  const ICAL = ical();
  const value = prop?.getFirstValue();
  if (!(value instanceof ICAL.Time)) return undefined;
  const tzid = prop!.getParameter('tzid');
  const zoneName = typeof tzid === 'string' ? tzid : undefined;
  if (value.zone === ICAL.Timezone.utcTimezone) return value.toJSDate().getTime();
  if (zoneName) {
    // Outlook names Windows zones ("W. Europe Standard Time") and sends their rules along.
    const vtz = root
      .getAllSubcomponents('vtimezone')
      .find((c: ICALModule.Component) => c.getFirstPropertyValue('tzid') === zoneName);
    if (vtz) {
      const t = value.clone();
      t.zone = new ICAL.Timezone(vtz);
      return t.toUnixTime() * 1000;
    }
  }
  const parts = {
    year: value.year,
    month: value.month,
    day: value.day,
    hour: value.hour,
    minute: value.minute,
    second: value.second,
  };
  const zoned = DateTime.fromObject(parts, { zone: zoneName ?? HOME_ZONE });
  return (zoned.isValid ? zoned : DateTime.fromObject(parts, { zone: HOME_ZONE })).toMillis();
}

/** The time a COUNTER proposes (its DTSTART, and DTEND or DURATION); undefined when it names none. */
function proposedTime(
  root: ICALModule.Component,
  vevent: ICALModule.Component,
): { start: number; end: number } | undefined {
  const ICAL = ical();
  const start = instantOf(root, vevent.getFirstProperty('dtstart'));
  if (start === undefined || !Number.isFinite(start)) return undefined;
  let end = instantOf(root, vevent.getFirstProperty('dtend'));
  const duration = vevent.getFirstPropertyValue('duration');
  if (end === undefined && duration instanceof ICAL.Duration) end = start + duration.toSeconds() * 1000;
  if (end === undefined || !Number.isFinite(end) || end <= start) return undefined;
  return { start, end };
}
