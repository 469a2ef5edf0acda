/**
 * The words of a sentence as the booking parser compares them: each typed word folded on its own
 * (so an unknown word can be shown back as typed, "Müller"), umlauts dropped (skeleton: ü, ue and u
 * compare equal), dates and times kept whole. Pure; at most 1,000 characters and 60 tokens are read.
 */
import { foldText, skeleton } from '../fuzzy';

export interface Token {
  /** Skeleton of the word (compared). */
  w: string;
  /** The word as typed, without punctuation around it (shown back to the user). */
  raw: string;
  /** Numbers, dates, times keep their punctuation. */
  numeric: boolean;
}

const NUMERIC = /^\d/;

/** Splits folded text into tokens: dates/times stay whole, words split at hyphens, dots and slashes. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Each typed word is folded on its own, so an unknown word can be shown back as typed ("Müller").
  for (const typed of text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .slice(0, 1000)
    .split(/\s+/)) {
    const folded = foldText(typed)
      .replace(/[’`´']/g, '')
      .replace(/[^a-z0-9:./\-\s]/g, ' ');
    const shown = typed.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/\.$/, '');
    for (const piece of folded.split(/\s+/)) {
      if (!piece) continue;
      if (NUMERIC.test(piece)) {
        const cleaned = piece.replace(/^[-/:]+|[-/:]+$/g, '');
        if (cleaned) out.push({ w: cleaned, raw: cleaned, numeric: true });
        continue;
      }
      const parts = piece.split(/[-./:]+/).filter(Boolean);
      for (const part of parts) {
        if (NUMERIC.test(part)) out.push({ w: part, raw: part, numeric: true });
        else out.push({ w: skeleton(part), raw: parts.length === 1 && shown ? shown : part, numeric: false });
      }
    }
  }
  return out.slice(0, 60);
}

/** The compared words of a vocabulary phrase. */
export const phraseWords = (phrase: string): string[] => tokenize(phrase).map((t) => t.w);
