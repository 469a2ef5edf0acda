/**
 * Citizens' phone numbers: read however they are written ("0171 1234567", "+49 (0)171/1234567",
 * "0049 5137 12345"), checked and classified with libphonenumber-js (Google's metadata, maintained),
 * stored as E.164. German numbers are the default; foreign ones need their + or 00 prefix.
 * Pure: the library is data and functions, no I/O.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** `mobile` numbers can receive SMS; `landline` and `other` (service numbers, VoIP, …) can only be called. */
export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface PhoneNumber {
  /** "+491711234567": what is stored and what SMS providers take. */
  e164: string;
  kind: PhoneKind;
  /** How staff read it out: "0171 1234567" for German numbers, "+43 664 1234567" for foreign ones. */
  display: string;
}

const KIND: Partial<Record<string, PhoneKind>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  // Numbers whose block is used for both (e.g. in the USA) are treated as mobile: SMS may reach them.
  FIXED_LINE_OR_MOBILE: 'mobile',
};

/**
 * Numbers read lately: every agenda, search result and SMS decision reads the stored numbers again, and
 * libphonenumber's parse (metadata lookups, regular expressions) was a visible part of an agenda turn.
 * Bounded: emptied when full, so a town's numbers cost at most a few hundred kilobytes.
 */
const parsed = new Map<string, PhoneNumber | null>();
const PARSED_MAX = 5000;

/** The number, or null when it is not a valid phone number (too short, letters, an unassigned range). */
export function parsePhone(input: string): PhoneNumber | null {
  const known = parsed.get(input);
  if (known !== undefined) return known;
  // Frozen: the same object goes to every caller.
  const result = parseUncached(input);
  if (result) Object.freeze(result);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(input, result);
  return result;
}

function parseUncached(input: string): PhoneNumber | null {
  const raw = input.trim();
  if (!/^[+0-9][0-9 ()/.\-–]*$/.test(raw) || raw.replace(/\D/g, '').length < 5) return null;
  const p = parsePhoneNumberFromString(raw, 'DE');
  if (!p || !p.isValid()) return null;
  const kind = KIND[p.getType() ?? ''] ?? 'other';
  return { e164: p.number, kind, display: p.country === 'DE' ? p.formatNational() : p.formatInternational() };
}

/** A stored number (E.164, or as typed in records of older versions) as staff read it out. */
export function displayPhone(stored: string): string {
  return parsePhone(stored)?.display ?? stored;
}

/** Whether an SMS can reach this number at all (a mobile number). */
export function isMobile(stored: string | undefined): boolean {
  return stored !== undefined && parsePhone(stored)?.kind === 'mobile';
}

/** "+49 171 ••• 67": enough for a person to recognise it, never the whole number (logs, dead letters). */
export function maskPhone(stored: string): string {
  const digits = stored.replace(/[^\d+]/g, '');
  if (digits.length < 6) return '•••';
  return `${digits.slice(0, 6)}•••${digits.slice(-2)}`;
}
