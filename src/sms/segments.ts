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

/** Fills segments of `perSegment` units with items of the given widths, never splitting one. */
function pack(widths: readonly number[], single: number, perSegment: number): { segments: number; units: number } {
  const units = widths.reduce((n, w) => n + w, 0);
  if (units <= single) return { segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > perSegment) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { segments, units };
}

export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    const widths = [...text].map((ch) => (extension.has(ch) ? 2 : 1));
    return { encoding: 'GSM-7', ...pack(widths, 160, 153) };
  }
  const widths = [...text].map((ch) => ch.length);
  return { encoding: 'UCS-2', ...pack(widths, 70, 67) };
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

/** The most segments one SMS of this service may take (the rule: at most two). */
export const MAX_SEGMENTS = 2;
