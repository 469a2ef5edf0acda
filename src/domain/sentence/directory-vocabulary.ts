/**
 * What a sentence can name from the directory: services by name, synonym (directory `synonyms`) or id,
 * also written as one word ("Wohngeldberatung") or by one significant word ("Auskunft", the end of a
 * compound: "Ausweis"), and colleagues by full, first or last name. Built once per directory object.
 */
import type { Directory } from '../types';
import { wordMatches } from './matching';
import { STOPWORDS } from './phrases';
import { phraseWords } from './tokens';

export type SentenceDirectory = Pick<Directory, 'services' | 'staff'>;

interface ServicePhrase {
  serviceId: string;
  words: string[];
}

export interface DirectoryVocabulary {
  /** Names, synonyms and ids, as whole phrases. */
  phrases: ServicePhrase[];
  /** Single significant words of names and synonyms → the services they occur in. */
  words: Map<string, Set<string>>;
  staff: { staffId: string; first: string; last: string }[];
  /** Full names of two or more words, recognised anywhere in a sentence. */
  staffFull: { staffId: string; words: string[] }[];
}

const vocabCache = new WeakMap<object, DirectoryVocabulary>();

export function vocabularyOf(directory: SentenceDirectory): DirectoryVocabulary {
  const cached = vocabCache.get(directory);
  if (cached) return cached;
  const phrases: ServicePhrase[] = [];
  const words = new Map<string, Set<string>>();
  for (const s of directory.services) {
    const synonyms = s.synonyms;
    const all = [s.name.de, s.name.en, s.id, ...(synonyms?.de ?? []), ...(synonyms?.en ?? [])];
    for (const p of all) {
      const ws = phraseWords(p);
      if (ws.length === 0) continue;
      phrases.push({ serviceId: s.id, words: ws });
      // Written as one word: "Wohngeldberatung", "Kfzzulassung".
      if (ws.length > 1) phrases.push({ serviceId: s.id, words: [ws.filter((w) => !STOPWORDS.has(w)).join('')] });
      for (const w of ws) {
        if (w.length < 4 || STOPWORDS.has(w)) continue;
        words.set(w, (words.get(w) ?? new Set()).add(s.id));
      }
    }
  }
  phrases.sort((a, b) => b.words.length - a.words.length);
  const names = directory.staff.map((s) => ({ staffId: s.id, words: phraseWords(s.name) }));
  const staff = names.map((n) => ({
    staffId: n.staffId,
    first: n.words[0] ?? '',
    last: n.words[n.words.length - 1] ?? '',
  }));
  const staffFull = names.filter((n) => n.words.length > 1);
  const vocab = { phrases, words, staff, staffFull };
  vocabCache.set(directory, vocab);
  return vocab;
}

/** Services whose names or synonyms contain this word (exactly, else within typos). */
export function serviceWord(vocab: DirectoryVocabulary, w: string): string[] {
  if (w.length < 4 || STOPWORDS.has(w)) return [];
  const exact = new Set(vocab.words.get(w) ?? []);
  // The end of a compound: "Ausweis" (Personalausweis), "Beratung" (Sozialberatung, Bauberatung).
  if (w.length >= 6) for (const [word, ids] of vocab.words) if (word.endsWith(w)) ids.forEach((id) => exact.add(id));
  if (exact.size) return [...exact];
  let best: { d: number; ids: Set<string> } | undefined;
  for (const [word, ids] of vocab.words) {
    const d = wordMatches(w, word);
    if (d === undefined) continue;
    if (!best || d < best.d) best = { d, ids: new Set(ids) };
    else if (d === best.d) ids.forEach((id) => best!.ids.add(id));
  }
  return best ? [...best.ids] : [];
}
