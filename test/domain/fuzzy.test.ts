/** Typo distance and folding: what the command recognizer and the sentence parser compare with. */
import fc from 'fast-check';
import { editDistance, foldText, skeleton } from '../../src/domain/fuzzy';

/** The textbook full-matrix optimal string alignment distance, to compare the rolling rows with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts a swapped pair of letters as one typo, and a missing or extra letter as one', () => {
    expect(editDistance('termine', 'termien')).toBe(1);
    expect(editDistance('termine', 'termin')).toBe(1);
    expect(editDistance('krank', 'krannk')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('freitag', 'freitag')).toBe(0);
  });

  it('agrees with the full-matrix distance on any two words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e', 'r', 't'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => editDistance(a, b) === reference(a, b)),
      { numRuns: 2000 },
    );
  });
});

describe('folding', () => {
  it('spells umlauts out and compares their skeletons alike', () => {
    expect(foldText('Übermorgen Straße')).toBe('uebermorgen strasse');
    expect(skeleton(foldText('übermorgen'))).toBe(skeleton(foldText('ubermorgen')));
  });
});
