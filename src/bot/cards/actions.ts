/**
 * The data every card button sends back, one zod schema per verb.
 *
 * Cards are the conversation's only state: each button carries the ids it acts on (service,
 * channel, staff, hold token, appointment id + the SEQUENCE the card was rendered from, the
 * client key for idempotent confirmation). Handlers parse with `parseAction`; anything tampered,
 * stale or half filled fails here or in the use case and changes nothing.
 */
import { z } from 'zod';
import { CANCEL_CODES, type AgendaRange, type CancelCode } from '../../domain/types';
import { cleanLine } from '../../domain/text';
import { isEmailAddress } from '../../domain/email-address';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const appointmentId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);
const token = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);
const epoch = z.coerce.number().int().min(0).max(8_640_000_000_000);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const channel = z.enum(['video', 'phone', 'in-person']);
const seq = z.coerce.number().int().min(0);
/**
 * What a one-sentence booking wished for beyond service and day, carried by the service and channel
 * buttons until the slots are searched: a time (HH:MM) or a part of the day (bot/staff/quick.ts).
 */
const wish = {
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  part: z.enum(['morning', 'afternoon']).optional(),
};

/** Teams sends empty inputs as "" or leaves them out; treat both as "not given". */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string().max(max).optional(),
  );
/** A one-line field (name, email, phone): line breaks and tabs become a space (cleanLine), empty = not given. */
const optionalLine = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? cleanLine(v) || undefined : v), z.string().max(max).optional());
/** The same, for fields of the confirm step that were filled in before. */
const line = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === 'string' ? cleanLine(v) : v), schema);

/**
 * A citizen's email address, internationalised ones included (`jürgen@müller.example`): z.email()
 * knows only ASCII. How such an address travels is the mail transport's business.
 */
export const emailAddress = z.string().max(254).refine(isEmailAddress, { message: 'invalid email address' });

/** What was searched for (the search card's paging and "back" buttons carry it; never logged). */
const searchText = optionalText(200);
/**
 * An action pressed on the details card of one appointment (`view: 'details'`) answers with that card
 * again (and the search to go back to), not with an agenda; one pressed on the team agenda
 * (`view: 'team'`, with its `range`) answers with the team agenda.
 */
const fromDetails = { view: z.enum(['details', 'team']).optional(), q: searchText };

/** The cancel form's reasons (one list, in the domain: the mails word the cancellation after it). */
export const CANCEL_REASONS = CANCEL_CODES;
export type CancelReason = CancelCode;

/** Where a booking is in its flow; every step carries what the steps before chose. */
/** Whose calendars a booking searches: '*' (or nothing) = everyone the clerk may book (pooled), else one staff id. */
const forStaff = z.preprocess((v) => (v === '*' || v === '' ? undefined : v), id.optional());
/** Several services in one appointment: a list, or the comma-separated value of a multi-select ChoiceSet. */
const serviceList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : v,
  z.array(id).max(4).optional(),
);
const flow = {
  /** Whose calendar: absent = pooled (everyone the clerk may book), else the clerk or a named colleague. */
  forStaffId: forStaff,
  serviceId: id,
  /** Set when the appointment is for several services (`serviceId` first). */
  serviceIds: serviceList,
  channel,
  /** Who serves the chosen slot (pooled search: the colleague the slot belongs to). */
  staffId: id.optional(),
};

/** The held slot and the citizen form: what "Weiter" (book.details) and "Verbindlich buchen" (book.submit) carry. */
/** "SMS-Erinnerung?" (Input.Toggle: 'true' / 'false' as text; a card's own data may carry a boolean). */
const smsToggle = z
  .preprocess((v) => (v === 'true' || v === true ? true : v === 'false' || v === false ? false : v), z.boolean())
  .optional();

const citizenForm = {
  start: epoch,
  holdToken: token,
  clientKey: token,
  holdExpiresAt: epoch.optional(),
  citizenName: optionalLine(120),
  citizenEmail: optionalLine(254),
  citizenPhone: optionalLine(40),
  note: optionalText(500),
  citizenLanguage: z.enum(['de', 'en']).optional(),
  citizenSms: smsToggle,
};

export const agendaRangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('today') }),
  z.object({ kind: z.literal('tomorrow') }),
  z.object({ kind: z.literal('week'), offsetWeeks: z.coerce.number().int().min(-4).max(12) }),
  z.object({ kind: z.literal('date'), date: localDate }),
]) satisfies z.ZodType<AgendaRange, unknown>;

export const actionSchema = z.discriminatedUnion('verb', [
  /** Start booking (from help, suggestions, agenda). */
  z.object({ verb: z.literal('book.start'), forStaffId: forStaff, day: localDate.optional() }),
  /**
   * Service picked (a button); with `combine` the multi-select `serviceIds` (plus `serviceId`, if
   * any) become one appointment for several services.
   */
  z.object({
    verb: z.literal('book.service'),
    forStaffId: forStaff,
    serviceId: id.optional(),
    serviceIds: serviceList,
    combine: z.coerce.boolean().optional(),
    day: localDate.optional(),
    /** A channel the sentence named: no channel card when the service offers it. */
    channel: channel.optional(),
    ...wish,
  }),
  z.object({ verb: z.literal('book.channel'), ...flow, day: localDate.optional(), ...wish }),
  /** Slot list: `after` pages on ("more"); `day` comes from the Input.Date "other day". */
  z.object({
    verb: z.literal('book.slots'),
    ...flow,
    day: z.preprocess((v) => (v === '' ? undefined : v), localDate.optional()),
    after: epoch.optional(),
    ...wish,
  }),
  z.object({ verb: z.literal('book.hold'), ...flow, start: epoch }),
  z.object({
    verb: z.literal('book.details'),
    ...flow,
    ...citizenForm,
  }),
  z.object({
    verb: z.literal('book.confirm'),
    ...flow,
    start: epoch,
    holdToken: token,
    clientKey: token,
    holdExpiresAt: epoch.optional(),
    citizenName: line(z.string().min(1).max(120)),
    citizenEmail: z.preprocess((v) => (v === '' ? undefined : v), emailAddress.optional()),
    citizenPhone: line(z.string().max(40)).optional(),
    note: z.string().max(500).optional(),
    citizenLanguage: z.enum(['de', 'en']),
    citizenSms: smsToggle,
  }),
  /** Back from the summary to the details form, with what was typed. */
  z.object({
    verb: z.literal('book.edit'),
    ...flow,
    start: epoch,
    holdToken: token,
    clientKey: token,
    holdExpiresAt: epoch.optional(),
    citizenName: line(z.string().max(120)).optional(),
    citizenEmail: z.string().max(254).optional(),
    citizenPhone: line(z.string().max(40)).optional(),
    note: z.string().max(500).optional(),
    citizenLanguage: z.enum(['de', 'en']).optional(),
    citizenSms: smsToggle,
  }),
  z.object({ verb: z.literal('book.abort'), forStaffId: forStaff, holdToken: token.optional() }),
  z.object({ verb: z.literal('book.retryMeeting'), appointmentId }),

  z.object({ verb: z.literal('agenda.show'), range: agendaRangeSchema, forStaffId: id.optional() }),
  /** Appointment actions carry the SEQUENCE the card showed, and the agenda range to return to. */
  /** `who`: 'same' (default) keeps the staff member, 'pool' searches everyone the clerk may book. */
  z.object({
    verb: z.literal('appt.reschedule'),
    appointmentId,
    sequence: seq,
    range: agendaRangeSchema.optional(),
    day: z.preprocess((v) => (v === '' ? undefined : v), localDate.optional()),
    after: epoch.optional(),
    who: z.enum(['same', 'pool']).optional(),
  }),
  /** `staffId`: the colleague the new slot belongs to (a move to another colleague), default the same. */
  z.object({
    verb: z.literal('appt.move'),
    appointmentId,
    sequence: seq,
    start: epoch,
    staffId: id.optional(),
    who: z.enum(['same', 'pool']).optional(),
    range: agendaRangeSchema.optional(),
  }),
  z.object({
    verb: z.literal('appt.cancelAsk'),
    appointmentId,
    sequence: seq,
    range: agendaRangeSchema.optional(),
    ...fromDetails,
  }),
  z.object({
    verb: z.literal('appt.cancel'),
    appointmentId,
    sequence: seq,
    range: agendaRangeSchema.optional(),
    reason: z.enum(CANCEL_REASONS),
    reasonText: optionalText(300),
    ...fromDetails,
  }),
  z.object({
    verb: z.literal('appt.outcome'),
    appointmentId,
    sequence: seq,
    outcome: z.enum(['completed', 'no-show']),
    range: agendaRangeSchema.optional(),
    ...fromDetails,
  }),
  /** One appointment in full; `q`: the search to go back to, `team`: the team agenda's range to go back to. */
  z.object({ verb: z.literal('appt.details'), appointmentId, q: searchText, team: agendaRangeSchema.optional() }),
  /** "Termine Team" for a range; `page`: a day too long for one card, paged. */
  z.object({
    verb: z.literal('team.show'),
    range: agendaRangeSchema,
    page: z.coerce.number().int().min(0).max(99).optional(),
  }),

  /** "Alle Termine dieser Person": the citizen's appointments (same email or phone), paged; `q`: the search to go back to. */
  z.object({
    verb: z.literal('appt.history'),
    appointmentId,
    q: searchText,
    page: z.coerce.number().int().min(0).max(10).optional(),
  }),
  /**
   * "Stattdessen diesen Termin verschieben" on the booking's review card: the citizen's existing
   * appointment moves to the held time and colleague instead of a second booking (the hold goes with it).
   */
  z.object({
    verb: z.literal('book.moveInstead'),
    appointmentId,
    sequence: seq,
    start: epoch,
    staffId: id,
    holdToken: token,
  }),

  /** The search form's "Suchen" (Input.Text `q`), and paging through the results (10 per page). */
  z.object({ verb: z.literal('search.run'), q: searchText }),
  z.object({ verb: z.literal('search.page'), q: searchText, page: z.coerce.number().int().min(0).max(10) }),

  /** The staff member's answer to "the citizen declined" (a proactive notice card). */
  z.object({
    verb: z.literal('reply.decide'),
    appointmentId,
    sequence: seq,
    choice: z.enum(['cancel', 'keep', 'call']),
  }),
  /** The staff member's answer to a proposed new time (iTIP COUNTER); `start`: the time the card showed. */
  z.object({
    verb: z.literal('reply.proposal'),
    appointmentId,
    sequence: seq,
    start: epoch,
    choice: z.enum(['accept', 'decline']),
  }),
  /**
   * A call of the call list ("Bitte anrufen" card, or the agenda): reached, or not reached – later.
   * `tries`: the not-reached count the card showed (pressing the same card twice counts once).
   */
  z.object({
    verb: z.literal('call.mark'),
    appointmentId,
    sequence: seq,
    tries: z.coerce.number().int().min(0).max(1000),
    outcome: z.enum(['reached', 'retry']),
    /** Pressed on the agenda: answer with that agenda again (whose agenda: `forStaffId`). */
    range: agendaRangeSchema.optional(),
    forStaffId: id.optional(),
  }),

  z.object({ verb: z.literal('absence.form') }),
  z.object({
    verb: z.literal('absence.submit'),
    kind: z.enum(['sick', 'leave', 'quarantine', 'home-office-only', 'other']),
    from: localDate,
    to: localDate,
  }),

  /**
   * The details card's final button "Verbindlich buchen": details and review in one step (checked as
   * book.details checks them, then booked as book.confirm books; an incomplete form comes back marked).
   */
  z.object({
    verb: z.literal('book.submit'),
    ...flow,
    ...citizenForm,
  }),
  /** A suggested or help-card command, run as if typed. */
  z.object({ verb: z.literal('command'), text: z.string().min(1).max(100) }),
  /** "Neuen Link erstellen" on the calendar link card: a new feed URL, the old one stops working. */
  z.object({ verb: z.literal('calendar.renew') }),
]);

export type ActionData = z.input<typeof actionSchema>;
export type ParsedAction = z.output<typeof actionSchema>;
export type Verb = ParsedAction['verb'];
export type ActionOf<V extends Verb> = Extract<ParsedAction, { verb: V }>;

const proposalId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** What the outage buttons send back. */
export const outageActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('outage.form') }),
  z.object({
    verb: z.literal('outage.propose'),
    target: z.string().regex(/^(team|staff):[a-z0-9][a-z0-9-]{0,63}$/),
    mode: z.enum(['absent', 'home-office-only']),
    reason: z.enum(['sick', 'leave', 'quarantine', 'other']),
    from: localDate,
    to: localDate,
  }),
  z.object({
    verb: z.literal('outage.apply'),
    proposalId,
    version: z.coerce.number().int().min(0),
    appointmentId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,80}$/)
      .optional(),
  }),
  z.object({ verb: z.literal('outage.show'), proposalId }),
]);
export type OutageAction = z.infer<typeof outageActionSchema>;

export type ParseResult = { ok: true; action: ParsedAction } | { ok: false; verb?: string; fields: string[] };

/** Parses a card submission (Action.Execute data merged with inputs, or Action.Submit value). */
export function parseAction(data: unknown): ParseResult {
  const r = actionSchema.safeParse(data);
  if (r.success) return { ok: true, action: r.data };
  const verb =
    typeof data === 'object' && data !== null && typeof (data as { verb?: unknown }).verb === 'string'
      ? (data as { verb: string }).verb
      : undefined;
  const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? 'verb')))];
  return verb === undefined ? { ok: false, fields } : { ok: false, verb, fields };
}
