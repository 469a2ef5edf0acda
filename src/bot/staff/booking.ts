/**
 * "Termin buchen" (journey 1): service → channel → earliest free slots (other day / more) → hold →
 * citizen details → review → confirm → confirmation card. The flow's state travels in the card data
 * (cards/actions.ts); every step re-checks permissions and rules in the use cases (src/app/book.ts).
 *
 * Slot taken or hold expired at hold/confirm time: the slot card comes back with a plain notice and
 * the next free slots. A double-clicked confirm books once (idempotent on the card's client key).
 */
import { assertMayActFor, attachMeeting, bookableStaff, confirmBooking, holdSlot, searchSlots } from '../../app/book';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { citizenIsReminded } from '../../domain/booking-rules';
import { DomainError, isDomainError } from '../../domain/errors';
import type { NoSlotReason } from '../../domain/slots';
import { localDateOf } from '../../domain/time';
import type { Appointment, Channel, Directory, Language, LocalDate, Service, Staff } from '../../domain/types';
import type { ActionOf } from '../cards/actions';
import {
  channelCard,
  closedCard,
  confirmationCard,
  detailsCard,
  reviewCard,
  serviceCard,
  slotsCard,
  type Flow,
  type SlotMode,
  type SlotRange,
} from '../cards/booking-cards';
import { errorText } from '../cards/errors';
import { tr } from '../cards/format';
import type { Command } from '../commands';
import type { BotRouter } from '../handlers';
import type { BotTurn } from '../router';
import { cardHandler, named, sendCard, typing, type CardLike, type StaffServices } from './common';
import { z } from 'zod';

type Deps = { clock: Clock; staff: StaffServices };

function serviceOf(directory: Directory, id: string): Service {
  const s = indexDirectory(directory).serviceById(id);
  if (!s) throw new DomainError('unknown-service', id);
  return s;
}

const serviceNamed = (s: Service, lang: Language) => ({ id: s.id, name: s.name[lang] });

export function locationOf(directory: Directory, staff: Staff): string {
  const team = directory.teams.find((t) => t.id === staff.team);
  return [staff.room, team?.location ?? directory.organisation.address].filter(Boolean).join(', ');
}

function emptyReasonText(reason: NoSlotReason | undefined, lang: Language): string | undefined {
  switch (reason) {
    case 'no-staff-offers':
      return tr(lang, 'Für dieses Anliegen ist niemand eingetragen.', 'Nobody offers this service.');
    case 'outside-horizon':
      return tr(
        lang,
        'Dieser Tag liegt außerhalb des buchbaren Zeitraums.',
        'This day is outside the bookable period.',
      );
    case 'not-working':
      return tr(
        lang,
        'An diesem Tag wird nicht gearbeitet (Wochenende, Feiertag, Abwesenheit oder kein Dienst vor Ort).',
        'Nobody works then (weekend, holiday, absence or not on site).',
      );
    case 'fully-booked':
      return tr(
        lang,
        'Bis zum Ende des buchbaren Zeitraums ist alles belegt.',
        'Everything is booked until the end of the bookable period.',
      );
    default:
      return undefined;
  }
}

function serviceCardFor(turn: BotTurn, forStaffId: string, day?: LocalDate): CardLike {
  const target = assertMayActFor(turn.directory, turn.staff.id, forStaffId);
  const index = indexDirectory(turn.directory);
  const colleagues = bookableStaff(turn.directory, turn.staff.id);
  return serviceCard({
    lang: turn.lang,
    forStaff: named(target),
    self: target.id === turn.staff.id,
    services: target.services
      .map((id) => index.serviceById(id))
      .filter((s): s is Service => !!s)
      .map((s) => serviceNamed(s, turn.lang)),
    ...(colleagues.length > 1 ? { colleagues: colleagues.map(named) } : {}),
    ...(day ? { day } : {}),
  });
}

/**
 * The slot step (or the same step with `notice` after a refusal): of a new booking, or of a
 * reschedule (`rescheduling`), where the appointment's own block is free and its own time is no new time.
 */
export async function slotsCardFor(
  turn: BotTurn,
  deps: Deps,
  flow: Flow,
  opts: {
    day?: LocalDate;
    after?: number;
    notice?: string;
    rescheduling?: { appointment: Appointment; range?: SlotRange };
  } = {},
): Promise<CardLike> {
  const target = assertMayActFor(turn.directory, turn.staff.id, flow.forStaffId);
  const service = serviceOf(turn.directory, flow.serviceId);
  const moving = opts.rescheduling?.appointment;
  const result = await searchSlots(
    { directory: turn.directory, clock: deps.clock, store: deps.staff.appointments, absences: deps.staff.absences },
    {
      actorId: turn.staff.id,
      staffId: flow.forStaffId,
      serviceId: flow.serviceId,
      channel: flow.channel,
      ...(moving ? { ignoreAppointmentId: moving.id } : {}),
      ...(opts.day ? { day: opts.day } : {}),
      ...(opts.after !== undefined ? { after: opts.after } : {}),
    },
  );
  const range = opts.rescheduling?.range;
  const mode: SlotMode = moving
    ? {
        kind: 'reschedule',
        appointmentId: moving.id,
        sequence: moving.sequence,
        current: { start: moving.start, end: moving.end },
        citizenName: moving.citizen.name,
        ...(range ? { range } : {}),
      }
    : { kind: 'book', flow };
  return slotsCard({
    lang: turn.lang,
    mode,
    forStaff: named(target),
    self: target.id === turn.staff.id,
    service: serviceNamed(service, turn.lang),
    channel: flow.channel,
    slots: result.slots.filter((s) => s.start !== moving?.start).map((s) => ({ start: s.start, end: s.end })),
    ...(opts.day ? { day: opts.day } : {}),
    today: localDateOf(deps.clock.now()),
    lastBookableDate: result.lastBookableDate,
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(result.slots.length === 0 ? { emptyReason: emptyReasonText(result.reason, turn.lang) } : {}),
    more: result.slots.length > 0,
  });
}

const takenNotice = (lang: Language) =>
  tr(
    lang,
    'Die gewählte Zeit ist inzwischen vergeben. Hier sind die nächsten freien Termine.',
    'The time you chose has been taken in the meantime. Here are the next free times.',
  );

const flowOf = (a: { forStaffId: string; serviceId: string; channel: Channel }): Flow => ({
  forStaffId: a.forStaffId,
  serviceId: a.serviceId,
  channel: a.channel,
});

/** Citizen details as the details/review cards need them; `invalid` lists what is missing. */
const detailsSchema = z.object({
  citizenName: z.string().min(1).max(120),
  citizenEmail: z.email().max(254),
  citizenLanguage: z.enum(['de', 'en']).default('de'),
  note: z.string().max(500).optional(),
});
const phoneSchema = z.string().regex(/^\+?[0-9 ()/-]{5,40}$/);

type HeldAction = ActionOf<'book.details' | 'book.edit' | 'book.confirm'>;

function heldView(turn: BotTurn, deps: Deps, a: HeldAction) {
  const target = assertMayActFor(turn.directory, turn.staff.id, a.forStaffId);
  const service = serviceOf(turn.directory, a.serviceId);
  return {
    lang: turn.lang,
    flow: flowOf(a),
    forStaff: named(target),
    self: target.id === turn.staff.id,
    service: serviceNamed(service, turn.lang),
    start: a.start,
    end: a.start + service.durationMin * 60_000,
    holdToken: a.holdToken,
    // Cards from before holdExpiresAt was carried: the hold lasts HOLD_TTL_SECONDS from about now.
    holdExpiresAt: a.holdExpiresAt ?? deps.clock.now() + deps.staff.holdTtlSeconds * 1000,
    clientKey: a.clientKey,
  };
}

const valuesOf = (a: HeldAction) => ({
  ...(a.citizenName ? { citizenName: a.citizenName } : {}),
  ...(a.citizenEmail ? { citizenEmail: a.citizenEmail } : {}),
  ...(a.citizenPhone ? { citizenPhone: a.citizenPhone } : {}),
  ...(a.note ? { note: a.note } : {}),
  ...(a.citizenLanguage ? { citizenLanguage: a.citizenLanguage } : {}),
});

export function confirmationCardFor(
  turn: BotTurn,
  deps: Deps,
  a: Appointment,
  extra: { meetingFailed?: boolean; rescheduled?: boolean } = {},
): CardLike {
  const staff = assertMayActFor(turn.directory, turn.staff.id, a.staffId);
  return confirmationCard({
    lang: turn.lang,
    appointmentId: a.id,
    forStaff: named(staff),
    self: staff.id === turn.staff.id,
    service: serviceNamed(serviceOf(turn.directory, a.serviceId), turn.lang),
    channel: a.channel,
    start: a.start,
    end: a.end,
    citizenName: a.citizen.name,
    citizenEmail: a.citizen.email,
    ...(a.citizen.phone ? { citizenPhone: a.citizen.phone } : {}),
    ...(a.meetingUrl ? { meetingUrl: a.meetingUrl } : {}),
    ...(extra.meetingFailed ? { meetingFailed: true } : {}),
    ...(a.channel === 'in-person' ? { location: locationOf(turn.directory, staff) } : {}),
    ...(citizenIsReminded(a.createdAt, a.start, deps.staff.reminderMinutes)
      ? { reminderMinutes: deps.staff.reminderMinutes }
      : {}),
    ...(extra.rescheduled ? { rescheduled: true } : {}),
  });
}

/** What is true when an old confirm card is pressed after its appointment was cancelled or has taken place. */
function notBookedAnyMoreCard(lang: Language, a: Appointment): CardLike {
  return closedCard(
    lang,
    a.status === 'cancelled'
      ? tr(
          lang,
          'Dieser Termin wurde schon gebucht und inzwischen abgesagt. Es wurde nichts neu gebucht und keine Einladung verschickt.',
          'This appointment was booked before and has been cancelled since. Nothing was booked again and no invitation was sent.',
        )
      : tr(
          lang,
          'Dieser Termin wurde schon gebucht und ist inzwischen abgeschlossen. Es wurde nichts neu gebucht.',
          'This appointment was booked before and is over now. Nothing was booked again.',
        ),
  );
}

export async function startBooking(turn: BotTurn, command: Extract<Command, { kind: 'book' }>): Promise<void> {
  await sendCard(turn, serviceCardFor(turn, turn.staff.id, command.day));
}

export function registerBookingHandlers(router: BotRouter, deps: Deps): void {
  const bookingDeps = (turn: BotTurn) => ({
    directory: turn.directory,
    clock: deps.clock,
    store: deps.staff.appointments,
    absences: deps.staff.absences,
    holdTtlSeconds: deps.staff.holdTtlSeconds,
    ...(deps.staff.calendars ? { calendars: deps.staff.calendars } : {}),
  });

  router.action(
    'book.start',
    cardHandler(['book.start'], async (turn, a) => serviceCardFor(turn, a.forStaffId ?? turn.staff.id, a.day)),
  );

  router.action(
    'book.service',
    cardHandler(['book.service'], async (turn, a) => {
      const target = assertMayActFor(turn.directory, turn.staff.id, a.forStaffId);
      const service = serviceOf(turn.directory, a.serviceId);
      if (!target.services.includes(service.id))
        throw new DomainError('service-not-offered-by-staff', `${target.id}/${service.id}`);
      // One channel: nothing to choose, straight to the slots.
      if (service.channels.length === 1) {
        await typing(turn);
        return slotsCardFor(
          turn,
          deps,
          { forStaffId: target.id, serviceId: service.id, channel: service.channels[0]! },
          a.day ? { day: a.day } : {},
        );
      }
      return channelCard({
        lang: turn.lang,
        forStaff: named(target),
        self: target.id === turn.staff.id,
        service: serviceNamed(service, turn.lang),
        channels: service.channels,
        ...(a.day ? { day: a.day } : {}),
      });
    }),
  );

  router.action(
    'book.channel',
    cardHandler(['book.channel', 'book.slots'], async (turn, a) => {
      await typing(turn);
      return slotsCardFor(turn, deps, flowOf(a), {
        ...(a.day ? { day: a.day } : {}),
        ...('after' in a && a.after !== undefined ? { after: a.after } : {}),
      });
    }),
  );
  router.action(
    'book.slots',
    cardHandler(['book.slots'], async (turn, a) => {
      await typing(turn);
      return slotsCardFor(turn, deps, flowOf(a), {
        ...(a.day ? { day: a.day } : {}),
        ...(a.after !== undefined ? { after: a.after } : {}),
      });
    }),
  );

  router.action(
    'book.hold',
    cardHandler(['book.hold'], async (turn, a) => {
      const flow = flowOf(a);
      let held;
      try {
        held = await holdSlot(bookingDeps(turn), {
          actorId: turn.staff.id,
          staffId: a.forStaffId,
          serviceId: a.serviceId,
          channel: a.channel,
          start: a.start,
        });
      } catch (e) {
        if (!isDomainError(e) || e.code === 'not-allowed' || e.code.startsWith('unknown')) throw e;
        // Taken, too late, outside hours …: say so and show what is free now.
        return slotsCardFor(turn, deps, flow, {
          notice: e.code === 'slot-taken' ? takenNotice(turn.lang) : errorText(e.code, turn.lang),
        });
      }
      const target = assertMayActFor(turn.directory, turn.staff.id, a.forStaffId);
      return detailsCard({
        lang: turn.lang,
        flow,
        forStaff: named(target),
        self: target.id === turn.staff.id,
        service: serviceNamed(serviceOf(turn.directory, a.serviceId), turn.lang),
        start: held.start,
        end: held.end,
        holdToken: held.token,
        holdExpiresAt: held.expiresAt,
        clientKey: held.clientKey,
        values: {},
        ...(held.calendar && !held.calendar.fresh
          ? {
              calendarCheck: {
                label: held.calendar.label,
                now: deps.clock.now(),
                ...(held.calendar.checkedAt !== undefined ? { checkedAt: held.calendar.checkedAt } : {}),
              },
            }
          : {}),
      });
    }),
  );

  router.action(
    'book.details',
    cardHandler(['book.details'], async (turn, a) => {
      const view = heldView(turn, deps, a);
      const invalid: string[] = [];
      const d = detailsSchema.safeParse({
        citizenName: a.citizenName,
        citizenEmail: a.citizenEmail,
        citizenLanguage: a.citizenLanguage,
        note: a.note,
      });
      if (!d.success) invalid.push(...new Set(d.error.issues.map((i) => String(i.path[0]))));
      if (a.channel === 'phone' && !phoneSchema.safeParse(a.citizenPhone ?? '').success) invalid.push('citizenPhone');
      if (!d.success || invalid.length) return detailsCard({ ...view, values: valuesOf(a), invalid });
      return reviewCard({
        ...view,
        values: { ...d.data, ...(a.channel === 'phone' && a.citizenPhone ? { citizenPhone: a.citizenPhone } : {}) },
        ...(citizenIsReminded(deps.clock.now(), view.start, deps.staff.reminderMinutes)
          ? { reminderMinutes: deps.staff.reminderMinutes }
          : {}),
      });
    }),
  );

  router.action(
    'book.edit',
    cardHandler(['book.edit'], async (turn, a) => detailsCard({ ...heldView(turn, deps, a), values: valuesOf(a) })),
  );

  router.action(
    'book.confirm',
    cardHandler(['book.confirm'], async (turn, a) => {
      await typing(turn);
      try {
        const { appointment, created, meetingFailed } = await confirmBooking(
          {
            ...bookingDeps(turn),
            meetings: deps.staff.meetings,
            ...(deps.staff.meetingTimeoutMs !== undefined ? { meetingTimeoutMs: deps.staff.meetingTimeoutMs } : {}),
          },
          {
            actorId: turn.staff.id,
            staffId: a.forStaffId,
            serviceId: a.serviceId,
            channel: a.channel,
            start: a.start,
            holdToken: a.holdToken,
            clientKey: a.clientKey,
            citizen: {
              name: a.citizenName,
              email: a.citizenEmail,
              language: a.citizenLanguage,
              ...(a.citizenPhone ? { phone: a.citizenPhone } : {}),
            },
            ...(a.note ? { note: a.note } : {}),
          },
        );
        // An old confirm card pressed again: this booking exists already and may have changed since.
        if (!created && appointment.status !== 'booked') return notBookedAnyMoreCard(turn.lang, appointment);
        turn.log.info(
          { appointmentId: appointment.id, channel: appointment.channel, meetingFailed: meetingFailed ?? false },
          'appointment booked',
        );
        return confirmationCardFor(turn, deps, appointment, meetingFailed ? { meetingFailed } : {});
      } catch (e) {
        if (
          isDomainError(e) &&
          (e.code === 'slot-taken' ||
            e.code === 'hold-expired' ||
            e.code === 'slot-in-past' ||
            e.code === 'too-short-notice')
        )
          return slotsCardFor(turn, deps, flowOf(a), {
            notice:
              e.code === 'slot-taken'
                ? takenNotice(turn.lang)
                : `${errorText(e.code, turn.lang)} ${tr(turn.lang, 'Bitte wählen Sie eine neue Zeit.', 'Please choose a new time.')}`,
          });
        throw e;
      }
    }),
  );

  router.action(
    'book.abort',
    cardHandler(['book.abort'], async (turn, a) => {
      if (a.holdToken) await deps.staff.appointments.releaseHold(a.holdToken, turn.staff.id);
      return closedCard(
        turn.lang,
        tr(
          turn.lang,
          'Die Buchung wurde abgebrochen. Es wurde nichts gespeichert.',
          'Booking cancelled. Nothing was saved.',
        ),
      );
    }),
  );

  router.action(
    'book.retryMeeting',
    cardHandler(['book.retryMeeting'], async (turn, a) => {
      const current = await deps.staff.appointments.get(a.appointmentId);
      if (!current) throw new DomainError('appointment-not-found', a.appointmentId);
      assertMayActFor(turn.directory, turn.staff.id, current.staffId);
      if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
      await typing(turn);
      // The outbox worker may have created the link meanwhile (see mail/outbox-worker.ts); attachMeeting keeps an existing one.
      const { appointment, failed } = await attachMeeting(
        { store: deps.staff.appointments, meetings: deps.staff.meetings, directory: turn.directory },
        current,
      );
      return confirmationCardFor(turn, deps, appointment, failed ? { meetingFailed: true } : {});
    }),
  );
}
