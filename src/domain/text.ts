/**
 * Text normalisation at the edges (Teams activities, HTTP bodies, card inputs): the one helper every
 * edge uses before text reaches a use case, Redis or a mail.
 *
 * - lone UTF-16 surrogates (e.g. "\ud800") become U+FFFD: Redis' Lua JSON decoder rejects them, and
 *   an appointment holding one could no longer be cancelled or anonymised;
 * - C0 and C1 control characters are removed (tab, line feed and carriage return stay);
 * - bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed: they reverse what staff
 *   and citizens see (e.g. a name that reads as another one);
 * - zero-width characters and direction marks (U+200B–U+200F, U+061C, U+FEFF) are removed: invisible,
 *   they make two names that look the same differ;
 * - the result is in Unicode NFC, so "é" typed two ways compares equal.
 *
 * One-line fields (names, addresses, phone numbers) go through `cleanLine`: line breaks and tabs
 * become one space, so a name cannot break a mail header or a card line.
 */

const CONTROLS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A well-formed, NFC string without control or bidi override characters. */
export function cleanText(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd').replace(CONTROLS, '').normalize('NFC');
}

/** `cleanText` for a one-line field: line breaks and tabs become one space, ends trimmed. */
export function cleanLine(s: string): string {
  return cleanText(s)
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** True when `cleanText` would change nothing. */
export function isCleanText(s: string): boolean {
  return cleanText(s) === s;
}

/** `cleanText` on every string (keys included) of a JSON-like value; other values are kept. */
export function cleanDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (depth > 32 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanDeep(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[cleanText(k)] = cleanDeep(v, depth + 1);
  return out as T;
}
