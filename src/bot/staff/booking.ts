/**
 * "Termin buchen" (journey 1): service → channel → earliest free slots (other day / more) → hold →
 * citizen details → review → confirm → confirmation card. The flow's state travels in the card data
 * (cards/actions.ts); every step re-checks permissions and rules in the use cases (src/app/book.ts).
 *
 * Slot taken or hold expired at hold/confirm time: the slot card comes back with a plain notice and
 * the next free slots. A double-clicked confirm books once (idempotent on the card's client key).
 */
import { placeLine } from '../../domain/address';
import {
  assertMayActFor,
  assertMayBookSomeFor,
  attachMeeting,
  bookableStaff,
  citizenContact,
  confirmBooking,
  holdSlot,
} from '../../app/book';
import {
  findPooledSlots,
  type PooledSearchResult,
  type PooledSlot,
  type SearchNotice,
  type PartOfDay,
  type StaffChoice,
} from '../../app/pooled-search';
import { bookingPool, supervisedTeams } from '../../domain/booking-rights';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import { citizenIsReminded, citizenReach } from '../../domain/booking-rules';
import { displayPhone, parsePhone } from '../../domain/phone';
import type { Caller } from '../cards/reach-note';
import { DomainError, isDomainError } from '../../domain/errors';
import type { NoSlotReason } from '../../domain/slots';
import { localDateOf } from '../../domain/time';
import { readAloudText } from '../../invitations/appointment-text';
import type {
  AgendaRange,
  Appointment,
  Channel,
  Directory,
  Language,
  LocalDate,
  Service,
  Staff,
} from '../../domain/types';
import { emailAddress, type ActionOf } from '../cards/actions';
import {
  channelCard,
  closedCard,
  confirmationCard,
  detailsCard,
  reviewCard,
  type DuplicateView,
  type ReviewCardView,
  serviceCard,
  slotsCard,
  type Carry,
  type Flow,
  type SlotMode,
} from '../cards/booking-cards';
import { safeError } from '../../domain/safe-error';
import { errorText } from '../cards/errors';
import { formatDateTime, formatLocalDate, formatTime } from '../../i18n/dates';
import { upcomingDuplicate } from '../../app/citizen-history';
import { rescheduleAppointment } from '../../app/reschedule';
import { cardTexts } from '../cards/card-texts';
import type { BotRouter, Command } from '../commands';
import type { BotTurn } from '../command-router';
import { cardHandler, named, sendCard, typing, type CardLike, type StaffServices } from './common';
import { staffTexts } from './texts';
import { z } from 'zod';

type Deps = { clock: Clock; staff: StaffServices };

/** The flow's service ids: `serviceIds` when several, else `serviceId`. */
const flowIds = (f: { serviceId: string; serviceIds?: readonly string[] | undefined }): string[] =>
  f.serviceIds && f.serviceIds.length > 1 ? [...new Set(f.serviceIds)] : [f.serviceId];

/** The service (or combination) a flow books, for names and durations. */
const flowService = (directory: Directory, f: { serviceId: string; serviceIds?: readonly string[] | undefined }) =>
  serviceFor(directory, flowIds(f));

const serviceNamed = (s: Service, lang: Language) => ({ id: s.id, name: s.name[lang] });

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

export function locationOf(directory: Directory, staff: Staff): string {
  const team = indexDirectory(directory).teamById(staff.team);
  return placeLine(staff.room, team?.location ?? directory.organisation.address);
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

const flowOf = (a: {
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
const servingOf = (turn: BotTurn, a: { staffId?: string | undefined; forStaffId?: string | undefined }) =>
  a.staffId ?? a.forStaffId ?? turn.staff.id;

/** Citizen details as the details/review cards need them; `invalid` lists what is missing. */
const detailsSchema = z.object({
  citizenName: z.string().min(1).max(120),
  citizenEmail: emailAddress.optional(),
  citizenLanguage: z.enum(['de', 'en']).default('de'),
  note: z.string().max(500).optional(),
});

type HeldAction = ActionOf<'book.details' | 'book.submit' | 'book.edit' | 'book.confirm'>;

function heldView(turn: BotTurn, deps: Deps, a: HeldAction) {
  const target = assertMayActFor(turn.directory, turn.staff.id, servingOf(turn, a), flowIds(a));
  const service = flowService(turn.directory, a);
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
    phoneOffered: service.channels.includes('phone'),
  };
}

const valuesOf = (a: HeldAction) => ({
  ...(a.citizenName ? { citizenName: a.citizenName } : {}),
  ...(a.citizenEmail ? { citizenEmail: a.citizenEmail } : {}),
  ...(a.citizenPhone ? { citizenPhone: a.citizenPhone } : {}),
  ...(a.note ? { note: a.note } : {}),
  ...(a.citizenLanguage ? { citizenLanguage: a.citizenLanguage } : {}),
  ...(a.citizenSms !== undefined ? { citizenSms: a.citizenSms } : {}),
});

/** The booking use cases' ports for this turn (app/book.ts). */
const bookingDepsOf = (turn: BotTurn, deps: Deps) => ({
  directory: turn.directory,
  clock: deps.clock,
  store: deps.staff.appointments,
  absences: deps.staff.absences,
  holdTtlSeconds: deps.staff.holdTtlSeconds,
  ...(deps.staff.calendars ? { calendars: deps.staff.calendars } : {}),
});

/**
 * The details form checked: the form again with what is missing or invalid marked, or the review of
 * what would be booked (with the citizen's upcoming appointment for such a service, if any).
 */
async function checkDetails(
  turn: BotTurn,
  deps: Deps,
  a: ActionOf<'book.details' | 'book.submit'>,
): Promise<{ marked: CardLike } | { review: ReviewCardView }> {
  const view = heldView(turn, deps, a);
  const invalid: string[] = [];
  const d = detailsSchema.safeParse({
    citizenName: a.citizenName,
    citizenEmail: a.citizenEmail,
    citizenLanguage: a.citizenLanguage,
    note: a.note,
  });
  if (!d.success) invalid.push(...new Set(d.error.issues.map((i) => String(i.path[0]))));
  // The one rule of who can be booked (app/book.ts citizenContact): the channel's need, an email or
  // a phone number, a valid number; what it refuses is marked on the form.
  let contact: ReturnType<typeof citizenContact> | undefined;
  let reachMissing = false;
  try {
    contact = citizenContact(a.channel, {
      ...(d.success && d.data.citizenEmail ? { email: d.data.citizenEmail } : {}),
      ...(a.citizenPhone ? { phone: a.citizenPhone } : {}),
      smsConsent: a.citizenSms !== false,
    });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const missing = e.facts.missing;
    if (e.code === 'invalid-input') invalid.push('citizenPhone');
    else if (missing === 'email' && !invalid.includes('citizenEmail')) invalid.push('citizenEmail');
    else if (missing === 'phone') invalid.push('citizenPhone');
    else if (missing === 'email-or-phone') reachMissing = true;
  }
  if (a.citizenPhone && !parsePhone(a.citizenPhone) && !invalid.includes('citizenPhone')) invalid.push('citizenPhone');
  if (!d.success || invalid.length || reachMissing || !contact)
    return {
      marked: detailsCard({ ...view, values: valuesOf(a), invalid, ...(reachMissing ? { reachMissing } : {}) }),
    };
  const duplicate = await duplicateOf(turn, deps, a, contact, { staffId: view.forStaff.id, start: view.start });
  return {
    review: {
      ...view,
      ...(duplicate ? { duplicate } : {}),
      values: {
        citizenName: d.data.citizenName,
        citizenLanguage: d.data.citizenLanguage,
        ...(contact.email ? { citizenEmail: contact.email } : {}),
        ...(d.data.note ? { note: d.data.note } : {}),
        ...(contact.phone ? { citizenPhone: contact.phone } : {}),
        citizenSms: contact.smsConsent === true,
      },
      ...(citizenIsReminded(
        { email: contact.email, bookedAt: deps.clock.now(), start: view.start },
        deps.staff.reminderMinutes,
      )
        ? { reminderMinutes: deps.staff.reminderMinutes }
        : {}),
    },
  };
}

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

/**
 * The citizen's upcoming appointment for one of these services, if the clerk may see one (same email or
 * phone: app/citizen-history.ts), as the review card's hint.
 */
async function duplicateOf(
  turn: BotTurn,
  deps: Deps,
  flow: { serviceId: string; serviceIds?: readonly string[] | undefined; channel: Channel },
  contact: { email?: string | undefined; phone?: string | undefined },
  held?: { staffId: string; start: number },
): Promise<DuplicateView | undefined> {
  const d = await upcomingDuplicate(
    {
      directory: turn.directory,
      clock: deps.clock,
      index: deps.staff.search.index,
      appointments: deps.staff.search.appointments,
    },
    {
      actorId: turn.staff.id,
      citizen: {
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
      },
      serviceIds: flowIds(flow),
      ...(held ? { held } : {}),
    },
  );
  if (!d) return undefined;
  return {
    appointmentId: d.id,
    sequence: d.sequence,
    citizenName: d.citizen.name,
    serviceName: serviceFor(turn.directory, serviceIdsOf(d)).name[turn.lang],
    when: formatDateTime(d.start, turn.lang),
    staffName: d.staffId === turn.staff.id ? cardTexts[turn.lang].you : staffName(turn, d.staffId),
    ...(d.ref ? { reference: d.ref } : {}),
    sameChannel: d.channel === flow.channel,
  };
}

/** What is true when an old confirm card is pressed after its appointment was cancelled or has taken place. */
function notBookedAnyMoreCard(lang: Language, a: Appointment): CardLike {
  return closedCard(
    lang,
    a.status === 'cancelled' ? staffTexts[lang].bookedThenCancelled : staffTexts[lang].bookedThenOver,
  );
}

export async function startBooking(turn: BotTurn, command: Extract<Command, { kind: 'book' }>): Promise<void> {
  await sendCard(turn, serviceCardFor(turn, undefined, command.day));
}

const staffName = (turn: BotTurn, id: string) => indexDirectory(turn.directory).staffById(id)?.name ?? id;

/** The same start time with another colleague of the pool, if one is free (a lost race for a pooled slot). */
async function sameTimeElsewhere(
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

/** The time or part of the day a one-sentence booking carried on a button (cards/actions.ts `wish`). */
const wishOf = (a: { time?: string | undefined; part?: PartOfDay | undefined }) => ({
  ...(a.time ? { time: a.time } : {}),
  ...(a.part ? { partOfDay: a.part } : {}),
});

/** The service ids a "book.service" press chose: the ticked ones for "book together", else the button's one. */
function chosenServices(a: ActionOf<'book.service'>): string[] {
  const ids = a.combine
    ? [...(a.serviceId ? [a.serviceId] : []), ...(a.serviceIds ?? [])]
    : a.serviceId
      ? [a.serviceId]
      : [];
  return [...new Set(ids)];
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
      const moved = await rescheduleAppointment(
        {
          directory: turn.directory,
          clock: deps.clock,
          absences: deps.staff.absences,
          store: deps.staff.appointments,
          ...(deps.staff.calendars ? { calendars: deps.staff.calendars } : {}),
        },
        {
          actorId: turn.staff.id,
          appointmentId: a.appointmentId,
          expectedSequence: a.sequence,
          start: a.start,
          staffId: a.staffId,
          holdToken: a.holdToken,
        },
      );
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
