/**
 * Lookups into the directory by id, built once per directory object (cached), so the slot engine
 * and the edges do not scan arrays again and again.
 */
import type { Directory, Service, Staff, Team } from './types';

export interface DirectoryIndex {
  readonly directory: Directory;
  serviceById(id: string): Service | undefined;
  staffById(id: string): Staff | undefined;
  /** AAD object ids compare case-insensitively (Teams sends them in either case). */
  staffByAad(aadObjectId: string): Staff | undefined;
  teamById(id: string): Team | undefined;
  /** Staff members who offer a service, in directory order. */
  staffOffering(serviceId: string): readonly Staff[];
  isHoliday(date: string): boolean;
}

const cache = new WeakMap<Directory, DirectoryIndex>();

export function indexDirectory(directory: Directory): DirectoryIndex {
  const hit = cache.get(directory);
  if (hit) return hit;
  const services = new Map(directory.services.map((s) => [s.id, s]));
  const staff = new Map(directory.staff.map((s) => [s.id, s]));
  const byAad = new Map(directory.staff.map((s) => [s.aadObjectId.toLowerCase(), s]));
  const teams = new Map(directory.teams.map((t) => [t.id, t]));
  const offering = new Map<string, Staff[]>();
  for (const s of directory.staff)
    for (const sv of s.services) {
      const list = offering.get(sv) ?? [];
      list.push(s);
      offering.set(sv, list);
    }
  const holidays = new Set(directory.holidays);
  const index: DirectoryIndex = {
    directory,
    serviceById: (id) => services.get(id),
    staffById: (id) => staff.get(id),
    staffByAad: (aad) => byAad.get(aad.toLowerCase()),
    teamById: (id) => teams.get(id),
    staffOffering: (serviceId) => offering.get(serviceId) ?? [],
    isHoliday: (date) => holidays.has(date),
  };
  cache.set(directory, index);
  return index;
}
