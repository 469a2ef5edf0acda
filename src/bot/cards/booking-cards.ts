/**
 * The booking flow's cards: service → channel → slots → citizen details → review → confirmation.
 * Each is a pure function of a small view model; every button carries the flow so far.
 */
import type { AgendaRange, Channel, Language, LocalDate } from '../../domain/types';
import { citizenNeeds, citizenReach } from '../../domain/booking-rules';
import { displayPhone } from '../../domain/phone';
import {
  actionRows,
  actionSet,
  card,
  columns,
  container,
  execute,
  facts,
  input,
  openUrl,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Action,
  type Element,
} from './ac';
import type { ActionData } from './actions';
import { channelWithIcon } from './format';
import { formatDateTime, formatDayHeading, formatSpan, formatTime } from '../../i18n/dates';
import { commandTexts } from '../i18n';
import { bookingTexts } from './booking-texts';
import { cardTexts } from './card-texts';
import { historyTexts } from './history-texts';
import { reachNote, type ReachNoteView } from './reach-note';
import { localDateOf } from '../../domain/time';

export interface Named {
  id: string;
  name: string;
}

export interface Flow {
  /** Whose calendar; absent: pooled (everyone the clerk may book who offers the service). */
  forStaffId?: string;
  serviceId: string;
  /** Several services in one appointment (`serviceId` first). */
  serviceIds?: string[];
  channel: Channel;
}

/** The value of the "Für wen?" choice that stands for the pool. */
export const POOL = '*';

/**
 * Header line "bei Ihnen" / "bei Anna Schulz" / "bei allen, die es anbieten (frühester Termin)" — without
 * "frühester Termin" when a time or part of the day was asked for (`wished`): those slots are near it.
 */
const forWhom = (lang: Language, forStaff: Named | undefined, self: boolean, wished = false) => {
  const T = bookingTexts[lang];
  return !forStaff ? (wished ? T.pool : T.poolEarliest) : self ? T.withYou : T.withStaff(forStaff.name);
};
const wishedIn = (carry: { time?: string; part?: unknown } | undefined): boolean => !!(carry?.time || carry?.part);

/** The "Für wen?" choice: the pool first, then the clerk, then the colleagues they may book. */
function whoChoice(
  lang: Language,
  id: string,
  value: string | undefined,
  selfId: string,
  colleagues: readonly Named[],
  label: string,
): Element {
  return input('ChoiceSet', id, {
    label,
    value: value ?? POOL,
    style: 'compact',
    choices: [
      { title: bookingTexts[lang].anyoneEarliest, value: POOL },
      ...colleagues.map((c) => ({
        title: c.id === selfId ? bookingTexts[lang].me(c.name) : c.name,
        value: c.id,
      })),
    ],
  });
}

/** What a one-sentence booking wished for, carried on the service and channel buttons (cards/actions.ts). */
export interface Carry {
  channel?: Channel;
  time?: string;
  part?: 'morning' | 'afternoon';
}

export interface ServiceCardView {
  lang: Language;
  /** Absent: pooled (the default). */
  forStaff?: Named;
  self: boolean;
  /** The clerk's own staff id (default: forStaff's). */
  selfId?: string;
  services: Named[];
  /** Whom the clerk may book (themselves first); with more than one, a "Für wen?" choice. */
  colleagues?: Named[];
  day?: LocalDate;
  notice?: string;
  carry?: Carry;
}

export function serviceCard(v: ServiceCardView): AdaptiveCard {
  const { lang } = v;
  const T = bookingTexts[lang];
  const pickStaff = v.colleagues && v.colleagues.length > 1;
  const forStaffId = v.forStaff?.id ?? POOL;
  return card(
    [
      title(T.title),
      v.notice ? text(v.notice, { color: 'Attention' }) : undefined,
      pickStaff
        ? whoChoice(lang, 'forStaffId', v.forStaff?.id, v.selfId ?? v.forStaff?.id ?? '', v.colleagues!, T.withWhom)
        : subtle(forWhom(lang, v.forStaff, v.self, wishedIn(v.carry))),
      text(T.whichService, { weight: 'Bolder', spacing: 'Medium' }),
      v.services.length === 0 ? text(T.noServices) : undefined,
      // One button per service: one tap, no dropdown (a town hall person offers a handful). In rows that fit
      // a phone: three to a row cut "Personalausweis und Reisepass" to "Personalaus…" at 360 px.
      ...actionRows(
        v.services.map((s) =>
          execute(s.name, {
            verb: 'book.service',
            forStaffId,
            serviceId: s.id,
            ...(v.day ? { day: v.day } : {}),
            ...(v.carry ?? {}),
          }),
        ),
      ),
      v.services.length > 1
        ? container(
            [
              input('ChoiceSet', 'serviceIds', {
                label: T.severalServices,
                isMultiSelect: true,
                style: 'compact',
                choices: v.services.map((s) => ({ title: s.name, value: s.id })),
              }),
              actionSet([
                execute(T.bookTogether, {
                  verb: 'book.service',
                  forStaffId,
                  combine: true,
                  ...(v.day ? { day: v.day } : {}),
                }),
              ]),
            ],
            { spacing: 'Large', separator: true },
          )
        : undefined,
    ],
    [execute(cardTexts[lang].cancel, { verb: 'book.abort' }, { associatedInputs: 'none' })],
  );
}

export interface ChannelCardView {
  lang: Language;
  forStaff?: Named;
  self: boolean;
  service: Named;
  serviceIds?: string[];
  channels: Channel[];
  day?: LocalDate;
  carry?: Omit<Carry, 'channel'>;
}

export function channelCard(v: ChannelCardView): AdaptiveCard {
  const { lang } = v;
  const T = bookingTexts[lang];
  return card(
    [
      title(v.service.name),
      subtle(forWhom(lang, v.forStaff, v.self, wishedIn(v.carry))),
      text(T.howTakesPlace, {
        weight: 'Bolder',
        spacing: 'Medium',
      }),
      actionSet(
        v.channels.map((c) =>
          execute(channelWithIcon(c, lang), {
            verb: 'book.slots',
            forStaffId: v.forStaff?.id ?? POOL,
            serviceId: v.service.id,
            ...(v.serviceIds ? { serviceIds: v.serviceIds } : {}),
            channel: c,
            ...(v.day ? { day: v.day } : {}),
            ...(v.carry ?? {}),
          }),
        ),
      ),
    ],
    [
      execute(T.otherService, { verb: 'book.start', forStaffId: v.forStaff?.id ?? POOL }, { associatedInputs: 'none' }),
      execute(cardTexts[lang].cancel, { verb: 'book.abort' }, { associatedInputs: 'none' }),
    ],
  );
}

export interface SlotView {
  start: number;
  end: number;
  /** Who serves it (pooled search): the colleague's id and "Katrin Hoffmann · vor Ort, Bürgerbüro Team B". */
  staffId?: string;
  who?: string;
}

/** Book a new appointment, or move an existing one (same card, other buttons). */
export type SlotMode =
  | { kind: 'book'; flow: Flow }
  | {
      kind: 'reschedule';
      appointmentId: string;
      sequence: number;
      current: SlotView;
      citizenName: string;
      /** The agenda range the reschedule started from (its back button returns there). */
      range?: AgendaRange;
      who?: 'same' | 'pool';
      /** What moving it does for the citizen: a mail, an SMS, or a call (the call list). */
      reach?: ReachNoteView;
    };

export interface SlotsCardView {
  lang: Language;
  mode: SlotMode;
  /** Absent: pooled (slots of anyone, each saying who serves it). */
  forStaff?: Named;
  self: boolean;
  /** The clerk's own staff id, and whether they can serve it themselves ("bei mir"). */
  selfId?: string;
  selfOffers?: boolean;
  /** Colleagues the clerk may book for this service, for the "Bei wem?" choice (booking only). */
  colleagues?: Named[];
  service: Named;
  channel: Channel;
  slots: SlotView[];
  /** The day asked for ("other day"), if any. */
  day?: LocalDate;
  today: LocalDate;
  lastBookableDate: LocalDate;
  /** A plain-words note at the top, e.g. "the time you chose was taken". */
  notice?: string;
  /** What the search changed from the request, worded ("Personalausweis gibt es nur vor Ort; …"). */
  notes?: string[];
  /** Why nothing is free (already worded). */
  emptyReason?: string;
  /** Whether "more" can page on. */
  more: boolean;
  /** The slots are those near a time or part of the day that was asked for (not the earliest). */
  wished?: boolean;
}

function slotAction(v: SlotsCardView, s: SlotView): Action {
  const label = formatTime(s.start);
  const staff = s.staffId ? { staffId: s.staffId } : {};
  if (v.mode.kind === 'book')
    return execute(
      label,
      { verb: 'book.hold', ...v.mode.flow, ...staff, start: s.start },
      { associatedInputs: 'none' },
    );
  const m = v.mode;
  return execute(
    label,
    {
      verb: 'appt.move',
      appointmentId: m.appointmentId,
      sequence: m.sequence,
      start: s.start,
      ...staff,
      who: m.who ?? 'same',
      ...(m.range ? { range: m.range } : {}),
    },
    { associatedInputs: 'none' },
  );
}

/** Same verb with another day or page; the Input.Date "day" is merged in by Teams. */
function pagingData(
  v: SlotsCardView,
  extra: { after?: number; forStaffId?: string; who?: 'same' | 'pool' },
): ActionData {
  if (v.mode.kind === 'book') return { verb: 'book.slots', ...v.mode.flow, ...(v.day ? { day: v.day } : {}), ...extra };
  const m = v.mode;
  return {
    verb: 'appt.reschedule',
    appointmentId: m.appointmentId,
    sequence: m.sequence,
    who: extra.who ?? m.who ?? 'same',
    ...(m.range ? { range: m.range } : {}),
    ...(v.day ? { day: v.day } : {}),
    ...(extra.after !== undefined ? { after: extra.after } : {}),
  };
}

/** The other ways to search: "bei mir" / "bei allen" (booking), "same person" / "anyone" (rescheduling). */
function switchActions(v: SlotsCardView): Action[] {
  const T = bookingTexts[v.lang];
  const none = { associatedInputs: 'none' as const };
  if (v.mode.kind === 'reschedule')
    return [
      v.mode.who !== 'pool'
        ? execute(T.earliestWithAnyone, pagingData({ ...v, day: undefined }, { who: 'pool' }), none)
        : execute(T.sameOnly, pagingData({ ...v, day: undefined }, { who: 'same' }), none),
    ];
  const pooled = !v.forStaff;
  return [
    pooled && v.selfOffers && v.selfId ? execute(T.onlyMe, pagingData(v, { forStaffId: v.selfId }), none) : undefined,
    !pooled ? execute(T.earliestWithAnyone, pagingData(v, { forStaffId: POOL }), none) : undefined,
  ].filter((a): a is Action => !!a);
}

export function slotsCard(v: SlotsCardView): AdaptiveCard {
  const { lang } = v;
  const T = bookingTexts[lang];
  const byDay = new Map<LocalDate, SlotView[]>();
  for (const s of v.slots) {
    const d = localDateOf(s.start);
    byDay.set(d, [...(byDay.get(d) ?? []), s]);
  }
  const dayLabel = (d: LocalDate) =>
    d === v.today ? `${T.today}, ${formatDayHeading(d, lang)}` : formatDayHeading(d, lang);
  const heading = v.mode.kind === 'book' ? T.freeTimes : T.reschedule;
  const last = v.slots[v.slots.length - 1];
  return card(
    [
      title(heading),
      subtle(
        `${v.service.name} · ${channelWithIcon(v.channel, lang)} · ${forWhom(lang, v.forStaff, v.self, v.wished)}`,
      ),
      v.mode.kind === 'reschedule'
        ? text(T.currently(formatDateTime(v.mode.current.start, lang), v.mode.citizenName))
        : undefined,
      v.mode.kind === 'reschedule' && v.mode.reach ? reachNote(lang, 'move', v.mode.reach) : undefined,
      v.notice
        ? container([text(`⚠️ ${v.notice}`, { weight: 'Bolder' })], { style: 'attention', spacing: 'Medium' })
        : undefined,
      v.notes?.length
        ? container(
            v.notes.map((n) => text(`ℹ️ ${n}`)),
            { style: 'warning', spacing: 'Medium' },
          )
        : undefined,
      v.slots.length === 0
        ? text(v.emptyReason ?? T.noFreeTimes, {
            spacing: 'Medium',
          })
        : undefined,
      ...[...byDay.entries()].flatMap(([d, slots]) => [
        text(dayLabel(d), { weight: 'Bolder', spacing: 'Medium' }),
        // Pooled: one row per time saying who serves it and where; one person: four times a row.
        ...(slots.some((s) => s.who)
          ? slots.map((s) =>
              columns(
                [
                  { width: 'auto', items: [actionSet([slotAction(v, s)])] },
                  { items: [text(s.who ?? '', { isSubtle: true })], verticalContentAlignment: 'Center' },
                ],
                { spacing: 'Small' },
              ),
            )
          : chunk(slots, 4).map((group) =>
              actionSet(
                group.map((s) => slotAction(v, s)),
                { spacing: 'Small' },
              ),
            )),
      ]),
      // "More" and the other searches right under the times, in rows that fit a phone (as the card's
      // own action row they were cut to "Weitere T…" at 360 px); the card keeps only "cancel"/"back".
      ...actionRows(
        [
          v.more && last
            ? execute(T.moreTimes, pagingData(v, { after: last.start }), {
                associatedInputs: 'none',
              })
            : undefined,
          ...switchActions(v),
        ],
        { spacing: 'Medium' },
      ),
      container(
        [
          input('Date', 'day', {
            label: T.otherDay,
            // No min/max: Teams refuses a day outside them silently (nothing happens on "Anzeigen");
            // the search answers a past or too distant day in words, with the next free times.
            ...(v.day ? { value: v.day } : {}),
          }),
          v.mode.kind === 'book' && v.colleagues && v.colleagues.length > 1
            ? whoChoice(lang, 'forStaffId', v.forStaff?.id, v.selfId ?? '', v.colleagues, T.withWhom)
            : undefined,
          actionSet([execute(T.show, pagingData({ ...v, day: undefined }, {}))]),
        ],
        { spacing: 'Large', separator: true },
      ),
    ],
    [
      v.mode.kind === 'book'
        ? execute(cardTexts[lang].cancel, { verb: 'book.abort' }, { associatedInputs: 'none' })
        : execute(
            T.backToList,
            { verb: 'agenda.show', range: v.mode.range ?? { kind: 'today' } },
            { associatedInputs: 'none' },
          ),
    ],
  );
}

export interface CitizenValues {
  citizenName?: string;
  citizenEmail?: string;
  citizenPhone?: string;
  note?: string;
  citizenLanguage?: Language;
  /** "SMS-Erinnerung?": on unless switched off (counts only for a mobile number). */
  citizenSms?: boolean;
}

export interface HeldView {
  lang: Language;
  flow: Flow;
  forStaff: Named;
  self: boolean;
  service: Named;
  start: number;
  end: number;
  holdToken: string;
  holdExpiresAt: number;
  clientKey: string;
}

export interface DetailsCardView extends HeldView {
  values: CitizenValues;
  /** A plain-words note at the top, e.g. "the time was just taken; held with a colleague instead". */
  notice?: string;
  /** Field names that were missing or invalid in the last submission. */
  invalid?: string[];
  /** Neither an email address nor a phone number was given: nobody could reach the citizen. */
  reachMissing?: boolean;
  /** The service is offered by phone too: a video booking offers "Stattdessen telefonisch". */
  phoneOffered?: boolean;
  /**
   * Set when the staff member's own calendar could not be checked just now (provider down or slow):
   * the hold used the last sync, and the card says when that was ("Outlook zuletzt geprüft 14:05").
   */
  calendarCheck?: { label: string; checkedAt?: number; now: number };
}

/** "Outlook zuletzt geprüft 14:05" / "Outlook last checked 14:05" (with the day when not today; or: not checked yet). */
export function calendarCheckText(
  lang: DetailsCardView['lang'],
  c: { label: string; checkedAt?: number },
  now: number,
): string {
  const T = bookingTexts[lang];
  if (c.checkedAt === undefined) return T.notChecked(c.label);
  const day = localDateOf(c.checkedAt);
  const when =
    day === localDateOf(now) ? formatTime(c.checkedAt) : `${formatDayHeading(day, lang)} ${formatTime(c.checkedAt)}`;
  return T.lastChecked(c.label, when);
}

const heldFacts = (v: HeldView): Element => {
  const C = cardTexts[v.lang];
  return facts([
    [C.when, formatSpan(v.start, v.end, v.lang)],
    [C.service, v.service.name],
    [C.channel, channelWithIcon(v.flow.channel, v.lang)],
    [C.with, v.self ? C.you : v.forStaff.name],
  ]);
};

const heldData = (v: HeldView) => ({
  ...v.flow,
  staffId: v.forStaff.id,
  start: v.start,
  holdToken: v.holdToken,
  clientKey: v.clientKey,
  holdExpiresAt: v.holdExpiresAt,
});

/**
 * What the form asks of the citizen (booking-rules.ts citizenNeeds, contactMissing): video an email
 * address (for the link); phone a phone number (email optional: without one there is no invitation);
 * in person an email address or a phone number. Every channel but video has a phone field and the
 * "SMS-Erinnerung?" toggle (on; SMS go only to a mobile number).
 */
const formNeeds = (channel: Channel) => ({ ...citizenNeeds(channel), phoneField: channel !== 'video' });

/** Each language in its own words, whatever the card's language. */
const LANGUAGE_NAMES: Record<Language, string> = { de: 'Deutsch', en: 'English' };

export function detailsCard(v: DetailsCardView): AdaptiveCard {
  const { lang } = v;
  const T = bookingTexts[lang];
  const C = cardTexts[lang];
  const needs = formNeeds(v.flow.channel);
  const phone = needs.phoneField;
  const bad = new Set(v.invalid ?? []);
  const video = v.flow.channel === 'video';
  return card(
    [
      title(T.detailsTitle),
      heldFacts(v),
      v.notice ? container([text(`ℹ️ ${v.notice}`, { weight: 'Bolder' })], { style: 'warning' }) : undefined,
      subtle(T.heldForYouUntil(formatTime(v.holdExpiresAt))),
      v.calendarCheck
        ? subtle(`⚠️ ${calendarCheckText(lang, v.calendarCheck, v.calendarCheck.now)}`, { color: 'Warning' })
        : undefined,
      v.reachMissing
        ? container([text(`⚠️ ${T.reachMissing}`, { weight: 'Bolder', color: 'Attention' })], { style: 'attention' })
        : bad.size
          ? text(T.checkMarked, {
              color: 'Attention',
              weight: 'Bolder',
            })
          : undefined,
      input('Text', 'citizenName', {
        label: C.name,
        isRequired: true,
        maxLength: 120,
        value: v.values.citizenName ?? '',
        errorMessage: T.nameMissing,
      }),
      bad.has('citizenName') ? subtle(T.nameMissing, { color: 'Attention' }) : undefined,
      // Why we ask: one way to reach the citizen when the appointment changes.
      subtle(video ? T.reachWhyVideo : T.reachWhy),
      input('Text', 'citizenEmail', {
        label: needs.email ? T.emailForVideo : T.emailOptional,
        style: 'Email',
        // Not required in Teams' own check even for video: "Stattdessen telefonisch" must go without one.
        // The bot checks it (contactMissing) and marks the field.
        maxLength: 254,
        regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        value: v.values.citizenEmail ?? '',
        errorMessage: T.emailInvalid,
      }),
      bad.has('citizenEmail')
        ? subtle(video && !v.values.citizenEmail ? T.emailMissingVideo : T.emailInvalid, {
            color: 'Attention',
          })
        : undefined,
      video && v.phoneOffered
        ? actionSet([execute(T.insteadByPhone, { verb: 'book.edit', ...heldData(v), channel: 'phone' })])
        : undefined,
      phone
        ? input('Text', 'citizenPhone', {
            label: needs.phone ? T.phoneYouCall : T.phoneOptional,
            style: 'Tel',
            isRequired: needs.phone,
            maxLength: 40,
            regex: '^\\+?[0-9 ()/-]{5,}$',
            value: v.values.citizenPhone ?? '',
            // Teams shows this when its own check refuses the field: empty or "0511 abc 4711" alike.
            errorMessage: T.phoneDigitsOnly,
          })
        : undefined,
      phone && bad.has('citizenPhone')
        ? subtle(
            !v.values.citizenPhone
              ? T.phoneMissing
              : /^\+?[0-9 ()/.-]+$/.test(v.values.citizenPhone)
                ? T.phoneInvalid
                : T.phoneDigitsOnly,
            { color: 'Attention' },
          )
        : undefined,
      phone
        ? input('Toggle', 'citizenSms', {
            title: T.smsToggle,
            wrap: true,
            value: v.values.citizenSms === false ? 'false' : 'true',
            valueOn: 'true',
            valueOff: 'false',
          })
        : undefined,
      input('ChoiceSet', 'citizenLanguage', {
        label: T.invitationLanguage,
        style: 'compact',
        value: v.values.citizenLanguage ?? 'de',
        choices: (['de', 'en'] as const).map((l) => ({ title: LANGUAGE_NAMES[l], value: l })),
      }),
      input('Text', 'note', {
        label: T.noteLabel,
        isMultiline: true,
        maxLength: 500,
        value: v.values.note ?? '',
        placeholder: T.notePlaceholder,
      }),
      subtle(T.bookNowHint, {
        spacing: 'Medium',
      }),
      // Details and review on one card: this button checks the form and books (an incomplete form comes back
      // marked). Alone in its row, so its title is never cut at phone width.
      actionSet([execute(T.bookNow, { verb: 'book.submit', ...heldData(v) }, { style: 'positive' })]),
    ],
    [
      execute(T.otherTime, { verb: 'book.slots', ...v.flow }, { associatedInputs: 'none' }),
      execute(
        cardTexts[lang].cancel,
        { verb: 'book.abort', forStaffId: v.flow.forStaffId, holdToken: v.holdToken },
        { associatedInputs: 'none' },
      ),
    ],
  );
}

/** How changes reach the citizen (booking-rules.ts citizenReach): SMS to a number, or a call by staff. */
function reachLine(lang: Language, c: { email?: string | undefined; phone?: string | undefined; sms?: boolean }) {
  const T = bookingTexts[lang];
  const reach = citizenReach({
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    smsConsent: c.sms === true,
  });
  if (reach.sms && c.phone) return text(T.smsTo(displayPhone(c.phone)), { isSubtle: true });
  if (reach.call === 'phone') return text(T.callOnChange, { isSubtle: true });
  return undefined;
}

/** The same citizen's upcoming appointment for the same service (citizens who book twice block slots). */
export interface DuplicateView {
  appointmentId: string;
  sequence: number;
  citizenName: string;
  serviceName: string;
  /** Day and time, worded. */
  when: string;
  /** Who serves it ("Ihnen" for the clerk). */
  staffName: string;
  reference?: string;
  /** In this booking's channel: it moves into the held time at once; else to its own reschedule card. */
  sameChannel: boolean;
}

/** The element id of the duplicate hint: "Verbindlich buchen" shows the review (no booking at once) when it is there. */
const DUPLICATE_HINT_ID = 'duplicate-hint';

function duplicateHint(v: ReviewCardView, d: DuplicateView): Element[] {
  const H = historyTexts[v.lang];
  const move: ActionData = d.sameChannel
    ? {
        verb: 'book.moveInstead',
        appointmentId: d.appointmentId,
        sequence: d.sequence,
        start: v.start,
        staffId: v.forStaff.id,
        holdToken: v.holdToken,
      }
    : { verb: 'appt.reschedule', appointmentId: d.appointmentId, sequence: d.sequence };
  // The button below the box, full width: its label does not fit a phone inside the box's padding.
  return [
    container(
      [
        text(H.duplicateTitle(d.citizenName, d.serviceName), { weight: 'Bolder' }),
        text(H.duplicateWhen(d.when, d.staffName, d.reference)),
        subtle(H.duplicateAsk),
      ],
      { style: 'warning', id: DUPLICATE_HINT_ID, spacing: 'Medium' },
    ),
    actionSet([execute(H.moveInstead, move, { associatedInputs: 'none', style: 'positive' })], { spacing: 'Small' }),
  ];
}

export interface ReviewCardView extends HeldView {
  values: Required<Pick<CitizenValues, 'citizenName' | 'citizenLanguage'>> &
    Pick<CitizenValues, 'citizenEmail' | 'citizenPhone' | 'note' | 'citizenSms'>;
  /** Minutes before the start the citizen is reminded; absent when booked inside that window. */
  reminderMinutes?: number;
  /** The citizen already has an upcoming appointment for this service: said so, with "move that one instead". */
  duplicate?: DuplicateView;
}

export function reviewCard(v: ReviewCardView): AdaptiveCard {
  const { lang, values } = v;
  const T = bookingTexts[lang];
  const C = cardTexts[lang];
  const data = { ...heldData(v), ...values };
  return card([
    title(T.reviewTitle),
    ...(v.duplicate ? duplicateHint(v, v.duplicate) : []),
    heldFacts(v),
    facts([
      [C.name, values.citizenName],
      [C.email, values.citizenEmail],
      [C.phone, values.citizenPhone ? displayPhone(values.citizenPhone) : undefined],
      [C.language, LANGUAGE_NAMES[values.citizenLanguage]],
      [C.note, values.note],
    ]),
    text(
      citizenGets(lang, v.flow.channel, values.citizenEmail, v.reminderMinutes, v.self ? undefined : v.forStaff.name),
      { spacing: 'Medium', isSubtle: true },
    ),
    reachLine(lang, { email: values.citizenEmail, phone: values.citizenPhone, sms: values.citizenSms === true }),
    subtle(T.heldUntil(formatTime(v.holdExpiresAt))),
    // The buttons in rows that fit a phone (one row of three read "Verbindlich bu…", "Änd…", "Abbrec…").
    ...actionRows(
      [
        execute(
          v.duplicate ? historyTexts[lang].bookAnyway : T.bookNow,
          { verb: 'book.confirm', ...data },
          { style: v.duplicate ? undefined : 'positive', associatedInputs: 'none' },
        ),
        execute(T.edit, { verb: 'book.edit', ...data }, { associatedInputs: 'none' }),
        execute(
          cardTexts[lang].cancel,
          { verb: 'book.abort', forStaffId: v.flow.forStaffId, holdToken: v.holdToken },
          { associatedInputs: 'none' },
        ),
      ],
      { spacing: 'Medium' },
    ),
  ]);
}

/** `caller`: the colleague who serves, when not the clerk reading the card. */
function citizenGets(
  lang: Language,
  channel: Channel,
  email: string | undefined,
  reminderMinutes: number | undefined,
  caller?: string,
): string {
  const T = bookingTexts[lang];
  if (!email) return T.noEmail;
  const how = {
    video: T.howVideo,
    phone: caller ? T.howPhoneCaller(caller) : T.howPhoneYou,
    'in-person': T.howInPerson,
  }[channel];
  if (reminderMinutes === undefined) return T.invitation(email, how);
  const hours = Math.floor(reminderMinutes / 60);
  return T.invitationAndReminder(email, how, hours >= 1 ? T.hours(hours) : T.minutes(reminderMinutes));
}

export interface ConfirmationView {
  lang: Language;
  appointmentId: string;
  forStaff: Named;
  self: boolean;
  service: Named;
  channel: Channel;
  start: number;
  end: number;
  citizenName: string;
  /** The appointment reference the citizen reads out when they call ("T-4K7Q"). */
  reference?: string;
  /** Absent: booked without email, no invitation; the card shows `readAloud` for the call. */
  citizenEmail?: string;
  citizenPhone?: string;
  /** SMS go to the citizen's number. */
  citizenSms?: boolean;
  /** What to tell the caller (in the citizen's language), when no invitation is sent. */
  readAloud?: string;
  /** Who booked it, when not the clerk who sees the card nor the one who serves. */
  bookedBy?: string;
  meetingUrl?: string;
  /** The meeting provider failed: booked anyway, offer a retry. */
  meetingFailed?: boolean;
  location?: string;
  /** Minutes before the start the citizen is reminded; absent when booked inside that window. */
  reminderMinutes?: number;
  /** "Rescheduled" instead of "booked". */
  rescheduled?: boolean;
  range?: AgendaRange;
  /** The clerk may open the serving colleague's agenda (supervisors); else "Meine Termine" is their own. */
  colleagueAgenda?: boolean;
}

export function confirmationCard(v: ConfirmationView): AdaptiveCard {
  const { lang } = v;
  const T = bookingTexts[lang];
  const C = cardTexts[lang];
  const how =
    v.channel === 'video'
      ? v.meetingUrl
        ? text(T.videoLink(v.meetingUrl))
        : undefined
      : v.channel === 'phone'
        ? text(
            v.self
              ? T.youCall(v.citizenName, v.citizenPhone ? displayPhone(v.citizenPhone) : '–')
              : T.staffCalls(v.forStaff.name, v.citizenName, v.citizenPhone ? displayPhone(v.citizenPhone) : '–'),
          )
        : text(`🏛️ ${v.location ?? T.townHall}`);
  return card([
    title(v.rescheduled ? T.rescheduled : T.booked),
    facts([
      [C.when, formatSpan(v.start, v.end, lang)],
      [C.service, v.service.name],
      [C.channel, channelWithIcon(v.channel, lang)],
      [C.with, v.self ? C.you : v.forStaff.name],
      [C.citizen, v.citizenName],
      [C.reference, v.reference],
      [T.bookedBy, v.bookedBy],
    ]),
    how,
    v.rescheduled
      ? reachNote(lang, 'moved', {
          reach: citizenReach({
            ...(v.citizenEmail ? { email: v.citizenEmail } : {}),
            ...(v.citizenPhone ? { phone: v.citizenPhone } : {}),
            smsConsent: v.citizenSms === true,
          }),
          citizen: v.citizenName,
          ...(v.citizenPhone ? { phone: displayPhone(v.citizenPhone) } : {}),
          caller: v.self ? 'you' : { name: v.forStaff.name },
        })
      : reachLine(lang, { email: v.citizenEmail, phone: v.citizenPhone, sms: v.citizenSms === true }),
    !v.citizenEmail && v.readAloud
      ? container([text(T.sayOnThePhone, { weight: 'Bolder' }), text(v.readAloud, { size: 'Medium' })], {
          style: 'emphasis',
          spacing: 'Medium',
        })
      : undefined,
    v.meetingFailed
      ? container(
          [
            text(T.meetingFailed),
            actionSet([
              execute(
                T.createVideoAgain,
                { verb: 'book.retryMeeting', appointmentId: v.appointmentId },
                { associatedInputs: 'none' },
              ),
            ]),
          ],
          { style: 'warning' },
        )
      : undefined,
    // A move without email: the reach note above says how the citizen hears of it (not "no invitation").
    v.rescheduled && !v.citizenEmail
      ? undefined
      : text(
          v.rescheduled && v.citizenEmail
            ? T.updatedInvitation(v.citizenName, v.citizenEmail)
            : citizenGets(lang, v.channel, v.citizenEmail, v.reminderMinutes, v.self ? undefined : v.forStaff.name),
          { isSubtle: true, spacing: 'Medium' },
        ),
    // In rows that fit a phone: one row read "Video ö…", "Meine T…", "Weiteren T…" at 360 px.
    ...actionRows(
      [
        v.meetingUrl ? openUrl(T.openVideo, v.meetingUrl) : undefined,
        execute(
          v.self || !v.colleagueAgenda ? commandTexts[lang]['my-appointments'] : T.staffAppointments(v.forStaff.name),
          {
            verb: 'agenda.show',
            range: v.range ?? { kind: 'date', date: localDateOf(v.start) },
            ...(v.self || !v.colleagueAgenda ? {} : { forStaffId: v.forStaff.id }),
          },
          { associatedInputs: 'none' },
        ),
        v.rescheduled ? undefined : execute(T.bookAnother, { verb: 'book.start' }, { associatedInputs: 'none' }),
      ],
      { spacing: 'Medium' },
    ),
  ]);
}

/** A closed card: what happened, no live buttons (e.g. after "Abbrechen"). */
export function closedCard(lang: Language, message: string, next: Action[] = []): AdaptiveCard {
  return card(
    [text(message)],
    next.length ? next : [execute(bookingTexts[lang].title, { verb: 'book.start' }, { associatedInputs: 'none' })],
  );
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export { chunk };
