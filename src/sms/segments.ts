/**
 * How carriers count an SMS (3GPP TS 23.038 / 23.040): text that fits the GSM 7-bit alphabet
 * (its basic table: the German umlauts and ß are in it) is sent in septets, 160 in one SMS or 153 per
 * segment of a longer one (the user data header takes 7); a character of the extension table
 * (€ [ ] { } \ ~ ^ |) takes two septets (escape + character) and is never split between segments.
 * Anything else ("„“", "–", "…", emoji, Polish or Turkish letters outside the table) makes the whole
 * SMS UCS-2: 70 UTF-16 units in one, 67 per segment, a surrogate pair never split.
 */

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the whole text. */
  units: number;
}

/** Whether every character is in the GSM 7-bit basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

/**
 * Fills segments of `perSegment` units with items of the given widths, never splitting one; returns
 * the index of the first item of each segment.
 */
function pack(widths: readonly number[], single: number, perSegment: number): { starts: number[]; units: number } {
  const units = widths.reduce((n, w) => n + w, 0);
  if (units <= single) return { starts: [0], units };
  const starts = [0];
  let used = 0;
  widths.forEach((w, i) => {
    if (used + w > perSegment) {
      starts.push(i);
      used = 0;
    }
    used += w;
  });
  return { starts, units };
}

function layout(text: string): { encoding: SmsEncoding; chars: string[]; starts: number[]; units: number } {
  const chars = [...text];
  if (isGsm7(text))
    return {
      encoding: 'GSM-7',
      chars,
      ...pack(
        chars.map((ch) => (extension.has(ch) ? 2 : 1)),
        160,
        153,
      ),
    };
  return {
    encoding: 'UCS-2',
    chars,
    ...pack(
      chars.map((ch) => ch.length),
      70,
      67,
    ),
  };
}

export function countSegments(text: string): SegmentCount {
  const { encoding, starts, units } = layout(text);
  return { encoding, segments: starts.length, units };
}

/**
 * The text cut where carriers cut it (exactly the segments countSegments counts), for a provider
 * that concatenates them itself (SMPP: one submit_sm with a user data header per segment).
 */
export function splitSegments(text: string): { encoding: SmsEncoding; parts: string[] } {
  const { encoding, chars, starts } = layout(text);
  return { encoding, parts: starts.map((s, i) => chars.slice(s, starts[i + 1] ?? chars.length).join('')) };
}

/** The GSM 03.38 default alphabet by code point (0x1B is the escape to the extension table). */
const GSM_TABLE = `${BASIC.slice(0, 27)}\x1b${BASIC.slice(27)}`;
const EXTENSION_CODES: Record<string, number> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};

/**
 * GSM-7 text as septets, one per octet (SMPP data_coding 0: the SMSC packs them); an extension
 * character is the escape 0x1B and its code. The text must be GSM-7 (isGsm7).
 */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const ext = EXTENSION_CODES[ch];
    if (ext !== undefined) out.push(0x1b, ext);
    else {
      const code = GSM_TABLE.indexOf(ch);
      if (code < 0) throw new RangeError('not a GSM-7 character');
      out.push(code);
    }
  }
  return Buffer.from(out);
}

/** Typographic characters with a GSM-7 twin, so that a name or a quote does not turn the SMS into UCS-2. */
const PLAIN: Record<string, string> = {
  '„': '"',
  '“': '"',
  '”': '"',
  '‚': "'",
  '‘': "'",
  '’': "'",
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '·': '-',
};

/**
 * The text in the GSM 7-bit alphabet where that loses nothing a reader needs: typographic quotes and
 * dashes become plain ones, letters outside the table lose their accent ("Łukasz" → "Lukasz",
 * "Şahin" → "Sahin"); what has no such twin stays (and the SMS is UCS-2).
 */
export function toGsm(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extension.has(ch)) out += ch;
    else if (PLAIN[ch] !== undefined) out += PLAIN[ch];
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += stripped && isGsm7(stripped) ? stripped : ch === 'ł' ? 'l' : ch === 'Ł' ? 'L' : ch;
    }
  }
  return out;
}

/** The most segments one SMS of this service may take: each segment is charged. */
export const MAX_SEGMENTS = 2;
