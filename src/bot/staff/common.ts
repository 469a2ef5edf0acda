/**
 * What the staff handlers share: their ports (`StaffServices`, filled in main.ts), how a card
 * answers a button (in place), the typing indicator, and the one mapping of DomainErrors to cards.
 *
 * Answering a button:
 *   - Action.Execute (invoke `adaptiveCard/action`): the handler returns `{ card }`; Teams replaces
 *     the pressed card with it, so a used card never keeps live buttons.
 *   - Action.Submit (message with `value`): the pressed card is updated in place through
 *     `updateActivity(replyToId)`; when Teams sent no replyToId (or the update fails) a new card is sent.
 */
import { ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';
import type { BookingStore } from '../../app/book';
import type { CancelStore } from '../../app/cancel';
import type { OutcomeStore } from '../../app/mark-outcome';
import type {
  AbsenceReader,
  AppointmentReader,
  CalendarCheck,
  CallList,
  MeetingProvider,
  SearchAudit,
  SearchIndexReader,
} from '../../app/ports';
import type { AbsenceAlertOutbox } from '../../app/report-absence';
import type { AbsenceWriter } from '../../app/replan';
import type { ReplyRecorder } from '../../app/replies';
import type { RescheduleStore } from '../../app/reschedule';
import { indexDirectory } from '../../domain/directory-index';
import { isDomainError } from '../../domain/errors';
import type { Appointment, Directory, Staff } from '../../domain/types';
import { safeError } from '../../domain/safe-error';
import type { AdaptiveCard } from '../cards/ac';
import { parseAction, type Verb, type ActionOf } from '../cards/actions';
import { errorCard, invalidCard } from '../cards/common-cards';
import { errorText } from '../cards/errors';
import type { ActionResult, BotTurn, CardAction } from '../command-router';

/** The citizen's calendar answers and the cancel a "declined" notice may lead to. */
export type ReplyDecisionStore = ReplyRecorder & CancelStore;

export type StaffStore = BookingStore & RescheduleStore & CancelStore & OutcomeStore & AppointmentReader;

/** The staff side's ports; main.ts (createApp) fills them as `BotServices.staff`. */
export interface StaffServices {
  appointments: StaffStore;
  absences: AbsenceReader & AbsenceWriter;
  meetings: MeetingProvider;
  /** Queues the supervisors' alert about a reported absence (once per absence). */
  outbox: AbsenceAlertOutbox;
  holdTtlSeconds: number;
  /** REMINDER_CITIZEN_MINUTES, for "a reminder 24 h before" on the cards. */
  reminderMinutes: number;
  /** The citizen's calendar answers (declined → the staff member's decision); absent: the buttons say so. */
  replies?: ReplyDecisionStore;
  /** How long a booking waits for the meeting provider before it books without a link. */
  meetingTimeoutMs?: number;
  /** The staff members' own calendars (CALENDAR_PROVIDER graph/caldav); checked just in time on a hold. */
  calendars?: CalendarCheck;
  /** The subscribable calendar feed's link ("Mein Kalender"); absent: the command says it is not set up. */
  calendarFeed?: CalendarFeedLinks;
  /** Finding appointments ("Suchen"): the search index and the search audit. */
  search: SearchServices;
  /** The call list ("Bitte anrufen"): open calls on the agenda, "Erreicht" / "Nicht erreicht". */
  calls?: CallList;
}

/** The search ports (main.ts: the Redis search index, which also keeps the search audit). */
export interface SearchServices {
  index: SearchIndexReader & SearchAudit;
  appointments: { getMany(ids: readonly string[]): Promise<Appointment[]> };
}

/** A staff member's feed URL, and a new one that revokes it (app/citizen-links.ts StaffFeedLinks). */
export interface CalendarFeedLinks {
  url(staffId: string): Promise<string>;
  renew(staffId: string): Promise<string>;
}

export type CardLike = AdaptiveCard | Record<string, unknown>;

/** Sends a card as a new message (commands). */
export async function sendCard(turn: BotTurn, card: CardLike, text?: string): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (text) activity.text = text;
  await turn.context.sendActivity(activity);
}

/** Replaces the pressed card (see the module comment). */
export async function answerCard(turn: BotTurn, action: CardAction, card: CardLike): Promise<ActionResult> {
  if (action.via === 'execute') return { card };
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  const replyToId = turn.context.activity.replyToId;
  if (replyToId) {
    try {
      await turn.context.updateActivity({ ...activity, id: replyToId });
      return;
    } catch (e) {
      turn.log.warn({ err: safeError(e) }, 'card could not be updated in place; sending a new one');
    }
  }
  await turn.context.sendActivity(activity);
}

/** "…" in the chat while slow work runs (slot search, booking). Never breaks the turn. */
export async function typing(turn: BotTurn): Promise<void> {
  await turn.context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
}

/** The one place a DomainError becomes a card for staff (texts: cards/errors.ts). */
export function domainErrorCard(turn: BotTurn, e: unknown): AdaptiveCard {
  if (!isDomainError(e)) throw e;
  turn.log.info({ code: e.code }, 'action refused');
  return errorCard(turn.lang, errorText(e.code, turn.lang));
}

/**
 * Registers a handler for a family of verbs: parses the card data with zod first (tampered, stale
 * or half-filled data → a readable error card, nothing written), answers DomainErrors with an error
 * card, and replaces the pressed card with what the handler returns.
 */
export function cardHandler<V extends Verb>(
  verbs: readonly V[],
  handle: (turn: BotTurn, action: ActionOf<V>) => CardLike | Promise<CardLike>,
): (turn: BotTurn, action: CardAction) => Promise<ActionResult> {
  return async (turn, raw) => {
    const parsed = parseAction({ ...raw.data, verb: raw.verb });
    if (!parsed.ok || !(verbs as readonly string[]).includes(parsed.action.verb)) {
      turn.log.info({ verb: raw.verb, fields: parsed.ok ? [] : parsed.fields }, 'card data refused');
      return answerCard(turn, raw, invalidCard(turn.lang, parsed.ok ? [] : parsed.fields));
    }
    let card: CardLike;
    try {
      card = await handle(turn, parsed.action as ActionOf<V>);
    } catch (e) {
      card = domainErrorCard(turn, e);
    }
    return answerCard(turn, raw, card);
  };
}

export const staffOf = (directory: Directory, id: string): Staff | undefined => indexDirectory(directory).staffById(id);

export const named = (s: { id: string; name: string }) => ({ id: s.id, name: s.name });
