/**
 * "Suchen": whoever answers the phone finds the citizen's appointment — booked
 * by anyone, served by any colleague they may book — by name (one typo in names of five letters or
 * more), phone number, email address, appointment reference or date.
 *
 * Only appointments of the asker and of colleagues the directory lets them book for the appointment's
 * services (booking-rights.ts, the same right that lets them move or cancel it); nothing retention has
 * anonymised; at most MAX_RESULTS, upcoming first. Every search is audited as who searched and how
 * many hits — never what was searched.
 */
import { mayBookInto } from '../domain/booking-rights';
import type { Clock } from '../domain/clock';
import { indexDirectory } from '../domain/directory-index';
import { nameMatches, typoBuckets, type SearchKey } from '../domain/search-keys';
import { serviceIdsOf } from '../domain/services';
import type { Appointment, Directory, Staff } from '../domain/types';
import type { SearchAudit, SearchIndexReader } from './ports';

export const MAX_RESULTS = 50;

export interface SearchDeps {
  directory: Directory;
  clock: Clock;
  index: SearchIndexReader;
  appointments: { getMany(ids: readonly string[]): Promise<Appointment[]> };
  audit: SearchAudit;
}

export interface SearchResult {
  key: SearchKey;
  /** Upcoming first (by start), then the past (latest first); at most MAX_RESULTS. */
  appointments: Appointment[];
  /** How many the asker may see in all (more than shown when `truncated`). */
  total: number;
  truncated: boolean;
}

/** Whether `actor` may see (and so act on) this appointment: their own, or a colleague's they may book it for. */
export function maySee(directory: Directory, actor: Staff, a: Appointment): boolean {
  if (a.anonymised) return false;
  if (a.staffId === actor.id) return true;
  const staff = indexDirectory(directory).staffById(a.staffId);
  return !!staff && mayBookInto(directory, actor, staff, serviceIdsOf(a));
}

/** Upcoming (not yet ended) by start, then the past latest first. */
export function upcomingFirst(list: readonly Appointment[], now: number): Appointment[] {
  const upcoming = list.filter((a) => a.end > now).sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));
  const past = list.filter((a) => a.end <= now).sort((x, y) => y.start - x.start || x.id.localeCompare(y.id));
  return [...upcoming, ...past];
}

/** Ids of appointments whose citizen's name has every word (prefixes from 3 letters, one typo from 5). */
async function idsByName(index: SearchIndexReader, words: readonly string[]): Promise<Set<string>> {
  let result: Set<string> | undefined;
  for (const word of words) {
    const names = new Set<string>([word]);
    if (word.length >= 3) for (const n of await index.namesStartingWith(word)) names.add(n);
    if (word.length >= 5) {
      const { prefix, suffix } = typoBuckets(word);
      const [byStart, byEnd] = await Promise.all([index.namesStartingWith(prefix), index.namesEndingWith(suffix)]);
      for (const n of [...byStart, ...byEnd]) if (nameMatches(word, n)) names.add(n);
    }
    const lists = await index.idsUnder([...names].map((n) => `n:${n}`));
    const ids = new Set(lists.flat());
    result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
    if (result.size === 0) break;
  }
  return result ?? new Set();
}

async function candidateIds(index: SearchIndexReader, key: SearchKey): Promise<string[]> {
  switch (key.kind) {
    case 'reference': {
      const id = await index.byReference(key.code);
      if (id) return [id];
      return key.words.length ? [...(await idsByName(index, key.words))] : [];
    }
    case 'phone':
      return (await index.idsUnder([`p:${key.key}`]))[0] ?? [];
    case 'email':
      return (await index.idsUnder([`e:${key.key}`]))[0] ?? [];
    case 'date':
      return index.idsOnDay(key.date);
    case 'name':
      return [...(await idsByName(index, key.words))];
  }
}

export async function searchAppointments(
  deps: SearchDeps,
  req: { actorId: string; key: SearchKey },
): Promise<SearchResult> {
  const actor = indexDirectory(deps.directory).staffById(req.actorId);
  const ids = actor ? await candidateIds(deps.index, req.key) : [];
  const visible = actor ? (await deps.appointments.getMany(ids)).filter((a) => maySee(deps.directory, actor, a)) : [];
  const now = deps.clock.now();
  const sorted = upcomingFirst(visible, now);
  await deps.audit.record({ at: now, actor: req.actorId, kind: req.key.kind, hits: sorted.length });
  return {
    key: req.key,
    appointments: sorted.slice(0, MAX_RESULTS),
    total: sorted.length,
    truncated: sorted.length > MAX_RESULTS,
  };
}
