/**
 * The booking flow's state as the cards carry it (cards/actions.ts): which services, channel and
 * colleague, who serves a held slot, the wish of a one-sentence booking, and the use cases' ports
 * for a turn. Shared by the steps (booking-slots.ts, booking-details.ts, booking-confirmation.ts)
 * and the handlers (booking.ts).
 */
import type { PartOfDay } from '../../app/pooled-search';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { serviceFor } from '../../domain/services';
import type { Channel, Directory, Language, Service } from '../../domain/types';
import type { ActionOf } from '../cards/actions';
import type { Flow } from '../cards/booking-cards';
import type { BotTurn } from '../command-router';
import type { StaffServices } from './common';

export type Deps = { clock: Clock; staff: StaffServices };

/** The flow's service ids: `serviceIds` when several, else `serviceId`. */
export const flowIds = (f: { serviceId: string; serviceIds?: readonly string[] | undefined }): string[] =>
  f.serviceIds && f.serviceIds.length > 1 ? [...new Set(f.serviceIds)] : [f.serviceId];

/** The service (or combination) a flow books, for names and durations. */
export const flowService = (
  directory: Directory,
  f: { serviceId: string; serviceIds?: readonly string[] | undefined },
) => serviceFor(directory, flowIds(f));

export const serviceNamed = (s: Service, lang: Language) => ({ id: s.id, name: s.name[lang] });

export const flowOf = (a: {
  forStaffId?: string | undefined;
  serviceId: string;
  serviceIds?: string[] | undefined;
  channel: Channel;
}): Flow => ({
  ...(a.forStaffId ? { forStaffId: a.forStaffId } : {}),
  serviceId: a.serviceId,
  ...(a.serviceIds && a.serviceIds.length > 1 ? { serviceIds: a.serviceIds } : {}),
  channel: a.channel,
});

/** Who serves a held slot: the slot's colleague, else the named one, else the clerk (old cards). */
export const servingOf = (turn: BotTurn, a: { staffId?: string | undefined; forStaffId?: string | undefined }) =>
  a.staffId ?? a.forStaffId ?? turn.staff.id;

/** The booking use cases' ports for this turn (app/book.ts). */
export const bookingDepsOf = (turn: BotTurn, deps: Deps) => ({
  directory: turn.directory,
  clock: deps.clock,
  store: deps.staff.appointments,
  absences: deps.staff.absences,
  holdTtlSeconds: deps.staff.holdTtlSeconds,
  ...(deps.staff.calendars ? { calendars: deps.staff.calendars } : {}),
});

export const staffName = (turn: BotTurn, id: string) => indexDirectory(turn.directory).staffById(id)?.name ?? id;

/** The time or part of the day a one-sentence booking carried on a button (cards/actions.ts `wish`). */
export const wishOf = (a: { time?: string | undefined; part?: PartOfDay | undefined }) => ({
  ...(a.time ? { time: a.time } : {}),
  ...(a.part ? { partOfDay: a.part } : {}),
});

/** The service ids a "book.service" press chose: the ticked ones for "book together", else the button's one. */
export function chosenServices(a: ActionOf<'book.service'>): string[] {
  const ids = a.combine
    ? [...(a.serviceId ? [a.serviceId] : []), ...(a.serviceIds ?? [])]
    : a.serviceId
      ? [a.serviceId]
      : [];
  return [...new Set(ids)];
}
