/**
 * Comparing what people type: folding (case, umlauts, accents) and the typo distance. Pure; used by
 * the command recognizer (src/bot/commands.ts) and the one-sentence booking parser (booking-sentence.ts).
 */

/** Lower case, umlauts spelled out (ä→ae, ß→ss), accents removed. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * A folded word without the spelled-out umlauts (ae→a, oe→o, ue→u), so "übermorgen",
 * "uebermorgen" and "ubermorgen" compare equal. Apply it to both sides of a comparison.
 */
export function skeleton(folded: string): string {
  return folded.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Typos tolerated in a word of this length: none up to 4 letters, 1 up to 7, 2 beyond. */
export function typoBudget(word: string): number {
  return word.length <= 4 ? 0 : word.length <= 7 ? 1 : 2;
}
