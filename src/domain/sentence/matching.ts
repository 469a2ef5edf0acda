/**
 * Typo-tolerant matching of tokens against vocabulary words and phrases: a word matches when it is
 * equal or within the typo budget of both words (fuzzy.ts), a phrase when each of its words does.
 */
import { editDistance, typoBudget } from '../fuzzy';
import type { Token } from './tokens';

/** A typed word against a vocabulary word: equal, or within the typo budget of both. */
export function wordMatches(typed: string, target: string): number | undefined {
  if (typed === target) return 0;
  const budget = Math.min(typoBudget(typed), typoBudget(target));
  if (budget === 0 || Math.abs(typed.length - target.length) > budget) return undefined;
  const d = editDistance(typed, target);
  return d <= budget ? d : undefined;
}

/** Longest phrase of `candidates` starting at token i (ties: fewer typos, then the first). */
export function matchPhrase<T extends { words: string[] }>(
  tokens: Token[],
  i: number,
  candidates: readonly T[],
): { item: T; length: number; typos: number } | undefined {
  let best: { item: T; length: number; typos: number } | undefined;
  for (const c of candidates) {
    const n = c.words.length;
    if (i + n > tokens.length || (best && n < best.length)) continue;
    let typos = 0;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k]!;
      const d = t.numeric ? (t.w === c.words[k] ? 0 : undefined) : wordMatches(t.w, c.words[k]!);
      if (d === undefined) {
        ok = false;
        break;
      }
      typos += d;
    }
    if (ok && (!best || n > best.length || typos < best.typos)) best = { item: c, length: n, typos };
  }
  return best;
}
