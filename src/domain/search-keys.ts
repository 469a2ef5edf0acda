/**
 * Finding an appointment again: the appointment reference a citizen reads out on the
 * phone, and the search keys under which the booking scripts index an appointment. Pure: the store
 * writes exactly `searchEntriesOf(appointment)` in the same Lua step as the booking, and a full
 * recomputation from the appointments gives the same index (test/store/search-index.property.test.ts).
 *
 * One rule per key:
 *   - names: every word of the citizen's name, folded (case, accents, ä/ae/a and ß/ss alike);
 *   - phone: the digits of the number in one form (+49 151 …, 0049 151 …, 0151 … are the same);
 *   - email: trimmed, lower case;
 *   - reference: `T-` and four characters of an alphabet without look-alikes (0/O, 1/I/L, 5/S, 8/B, 6/G, 2/Z).
 */
import { editDistance, foldText, skeleton } from './fuzzy';
import { parsePhone } from './phone';
import type { Appointment } from './types';

/** The characters of a reference: digits and capitals that neither look nor sound alike on the phone. */
export const REFERENCE_ALPHABET = '34679ACDEFHJKMNPQRTUVWXY';
/** What staff type for a reference: "T-4K7Q", "t4k7q", "T 4K7Q", or "4K7Q" (with a digit: "Hahn" is a name). */
const TYPED_REFERENCE_RE = new RegExp(`^(T[\\s-]?)?([${REFERENCE_ALPHABET}]{4,5})$`, 'i');

/**
 * A reference from random bytes (one byte per character; the store draws them). `length` 4 gives
 * 24⁴ = 331,776 codes; the confirm script takes the first candidate not in use.
 */
export function referenceFrom(bytes: Uint8Array, length = 4): string {
  let code = 'T-';
  for (let i = 0; i < length; i++) code += REFERENCE_ALPHABET[bytes[i]! % REFERENCE_ALPHABET.length]!;
  return code;
}

/** The reference a staff member typed, in its stored form ("t4k7q" → "T-4K7Q"), or undefined. */
export function typedReference(text: string): string | undefined {
  const m = TYPED_REFERENCE_RE.exec(text.trim());
  if (!m || (!m[1] && !/\d/.test(m[2]!))) return undefined;
  return `T-${m[2]!.toUpperCase()}`;
}

/** Letters of a name compared: folded, umlauts and their spellings alike ("Müller", "Mueller", "Muller" → "muller"). */
export function nameWords(text: string): string[] {
  const words = skeleton(foldText(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .map((w) => w.slice(0, 40));
  return [...new Set(words)];
}

/** A word reversed by code points (the index's suffix buckets). */
export const reversed = (word: string): string => [...word].reverse().join('');

/**
 * Digits of a phone number in one form: "+49 151 2345678", "0049 (151) 2345-678", "0151/2345678" →
 * "491512345678" — the E.164 number of src/domain/phone.ts without its "+", and for what that does not
 * take as a valid number (records of older versions, test numbers) the same rule on the digits.
 * Undefined without 6 digits.
 */
export function phoneKey(phone: string): string | undefined {
  const trimmed = phone.trim();
  if (!/^[+\d\s()./-]+$/.test(trimmed)) return undefined;
  const parsed = parsePhone(trimmed);
  if (parsed) return parsed.e164.slice(1);
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // as written
  } else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `49${digits.slice(1)}`;
  return digits.length >= 6 && digits.length <= 17 ? digits : undefined;
}

/** An email address as compared. */
export function emailKey(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(e) && e.length <= 254 ? e : undefined;
}

/**
 * One index entry: `key` names the set of appointment ids (`n:<word>`, `p:<digits>`, `e:<email>`);
 * name words carry `rev`, their reversal, for the suffix buckets of the typo search.
 */
export interface SearchEntry {
  key: string;
  rev?: string;
}

/** The entries an appointment is found under; none once retention anonymised it. */
export function searchEntriesOf(a: Pick<Appointment, 'citizen' | 'anonymised'>): SearchEntry[] {
  if (a.anonymised) return [];
  const out: SearchEntry[] = nameWords(a.citizen.name).map((w) => ({ key: `n:${w}`, rev: reversed(w) }));
  const phone = a.citizen.phone ? phoneKey(a.citizen.phone) : undefined;
  if (phone) out.push({ key: `p:${phone}` });
  const email = a.citizen.email ? emailKey(a.citizen.email) : undefined;
  if (email) out.push({ key: `e:${email}` });
  return out;
}

/** Typos tolerated in a searched name: one, in words of five letters or more. */
export function nameMatches(typed: string, token: string): boolean {
  if (typed === token) return true;
  if (typed.length < 5 || token.length < 4 || Math.abs(typed.length - token.length) > 1) return false;
  return editDistance(typed, token) <= 1;
}

/**
 * The buckets a typo search reads: a word with one typo (5+ letters) keeps either its first two or
 * its last two letters (an edit near the start leaves the end in place, and the other way round).
 */
export function typoBuckets(word: string): { prefix: string; suffix: string } {
  const chars = [...word];
  return { prefix: chars.slice(0, 2).join(''), suffix: chars.slice(-2).join('') };
}

/** Words of a search that are no part of a name ("Termin von Frau Brandt", "Brandt verschieben"). */
const NOT_A_NAME = new Set(
  [
    'frau',
    'herr',
    'herrn',
    'fr',
    'hr',
    'dr',
    'prof',
    'termin',
    'termine',
    'terminen',
    'von',
    'vom',
    'fuer',
    'mit',
    'der',
    'die',
    'das',
    'den',
    'dem',
    'des',
    'und',
    'bei',
    'mrs',
    'mr',
    'ms',
    'miss',
    'of',
    'the',
    'for',
    'with',
    'appointment',
    'appointments',
    'verschieben',
    'absagen',
    'stornieren',
    'loeschen',
    'suchen',
    'suche',
    'such',
    'finde',
    'finden',
    'find',
    'search',
    'zeige',
    'zeigen',
    'show',
    'bitte',
    'please',
    'cancel',
    'reschedule',
    'move',
    'alle',
    'all',
    'buergerin',
    'buerger',
    'citizen',
    'kunde',
    'kundin',
  ].map((w) => skeleton(w)),
);

/** What a search looks for, read from what was typed. */
export type SearchKey =
  /** `words`: the same text read as a name, for when no appointment has this reference. */
  | { kind: 'reference'; code: string; words: string[] }
  | { kind: 'phone'; key: string }
  | { kind: 'email'; key: string }
  | { kind: 'date'; date: string }
  | { kind: 'name'; words: string[] };

export type SearchParse =
  | { ok: true; key: SearchKey }
  /** Nothing to search, or fewer than 3 letters of a name (and no full phone number or reference). */
  | { ok: false; reason: 'empty' | 'too-short' };

/** Letters a name search needs at least (a full phone number, an email address or a reference need no more). */
export const MIN_NAME_LETTERS = 3;

/**
 * Reads a search text. `date`: the day the text names when it names nothing else (the caller's date
 * parser, e.g. "03.12." or "morgen"), so a date search lists that day.
 */
export function parseSearch(text: string, date?: string): SearchParse {
  const t = text.trim().slice(0, 200);
  if (!t) return { ok: false, reason: 'empty' };
  const at = t.split(/\s+/).find((w) => w.includes('@'));
  const email = at ? emailKey(at.replace(/^[<(]+|[>),;.]+$/g, '')) : undefined;
  if (email) return { ok: true, key: { kind: 'email', key: email } };
  const code = typedReference(t);
  if (code) return { ok: true, key: { kind: 'reference', code, words: nameWords(t) } };
  if (/^[+\d\s()./-]+$/.test(t) && /\d/.test(t) && !date) {
    const phone = phoneKey(t);
    return phone ? { ok: true, key: { kind: 'phone', key: phone } } : { ok: false, reason: 'too-short' };
  }
  if (date) return { ok: true, key: { kind: 'date', date } };
  const words = nameWords(t).filter((w) => !NOT_A_NAME.has(w) && !/^\d+$/.test(w));
  if (words.join('').length < MIN_NAME_LETTERS) return { ok: false, reason: words.length ? 'too-short' : 'empty' };
  return { ok: true, key: { kind: 'name', words } };
}
