/**
 * The one translation mechanism: each area (booking cards, mails, citizen pages …) defines one typed
 * catalog with `defineCatalog({ de, en })`. German is written first; the compiler demands every key
 * in English too, with the same parameters. Texts with values are functions, so a placeholder can
 * neither be forgotten nor misspelt:
 *
 *   const texts = defineCatalog({
 *     de: { title: 'Termin buchen', count: (n: number) => plural('de', n, 'Termin', 'Termine') },
 *     en: { title: 'Book', count: (n: number) => plural('en', n, 'appointment', 'appointments') },
 *   });
 *   texts[lang].count(3) // "3 Termine"
 */
import type { Language } from '../domain/types';

export type { Language };

type Entry = string | ((...args: never[]) => string);

/** The English side: same keys, plain strings (not German literals), functions with the same parameters. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : never;
};

export type Catalog<T> = Readonly<Record<Language, Translation<T>>>;

export function defineCatalog<const T extends Record<string, Entry>>(catalog: {
  de: T;
  en: Translation<NoInfer<T>>;
}): Catalog<T> {
  // The German literals and functions are the wider Translation types; the compiler cannot see it.
  return catalog as unknown as Catalog<T>;
}

/** English for English locales (en-US, en-GB, an Accept-Language starting with en), German for everything else; `fallback` when none was sent. */
export function languageOfLocale(locale: string | undefined, fallback: Language = 'de'): Language {
  if (!locale) return fallback;
  return locale.trim().toLowerCase().startsWith('en') ? 'en' : 'de';
}

/** One set of plural rules per language: creating one costs more than a whole agenda line. */
const pluralRules: Record<Language, Intl.PluralRules> = {
  de: new Intl.PluralRules('de'),
  en: new Intl.PluralRules('en'),
};

/** "1 Termin" / "3 Termine": the count with the right noun form (Intl plural rules of the language). */
export function plural(lang: Language, n: number, one: string, other: string): string {
  return `${n} ${pluralRules[lang].select(n) === 'one' ? one : other}`;
}
