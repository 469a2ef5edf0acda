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
 *
 * The parts, in src/domain/sentence/: tokens.ts (the words), phrases.ts (the vocabulary besides the
 * directory), directory-vocabulary.ts (services and colleagues), matching.ts (typos), numbers.ts (dates
 * and times in digits); day words and dates come from day-words.ts, parts of the day from part-of-day.ts.
 */
import { dayMonth, nextMonday, weekdayDate } from './day-words';
import type { PartOfDay } from './part-of-day';
import { addDays, localDateOf } from './time';
import type { Channel, LocalDate } from './types';
import { serviceWord, vocabularyOf, type SentenceDirectory } from './sentence/directory-vocabulary';
import { matchPhrase, wordMatches } from './sentence/matching';
import { numeric } from './sentence/numbers';
import { KEYWORDS } from './sentence/phrases';
import { tokenize } from './sentence/tokens';

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
  const today = localDateOf(Number.isFinite(ctx.now) ? ctx.now : 0);
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
