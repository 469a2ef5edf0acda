import { defineCatalog, plural } from '../../src/i18n/catalog';

describe('defineCatalog', () => {
  const texts = defineCatalog({
    de: { title: 'Termin buchen', count: (n: number) => plural('de', n, 'Termin', 'Termine') },
    en: { title: 'Book', count: (n: number) => plural('en', n, 'appointment', 'appointments') },
  });

  it('gives the text of the language', () => {
    expect(texts.de.title).toBe('Termin buchen');
    expect(texts.en.title).toBe('Book');
  });

  it('says "1 Termin" and "2 Termine", "1 appointment" and "0 appointments"', () => {
    expect(texts.de.count(1)).toBe('1 Termin');
    expect(texts.de.count(2)).toBe('2 Termine');
    expect(texts.en.count(1)).toBe('1 appointment');
    expect(texts.en.count(0)).toBe('0 appointments');
  });

  it('refuses at compile time an English side that misses a key', () => {
    // @ts-expect-error 'count' is missing in English
    defineCatalog({ de: { title: 'a', count: 'b' }, en: { title: 'a' } });
    expect(true).toBe(true);
  });
});
