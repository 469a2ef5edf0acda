/**
 * One-sentence booking requests, German and English:
 *
 *   "Personalausweis vor Ort am 03.12.2026"   → ausweis, in person, 2026-12-03
 *   "Kfz Telefon morgen 10 Uhr"               → kfz, phone, tomorrow, 10:00
 *   "Auskunft Video Freitag nachmittags"      → auskunft, video, the coming Friday, afternoon
 *   "book registration video tomorrow"        → meldewesen (synonym), video, tomorrow
 *   "Termin am Freitag buchen"                → a booking word and a day, nothing else
 *
 * It takes what the sentence gives — service(s) by name, synonym (directory `synonyms`) or id,
 * channel, day, time or part of day, "bei mir" / a colleague — and says what it could not use
 * (impossible dates like 31.02., times like 25 Uhr, unknown words). Typos are tolerated by edit
 * distance, umlauts in any spelling (ü, ue, u). Relative days ("morgen", "Freitag") are resolved
 * against `now` in Europe/Berlin. Pure: it never throws on any input and decides nothing about
 * free times; the bot turns the result into a slot search (src/bot/staff/quick.ts).
 */
import { DateTime } from 'luxon';
import { editDistance, foldText, skeleton, typoBudget } from './fuzzy';
import { DAY_PHRASES, dayMonth, nextMonday, typedDate, weekdayDate, type DayWord } from './day-words';
import { addDays, localDateTime, localTimeOf } from './time';
import { TIME_ZONE, type Channel, type Directory, type LocalDate } from './types';

export type PartOfDay = 'morning' | 'midday' | 'afternoon' | 'evening';

/** Local wall-clock windows [from, to) of the parts of a day. */
export const PART_OF_DAY_WINDOWS: Record<PartOfDay, [string, string]> = {
  morning: ['00:00', '12:00'],
  midday: ['11:00', '14:00'],
  afternoon: ['12:00', '18:00'],
  evening: ['17:00', '24:00'],
};

/** True when an instant starts within the part of its (Berlin) day. */
export function startsInPartOfDay(ms: number, part: PartOfDay): boolean {
  const [from, to] = PART_OF_DAY_WINDOWS[part];
  const t = localTimeOf(ms);
  return t >= from && t < to;
}

export type StaffChoice = { kind: 'self' } | { kind: 'anyone' } | { kind: 'colleague'; staffId: string };

export type SentenceProblem =
  /** A date that does not exist ("31.02.", "2026-13-01"). */
  | { kind: 'impossible-date'; text: string }
  /** A time that does not exist ("25 Uhr", "10:75"). */
  | { kind: 'impossible-time'; text: string };

export interface BookingSentence {
  /** Service ids in the order named, without repeats. */
  services: string[];
  /** A word that fits several services ("Beratung") when none was named clearly. */
  serviceCandidates: string[];
  channel?: Channel;
  day?: LocalDate;
  /** Wall-clock HH:MM. */
  time?: string;
  partOfDay?: PartOfDay;
  staff?: StaffChoice;
  /** "buchen"/"book" (strong), "Termin"/"appointment" (weak) or none. */
  bookingWord: 'strong' | 'weak' | 'none';
  problems: SentenceProblem[];
  /** Words that were not understood (as typed): an unknown service, a citizen's name, … */
  unknownWords: string[];
}

export type SentenceDirectory = Pick<Directory, 'services' | 'staff'>;

// ---------------------------------------------------------------------------------------------
// Vocabulary (all entries are skeletons: folded, umlauts dropped; see text.ts)

type Meaning =
  | DayWord
  | { kind: 'month'; month: number }
  | { kind: 'part'; part: PartOfDay }
  | { kind: 'channel'; channel: Channel }
  | { kind: 'self' }
  | { kind: 'anyone' }
  | { kind: 'booking'; strength: 'strong' | 'weak' }
  | { kind: 'time-marker' }
  | { kind: 'staff-marker' }
  | { kind: 'filler' };

const part = (p: PartOfDay): Meaning => ({ kind: 'part', part: p });
const ch = (channel: Channel): Meaning => ({ kind: 'channel', channel });
const month = (m: number): Meaning => ({ kind: 'month', month: m });
const FILLER: Meaning = { kind: 'filler' };

/** Phrases of one or more words; longer phrases win. Words are written folded (ü → ue). */
const PHRASES: (readonly [string, Meaning])[] = [
  ...DAY_PHRASES,
  ['januar', month(1)],
  ['jaenner', month(1)],
  ['februar', month(2)],
  ['maerz', month(3)],
  ['april', month(4)],
  ['mai', month(5)],
  ['juni', month(6)],
  ['juli', month(7)],
  ['august', month(8)],
  ['september', month(9)],
  ['oktober', month(10)],
  ['november', month(11)],
  ['dezember', month(12)],
  ['january', month(1)],
  ['february', month(2)],
  ['march', month(3)],
  ['may', month(5)],
  ['june', month(6)],
  ['july', month(7)],
  ['october', month(10)],
  ['december', month(12)],
  ['jan', month(1)],
  ['feb', month(2)],
  ['mar', month(3)],
  ['apr', month(4)],
  ['jun', month(6)],
  ['jul', month(7)],
  ['aug', month(8)],
  ['sep', month(9)],
  ['sept', month(9)],
  ['okt', month(10)],
  ['oct', month(10)],
  ['nov', month(11)],
  ['dez', month(12)],
  ['dec', month(12)],
  ['vormittag', part('morning')],
  ['vormittags', part('morning')],
  ['morgens', part('morning')],
  ['frueh', part('morning')],
  ['frueh morgens', part('morning')],
  ['morning', part('morning')],
  ['mornings', part('morning')],
  ['mittag', part('midday')],
  ['mittags', part('midday')],
  ['mittagszeit', part('midday')],
  ['noon', part('midday')],
  ['midday', part('midday')],
  ['lunchtime', part('midday')],
  ['nachmittag', part('afternoon')],
  ['nachmittags', part('afternoon')],
  ['afternoon', part('afternoon')],
  ['afternoons', part('afternoon')],
  ['abend', part('evening')],
  ['abends', part('evening')],
  ['evening', part('evening')],
  ['evenings', part('evening')],
  ['vor ort', ch('in-person')],
  ['vorort', ch('in-person')],
  ['persoenlich', ch('in-person')],
  ['praesenz', ch('in-person')],
  ['im rathaus', ch('in-person')],
  ['in person', ch('in-person')],
  ['inperson', ch('in-person')],
  ['on site', ch('in-person')],
  ['onsite', ch('in-person')],
  ['face to face', ch('in-person')],
  ['at the town hall', ch('in-person')],
  ['telefon', ch('phone')],
  ['telefonisch', ch('phone')],
  ['tel', ch('phone')],
  ['anruf', ch('phone')],
  ['anrufen', ch('phone')],
  ['rueckruf', ch('phone')],
  ['telefonat', ch('phone')],
  ['phone', ch('phone')],
  ['telephone', ch('phone')],
  ['call', ch('phone')],
  ['phone call', ch('phone')],
  ['video', ch('video')],
  ['videocall', ch('video')],
  ['videogespraech', ch('video')],
  ['videosprechstunde', ch('video')],
  ['videokonferenz', ch('video')],
  ['videotermin', ch('video')],
  ['online', ch('video')],
  ['video call', ch('video')],
  ['bei mir', { kind: 'self' }],
  ['mit mir', { kind: 'self' }],
  ['fuer mich', { kind: 'self' }],
  ['ich selbst', { kind: 'self' }],
  ['selbst', { kind: 'self' }],
  ['in meinen kalender', { kind: 'self' }],
  ['in meinem kalender', { kind: 'self' }],
  ['with me', { kind: 'self' }],
  ['for me', { kind: 'self' }],
  ['myself', { kind: 'self' }],
  ['in my calendar', { kind: 'self' }],
  ['bei irgendwem', { kind: 'anyone' }],
  ['egal bei wem', { kind: 'anyone' }],
  ['egal wer', { kind: 'anyone' }],
  ['irgendwer', { kind: 'anyone' }],
  ['with anyone', { kind: 'anyone' }],
  ['anyone', { kind: 'anyone' }],
  ['anybody', { kind: 'anyone' }],
  ['buchen', { kind: 'booking', strength: 'strong' }],
  ['buche', { kind: 'booking', strength: 'strong' }],
  ['buchung', { kind: 'booking', strength: 'strong' }],
  ['einbuchen', { kind: 'booking', strength: 'strong' }],
  ['vereinbaren', { kind: 'booking', strength: 'strong' }],
  ['reservieren', { kind: 'booking', strength: 'strong' }],
  ['eintragen', { kind: 'booking', strength: 'strong' }],
  ['book', { kind: 'booking', strength: 'strong' }],
  ['booking', { kind: 'booking', strength: 'strong' }],
  ['reserve', { kind: 'booking', strength: 'strong' }],
  ['schedule', { kind: 'booking', strength: 'strong' }],
  ['termin', { kind: 'booking', strength: 'weak' }],
  ['termine', { kind: 'booking', strength: 'weak' }],
  ['terminbuchung', { kind: 'booking', strength: 'strong' }],
  ['appointment', { kind: 'booking', strength: 'weak' }],
  ['consultation', { kind: 'booking', strength: 'weak' }],
  ['sprechstunde', { kind: 'booking', strength: 'weak' }],
  ['um', { kind: 'time-marker' }],
  ['at', { kind: 'time-marker' }],
  ['gegen', { kind: 'time-marker' }],
  ['ab', { kind: 'time-marker' }],
  ['around', { kind: 'time-marker' }],
  ['bei', { kind: 'staff-marker' }],
  ['with', { kind: 'staff-marker' }],
  ...[
    'am',
    'an',
    'den',
    'der',
    'die',
    'das',
    'dem',
    'on',
    'a',
    'the',
    'ein',
    'einen',
    'eine',
    'einem',
    'bitte',
    'please',
    'ich',
    'i',
    'im',
    'in',
    'per',
    'via',
    'by',
    'und',
    'and',
    'zum',
    'zur',
    'of',
    'neuen',
    'neuer',
    'neu',
    'new',
    'this',
    'diese',
    'diesen',
    'diesem',
    'uhr',
    'oclock',
    'tag',
    'day',
    'mal',
    'noch',
    'gerne',
    'gern',
    'wir',
    'we',
    'need',
    'brauche',
    'brauchen',
    'moechte',
    'will',
    'want',
    'can',
    'kann',
    'koennen',
    'you',
    'sie',
    'du',
    'fuers',
    'to',
    'fuer',
    'for',
    'mit',
    'ca',
    'circa',
    'etwa',
    'about',
    'mir',
    'me',
    'my',
    'mein',
    'meine',
    'einen',
    'frau',
    'herr',
    'herrn',
    'mr',
    'mrs',
    'ms',
  ].map((w): [string, Meaning] => [w, FILLER]),
];

const STOPWORDS = new Set([
  'und',
  'and',
  'oder',
  'or',
  'der',
  'die',
  'das',
  'of',
  'the',
  'fuer',
  'for',
  'von',
  'an',
  'um',
  'ab',
]);

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  /** Skeleton of the word (compared). */
  w: string;
  /** The word as typed, without punctuation around it (shown back to the user). */
  raw: string;
  /** Numbers, dates, times keep their punctuation. */
  numeric: boolean;
}

const NUMERIC = /^\d/;

/** Splits folded text into tokens: dates/times stay whole, words split at hyphens, dots and slashes. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Each typed word is folded on its own, so an unknown word can be shown back as typed ("Müller").
  for (const typed of text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .slice(0, 1000)
    .split(/\s+/)) {
    const folded = foldText(typed)
      .replace(/[’`´']/g, '')
      .replace(/[^a-z0-9:./\-\s]/g, ' ');
    const shown = typed.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/\.$/, '');
    for (const piece of folded.split(/\s+/)) {
      if (!piece) continue;
      if (NUMERIC.test(piece)) {
        const cleaned = piece.replace(/^[-/:]+|[-/:]+$/g, '');
        if (cleaned) out.push({ w: cleaned, raw: cleaned, numeric: true });
        continue;
      }
      const parts = piece.split(/[-./:]+/).filter(Boolean);
      for (const part of parts) {
        if (NUMERIC.test(part)) out.push({ w: part, raw: part, numeric: true });
        else out.push({ w: skeleton(part), raw: parts.length === 1 && shown ? shown : part, numeric: false });
      }
    }
  }
  return out.slice(0, 60);
}

const phraseWords = (phrase: string): string[] => tokenize(phrase).map((t) => t.w);

// ---------------------------------------------------------------------------------------------
// Directory vocabulary: services and staff names (cached per directory object)

interface ServicePhrase {
  serviceId: string;
  words: string[];
}

interface DirectoryVocabulary {
  /** Names, synonyms and ids, as whole phrases. */
  phrases: ServicePhrase[];
  /** Single significant words of names and synonyms → the services they occur in. */
  words: Map<string, Set<string>>;
  staff: { staffId: string; first: string; last: string }[];
  /** Full names of two or more words, recognised anywhere in a sentence. */
  staffFull: { staffId: string; words: string[] }[];
}

const vocabCache = new WeakMap<object, DirectoryVocabulary>();

function vocabularyOf(directory: SentenceDirectory): DirectoryVocabulary {
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

// ---------------------------------------------------------------------------------------------
// Matching

/** A typed word against a vocabulary word: equal, or within the typo budget of both. */
function wordMatches(typed: string, target: string): number | undefined {
  if (typed === target) return 0;
  const budget = Math.min(typoBudget(typed), typoBudget(target));
  if (budget === 0 || Math.abs(typed.length - target.length) > budget) return undefined;
  const d = editDistance(typed, target);
  return d <= budget ? d : undefined;
}

/** Longest phrase of `candidates` starting at token i (ties: fewer typos, then the first). */
function matchPhrase<T extends { words: string[] }>(
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

const KEYWORDS: { words: string[]; meaning: Meaning }[] = PHRASES.map(([p, meaning]) => ({
  words: phraseWords(p),
  meaning,
})).sort((a, b) => b.words.length - a.words.length);

// ---------------------------------------------------------------------------------------------
// Dates and times

const pad = (n: number) => String(n).padStart(2, '0');

type NumericHit =
  { kind: 'date'; date: LocalDate } | { kind: 'time'; time: string } | { kind: 'bad-date' } | { kind: 'bad-time' };

function timeOf(h: number, m: number): NumericHit {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 ? { kind: 'time', time: `${pad(h)}:${pad(m)}` } : { kind: 'bad-time' };
}

function meridiem(h: number, m: number, ampm: string): NumericHit {
  if (h < 1 || h > 12) return { kind: 'bad-time' };
  const hour = ampm === 'pm' ? (h % 12) + 12 : h % 12;
  return timeOf(hour, m);
}

// ---------------------------------------------------------------------------------------------
// The parser

export interface ParseContext {
  now: number;
}

/** Parses one sentence. Never throws; anything it cannot place ends up in `unknownWords` or `problems`. */
export function parseBookingSentence(text: string, directory: SentenceDirectory, ctx: ParseContext): BookingSentence {
  const result: BookingSentence = {
    services: [],
    serviceCandidates: [],
    bookingWord: 'none',
    problems: [],
    unknownWords: [],
  };
  try {
    parseInto(result, typeof text === 'string' ? text : '', directory, ctx);
  } catch {
    // Defensive: a sentence is only ever a hint; a parser bug must not break the turn.
  }
  return result;
}

function parseInto(r: BookingSentence, text: string, directory: SentenceDirectory, ctx: ParseContext): void {
  const vocab = vocabularyOf(directory);
  const tokens = tokenize(text);
  const today = DateTime.fromMillis(Number.isFinite(ctx.now) ? ctx.now : 0, { zone: TIME_ZONE }).toISODate()!;
  let next = false;
  let timeMarker = false;
  let staffMarker = false;
  const strength = { none: 0, weak: 1, strong: 2 } as const;

  const setDay = (d: LocalDate) => (r.day = d);
  /** Where each service was named, and whether exactly (not within typos): see the verb rule below. */
  const named: { id: string; at: number; length: number; exact: boolean }[] = [];
  const addService = (id: string, at: number, length: number, exact: boolean) => {
    named.push({ id, at, length, exact });
    if (!r.services.includes(id)) r.services.push(id);
  };

  for (let i = 0; i < tokens.length;) {
    const t = tokens[i]!;
    const after = tokens[i + 1];

    // --- numbers: dates and times --------------------------------------------------------
    if (t.numeric) {
      const consumed = numeric(tokens, i, today, timeMarker);
      if (consumed) {
        const { hit, length } = consumed;
        if (hit.kind === 'date') setDay(hit.date);
        else if (hit.kind === 'time') r.time = hit.time;
        else
          r.problems.push({
            kind: hit.kind === 'bad-date' ? 'impossible-date' : 'impossible-time',
            text: tokens
              .slice(i, i + length)
              .map((x) => x.raw)
              .join(' '),
          });
        i += length;
      } else {
        r.unknownWords.push(t.raw);
        i++;
      }
      timeMarker = false;
      staffMarker = false;
      continue;
    }

    // --- a colleague's name (full name anywhere; one name after "bei"/"with"/"mit"/"für") ------
    const fullName = matchPhrase(tokens, i, vocab.staffFull);
    if (fullName) {
      r.staff = { kind: 'colleague', staffId: fullName.item.staffId };
      i += fullName.length;
      staffMarker = false;
      continue;
    }
    if (staffMarker) {
      const hits = vocab.staff.filter(
        (s) => wordMatches(t.w, s.first) !== undefined || wordMatches(t.w, s.last) !== undefined,
      );
      const exact = hits.filter((s) => s.first === t.w || s.last === t.w);
      const chosen = exact.length === 1 ? exact[0] : exact.length === 0 && hits.length === 1 ? hits[0] : undefined;
      if (chosen) {
        r.staff = { kind: 'colleague', staffId: chosen.staffId };
        i++;
        staffMarker = false;
        continue;
      }
    }

    // --- services: names, synonyms and ids as whole phrases --------------------------------
    const service = matchPhrase(tokens, i, vocab.phrases);
    // A keyword phrase at least as long wins over a service phrase (e.g. "Telefon" if a service were called so).
    const keyword = matchPhrase(tokens, i, KEYWORDS);
    if (
      service &&
      (!keyword ||
        service.length > keyword.length ||
        (service.length === keyword.length && service.typos < keyword.typos))
    ) {
      addService(service.item.serviceId, i, service.length, service.typos === 0);
      i += service.length;
      staffMarker = timeMarker = false;
      continue;
    }

    // --- keywords -----------------------------------------------------------------------------
    if (keyword) {
      const m = keyword.item.meaning;
      let length = keyword.length;
      switch (m.kind) {
        case 'day':
          // "morgen früh" = tomorrow morning; "morgen" alone = tomorrow.
          setDay(addDays(today, m.offset));
          break;
        case 'weekday':
          setDay(weekdayDate(today, m.weekday, next));
          break;
        case 'next':
          next = true;
          break;
        case 'week':
          if (next) setDay(nextMonday(today));
          else if (!r.day) setDay(today);
          break;
        case 'month': {
          // "Dezember 3" / "December 3rd" (the "3. Dezember" form is read at the number).
          const n = after && after.numeric ? /^(\d{1,2})(st|nd|rd|th)?\.?$/.exec(after.w) : null;
          if (n) {
            const d = dayMonth(Number(n[1]), m.month, today);
            if (d) setDay(d);
            else r.problems.push({ kind: 'impossible-date', text: `${t.raw} ${after!.raw}` });
            length++;
          } else r.unknownWords.push(t.raw);
          break;
        }
        case 'part':
          r.partOfDay = m.part;
          break;
        case 'channel':
          r.channel = m.channel;
          break;
        case 'self':
          r.staff = { kind: 'self' };
          break;
        case 'anyone':
          r.staff = { kind: 'anyone' };
          break;
        case 'booking':
          if (strength[m.strength] > strength[r.bookingWord]) r.bookingWord = m.strength;
          break;
        case 'time-marker':
        case 'staff-marker':
        case 'filler':
          break;
      }
      // Fillers keep a marker alive: "bei Frau Hoffmann", "um ca. 10".
      if (m.kind !== 'filler') {
        timeMarker = m.kind === 'time-marker';
        staffMarker = m.kind === 'staff-marker';
      }
      if (m.kind !== 'next') next = next && m.kind !== 'weekday' && m.kind !== 'week';
      i += length;
      continue;
    }

    // --- a single significant word of a service name ("Auskunft", "Reisepass") ---------------
    const services = serviceWord(vocab, t.w);
    if (services.length === 1) addService(services[0]!, i, 1, vocab.words.has(t.w));
    else if (services.length > 1) r.serviceCandidates.push(...services.filter((s) => !r.serviceCandidates.includes(s)));
    else r.unknownWords.push(t.raw);
    timeMarker = staffMarker = false;
    i++;
  }
  // "Auto abmelden": a word that only resembles a service ("abmelden" ~ "Abmeldung") right beside one
  // named exactly says what is done with that one; it is no second service of a combined appointment.
  if (r.services.length > 1) {
    const beside = (a: (typeof named)[number], b: (typeof named)[number]) =>
      a.at + a.length === b.at || b.at + b.length === a.at;
    const verbs = new Set(
      named
        .filter((m) => !m.exact && named.some((o) => o.exact && o.id !== m.id && beside(m, o)))
        .map((m) => m.id)
        .filter((id) => !named.some((m) => m.id === id && m.exact)),
    );
    r.services = r.services.filter((id) => !verbs.has(id));
  }
  if (r.services.length > 0) r.serviceCandidates = [];
}

/** Services whose names or synonyms contain this word (exactly, else within typos). */
function serviceWord(vocab: DirectoryVocabulary, w: string): string[] {
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

/** Reads a date or time starting at the numeric token i; undefined when it is just a number. */
function numeric(
  tokens: Token[],
  i: number,
  today: LocalDate,
  timeMarker: boolean,
): { hit: NumericHit; length: number } | undefined {
  const w = tokens[i]!.w;
  const nextW = tokens[i + 1]?.numeric ? undefined : tokens[i + 1]?.w;
  const isUhr = (x: string | undefined) => x === 'uhr' || x === 'h' || x === 'oclock';
  let m: RegExpExecArray | null;

  // 2026-12-03, 03.12.2026, 3.12.26, 3/12/2026, 03.12. (31.02. exists in no year: impossible)
  const date = typedDate(w, today);
  if (date) return { hit: date, length: 1 };
  // 10:00, 10:30h, 10:30uhr, 10:30pm, 10.30 Uhr, 10.30h
  if ((m = /^(\d{1,2})[:.](\d{2})(uhr|h|am|pm)?$/.exec(w))) {
    const h = +m[1]!;
    const min = +m[2]!;
    const suffix = m[3] ?? (nextW === 'am' || nextW === 'pm' || isUhr(nextW) ? nextW : undefined);
    const length = !m[3] && suffix ? 2 : 1;
    if (suffix === 'am' || suffix === 'pm') return { hit: meridiem(h, min, suffix), length };
    const colon = w.includes(':');
    if (colon || suffix || timeMarker) return { hit: timeOf(h, min), length };
    // "3.12" without a dot at the end: a date when it is one, else a time ("10.30").
    const d = h >= 1 && h <= 31 && min >= 1 && min <= 12 ? dayMonth(h, min, today) : undefined;
    if (d) return { hit: { kind: 'date', date: d }, length: 1 };
    return { hit: timeOf(h, min), length: 1 };
  }
  // 10uhr, 10h, 10am, 3pm
  if ((m = /^(\d{1,2})(uhr|h|am|pm)$/.exec(w))) {
    const h = +m[1]!;
    return { hit: m[2] === 'am' || m[2] === 'pm' ? meridiem(h, 0, m[2]) : timeOf(h, 0), length: 1 };
  }
  // 3rd / 3. followed by a month ("3. Dezember", "3rd of December", "3 December")
  if ((m = /^(\d{1,2})(st|nd|rd|th)?\.?$/.exec(w))) {
    let k = i + 1;
    if (tokens[k]?.w === 'of') k++;
    const monthTok = tokens[k];
    const month =
      monthTok && !monthTok.numeric
        ? KEYWORDS.find(
            (kw) =>
              kw.words.length === 1 &&
              kw.meaning.kind === 'month' &&
              wordMatches(monthTok.w, kw.words[0]!) !== undefined,
          )
        : undefined;
    if (month && month.meaning.kind === 'month') {
      const d = dayMonth(+m[1]!, month.meaning.month, today);
      return { hit: d ? { kind: 'date', date: d } : { kind: 'bad-date' }, length: k - i + 1 };
    }
    const h = +m[1]!;
    if (m[2]) return undefined;
    if (timeMarker && !isUhr(nextW) && nextW !== 'am' && nextW !== 'pm') return { hit: timeOf(h, 0), length: 1 };
    // 10 Uhr (30), 10 am
    if (!w.endsWith('.')) {
      if (isUhr(nextW)) {
        const minutes = tokens[i + 2]?.numeric && /^\d{1,2}$/.test(tokens[i + 2]!.w) ? +tokens[i + 2]!.w : undefined;
        return minutes !== undefined ? { hit: timeOf(h, minutes), length: 3 } : { hit: timeOf(h, 0), length: 2 };
      }
      if (nextW === 'am' || nextW === 'pm') {
        // "10 am" is a time; "3 am Freitag" is German ("am" = on): only with a time-ish number.
        const after = tokens[i + 2];
        const german =
          nextW === 'am' &&
          after &&
          !after.numeric &&
          KEYWORDS.some(
            (kw) => kw.words[0] === after.w && (kw.meaning.kind === 'weekday' || kw.meaning.kind === 'day'),
          );
        if (!german) return { hit: meridiem(h, 0, nextW), length: 2 };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Slots near a wish

/**
 * Of the free slots of a day, those that fit the wish: within the part of the day, or the ones
 * nearest to the wished time (in time order). Without a wish, the slots as they are.
 */
export function slotsMatchingWish<S extends { start: number }>(
  slots: readonly S[],
  wish: { day: LocalDate; time?: string; partOfDay?: PartOfDay },
  count: number,
): S[] {
  if (wish.time) {
    const target = localDateTime(wish.day, wish.time);
    return [...slots]
      .sort((a, b) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start)
      .slice(0, count)
      .sort((a, b) => a.start - b.start);
  }
  if (wish.partOfDay) {
    const [from, to] = PART_OF_DAY_WINDOWS[wish.partOfDay];
    const lo = localDateTime(wish.day, from);
    const hi = localDateTime(wish.day, to);
    return slots.filter((s) => s.start >= lo && s.start < hi).slice(0, count);
  }
  return slots.slice(0, count);
}
