/**
 * The first steps of booking (and of moving, with `rescheduling`): the service card, and the slot
 * step with the free times of the pooled search, what the search changed from the request and why a
 * day is empty, in plain words. Also used by the quick booking (quick.ts) and the agenda's moves.
 */
import { assertMayActFor, assertMayBookSomeFor, bookableStaff } from '../../app/book';
import {
  findPooledSlots,
  type PooledSearchResult,
  type PooledSlot,
  type SearchNotice,
  type PartOfDay,
  type StaffChoice,
} from '../../app/pooled-search';
import { bookingPool } from '../../domain/booking-rights';
import { serviceFor } from '../../domain/services';
import { citizenReach } from '../../domain/booking-rules';
import { displayPhone } from '../../domain/phone';
import type { Caller } from '../cards/reach-note';
import type { NoSlotReason } from '../../domain/slots';
import { localDateOf } from '../../domain/time';
import type { AgendaRange, Appointment, Language, LocalDate } from '../../domain/types';
import { serviceCard, slotsCard, type Carry, type Flow, type SlotMode } from '../cards/booking-cards';
import { formatLocalDate, formatTime } from '../../i18n/dates';
import type { BotTurn } from '../command-router';
import { named, type CardLike } from './common';
import { staffTexts } from './texts';
import { flowIds, serviceNamed, type Deps } from './booking-flow';

/** "Katrin Hoffmann · vor Ort, Bürgerbüro Team B": who serves a pooled slot and where. */
export function whoServes(s: PooledSlot, lang: Language): string {
  const T = staffTexts[lang];
  return `${s.staffName} · ${s.onSite ? T.onSite : T.fromHome}, ${s.teamName}`;
}

/** What a pooled search changed from the request, in plain words (what is possible instead). */
export function searchNoticeText(n: SearchNotice, lang: Language, serviceName: string): string {
  const T = staffTexts[lang];
  const day = (d: LocalDate) => formatLocalDate(d, lang);
  switch (n.code) {
    case 'channel-not-offered':
      return T.channelOnly(
        serviceName,
        n.channels.map((c) => T.channelInSentence(c)).join(T.or),
        T.channelInSentence(n.requested),
      );
    case 'invalid-date':
      return T.invalidDate(n.requested);
    case 'day-in-past':
      return T.dayInPast(day(n.requested));
    case 'outside-horizon':
      return T.outsideHorizon(serviceName, day(n.lastBookableDate));
    case 'day-not-working':
      return T.dayNotWorking(day(n.requested));
    case 'day-fully-booked':
      return T.dayFullyBooked(day(n.requested));
    case 'part-of-day-full':
      return T.partOfDayFull(day(n.requested), n.partOfDay);
    case 'time-outside-hours':
      return T.timeOutsideHours(n.requested);
    case 'time-taken':
      return T.timeTaken(n.requested);
    case 'invalid-time':
      return T.invalidTime(n.requested);
    case 'calendars-not-read':
      // A few names, then how many more: the card stays short with a whole town unread at start-up.
      return T.calendarsNotRead(n.staffNames.slice(0, 3).join(', '), Math.max(0, n.staffNames.length - 3));
  }
}

function emptyReasonText(reason: NoSlotReason | undefined, lang: Language): string | undefined {
  const T = staffTexts[lang];
  switch (reason) {
    case 'no-staff-offers':
      return T.nobodyOffersService;
    case 'outside-horizon':
      return T.dayOutsideHorizon;
    case 'not-working':
      return T.notWorking;
    case 'fully-booked':
      return T.fullyBooked;
    default:
      return undefined;
  }
}

/**
 * The first card: whom (pooled by default) and which service(s). Lists every service the clerk can
 * book with anyone (their own and those the directory lets them book into colleagues).
 */
export function serviceCardFor(
  turn: BotTurn,
  forStaffId?: string,
  day?: LocalDate,
  notice?: string,
  /** From a one-sentence booking: what it said (carried on the buttons), and the services a word fit. */
  sentence: { carry?: Carry; only?: readonly string[] } = {},
): CardLike {
  const actor = turn.staff;
  const target = forStaffId ? assertMayBookSomeFor(turn.directory, actor.id, forStaffId) : undefined;
  const colleagues = bookableStaff(turn.directory, actor.id);
  const services = turn.directory.services
    .filter((s) =>
      target
        ? target.services.includes(s.id) &&
          (target.id === actor.id || bookingPool(turn.directory, actor, [s.id]).some((p) => p.id === target.id))
        : bookingPool(turn.directory, actor, [s.id]).length > 0,
    )
    .filter((s) => !sentence.only || sentence.only.includes(s.id));
  return serviceCard({
    lang: turn.lang,
    ...(target ? { forStaff: named(target) } : {}),
    self: target?.id === actor.id,
    selfId: actor.id,
    services: services.map((s) => serviceNamed(s, turn.lang)),
    ...(colleagues.length > 1 ? { colleagues: colleagues.map(named) } : {}),
    ...(day ? { day } : {}),
    ...(notice ? { notice } : {}),
    ...(sentence.carry && Object.keys(sentence.carry).length ? { carry: sentence.carry } : {}),
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
    rescheduling?: { appointment: Appointment; range?: AgendaRange; who: 'same' | 'pool'; caller?: Caller };
    /** From a one-sentence booking: a wished time or part of the day (with `day`). */
    time?: string;
    partOfDay?: PartOfDay;
  } = {},
): Promise<CardLike> {
  const moving = opts.rescheduling?.appointment;
  const ids = flowIds(flow);
  const choice: StaffChoice = flow.forStaffId
    ? flow.forStaffId === turn.staff.id
      ? 'me'
      : { staffId: flow.forStaffId }
    : 'pool';
  const result = await findPooledSlots(
    { directory: turn.directory, clock: deps.clock, store: deps.staff.appointments, absences: deps.staff.absences },
    {
      bookedBy: turn.staff.id,
      serviceIds: ids,
      channel: flow.channel,
      staffChoice: choice,
      ...(moving ? { ignoreAppointmentId: moving.id } : {}),
      ...(opts.day ? { day: opts.day } : {}),
      ...(opts.after !== undefined ? { after: opts.after } : {}),
      ...(opts.time ? { time: opts.time } : {}),
      ...(opts.partOfDay ? { partOfDay: opts.partOfDay } : {}),
    },
  );
  return slotsCardOf(turn, deps, flow, result, { ...opts, wished: !!(opts.time || opts.partOfDay) });
}

/** Renders a pooled search result as the slot step (shared with the quick booking path). */
export function slotsCardOf(
  turn: BotTurn,
  deps: Deps,
  requested: Flow,
  result: PooledSearchResult,
  opts: {
    day?: LocalDate;
    notice?: string;
    rescheduling?: { appointment: Appointment; range?: AgendaRange; who: 'same' | 'pool'; caller?: Caller };
    /** A time or part of the day was asked for: the slots are near it (the card does not say "earliest"). */
    wished?: boolean;
  } = {},
): CardLike {
  const target = requested.forStaffId
    ? assertMayActFor(turn.directory, turn.staff.id, requested.forStaffId, flowIds(requested))
    : undefined;
  // The search may have switched the channel (a service offered only in person): the card follows it.
  const flow: Flow = {
    ...(requested.forStaffId ? { forStaffId: requested.forStaffId } : {}),
    serviceId: result.serviceIds[0]!,
    ...(result.serviceIds.length > 1 ? { serviceIds: result.serviceIds } : {}),
    channel: result.channel,
  };
  const service = serviceFor(turn.directory, result.serviceIds);
  const moving = opts.rescheduling?.appointment;
  const range = opts.rescheduling?.range;
  const mode: SlotMode = moving
    ? {
        kind: 'reschedule',
        appointmentId: moving.id,
        sequence: moving.sequence,
        current: { start: moving.start, end: moving.end },
        citizenName: moving.citizen.name,
        who: opts.rescheduling!.who,
        ...(range ? { range } : {}),
        reach: {
          reach: citizenReach(moving.citizen),
          citizen: moving.citizen.name,
          ...(moving.citizen.phone ? { phone: displayPhone(moving.citizen.phone) } : {}),
          caller: opts.rescheduling!.caller ?? 'serving',
        },
      }
    : { kind: 'book', flow };
  const pooled = !target || (moving !== undefined && opts.rescheduling!.who === 'pool');
  const slots = result.slots.filter((s) => !(s.start === moving?.start && s.staffId === moving?.staffId));
  const colleagues = bookingPool(turn.directory, turn.staff, result.serviceIds);
  const serviceName = service.name[turn.lang];
  const emptyReason = slots.length === 0 ? emptyReasonText(result.reason, turn.lang) : undefined;
  return slotsCard({
    lang: turn.lang,
    mode,
    ...(target && !pooled ? { forStaff: named(target) } : {}),
    self: target?.id === turn.staff.id && !pooled,
    selfId: turn.staff.id,
    selfOffers: colleagues.some((c) => c.id === turn.staff.id),
    ...(colleagues.length > 1 ? { colleagues: colleagues.map(named) } : {}),
    service: serviceNamed(service, turn.lang),
    channel: result.channel,
    slots: slots.map((s) => ({
      start: s.start,
      end: s.end,
      staffId: s.staffId,
      ...(pooled ? { who: whoServes(s, turn.lang) } : {}),
    })),
    ...(opts.day && isValidDay(opts.day) ? { day: opts.day } : {}),
    today: localDateOf(deps.clock.now()),
    lastBookableDate: result.lastBookableDate,
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(result.notices.length ? { notes: result.notices.map((n) => searchNoticeText(n, turn.lang, serviceName)) } : {}),
    ...(emptyReason ? { emptyReason } : {}),
    more: slots.length > 0,
    ...(opts.wished ? { wished: true } : {}),
  });
}

const isValidDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

/** The same start time with another colleague of the pool, if one is free (a lost race for a pooled slot). */
export async function sameTimeElsewhere(
  turn: BotTurn,
  deps: Deps,
  flow: Flow,
  start: number,
): Promise<PooledSlot | undefined> {
  const r = await findPooledSlots(
    { directory: turn.directory, clock: deps.clock, store: deps.staff.appointments, absences: deps.staff.absences },
    {
      bookedBy: turn.staff.id,
      serviceIds: flowIds(flow),
      channel: flow.channel,
      staffChoice: 'pool',
      day: localDateOf(start),
      time: formatTime(start),
    },
  );
  return r.slots.find((s) => s.start === start && s.channel === flow.channel);
}
