/**
 * One form for citizens in German texts: "Bürgerinnen und Bürger", in the singular "die Bürgerin / der
 * Bürger" (or "… bzw. / oder der Bürger"), never "Bürger:innen", "Bürger/in", "BürgerInnen", "Bürger*innen"
 * or a bare masculine "Bürger". Read from the sources, so texts built in functions count too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : ext.test(name) ? [path] : [];
  });
}

/** The text catalogs and every other source of user texts, the docs, README and the sample cards. */
const sources = [
  ...filesUnder(join(root, 'src'), /\.ts$/),
  ...filesUnder(join(root, 'docs'), /\.md$/),
  ...filesUnder(join(root, 'cards'), /\.json$/),
  ...filesUnder(join(root, 'manifest'), /\.json$/),
  join(root, 'README.md'),
];

/** "Bürger:in(nen)", "Bürger/in", "Bürger/-innen", "Bürger*innen", "Bürger_innen", "Bürger(innen)", "BürgerIn(nen)". */
const SHORT_FORM = /Bürger(?:[:*_·/(]-?i|I)nn?/g;
/** "Bürger", "Bürgern", "Bürgers" as a word of its own (not "Bürgerbüro", "Bürgerin", nor a short form above). */
const MASCULINE = /(?<![\p{L}-])Bürger(?:n|s)?(?![\p{L}-]|[:*_·/(]-?in)/gu;
/** The masculine closes a pair when the feminine comes just before it ("Bürgerinnen und Bürger", "der Bürgerin / dem Bürger"). */
const PAIRED = /Bürgerin(?:nen)?\s*(?:\/|und|oder|bzw\.)\s*(?:(?:der|die|den|dem|des|zum|ein|einen|einem|eines)\s+)?$/;

function offences(text: string): string[] {
  const short = [...text.matchAll(SHORT_FORM)].map((m) => m[0]);
  const bare = [...text.matchAll(MASCULINE)]
    .filter((m) => !PAIRED.test(text.slice(Math.max(0, m.index - 40), m.index)))
    .map((m) => text.slice(Math.max(0, m.index - 20), m.index + m[0].length));
  return [...short, ...bare];
}

describe('the form for citizens in German texts', () => {
  it('finds the forms it refuses (so the check below can fail)', () => {
    expect(offences('Die Bürger:innen erhalten')).toHaveLength(1);
    expect(offences('1 Bürger:in muss')).toHaveLength(1);
    expect(offences('Bürger/in: Max Meier')).toHaveLength(1);
    expect(offences('an alle BürgerInnen und Bürger*innen')).toHaveLength(2);
    expect(offences('Die Bürger werden informiert')).toHaveLength(1);
    expect(offences('Bürgerinnen und Bürger, der Bürgerin / dem Bürger, der Bürgerin bzw. des Bürgers')).toEqual([]);
    expect(offences('im Bürgerbüro ohne Bürgerdaten')).toEqual([]);
  });

  it.each(sources.map((path) => [relative(root, path), path]))('is "Bürgerinnen und Bürger" in %s', (_name, path) => {
    expect(offences(readFileSync(path, 'utf8'))).toEqual([]);
  });
});
