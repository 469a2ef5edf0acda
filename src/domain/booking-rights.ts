/**
 * Who may book into whose calendar.
 *
 * A staff member may book an appointment for services S into colleague C's calendar when
 *   - it is their own calendar, or
 *   - they supervise C's team (`supervises`, or their own team), or
 *   - C's team lists the booker's team in `bookableBy` (or says "everyone"), or
 *   - every service in S lists the booker's team in its `bookableBy` (or says "everyone").
 * C must offer every service in S (that is a booking rule, checked where the booking is validated).
 * The same right lets them reschedule, move or cancel such an appointment.
 * The directory file documents the two settings (README, docs/scheduling.md).
 */
import { indexDirectory } from './directory-index';
import { remember } from './memo';
import { offersAll } from './services';
import { supervisedTeams } from './supervision';
import type { Directory, Staff } from './types';

export { supervisedTeams };

const allows = (bookableBy: 'everyone' | readonly string[] | undefined, team: string) =>
  bookableBy === 'everyone' || (Array.isArray(bookableBy) && bookableBy.includes(team));

/** Whether `actor` may book (and then move or cancel) `serviceIds` into `target`'s calendar. */
export function mayBookInto(
  directory: Directory,
  actor: Staff,
  target: Staff,
  serviceIds: readonly string[] = [],
): boolean {
  if (actor.id === target.id) return true;
  if (supervisedTeams(actor, directory).includes(target.team)) return true;
  const index = indexDirectory(directory);
  if (allows(index.teamById(target.team)?.bookableBy, actor.team)) return true;
  return serviceIds.length > 0 && serviceIds.every((id) => allows(index.serviceById(id)?.bookableBy, actor.team));
}

/**
 * Everyone `actor` may book for these services and who offers all of them, in directory order
 * (the pool of a pooled search).
 */
export function bookingPool(directory: Directory, actor: Staff, serviceIds: readonly string[]): Staff[] {
  return kept(directory, `pool\n${actor.id}\n${serviceIds.join('\n')}`, () =>
    directory.staff.filter((s) => offersAll(s, serviceIds) && mayBookInto(directory, actor, s, serviceIds)),
  );
}

/**
 * Pools and colleague lists are asked for on every booking turn and checked each of the town's staff
 * members against the rights (~60 µs with 200 staff): kept per directory (a reload is a new object).
 */
const keptLists = new WeakMap<Directory, Map<string, readonly Staff[]>>();

function kept(directory: Directory, key: string, compute: () => Staff[]): Staff[] {
  let lists = keptLists.get(directory);
  if (!lists) keptLists.set(directory, (lists = new Map<string, readonly Staff[]>()));
  return [...remember(lists, key, 5000, compute)];
}

/**
 * The team of the team agenda: the people whose whole calendar `actor` may book — themselves first,
 * then in directory order the teams they supervise and the teams whose `bookableBy` names theirs.
 * Colleagues bookable only for single services (a service's `bookableBy`, e.g. "Auskunft" for
 * everyone) are not in it: with such a service a clerk's "team" would be nearly the whole town hall;
 * their appointments are found by the search.
 */
export function teamOf(directory: Directory, actor: Staff): Staff[] {
  return [actor, ...directory.staff.filter((s) => s.id !== actor.id && mayBookInto(directory, actor, s))];
}

/** Colleagues `actor` may book for at least one service (themselves first), e.g. for a "for whom" choice. */
export function bookableColleagues(directory: Directory, actor: Staff): Staff[] {
  return kept(directory, `colleagues\n${actor.id}`, () => [
    actor,
    ...directory.staff.filter(
      (s) => s.id !== actor.id && s.services.some((sv) => mayBookInto(directory, actor, s, [sv])),
    ),
  ]);
}
