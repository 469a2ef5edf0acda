/**
 * Typo-tolerant matching of tokens against vocabulary words and phrases: a word matches when it is
 * equal or within the typo budget of both words (fuzzy.ts), a phrase when each of its words does.
 */
import { editDistance, typoBudget } from '../fuzzy';
import { remember } from '../memo';
import type { Token } from './tokens';

/** A typed word against a vocabulary word: equal, or within the typo budget of both. */
export function wordMatches(typed: string, target: string): number | undefined {
  if (typed === target) return 0;
  const budget = Math.min(typoBudget(typed), typoBudget(target));
  if (budget === 0 || Math.abs(typed.length - target.length) > budget) return undefined;
  const d = editDistance(typed, target);
  return d <= budget ? d : undefined;
}

/**
 * The candidates of a list grouped by their first word, and for each typed word the first words it
 * matches (remembered, bounded): a sentence compared every token with every colleague's name and
 * every service phrase (~1,500 typo distances, most of a sentence's CPU); now a token costs one
 * lookup once its word has been seen, and a new word one distance per distinct first word.
 */
interface PhraseIndex {
  /** First word → positions of the candidates starting with it (ascending). */
  byFirst: Map<string, number[]>;
  /** Typed word → the first words it matches, with their distance. */
  near: Map<string, [string, number][]>;
}

const MAX_NEAR = 2000;
const indexes = new WeakMap<readonly { words: string[] }[], PhraseIndex>();

function indexOf(candidates: readonly { words: string[] }[]): PhraseIndex {
  let index = indexes.get(candidates);
  if (!index) {
    const byFirst = new Map<string, number[]>();
    candidates.forEach((c, k) => {
      const first = c.words[0];
      if (first === undefined) return;
      const at = byFirst.get(first);
      if (at) at.push(k);
      else byFirst.set(first, [k]);
    });
    index = { byFirst, near: new Map() };
    indexes.set(candidates, index);
  }
  return index;
}

function firstWordsNear(index: PhraseIndex, t: Token): [string, number][] {
  if (t.numeric) return index.byFirst.has(t.w) ? [[t.w, 0]] : [];
  return remember(index.near, t.w, MAX_NEAR, () => {
    const near: [string, number][] = [];
    for (const first of index.byFirst.keys()) {
      const d = wordMatches(t.w, first);
      if (d !== undefined) near.push([first, d]);
    }
    return near;
  });
}

/** Longest phrase of `candidates` starting at token i (ties: fewer typos, then the first). */
export function matchPhrase<T extends { words: string[] }>(
  tokens: Token[],
  i: number,
  candidates: readonly T[],
): { item: T; length: number; typos: number } | undefined {
  const t0 = tokens[i];
  if (!t0) return undefined;
  const index = indexOf(candidates);
  let best: { item: T; length: number; typos: number; at: number } | undefined;
  for (const [first, d0] of firstWordsNear(index, t0)) {
    for (const at of index.byFirst.get(first)!) {
      const c = candidates[at]!;
      const n = c.words.length;
      if (i + n > tokens.length || (best && n < best.length)) continue;
      let typos = d0;
      let ok = true;
      for (let k = 1; k < n; k++) {
        const t = tokens[i + k]!;
        const d = t.numeric ? (t.w === c.words[k] ? 0 : undefined) : wordMatches(t.w, c.words[k]!);
        if (d === undefined) {
          ok = false;
          break;
        }
        typos += d;
      }
      if (
        ok &&
        (!best || n > best.length || typos < best.typos || (typos === best.typos && n === best.length && at < best.at))
      )
        best = { item: c, length: n, typos, at };
    }
  }
  return best && { item: best.item, length: best.length, typos: best.typos };
}
