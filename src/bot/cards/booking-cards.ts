/**
 * The booking flow's cards: service → channel → slots → citizen details → review → confirmation.
 * Each is a pure function of a small view model; every button carries the flow so far.
 */
import type { Channel, Language, LocalDate } from '../../domain/types';
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
import { channelWithIcon, formatDateTime, formatDayHeading, formatSpan, formatTime, tr } from './format';
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

/** Header line "für Sie" / "für Anna Schulz" / "bei allen, die es anbieten". */
const forWhom = (lang: Language, forStaff: Named | undefined, self: boolean) =>
  !forStaff
    ? tr(lang, 'bei allen, die es anbieten (frühester Termin)', 'with anyone who offers it (earliest)')
    : self
      ? tr(lang, 'bei Ihnen', 'with you')
      : tr(lang, `bei ${forStaff.name}`, `with ${forStaff.name}`);

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
      { title: tr(lang, 'Alle – frühester Termin', 'Anyone – earliest'), value: POOL },
      ...colleagues.map((c) => ({
        title: c.id === selfId ? tr(lang, `Bei mir (${c.name})`, `Me (${c.name})`) : c.name,
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
  const pickStaff = v.colleagues && v.colleagues.length > 1;
  const forStaffId = v.forStaff?.id ?? POOL;
  return card(
    [
      title(tr(lang, 'Termin buchen', 'Book an appointment')),
      v.notice ? text(v.notice, { color: 'Attention' }) : undefined,
      pickStaff
        ? whoChoice(
            lang,
            'forStaffId',
            v.forStaff?.id,
            v.selfId ?? v.forStaff?.id ?? '',
            v.colleagues!,
            tr(lang, 'Bei wem?', 'With whom?'),
          )
        : subtle(forWhom(lang, v.forStaff, v.self)),
      text(tr(lang, 'Welches Anliegen?', 'Which service?'), { weight: 'Bolder', spacing: 'Medium' }),
      v.services.length === 0
        ? text(
            tr(lang, 'Für diese Person sind keine Anliegen hinterlegt.', 'No services are configured for this person.'),
          )
        : undefined,
      // One button per service: one tap, no dropdown (a town hall person offers a handful).
      ...chunk(v.services, 3).map((group) =>
        actionSet(
          group.map((s) =>
            execute(s.name, {
              verb: 'book.service',
              forStaffId,
              serviceId: s.id,
              ...(v.day ? { day: v.day } : {}),
              ...(v.carry ?? {}),
            }),
          ),
        ),
      ),
      v.services.length > 1
        ? container(
            [
              input('ChoiceSet', 'serviceIds', {
                label: tr(lang, 'Mehrere Anliegen in einem Termin', 'Several services in one appointment'),
                isMultiSelect: true,
                style: 'compact',
                choices: v.services.map((s) => ({ title: s.name, value: s.id })),
              }),
              actionSet([
                execute(tr(lang, 'Zusammen buchen', 'Book together'), {
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
    [execute(tr(lang, 'Abbrechen', 'Cancel'), { verb: 'book.abort' }, { associatedInputs: 'none' })],
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
  return card(
    [
      title(v.service.name),
      subtle(forWhom(lang, v.forStaff, v.self)),
      text(tr(lang, 'Wie findet das Gespräch statt?', 'How does the consultation take place?'), {
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
      execute(
        tr(lang, 'Anderes Anliegen', 'Other service'),
        { verb: 'book.start', forStaffId: v.forStaff?.id ?? POOL },
        { associatedInputs: 'none' },
      ),
      execute(tr(lang, 'Abbrechen', 'Cancel'), { verb: 'book.abort' }, { associatedInputs: 'none' }),
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
      range?: SlotRange;
      who?: 'same' | 'pool';
    };

/** The agenda range a reschedule started from (its back button returns there). */
export type SlotRange = Extract<ActionData, { verb: 'agenda.show' }>['range'];

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
  const { lang } = v;
  const none = { associatedInputs: 'none' as const };
  if (v.mode.kind === 'reschedule')
    return [
      v.mode.who !== 'pool'
        ? execute(
            tr(lang, 'Frühester Termin bei allen', 'Earliest with anyone'),
            pagingData({ ...v, day: undefined }, { who: 'pool' }),
            none,
          )
        : execute(
            tr(lang, 'Nur bei derselben Person', 'Same person only'),
            pagingData({ ...v, day: undefined }, { who: 'same' }),
            none,
          ),
    ];
  const pooled = !v.forStaff;
  return [
    pooled && v.selfOffers && v.selfId
      ? execute(tr(lang, 'Nur bei mir', 'Only with me'), pagingData(v, { forStaffId: v.selfId }), none)
      : undefined,
    !pooled
      ? execute(
          tr(lang, 'Frühester Termin bei allen', 'Earliest with anyone'),
          pagingData(v, { forStaffId: POOL }),
          none,
        )
      : undefined,
  ].filter((a): a is Action => !!a);
}

export function slotsCard(v: SlotsCardView): AdaptiveCard {
  const { lang } = v;
  const byDay = new Map<LocalDate, SlotView[]>();
  for (const s of v.slots) {
    const d = localDateOf(s.start);
    byDay.set(d, [...(byDay.get(d) ?? []), s]);
  }
  const dayLabel = (d: LocalDate) =>
    d === v.today ? `${tr(lang, 'Heute', 'Today')}, ${formatDayHeading(d, lang)}` : formatDayHeading(d, lang);
  const heading =
    v.mode.kind === 'book'
      ? tr(lang, 'Freie Termine', 'Free times')
      : tr(lang, 'Termin verschieben', 'Reschedule appointment');
  const last = v.slots[v.slots.length - 1];
  return card(
    [
      title(heading),
      subtle(`${v.service.name} · ${channelWithIcon(v.channel, lang)} · ${forWhom(lang, v.forStaff, v.self)}`),
      v.mode.kind === 'reschedule'
        ? text(
            tr(
              lang,
              `Bisher: ${formatDateTime(v.mode.current.start, lang)} (${v.mode.citizenName}). Tippen Sie auf eine neue Uhrzeit; die Bürgerin bzw. der Bürger erhält eine aktualisierte Einladung.`,
              `Currently: ${formatDateTime(v.mode.current.start, lang)} (${v.mode.citizenName}). Tap a new time; the citizen receives an updated invitation.`,
            ),
          )
        : undefined,
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
        ? text(v.emptyReason ?? tr(lang, 'Keine freien Termine gefunden.', 'No free times found.'), {
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
            ? execute(tr(lang, 'Weitere Termine', 'More times'), pagingData(v, { after: last.start }), {
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
            label: tr(lang, 'Anderer Tag', 'Other day'),
            // No min/max: Teams refuses a day outside them silently (nothing happens on "Anzeigen");
            // the search answers a past or too distant day in words, with the next free times.
            ...(v.day ? { value: v.day } : {}),
          }),
          v.mode.kind === 'book' && v.colleagues && v.colleagues.length > 1
            ? whoChoice(
                lang,
                'forStaffId',
                v.forStaff?.id,
                v.selfId ?? '',
                v.colleagues,
                tr(lang, 'Bei wem?', 'With whom?'),
              )
            : undefined,
          actionSet([execute(tr(lang, 'Anzeigen', 'Show'), pagingData({ ...v, day: undefined }, {}))]),
        ],
        { spacing: 'Large', separator: true },
      ),
    ],
    [
      v.mode.kind === 'book'
        ? execute(tr(lang, 'Abbrechen', 'Cancel'), { verb: 'book.abort' }, { associatedInputs: 'none' })
        : execute(
            tr(lang, 'Zurück zur Übersicht', 'Back to the list'),
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
  if (c.checkedAt === undefined) return tr(lang, `${c.label} noch nicht geprüft`, `${c.label} not checked yet`);
  const day = localDateOf(c.checkedAt);
  const when =
    day === localDateOf(now) ? formatTime(c.checkedAt) : `${formatDayHeading(day, lang)} ${formatTime(c.checkedAt)}`;
  return tr(lang, `${c.label} zuletzt geprüft ${when}`, `${c.label} last checked ${when}`);
}

const heldFacts = (v: HeldView): Element =>
  facts([
    [tr(v.lang, 'Termin', 'When'), formatSpan(v.start, v.end, v.lang)],
    [tr(v.lang, 'Anliegen', 'Service'), v.service.name],
    [tr(v.lang, 'Kanal', 'Channel'), channelWithIcon(v.flow.channel, v.lang)],
    [tr(v.lang, 'Bei', 'With'), v.self ? tr(v.lang, 'Ihnen', 'you') : v.forStaff.name],
  ]);

const heldData = (v: HeldView) => ({
  ...v.flow,
  staffId: v.forStaff.id,
  start: v.start,
  holdToken: v.holdToken,
  clientKey: v.clientKey,
  holdExpiresAt: v.holdExpiresAt,
});

/**
 * What a channel needs from the citizen (data minimisation): video an email address (for the link);
 * phone a phone number (email optional: without one there is no invitation); in person only a name
 * (email optional; a phone number only when there is no email, to reach them if the visit must move).
 */
export const citizenNeeds = (channel: Channel) => ({
  email: channel === 'video',
  phone: channel === 'phone',
  phoneField: channel !== 'video',
});

export function detailsCard(v: DetailsCardView): AdaptiveCard {
  const { lang } = v;
  const needs = citizenNeeds(v.flow.channel);
  const phone = needs.phoneField;
  const bad = new Set(v.invalid ?? []);
  return card(
    [
      title(tr(lang, 'Angaben zur Bürgerin / zum Bürger', "Citizen's details")),
      heldFacts(v),
      v.notice ? container([text(`ℹ️ ${v.notice}`, { weight: 'Bolder' })], { style: 'warning' }) : undefined,
      subtle(
        tr(
          lang,
          `Für Sie reserviert bis ${formatTime(v.holdExpiresAt)} Uhr.`,
          `Held for you until ${formatTime(v.holdExpiresAt)}.`,
        ),
      ),
      v.calendarCheck
        ? subtle(`⚠️ ${calendarCheckText(lang, v.calendarCheck, v.calendarCheck.now)}`, { color: 'Warning' })
        : undefined,
      bad.size
        ? text(tr(lang, '⚠️ Bitte prüfen Sie die markierten Angaben.', '⚠️ Please check the marked fields.'), {
            color: 'Attention',
            weight: 'Bolder',
          })
        : undefined,
      input('Text', 'citizenName', {
        label: tr(lang, 'Name', 'Name'),
        isRequired: true,
        maxLength: 120,
        value: v.values.citizenName ?? '',
        errorMessage: tr(lang, 'Bitte den Namen angeben.', 'Please enter the name.'),
      }),
      bad.has('citizenName')
        ? subtle(tr(lang, 'Bitte den Namen angeben.', 'Please enter the name.'), { color: 'Attention' })
        : undefined,
      input('Text', 'citizenEmail', {
        label: needs.email
          ? tr(lang, 'E-Mail (für die Einladung mit dem Video-Link)', 'Email (for the invitation with the video link)')
          : tr(lang, 'E-Mail (optional, für die Einladung)', 'Email (optional, for the invitation)'),
        style: 'Email',
        isRequired: needs.email,
        maxLength: 254,
        regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        value: v.values.citizenEmail ?? '',
        errorMessage: tr(lang, 'Bitte eine gültige E-Mail-Adresse angeben.', 'Please enter a valid email address.'),
      }),
      bad.has('citizenEmail')
        ? subtle(tr(lang, 'Bitte eine gültige E-Mail-Adresse angeben.', 'Please enter a valid email address.'), {
            color: 'Attention',
          })
        : undefined,
      phone
        ? input('Text', 'citizenPhone', {
            label: needs.phone
              ? tr(lang, 'Telefonnummer (Sie rufen an)', 'Phone number (you call)')
              : tr(lang, 'Telefon (nur ohne E-Mail, für Rückfragen)', 'Phone (only without email, to reach them)'),
            style: 'Tel',
            isRequired: needs.phone,
            maxLength: 40,
            regex: '^\\+?[0-9 ()/-]{5,}$',
            value: v.values.citizenPhone ?? '',
            // Teams shows this when its own check refuses the field: empty or "0511 abc 4711" alike.
            errorMessage: tr(
              lang,
              'Bitte die Telefonnummer nur mit Ziffern angeben (dazu + ( ) / - und Leerzeichen), z. B. 0511 4711.',
              'Please enter the phone number in digits only (plus + ( ) / - and spaces), e.g. 0511 4711.',
            ),
          })
        : undefined,
      phone && bad.has('citizenPhone')
        ? subtle(
            v.values.citizenPhone
              ? tr(
                  lang,
                  'Bitte die Telefonnummer nur mit Ziffern angeben (dazu + ( ) / - und Leerzeichen), z. B. 0511 4711.',
                  'Please enter the phone number in digits only (plus + ( ) / - and spaces), e.g. 0511 4711.',
                )
              : tr(lang, 'Bitte eine Telefonnummer angeben.', 'Please enter a phone number.'),
            { color: 'Attention' },
          )
        : undefined,
      input('ChoiceSet', 'citizenLanguage', {
        label: tr(lang, 'Sprache der Einladung', 'Language of the invitation'),
        style: 'compact',
        value: v.values.citizenLanguage ?? 'de',
        choices: [
          { title: 'Deutsch', value: 'de' },
          { title: 'English', value: 'en' },
        ],
      }),
      input('Text', 'note', {
        label: tr(
          lang,
          'Notiz (optional, wird nach dem Termin gelöscht)',
          'Note (optional, deleted after the appointment)',
        ),
        isMultiline: true,
        maxLength: 500,
        value: v.values.note ?? '',
        placeholder: tr(lang, 'Nur was für das Gespräch nötig ist', 'Only what the consultation needs'),
      }),
      subtle(tr(lang, '„Verbindlich buchen“ bucht den Termin sofort.', '“Book now” books the appointment at once.'), {
        spacing: 'Medium',
      }),
      // Details and review on one card: this button checks the form and books (an incomplete form comes back
      // marked). Alone in its row, so its title is never cut at phone width.
      actionSet([
        execute(
          tr(lang, 'Verbindlich buchen', 'Book now'),
          { verb: 'book.submit', ...heldData(v) },
          { style: 'positive' },
        ),
      ]),
    ],
    [
      execute(tr(lang, 'Andere Zeit', 'Other time'), { verb: 'book.slots', ...v.flow }, { associatedInputs: 'none' }),
      execute(
        tr(lang, 'Abbrechen', 'Cancel'),
        { verb: 'book.abort', forStaffId: v.flow.forStaffId, holdToken: v.holdToken },
        { associatedInputs: 'none' },
      ),
    ],
  );
}

export interface ReviewCardView extends HeldView {
  values: Required<Pick<CitizenValues, 'citizenName' | 'citizenLanguage'>> &
    Pick<CitizenValues, 'citizenEmail' | 'citizenPhone' | 'note'>;
  /** Minutes before the start the citizen is reminded; absent when booked inside that window. */
  reminderMinutes?: number;
}

export function reviewCard(v: ReviewCardView): AdaptiveCard {
  const { lang, values } = v;
  const data = { ...heldData(v), ...values };
  return card(
    [
      title(tr(lang, 'Bitte prüfen und buchen', 'Please check and book')),
      heldFacts(v),
      facts([
        [tr(lang, 'Name', 'Name'), values.citizenName],
        [tr(lang, 'E-Mail', 'Email'), values.citizenEmail],
        [tr(lang, 'Telefon', 'Phone'), values.citizenPhone],
        [tr(lang, 'Sprache', 'Language'), values.citizenLanguage === 'de' ? 'Deutsch' : 'English'],
        [tr(lang, 'Notiz', 'Note'), values.note],
      ]),
      text(
        citizenGets(lang, v.flow.channel, values.citizenEmail, v.reminderMinutes, v.self ? undefined : v.forStaff.name),
        { spacing: 'Medium', isSubtle: true },
      ),
      subtle(
        tr(lang, `Reserviert bis ${formatTime(v.holdExpiresAt)} Uhr.`, `Held until ${formatTime(v.holdExpiresAt)}.`),
      ),
    ],
    [
      execute(
        tr(lang, 'Verbindlich buchen', 'Book now'),
        { verb: 'book.confirm', ...data },
        { style: 'positive', associatedInputs: 'none' },
      ),
      execute(tr(lang, 'Ändern', 'Edit'), { verb: 'book.edit', ...data }, { associatedInputs: 'none' }),
      execute(
        tr(lang, 'Abbrechen', 'Cancel'),
        { verb: 'book.abort', forStaffId: v.flow.forStaffId, holdToken: v.holdToken },
        { associatedInputs: 'none' },
      ),
    ],
  );
}

/** `caller`: the colleague who serves, when not the clerk reading the card. */
function citizenGets(
  lang: Language,
  channel: Channel,
  email: string | undefined,
  reminderMinutes: number | undefined,
  caller?: string,
): string {
  if (!email)
    return tr(
      lang,
      'Ohne E-Mail-Adresse wird keine Einladung verschickt. Bitte nennen Sie der Bürgerin bzw. dem Bürger den Termin am Telefon.',
      'Without an email address no invitation is sent. Please tell the citizen the appointment on the phone.',
    );
  const how = {
    video: tr(lang, 'mit dem Link zur Videosprechstunde', 'with the link to the video consultation'),
    phone: caller
      ? tr(lang, `mit dem Hinweis, dass ${caller} anruft`, `saying that ${caller} will call`)
      : tr(lang, 'mit dem Hinweis, dass Sie anrufen', 'saying that you will call'),
    'in-person': tr(lang, 'mit Ort und Raum im Rathaus', 'with the place and room in the town hall'),
  }[channel];
  if (reminderMinutes === undefined) {
    return tr(
      lang,
      `Die Bürgerin bzw. der Bürger erhält an ${email} eine Einladung für den Kalender ${how} und einen Link zum Absagen.`,
      `The citizen receives a calendar invitation at ${email} ${how} and a link to cancel.`,
    );
  }
  const hours = Math.floor(reminderMinutes / 60);
  const before = hours >= 1 ? `${hours} ${tr(lang, 'Std.', 'h')}` : `${reminderMinutes} ${tr(lang, 'Min.', 'min')}`;
  return tr(
    lang,
    `Die Bürgerin bzw. der Bürger erhält an ${email} eine Einladung für den Kalender ${how}, einen Link zum Absagen und ${before} vorher eine Erinnerung.`,
    `The citizen receives a calendar invitation at ${email} ${how}, a link to cancel, and a reminder ${before} before.`,
  );
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
  /** Absent: booked without email, no invitation; the card shows `readAloud` for the call. */
  citizenEmail?: string;
  citizenPhone?: string;
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
  range?: SlotRange;
  /** The clerk may open the serving colleague's agenda (supervisors); else "Meine Termine" is their own. */
  colleagueAgenda?: boolean;
}

export function confirmationCard(v: ConfirmationView): AdaptiveCard {
  const { lang } = v;
  const how =
    v.channel === 'video'
      ? v.meetingUrl
        ? text(tr(lang, `🎥 Video-Link: ${v.meetingUrl}`, `🎥 Video link: ${v.meetingUrl}`))
        : undefined
      : v.channel === 'phone'
        ? text(
            tr(
              lang,
              `📞 ${v.self ? 'Sie rufen' : `${v.forStaff.name} ruft`} ${v.citizenName} unter ${v.citizenPhone ?? '–'} an.`,
              `📞 ${v.self ? 'You call' : `${v.forStaff.name} calls`} ${v.citizenName} on ${v.citizenPhone ?? '–'}.`,
            ),
          )
        : text(`🏛️ ${v.location ?? tr(lang, 'Rathaus', 'Town hall')}`);
  return card(
    [
      title(
        v.rescheduled
          ? tr(lang, '✅ Termin verschoben', '✅ Appointment rescheduled')
          : tr(lang, '✅ Termin gebucht', '✅ Appointment booked'),
      ),
      facts([
        [tr(lang, 'Termin', 'When'), formatSpan(v.start, v.end, lang)],
        [tr(lang, 'Anliegen', 'Service'), v.service.name],
        [tr(lang, 'Kanal', 'Channel'), channelWithIcon(v.channel, lang)],
        [tr(lang, 'Bei', 'With'), v.self ? tr(lang, 'Ihnen', 'you') : v.forStaff.name],
        [tr(lang, 'Bürger/in', 'Citizen'), v.citizenName],
        [tr(lang, 'Gebucht von', 'Booked by'), v.bookedBy],
      ]),
      how,
      !v.citizenEmail && v.readAloud
        ? container(
            [
              text(
                tr(
                  lang,
                  '📢 Keine Einladung per E-Mail. Bitte sagen Sie am Telefon:',
                  '📢 No invitation by email. Please say on the phone:',
                ),
                { weight: 'Bolder' },
              ),
              text(v.readAloud, { size: 'Medium' }),
            ],
            { style: 'emphasis', spacing: 'Medium' },
          )
        : undefined,
      v.meetingFailed
        ? container(
            [
              text(
                tr(
                  lang,
                  '⚠️ Der Video-Link konnte gerade nicht erstellt werden. Der Termin ist trotzdem gebucht; die Einladung sagt, dass der Link folgt.',
                  '⚠️ The video link could not be created just now. The appointment is booked anyway; the invitation says the link will follow.',
                ),
              ),
              actionSet([
                execute(
                  tr(lang, 'Video-Link erneut erstellen', 'Create video link again'),
                  { verb: 'book.retryMeeting', appointmentId: v.appointmentId },
                  { associatedInputs: 'none' },
                ),
              ]),
            ],
            { style: 'warning' },
          )
        : undefined,
      text(
        v.rescheduled && v.citizenEmail
          ? tr(
              lang,
              `${v.citizenName} erhält an ${v.citizenEmail} eine aktualisierte Einladung; der Kalender übernimmt die neue Zeit.`,
              `${v.citizenName} receives an updated invitation at ${v.citizenEmail}; their calendar applies the new time.`,
            )
          : citizenGets(lang, v.channel, v.citizenEmail, v.reminderMinutes, v.self ? undefined : v.forStaff.name),
        { isSubtle: true, spacing: 'Medium' },
      ),
    ],
    [
      v.meetingUrl ? openUrl(tr(lang, 'Video öffnen', 'Open video'), v.meetingUrl) : undefined,
      execute(
        v.self || !v.colleagueAgenda
          ? tr(lang, 'Meine Termine', 'My appointments')
          : tr(lang, `Termine von ${v.forStaff.name}`, `${v.forStaff.name}'s appointments`),
        {
          verb: 'agenda.show',
          range: v.range ?? { kind: 'date', date: localDateOf(v.start) },
          ...(v.self || !v.colleagueAgenda ? {} : { forStaffId: v.forStaff.id }),
        },
        { associatedInputs: 'none' },
      ),
      v.rescheduled
        ? undefined
        : execute(
            tr(lang, 'Weiteren Termin buchen', 'Book another'),
            { verb: 'book.start' },
            { associatedInputs: 'none' },
          ),
    ],
  );
}

/** A closed card: what happened, no live buttons (e.g. after "Abbrechen"). */
export function closedCard(lang: Language, message: string, next: Action[] = []): AdaptiveCard {
  return card(
    [text(message)],
    next.length
      ? next
      : [
          execute(
            tr(lang, 'Termin buchen', 'Book an appointment'),
            { verb: 'book.start' },
            { associatedInputs: 'none' },
          ),
        ],
  );
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export { chunk };
