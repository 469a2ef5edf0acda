/**
 * "Alle Termine dieser Person": the citizen's other appointments — past and future,
 * with their outcomes (a no-show last time is worth knowing) — found under the same email address or
 * phone number as one appointment, through the search index's keys (domain/search-keys.ts: email
 * lower case, phone E.164). The rights are the search's (`maySee`): only what the asker may book, never
 * what retention has anonymised. Audited like a search: who, how many hits — never the citizen's data.
 *
 * Also the booking's check for a duplicate: an upcoming appointment of the same citizen for the same
 * service (citizens who book twice block slots), offered to be moved instead.
 */
import type { Clock } from '../domain/clock';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { searchEntriesOf } from '../domain/search-keys';
import { serviceIdsOf } from '../domain/services';
import type { Appointment, Citizen, Directory } from '../domain/types';
import type { SearchAudit, SearchIndexReader } from './ports';
import { MAX_RESULTS, maySee, upcomingFirst } from './search-appointments';

export interface HistoryDeps {
  directory: Directory;
  clock: Clock;
  index: Pick<SearchIndexReader, 'idsUnder'>;
  appointments: { getMany(ids: readonly string[]): Promise<Appointment[]> };
}

export interface CitizenHistory {
  /** The appointment the history was opened from. */
  anchor: Appointment;
  /** Upcoming first (by start), then the past (latest first), the anchor among them; at most MAX_RESULTS. */
  appointments: Appointment[];
  total: number;
  truncated: boolean;
}

/** The index entries that name the citizen as a person: email and phone, not the name (namesakes are others). */
const contactEntries = (citizen: Pick<Citizen, 'email' | 'phone'>): string[] =>
  searchEntriesOf({ citizen: { name: '', language: 'de', ...citizen } })
    .map((e) => e.key)
    .filter((k) => !k.startsWith('n:'));

/** The appointments the actor may see under the same email or phone number, any status. */
async function sameCitizen(
  deps: HistoryDeps,
  actorId: string,
  citizen: Pick<Citizen, 'email' | 'phone'>,
): Promise<Appointment[]> {
  const actor = indexDirectory(deps.directory).staffById(actorId);
  const entries = contactEntries(citizen);
  if (!actor || entries.length === 0) return [];
  const ids = [...new Set((await deps.index.idsUnder(entries)).flat())];
  return (await deps.appointments.getMany(ids)).filter((a) => maySee(deps.directory, actor, a));
}

export async function citizenHistory(
  deps: HistoryDeps & { audit: SearchAudit },
  req: { actorId: string; appointmentId: string },
): Promise<CitizenHistory> {
  const actor = indexDirectory(deps.directory).staffById(req.actorId);
  const [anchor] = await deps.appointments.getMany([req.appointmentId]);
  if (!actor || !anchor || !maySee(deps.directory, actor, anchor))
    throw new DomainError('appointment-not-found', req.appointmentId);
  const found = await sameCitizen(deps, req.actorId, anchor.citizen);
  const list = found.some((a) => a.id === anchor.id) ? found : [...found, anchor];
  const now = deps.clock.now();
  const sorted = upcomingFirst(list, now);
  await deps.audit.record({ at: now, actor: req.actorId, kind: 'history', hits: sorted.length });
  return {
    anchor,
    appointments: sorted.slice(0, MAX_RESULTS),
    total: sorted.length,
    truncated: sorted.length > MAX_RESULTS,
  };
}

/**
 * An upcoming, booked appointment of the same citizen (same email or phone) for one of these services
 * that the clerk may see — the one to move instead of booking twice; the earliest if several.
 */
export async function upcomingDuplicate(
  deps: HistoryDeps,
  req: {
    actorId: string;
    citizen: Pick<Citizen, 'email' | 'phone'>;
    serviceIds: readonly string[];
    /**
     * The slot this booking holds: an appointment there is this very booking (a second press of the
     * same form after the first one booked it), never a duplicate of it.
     */
    held?: { staffId: string; start: number };
  },
): Promise<Appointment | undefined> {
  const now = deps.clock.now();
  const wanted = new Set(req.serviceIds);
  const isHeld = (a: Appointment) =>
    req.held !== undefined && a.staffId === req.held.staffId && a.start === req.held.start;
  return (await sameCitizen(deps, req.actorId, req.citizen))
    .filter((a) => a.status === 'booked' && a.end > now && serviceIdsOf(a).some((id) => wanted.has(id)) && !isHeld(a))
    .sort((x, y) => x.start - y.start)[0];
}
