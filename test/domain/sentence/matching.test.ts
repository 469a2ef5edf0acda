import fc from 'fast-check';
import { matchPhrase, wordMatches } from '../../../src/domain/sentence/matching';
import type { Token } from '../../../src/domain/sentence/tokens';

/** The plain scan matchPhrase replaced: every candidate in order, the longest, then fewest typos, then the first. */
function scanAll<T extends { words: string[] }>(tokens: Token[], i: number, candidates: readonly T[]) {
  let best: { item: T; length: number; typos: number } | undefined;
  for (const c of candidates) {
    const n = c.words.length;
    if (n === 0 || i + n > tokens.length || (best && n < best.length)) continue;
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

// Few letters, so that words collide, differ by a typo or two, and share first words often.
const word = fc.stringMatching(/^[abn]{1,9}$/);
const token = fc.oneof(
  word.map((w): Token => ({ w, raw: w, numeric: false })),
  fc.constantFrom<Token>({ w: '10', raw: '10', numeric: true }, { w: '9:30', raw: '9:30', numeric: true }),
);

describe('phrase matching', () => {
  it('finds what a scan of every candidate finds: the longest phrase, then the fewest typos, then the first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(word, fc.constantFrom('10', '9:30')), { minLength: 1, maxLength: 3 }), {
          maxLength: 40,
        }),
        fc.array(token, { minLength: 1, maxLength: 6 }),
        (phrases, tokens) => {
          const candidates = phrases.map((words, id) => ({ id, words }));
          for (let i = 0; i < tokens.length; i++) {
            // Twice: the second answer comes from what the first remembered.
            expect(matchPhrase(tokens, i, candidates)).toEqual(scanAll(tokens, i, candidates));
            expect(matchPhrase(tokens, i, candidates)).toEqual(scanAll(tokens, i, candidates));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
