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

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions). Three rolling rows
 * instead of a full matrix: it runs for every typed word against every keyword on each turn.
 */
export function editDistance(a: string, b: string): number {
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
    }
    [before, previous, row] = [previous, row, before];
  }
  return previous[n]!;
}

/** Typos tolerated in a word of this length: none up to 4 letters, 1 up to 7, 2 beyond. */
export function typoBudget(word: string): number {
  return word.length <= 4 ? 0 : word.length <= 7 ? 1 : 2;
}
