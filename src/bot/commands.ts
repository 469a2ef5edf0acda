/**
 * Text → command recognition, German and English.
 *
 * Staff type fast and on phones: "Termin am Freitag buchen", "meine termine morgen", "krank",
 * "terminn buchne". The text is normalised (case, umlauts, punctuation, @mention), split into
 * words, and every word is matched against a small keyword list per command with Damerau–
 * Levenshtein distance (1 typo for short words, 2 for long ones). Dates ("heute", "Freitag",
 * "5.12.", "2026-12-05") are picked up on the way. A clear winner runs; a weak or fuzzy one is
 * offered as a suggestion ("Meinten Sie …?") instead of giving up.
 */
import { parseBookingSentence, type BookingSentence } from '../domain/booking-sentence';
import type { AgendaRange, Directory, LocalDate } from '../domain/types';
import { DAY_PHRASES, dayMonth, SHORT_WEEKDAYS, typedDate, weekdayDate, type DayWord } from '../domain/day-words';
import { addDays, localDateOf, mondayOf } from '../domain/time';
import type { AbsenceKind } from './cards/absence-texts';
import { editDistance, foldText } from '../domain/fuzzy';
import { remember } from '../domain/memo';
import { parseSearch, typedReference } from '../domain/search-keys';
import type { CommandRouter } from './command-router';
import { commandTexts } from './i18n';

export type Command =
  /** `sentence`: a one-sentence booking ("Kfz Telefon morgen 10 Uhr"), see recognizeWithDirectory. */
  | { kind: 'book'; day?: LocalDate; sentence?: BookingSentence }
  | { kind: 'my-appointments'; range: AgendaRange }
  /** "Termine Team", "Team-Agenda morgen": everyone the user may book, grouped by colleague (src/bot/staff/team-agenda.ts). */
  | { kind: 'team-agenda'; range: AgendaRange }
  /** `absence`: what the words said ("Quarantäne", "Urlaub"), preselected on the form. */
  | { kind: 'absent'; absence?: AbsenceKind }
  | { kind: 'help' }
  | { kind: 'summary'; day?: LocalDate }
  /** Supervisors: mark a staff member or a team absent / home office only and replan (src/bot/supervisor/outage.ts). */
  | { kind: 'outage' }
  /** "Mein Kalender": the staff member's calendar feed link (src/bot/staff/calendar-link.ts). */
  | { kind: 'calendar-link' }
  /**
   * "suchen Brandt", "T-4K7Q", "Termin von Frau Brandt", "Brandt verschieben": find appointments
   * (src/bot/staff/search.ts). `text`: what to look for, as typed (empty: the search form).
   */
  | { kind: 'search'; text: string }
  /**
   * "auswertung november", "report 2026", "auswertung 01.11.2026–30.11.2026": a supervisor's report
   * (src/bot/supervisor/report.ts). `text`: the period as typed (empty: the last full month).
   */
  | { kind: 'report'; text: string };

export type CommandKind = Command['kind'];

/** The router every handler module registers on (created in handlers.ts). */
export type BotRouter = CommandRouter<Command>;

export type Recognition =
  /** Run it: exact keywords, or a typo that can only mean one command. */
  | { status: 'run'; command: Command; corrected: boolean }
  /** Ask first: the closest command, offered as a button. */
  | { status: 'suggest'; command: Command }
  | { status: 'unknown' };

export { editDistance };

/** Lower case, umlauts folded (ä→ae, ß→ss), @mentions and punctuation removed. */
export function normalise(text: string): string {
  return foldText(text.replace(/<at>[^<]*<\/at>/gi, ' '))
    .replace(/[^a-z0-9.\-/?\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const allowedTypos = (word: string): number => (word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2);

type Kind = CommandKind;
/** Keyword → (command, weight). A weight of 3 decides alone; 1–2 need company. */
const KEYWORDS: Record<string, [Kind, number][]> = {
  buchen: [['book', 3]],
  book: [['book', 3]],
  booking: [['book', 3]],
  buchung: [['book', 3]],
  vereinbaren: [['book', 3]],
  anlegen: [['book', 2]],
  eintragen: [['book', 2]],
  schedule: [['book', 2]],
  neu: [['book', 2]],
  neuer: [['book', 2]],
  neuen: [['book', 2]],
  new: [['book', 2]],
  termin: [['book', 1]],
  appointment: [['book', 1]],
  reservieren: [['book', 3]],
  meine: [['my-appointments', 2]],
  mein: [['my-appointments', 2]],
  my: [['my-appointments', 2]],
  termine: [['my-appointments', 2]],
  appointments: [['my-appointments', 2]],
  agenda: [['my-appointments', 3]],
  kalender: [['my-appointments', 3]],
  calendar: [['my-appointments', 3]],
  tagesplan: [['my-appointments', 3]],
  zeigen: [['my-appointments', 1]],
  // Cancelling and moving happen on the agenda's appointments ("Termin stornieren" is no booking).
  stornieren: [['my-appointments', 2]],
  stornierung: [['my-appointments', 2]],
  absagen: [['my-appointments', 2]],
  loeschen: [['my-appointments', 2]],
  streichen: [['my-appointments', 2]],
  delete: [['my-appointments', 2]],
  verschieben: [['my-appointments', 2]],
  cancel: [['my-appointments', 2]],
  reschedule: [['my-appointments', 2]],
  show: [['my-appointments', 1]],
  abwesend: [['absent', 3]],
  abwesenheit: [['absent', 3]],
  absent: [['absent', 3]],
  absence: [['absent', 3]],
  krank: [['absent', 3]],
  krankmeldung: [['absent', 3]],
  sick: [['absent', 3]],
  urlaub: [['absent', 3]],
  leave: [['absent', 3]],
  quarantaene: [['absent', 3]],
  quarantine: [['absent', 3]],
  homeoffice: [['absent', 3]],
  ausfall: [['outage', 3]],
  away: [['absent', 2]],
  hilfe: [['help', 3]],
  help: [['help', 3]],
  befehle: [['help', 3]],
  commands: [['help', 3]],
  '?': [['help', 3]],
  kannst: [['help', 2]],
  tagesuebersicht: [['summary', 3]],
  uebersicht: [['summary', 3]],
  summary: [['summary', 3]],
  zusammenfassung: [['summary', 3]],
  overview: [['summary', 3]],
  bericht: [['summary', 2]],
  auswertung: [['report', 3]],
  auswertungen: [['report', 3]],
  statistik: [['report', 3]],
  report: [['report', 3]],
  outage: [['outage', 3]],
  teamausfall: [['outage', 3]],
  personalausfall: [['outage', 3]],
  umplanen: [['outage', 3]],
  umplanung: [['outage', 3]],
  replan: [['outage', 3]],
};

/** The day words (domain/day-words.ts) as whole words, "Mo" … "So" too (days only next to a command word). */
const DAY_WORDS = new Map<string, DayWord>([...DAY_PHRASES, ...SHORT_WEEKDAYS].filter(([p]) => !p.includes(' ')));
/** Long weekday names are recognised with one typo ("freitg"). */
const FUZZY_WEEKDAYS = [...DAY_WORDS].filter(([w, m]) => m.kind === 'weekday' && w.length > 5);

function dayWordOf(w: string): DayWord | undefined {
  const exact = DAY_WORDS.get(w);
  if (exact || w.length <= 5) return exact;
  // Every turn's words ("termine") were compared with all long weekday names: remembered per word.
  return remember(
    fuzzyDayWords,
    w,
    2000,
    () => FUZZY_WEEKDAYS.find(([k]) => Math.abs(k.length - w.length) <= 1 && editDistance(w, k) <= 1)?.[1],
  );
}
const fuzzyDayWords = new Map<string, DayWord | undefined>();

interface Scan {
  scores: Map<Kind, { score: number; fuzzy: boolean }>;
  date?: AgendaRange;
  /** "Team", "Kollegen": the agenda asked for is the team's. */
  team: boolean;
  /** Words that matched nothing (neither a keyword nor a date nor filler). */
  unmatched: number;
}

/**
 * Words that make an agenda the team's ("Termine Team", "Team-Agenda", "Termine der Kollegen"). Alone
 * they weigh little ("Team" alone is only offered); compounds name the team agenda by themselves.
 */
const TEAM_WORDS: Record<string, number> = {
  team: 1,
  teams: 1,
  kollegen: 1,
  kolleginnen: 1,
  colleagues: 1,
  teamagenda: 3,
  'team-agenda': 3,
  teamtermine: 3,
  'team-termine': 3,
};

const FILLER = new Set([
  'am',
  'an',
  'den',
  'der',
  'die',
  'das',
  'fuer',
  'for',
  'on',
  'a',
  'an',
  'the',
  'ein',
  'einen',
  'eine',
  'bitte',
  'please',
  'ich',
  'i',
  'bin',
  'am',
  'mich',
  'zu',
  'ab',
  'bis',
  'von',
  'im',
  'in',
  'was',
  'wie',
  'what',
  'can',
  'you',
  'do',
  'du',
  'mir',
  'me',
]);

/** A date typed in digits (day-words.ts); here "5.12" without its last dot is a date too (commands take no times). */
function explicitDate(word: string, today: LocalDate): LocalDate | undefined {
  const typed = typedDate(word, today);
  if (typed) return typed.kind === 'date' ? typed.date : undefined;
  const m = /^(\d{1,2})\.(\d{1,2})$/.exec(word);
  return m ? dayMonth(+m[1]!, +m[2]!, today) : undefined;
}

function scan(words: string[], todayDate: LocalDate): Scan {
  const scores = new Map<Kind, { score: number; fuzzy: boolean }>();
  let date: AgendaRange | undefined;
  let unmatched = 0;
  let nextWeek = false;
  let team = false;
  const add = (kind: Kind, weight: number, fuzzy: boolean) => {
    const s = scores.get(kind) ?? { score: 0, fuzzy: false };
    scores.set(kind, { score: s.score + weight, fuzzy: s.fuzzy || fuzzy });
  };
  for (const w of words) {
    const explicit = explicitDate(w, todayDate);
    if (explicit) {
      date = { kind: 'date', date: explicit };
      continue;
    }
    const dayWord = dayWordOf(w);
    if (dayWord?.kind === 'day') {
      const { offset } = dayWord;
      date =
        offset === 0
          ? { kind: 'today' }
          : offset === 1
            ? { kind: 'tomorrow' }
            : { kind: 'date', date: addDays(todayDate, offset) };
      continue;
    }
    if (dayWord?.kind === 'next') {
      nextWeek = true;
      continue;
    }
    if (dayWord?.kind === 'week') {
      date = { kind: 'week', offsetWeeks: nextWeek ? 1 : 0 };
      continue;
    }
    if (w === 'diese' || w === 'this') continue;
    // "so"/"do"/"mo" are also ordinary words; count them as days only next to a command word.
    if (dayWord?.kind === 'weekday' && (w.length > 2 || words.length > 1)) {
      // The next such day from today on; "nächsten Freitag" / "next Friday" is the one of next week.
      date = { kind: 'date', date: weekdayDate(todayDate, dayWord.weekday, nextWeek) };
      continue;
    }
    const teamWeight = TEAM_WORDS[w];
    if (teamWeight !== undefined) {
      team = true;
      add('my-appointments', teamWeight, false);
      continue;
    }
    const exact = KEYWORDS[w];
    if (exact) {
      for (const [k, weight] of exact) add(k, weight, false);
      continue;
    }
    if (FILLER.has(w)) continue;
    const near = keywordNear(w);
    if (near) for (const [k, weight] of near) add(k, weight, true);
    else unmatched++;
  }
  if (!date && nextWeek) date = { kind: 'week', offsetWeeks: 1 };
  return { scores, date, unmatched, team };
}

/**
 * The keyword a word not found as such stands for: the closest within its typos, else a compound
 * containing one ("terminbuchung", "krankgemeldet"). Remembered per word (bounded): every turn's
 * unknown words were compared with all keywords again.
 */
function keywordNear(w: string): readonly [Kind, number][] | undefined {
  return remember(nearKeywords, w, 2000, () => keywordNearUncached(w));
}
const nearKeywords = new Map<string, readonly [Kind, number][] | undefined>();

function keywordNearUncached(w: string): readonly [Kind, number][] | undefined {
  const typos = allowedTypos(w);
  let best: { d: number; hits: [Kind, number][] } | undefined;
  if (typos > 0) {
    for (const [kw, hits] of Object.entries(KEYWORDS)) {
      if (Math.abs(kw.length - w.length) > typos) continue;
      const d = editDistance(w, kw);
      if (d <= Math.min(typos, allowedTypos(kw) || 0) && (!best || d < best.d)) best = { d, hits };
    }
  }
  if (best) return best.hits;
  for (const [kw, hits] of Object.entries(KEYWORDS))
    if (kw.length >= 5 && w.length > kw.length && w.includes(kw)) return hits;
  return undefined;
}

/** The words that say which absence ("quarantäne" → quarantine); the form preselects it. */
const ABSENCE_WORDS: Readonly<Record<string, AbsenceKind>> = {
  krank: 'sick',
  krankmeldung: 'sick',
  sick: 'sick',
  urlaub: 'leave',
  leave: 'leave',
  quarantaene: 'quarantine',
  quarantine: 'quarantine',
  homeoffice: 'home-office-only',
};

function absenceKindIn(words: readonly string[]): AbsenceKind | undefined {
  for (const w of words) {
    const hit =
      ABSENCE_WORDS[w] ?? Object.entries(ABSENCE_WORDS).find(([k]) => w.length > k.length && w.includes(k))?.[1];
    if (hit) return hit;
  }
  return undefined;
}

function toCommand(
  kind: Kind,
  date: AgendaRange | undefined,
  today: LocalDate,
  team = false,
  absence?: AbsenceKind,
): Command {
  const day = !date
    ? undefined
    : date.kind === 'date'
      ? date.date
      : date.kind === 'today'
        ? today
        : date.kind === 'tomorrow'
          ? addDays(today, 1)
          : addDays(mondayOf(today), 7 * date.offsetWeeks);
  switch (kind) {
    case 'book':
      return day ? { kind, day } : { kind };
    case 'summary':
      return day ? { kind, day } : { kind };
    case 'my-appointments':
      return { kind: team ? 'team-agenda' : kind, range: date ?? { kind: 'today' } };
    case 'team-agenda':
      return { kind, range: date ?? { kind: 'today' } };
    case 'absent':
      return absence ? { kind, absence } : { kind };
    case 'help':
      return { kind };
    case 'outage':
      return { kind };
    case 'calendar-link':
      return { kind };
    case 'search':
      return { kind, text: '' };
    case 'report':
      return { kind, text: '' };
  }
}

/**
 * "Mein Kalender", "my calendar", "Kalender-Link", "Kalender abonnieren": the feed link. Only these
 * phrases: "Kalender" alone stays the agenda, as it always was.
 */
const CALENDAR_LINK =
  /^(?:(?:mein|meinen|my) (?:kalender|calendar)(?: ?(?:link|feed|abo|url|abonnieren))?|(?:kalender|calendar) ?(?:link|feed|abo|url|abonnieren|subscription)|(?:subscribe|abonnieren) (?:kalender|calendar))$/;

/**
 * Recognises a command in free text. `now` is the current instant (dates are relative to the
 * Europe/Berlin day it falls on).
 */
export function recognizeCommand(text: string, now: number): Recognition {
  // The Berlin day from the domain's cached offsets: luxon's zone lookup cost ~50 µs a turn here.
  const today = localDateOf(now);
  const norm = normalise(text);
  if (!norm) return { status: 'unknown' };
  if (CALENDAR_LINK.test(norm.replace(/-/g, ' ').replace(/\s+/g, ' ')))
    return { status: 'run', command: { kind: 'calendar-link' }, corrected: false };
  const words = norm.split(' ');
  const { scores, date, unmatched, team } = scan(words, today);

  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const [first, second] = ranked;
  if (!first) {
    // Only a date ("morgen", "Freitag", "5.12.") is a question about one's agenda.
    if (date && unmatched === 0)
      return { status: 'run', command: toCommand('my-appointments', date, today), corrected: false };
    const closest = closestByPhrase(norm);
    return closest ? { status: 'suggest', command: toCommand(closest, date, today) } : { status: 'unknown' };
  }
  const [kind, { score, fuzzy }] = first;
  const clearWinner = !second || second[1].score < score;
  // A date with "termin" alone reads as the agenda ("Termine Freitag"), not as booking.
  if (kind === 'book' && score < 2 && date) return { status: 'suggest', command: toCommand('book', date, today) };
  const absence = kind === 'absent' ? absenceKindIn(words) : undefined;
  if (clearWinner && score >= 2 && unmatched <= 2)
    return { status: 'run', command: toCommand(kind, date, today, team, absence), corrected: fuzzy };
  return { status: 'suggest', command: toCommand(kind, date, today, team, absence) };
}

function closestByPhrase(norm: string): Kind | undefined {
  let best: { kind: Kind; ratio: number } | undefined;
  // The commands' labels in both languages ("Termin buchen", "Book"): what a near miss was meant to be.
  for (const kind of Object.keys(commandTexts.de) as Kind[]) {
    for (const p of [commandTexts.de[kind], commandTexts.en[kind]]) {
      const target = normalise(p);
      const longer = Math.max(norm.length, target.length);
      // The distance is at least the difference in length: a label that cannot come closer is skipped.
      if (Math.abs(norm.length - target.length) / longer > Math.min(0.5, best?.ratio ?? 0.5)) continue;
      const ratio = editDistance(norm, target) / longer;
      if (!best || ratio < best.ratio) best = { kind, ratio };
    }
  }
  return best && best.ratio <= 0.5 ? best.kind : undefined;
}

/**
 * recognizeCommand plus one-sentence bookings: a sentence that names a service ("Kfz morgen"), a
 * channel ("Video Freitag") or says "buchen"/"book" with anything else is a booking with what it
 * gave (`sentence`), unless it clearly is another command ("meine Termine morgen", "krank").
 * "Termin stornieren" stays what recognizeCommand makes of it: "Termin" alone is no booking word.
 */
export function recognizeWithDirectory(text: string, now: number, directory: Directory): Recognition {
  const report = explicitReport(text);
  if (report) return { status: 'run', command: report, corrected: false };
  const explicit = explicitSearch(text);
  if (explicit) return { status: 'run', command: explicit, corrected: false };
  const r = recognizeCommand(text, now);
  // Another command than the agenda or a booking stays what it is whatever the sentence parser finds, and
  // the agenda becomes a search only when it is about a citizen: then the parser (the costly part) is skipped.
  if (r.status === 'run' && r.command.kind !== 'book' && (r.command.kind !== 'my-appointments' || !aboutOne(text)))
    return r;
  const s = parseBookingSentence(text, directory, { now });
  const sentence = searchSentence(text, r, s);
  if (sentence) return { status: 'run', command: sentence, corrected: false };
  const other = r.status === 'run' && r.command.kind !== 'book';
  const named = s.services.length > 0 || s.serviceCandidates.length > 0;
  const booking =
    (named && !other) ||
    (!other && s.channel !== undefined) ||
    (!other && s.bookingWord === 'strong') ||
    (r.status !== 'unknown' && r.command.kind === 'book' && (s.time !== undefined || s.partOfDay !== undefined));
  if (!booking) return r;
  return {
    status: 'run',
    command: { kind: 'book', ...(s.day ? { day: s.day } : {}), sentence: s },
    corrected: r.status === 'run' && r.corrected,
  };
}

/** "auswertung …", "report …", "statistik …": the rest of the text is the period (report-range.ts reads it). */
const REPORT_VERB = /^\s*(?:auswertung(?:en)?|report|statistik)(?:\s+|$)/i;

function explicitReport(text: string): Command | undefined {
  const plain = text.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  const m = REPORT_VERB.exec(plain);
  return m ? { kind: 'report', text: plain.slice(m[0].length).trim() } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Searching for appointments

/** "suchen …", "suche …", "find …", "search …", "finde …": the rest of the text is what to look for. */
const SEARCH_VERB = /^\s*(?:such(?:e|en)?|find(?:e|en)?|search)(?:\s+|$)/i;

/** A search typed as such, or a reference alone ("T-4K7Q"). */
function explicitSearch(text: string): Command | undefined {
  const plain = text.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  const m = SEARCH_VERB.exec(plain);
  if (m) return { kind: 'search', text: plain.slice(m[0].length).trim() };
  if (typedReference(plain) && /^t[\s-]?/i.test(plain)) return { kind: 'search', text: plain };
  return undefined;
}

/** Words that make a sentence about an existing appointment of a citizen rather than one's agenda or a booking. */
const ABOUT_A_CITIZEN = new Set(['frau', 'herr', 'herrn', 'mrs', 'mr', 'ms']);
const ACTION_ON_ONE = new Set(['verschieben', 'absagen', 'stornieren', 'loeschen', 'cancel', 'reschedule', 'move']);
const OF_WHOM = /^(?:termine?|appointments?) (?:von|vom|fuer|mit|of|for|with) /;

/**
 * "Termin von Frau Brandt", "Brandt verschieben", "Termin Gisela Brandt absagen": a sentence about a
 * citizen's appointment (a salutation, "Termin von …", or moving/cancelling with a name) that books
 * nothing (no service, no "buchen"). The words the sentence parser did not understand are the name.
 */
/** "Frau …", "… verschieben", "Termine von …": the text is about one citizen or appointment. */
function aboutOne(text: string): boolean {
  const norm = normalise(text);
  const words = norm.split(' ');
  return words.some((w) => ABOUT_A_CITIZEN.has(w)) || words.some((w) => ACTION_ON_ONE.has(w)) || OF_WHOM.test(norm);
}

function searchSentence(text: string, r: Recognition, s: BookingSentence): Command | undefined {
  if (s.services.length > 0 || s.serviceCandidates.length > 0 || s.bookingWord === 'strong') return undefined;
  if (r.status === 'run' && r.command.kind !== 'my-appointments' && r.command.kind !== 'book') return undefined;
  if (!aboutOne(text)) return undefined;
  // Command words ("hilfe", "termine") are no name, even where the sentence parser did not place them.
  const name = s.unknownWords.filter((w) => !Object.hasOwn(KEYWORDS, normalise(w))).join(' ');
  const parsed = parseSearch(name);
  return parsed.ok && parsed.key.kind === 'name' ? { kind: 'search', text: name } : undefined;
}
