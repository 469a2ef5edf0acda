/**
 * "Termin buchen" (journey 1): service → channel → earliest free slots (other day / more) → hold →
 * citizen details → review → confirm → confirmation card. The flow's state travels in the card data
 * (cards/actions.ts); every step re-checks permissions and rules in the use cases (src/app/book.ts).
 *
 * Slot taken or hold expired at hold/confirm time: the slot card comes back with a plain notice and
 * the next free slots. A double-clicked confirm books once (idempotent on the card's client key).
 *
 * This module holds the handlers; the steps are booking-slots.ts (service and slot cards),
 * booking-details.ts (details and review), booking-confirmation.ts (the confirmation card), and
 * booking-flow.ts the state the cards carry.
 */
import { assertMayActFor, attachMeeting, confirmBooking, holdSlot } from '../../app/book';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import { DomainError, isDomainError } from '../../domain/errors';
import type { ActionOf } from '../cards/actions';
import { channelCard, closedCard, detailsCard, reviewCard } from '../cards/booking-cards';
import { safeError } from '../../domain/safe-error';
import { errorText } from '../cards/errors';
import { rescheduleAppointment } from '../../app/reschedule';
import type { BotRouter, Command } from '../commands';
import type { BotTurn } from '../command-router';
import { cardHandler, named, sendCard, typing, type CardLike } from './common';
import { staffTexts } from './texts';
import {
  bookingDepsOf,
  chosenServices,
  flowIds,
  flowOf,
  flowService,
  serviceNamed,
  servingOf,
  staffName,
  wishOf,
  type Deps,
} from './booking-flow';
import { checkDetails, heldView, valuesOf } from './booking-details';
import { confirmationCardFor, notBookedAnyMoreCard } from './booking-confirmation';
import { sameTimeElsewhere, serviceCardFor, slotsCardFor } from './booking-slots';

/**
 * Books the held slot for the reviewed citizen (app/book.ts confirmBooking) and answers with the
 * confirmation; a slot taken or a hold expired meanwhile answers with the free slots and why.
 */
async function bookHeld(turn: BotTurn, deps: Deps, a: Omit<ActionOf<'book.confirm'>, 'verb'>): Promise<CardLike> {
  await typing(turn);
  const ids = flowIds(a);
  try {
    const { appointment, created, meetingFailed, meetingError } = await confirmBooking(
      {
        ...bookingDepsOf(turn, deps),
        meetings: deps.staff.meetings,
        ...(deps.staff.meetingTimeoutMs !== undefined ? { meetingTimeoutMs: deps.staff.meetingTimeoutMs } : {}),
      },
      {
        actorId: turn.staff.id,
        staffId: servingOf(turn, a),
        serviceId: ids[0]!,
        ...(ids.length > 1 ? { serviceIds: ids } : {}),
        channel: a.channel,
        start: a.start,
        holdToken: a.holdToken,
        clientKey: a.clientKey,
        citizen: {
          name: a.citizenName,
          ...(a.citizenEmail ? { email: a.citizenEmail } : {}),
          language: a.citizenLanguage,
          ...(a.citizenPhone ? { phone: a.citizenPhone } : {}),
          ...(a.citizenSms ? { smsConsent: true } : {}),
        },
        ...(a.note ? { note: a.note } : {}),
      },
    );
    // An old confirm card pressed again: this booking exists already and may have changed since.
    if (!created && appointment.status !== 'booked') return notBookedAnyMoreCard(turn.lang, appointment);
    turn.log.info(
      {
        appointmentId: appointment.id,
        channel: appointment.channel,
        forColleague: appointment.staffId !== turn.staff.id,
        invitation: appointment.citizen.email !== undefined,
        meetingFailed: meetingFailed ?? false,
        // The provider's error code (e.g. a missing Graph permission), not swallowed.
        ...(meetingFailed ? { err: safeError(meetingError) } : {}),
      },
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
            ? staffTexts[turn.lang].taken
            : `${errorText(e.code, turn.lang)} ${staffTexts[turn.lang].chooseNewTime}`,
      });
    throw e;
  }
}

export async function startBooking(turn: BotTurn, command: Extract<Command, { kind: 'book' }>): Promise<void> {
  await sendCard(turn, serviceCardFor(turn, undefined, command.day));
}

export function registerBookingHandlers(router: BotRouter, deps: Deps): void {
  const bookingDeps = (turn: BotTurn) => bookingDepsOf(turn, deps);

  router.action(
    'book.start',
    cardHandler(['book.start'], (turn, a) => serviceCardFor(turn, a.forStaffId, a.day)),
  );

  router.action(
    'book.service',
    cardHandler(['book.service'], async (turn, a) => {
      const ids = chosenServices(a);
      if (ids.length === 0) return serviceCardFor(turn, a.forStaffId, a.day, staffTexts[turn.lang].chooseService);
      const service = serviceFor(turn.directory, ids);
      if (service.channels.length === 0)
        return serviceCardFor(turn, a.forStaffId, a.day, staffTexts[turn.lang].cannotCombine(service.name[turn.lang]));
      const target = a.forStaffId ? assertMayActFor(turn.directory, turn.staff.id, a.forStaffId, ids) : undefined;
      if (target && !ids.every((id) => target.services.includes(id)))
        throw new DomainError('service-not-offered-by-staff', `${target.id}/${ids.join('+')}`);
      const flowBase = {
        ...(target ? { forStaffId: target.id } : {}),
        serviceId: ids[0]!,
        ...(ids.length > 1 ? { serviceIds: ids } : {}),
      };
      // One channel, or the one a sentence named: nothing to choose, straight to the slots.
      const channel =
        service.channels.length === 1
          ? service.channels[0]!
          : a.channel && service.channels.includes(a.channel)
            ? a.channel
            : undefined;
      if (channel) {
        await typing(turn);
        return slotsCardFor(turn, deps, { ...flowBase, channel }, { ...(a.day ? { day: a.day } : {}), ...wishOf(a) });
      }
      return channelCard({
        lang: turn.lang,
        ...(target ? { forStaff: named(target) } : {}),
        self: target?.id === turn.staff.id,
        service: serviceNamed(service, turn.lang),
        ...(ids.length > 1 ? { serviceIds: ids } : {}),
        channels: service.channels,
        ...(a.day ? { day: a.day } : {}),
        ...(a.time || a.part
          ? { carry: { ...(a.time ? { time: a.time } : {}), ...(a.part ? { part: a.part } : {}) } }
          : {}),
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
        ...wishOf(a),
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
        ...wishOf(a),
      });
    }),
  );

  router.action(
    'book.hold',
    cardHandler(['book.hold'], async (turn, a) => {
      const flow = flowOf(a);
      const ids = flowIds(a);
      const tryHold = (staffId: string) =>
        holdSlot(bookingDeps(turn), {
          actorId: turn.staff.id,
          staffId,
          serviceId: ids[0]!,
          ...(ids.length > 1 ? { serviceIds: ids } : {}),
          channel: a.channel,
          start: a.start,
        });
      let serving = servingOf(turn, a);
      let held;
      let notice: string | undefined;
      try {
        held = await tryHold(serving);
      } catch (e) {
        if (!isDomainError(e) || e.code === 'not-allowed' || e.code.startsWith('unknown')) throw e;
        // A pooled slot another clerk took a moment ago: the same time with the next free colleague, at once.
        const next =
          e.code === 'slot-taken' && !a.forStaffId ? await sameTimeElsewhere(turn, deps, flow, a.start) : undefined;
        if (next) {
          try {
            held = await tryHold(next.staffId);
            notice = staffTexts[turn.lang].heldElsewhere(staffName(turn, serving), next.staffName);
            serving = next.staffId;
          } catch (again) {
            if (!isDomainError(again)) throw again;
          }
        }
        // Taken, too late, outside hours …: say so and show what is free now.
        if (!held)
          return slotsCardFor(turn, deps, flow, {
            notice: e.code === 'slot-taken' ? staffTexts[turn.lang].taken : errorText(e.code, turn.lang),
          });
      }
      const target = assertMayActFor(turn.directory, turn.staff.id, serving, ids);
      return detailsCard({
        lang: turn.lang,
        flow,
        forStaff: named(target),
        self: target.id === turn.staff.id,
        service: serviceNamed(flowService(turn.directory, a), turn.lang),
        phoneOffered: flowService(turn.directory, a).channels.includes('phone'),
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
        ...(notice ? { notice } : {}),
      });
    }),
  );

  router.action(
    'book.details',
    cardHandler(['book.details'], async (turn, a) => {
      const checked = await checkDetails(turn, deps, a);
      return 'marked' in checked ? checked.marked : reviewCard(checked.review);
    }),
  );

  router.action(
    'book.edit',
    cardHandler(['book.edit'], (turn, a) => detailsCard({ ...heldView(turn, deps, a), values: valuesOf(a) })),
  );

  router.action(
    'book.confirm',
    cardHandler(['book.confirm'], (turn, a) => bookHeld(turn, deps, a)),
  );

  router.action(
    'book.moveInstead',
    cardHandler(['book.moveInstead'], async (turn, a) => {
      await typing(turn);
      // The same rights and rules as "Verschieben" (app/reschedule.ts); the clerk's hold on the time goes with it.
      const moved = await rescheduleAppointment(bookingDeps(turn), {
        actorId: turn.staff.id,
        appointmentId: a.appointmentId,
        expectedSequence: a.sequence,
        start: a.start,
        staffId: a.staffId,
        holdToken: a.holdToken,
      });
      turn.log.info({ appointmentId: moved.id, sequence: moved.sequence }, 'appointment moved instead of booked twice');
      return confirmationCardFor(turn, deps, moved, { rescheduled: true });
    }),
  );

  router.action(
    'book.abort',
    cardHandler(['book.abort'], async (turn, a) => {
      if (a.holdToken) await deps.staff.appointments.releaseHold(a.holdToken, turn.staff.id);
      return closedCard(turn.lang, staffTexts[turn.lang].bookingAborted);
    }),
  );

  router.action(
    'book.retryMeeting',
    cardHandler(['book.retryMeeting'], async (turn, a) => {
      const current = await deps.staff.appointments.get(a.appointmentId);
      if (!current) throw new DomainError('appointment-not-found', a.appointmentId);
      assertMayActFor(turn.directory, turn.staff.id, current.staffId, serviceIdsOf(current));
      if (current.status !== 'booked') throw new DomainError('appointment-not-active', current.status);
      await typing(turn);
      // The outbox worker may have created the link meanwhile (see delivery/outbox-worker.ts); attachMeeting keeps an existing one.
      const { appointment, failed, error } = await attachMeeting(
        { store: deps.staff.appointments, meetings: deps.staff.meetings, directory: turn.directory },
        current,
      );
      if (failed) turn.log.warn({ appointmentId: appointment.id, err: safeError(error) }, 'meeting link: retry failed');
      return confirmationCardFor(turn, deps, appointment, failed ? { meetingFailed: true } : {});
    }),
  );

  /**
   * "Verbindlich buchen" on the details card: details and review in one step. The form is checked as
   * book.details checks it and, when it is complete, booked as book.confirm books; a marked form, or
   * the review when the citizen already has such an appointment, is shown instead and nothing is booked.
   */
  router.action(
    'book.submit',
    cardHandler(['book.submit'], async (turn, a) => {
      const checked = await checkDetails(turn, deps, a);
      if ('marked' in checked) return checked.marked;
      const { review } = checked;
      if (review.duplicate) return reviewCard(review);
      return bookHeld(turn, deps, {
        ...review.flow,
        staffId: review.forStaff.id,
        start: review.start,
        holdToken: review.holdToken,
        clientKey: review.clientKey,
        holdExpiresAt: review.holdExpiresAt,
        ...review.values,
      });
    }),
  );
}
