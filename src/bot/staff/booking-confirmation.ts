/** The confirmation card of a booking or a move, and what an old confirm card says when the appointment is gone. */
import { placeLine } from '../../domain/address';
import { assertMayActFor } from '../../app/book';
import { supervisedTeams } from '../../domain/booking-rights';
import { indexDirectory } from '../../domain/directory-index';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import { citizenIsReminded } from '../../domain/booking-rules';
import { readAloudText } from '../../invitations/appointment-text';
import type { Appointment, Directory, Language, Staff } from '../../domain/types';
import { closedCard, confirmationCard } from '../cards/booking-cards';
import type { BotTurn } from '../command-router';
import { named, type CardLike } from './common';
import { staffTexts } from './texts';
import { serviceNamed, type Deps } from './booking-flow';

export function confirmationCardFor(
  turn: BotTurn,
  deps: Deps,
  a: Appointment,
  extra: { meetingFailed?: boolean; rescheduled?: boolean } = {},
): CardLike {
  const staff = assertMayActFor(turn.directory, turn.staff.id, a.staffId, serviceIdsOf(a));
  const index = indexDirectory(turn.directory);
  const bookedBy =
    a.createdBy !== turn.staff.id && a.createdBy !== a.staffId ? index.staffById(a.createdBy) : undefined;
  return confirmationCard({
    lang: turn.lang,
    appointmentId: a.id,
    forStaff: named(staff),
    self: staff.id === turn.staff.id,
    service: serviceNamed(serviceFor(turn.directory, serviceIdsOf(a)), turn.lang),
    channel: a.channel,
    start: a.start,
    end: a.end,
    citizenName: a.citizen.name,
    ...(a.ref ? { reference: a.ref } : {}),
    ...(a.citizen.email ? { citizenEmail: a.citizen.email } : { readAloud: readAloudText(a, turn.directory) }),
    ...(a.citizen.phone ? { citizenPhone: a.citizen.phone } : {}),
    ...(a.citizen.smsConsent ? { citizenSms: true } : {}),
    ...(bookedBy ? { bookedBy: bookedBy.name } : {}),
    ...(a.meetingUrl ? { meetingUrl: a.meetingUrl } : {}),
    ...(extra.meetingFailed ? { meetingFailed: true } : {}),
    ...(a.channel === 'in-person' ? { location: locationOf(turn.directory, staff) } : {}),
    ...(citizenIsReminded({ email: a.citizen.email, bookedAt: a.createdAt, start: a.start }, deps.staff.reminderMinutes)
      ? { reminderMinutes: deps.staff.reminderMinutes }
      : {}),
    ...(extra.rescheduled ? { rescheduled: true } : {}),
    colleagueAgenda: supervisedTeams(turn.staff, turn.directory).includes(staff.team),
  });
}

export function locationOf(directory: Directory, staff: Staff): string {
  const team = indexDirectory(directory).teamById(staff.team);
  return placeLine(staff.room, team?.location ?? directory.organisation.address);
}

/** What is true when an old confirm card is pressed after its appointment was cancelled or has taken place. */
export function notBookedAnyMoreCard(lang: Language, a: Appointment): CardLike {
  return closedCard(
    lang,
    a.status === 'cancelled' ? staffTexts[lang].bookedThenCancelled : staffTexts[lang].bookedThenOver,
  );
}
