/**
 * Several services in one appointment (e.g. "Ummeldung + Personalausweis", as eappointment does).
 *
 * The combination behaves like one service to the slot engine and the booking rules:
 * - durations add up (the citizen is served for both, one after the other);
 * - buffers are the MAX of the befores and the max of the afters, not their sums: a buffer is set-up
 *   or wrap-up time around the visit as a whole (preparing the desk, writing up), and the services
 *   are served back to back with no hand-over in between, so adding them would waste the clerk's time;
 * - channels: only those every service allows; minimum notice: the longest; horizon: the shortest
 *   (each service's rule still holds for the whole appointment);
 * - only staff who offer every one of them can serve it.
 * A single service is returned as it is, so one-service bookings stay exactly as before.
 */
import { indexDirectory } from './directory-index';
import { DomainError } from './errors';
import type { Directory, Service, Staff } from './types';

/** At most this many services in one appointment (a visit, not a day). */
export const MAX_COMBINED_SERVICES = 4;

/** The services in order, each id once; throws 'unknown-service' / 'invalid-input'. */
export function servicesByIds(directory: Directory, ids: readonly string[]): Service[] {
  const index = indexDirectory(directory);
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new DomainError('unknown-service', 'no service given');
  if (unique.length > MAX_COMBINED_SERVICES)
    throw new DomainError('invalid-input', `at most ${MAX_COMBINED_SERVICES} services in one appointment`);
  return unique.map((id) => {
    const s = index.serviceById(id);
    if (!s) throw new DomainError('unknown-service', `service ${id}`);
    return s;
  });
}

const cache = new WeakMap<Directory, Map<string, Service>>();

/** One service standing for all of them (see the module comment); the first id is the primary one. */
export function combineServices(services: readonly Service[]): Service {
  const [first, ...rest] = services;
  if (!first) throw new DomainError('unknown-service', 'no service given');
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  return {
    id: first.id,
    name: {
      de: all.map((s) => s.name.de).join(' + '),
      en: all.map((s) => s.name.en).join(' + '),
    },
    durationMin: all.reduce((sum, s) => sum + s.durationMin, 0),
    bufferBeforeMin: Math.max(...all.map((s) => s.bufferBeforeMin)),
    bufferAfterMin: Math.max(...all.map((s) => s.bufferAfterMin)),
    channels: first.channels.filter((c) => rest.every((s) => s.channels.includes(c))),
    minNoticeMin: Math.max(...all.map((s) => s.minNoticeMin)),
    horizonDays: Math.min(...all.map((s) => s.horizonDays)),
    synonyms: { de: [], en: [] },
    // One sensitive service makes the whole visit one SMS must not name.
    ...(all.some((s) => s.sensitive) ? { sensitive: true } : {}),
    ...bringOfAll(all),
  };
}

/** What to bring for several services: each service's list once, in order. */
function bringOfAll(all: readonly Service[]): Pick<Service, 'bring'> {
  const lists = all.map((s) => s.bring).filter((b) => b !== undefined);
  if (lists.length === 0) return {};
  const join = (parts: string[], sep: string) => [...new Set(parts)].join(sep);
  return {
    bring: {
      de: join(
        lists.map((b) => b.de),
        '; ',
      ),
      en: join(
        lists.map((b) => b.en),
        '; ',
      ),
      short: {
        de: join(
          lists.map((b) => bringShort(b, 'de')),
          ', ',
        ),
        en: join(
          lists.map((b) => bringShort(b, 'en')),
          ', ',
        ),
      },
    },
  };
}

/** SMS carry at most this much of "what to bring" (the directory requires `short` for longer texts). */
export const BRING_SHORT_MAX = 60;

/** The SMS form of what to bring: `short`, or the text itself when it is short enough. */
export function bringShort(bring: NonNullable<Service['bring']>, lang: 'de' | 'en'): string {
  return bring.short?.[lang] ?? bring[lang];
}

/** The combined service for ids (cached per directory); a single id gives that service. */
export function serviceFor(directory: Directory, ids: readonly string[]): Service {
  const key = ids.join('+');
  let perDirectory = cache.get(directory);
  if (!perDirectory) cache.set(directory, (perDirectory = new Map<string, Service>()));
  const hit = perDirectory.get(key);
  if (hit) return hit;
  const combined = combineServices(servicesByIds(directory, ids));
  if (perDirectory.size < 1000) perDirectory.set(key, combined);
  return combined;
}

/** Whether a staff member offers every one of the services. */
export const offersAll = (staff: Pick<Staff, 'services'>, ids: readonly string[]): boolean =>
  ids.every((id) => staff.services.includes(id));

/** The service ids of an appointment: `serviceIds` when it has several, else its one `serviceId`. */
export const serviceIdsOf = (a: { serviceId: string; serviceIds?: readonly string[] }): string[] =>
  a.serviceIds && a.serviceIds.length > 0 ? [...a.serviceIds] : [a.serviceId];
