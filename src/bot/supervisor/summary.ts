/**
 * The daily summary in the bot, for supervisors:
 *
 *   tagesübersicht / summary [heute|morgen|Datum]  → the summary card of the teams they supervise
 *   (on any turn)                                   → this morning's summary, if it could not be pushed
 *   "Erledigt" on an open problem of the card       → the undelivered alert is resolved
 *
 * Staff who ask for the summary get a polite refusal.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import { z } from 'zod';
import type { BuildSummaryDeps } from '../../app/build-summary';
import { buildSummary } from '../../app/build-summary';
import { OneAtATime } from '../../app/one-at-a-time';
import type { TeamsMessage } from '../../app/ports';
import { takePendingSummary, type PendingSummaries, type RenderSummary } from '../../app/send-daily-summaries';
import type { Clock } from '../../domain/clock';
import { isDomainError } from '../../domain/errors';
import { isSupervisor, supervisedTeams } from '../../domain/supervision';
import type { LocalDate } from '../../domain/types';
import { safeError } from '../../domain/safe-error';
import { errorText } from '../cards/errors';
import type { ActionResult, BotTurn, CardAction } from '../command-router';
import { supervisorTexts } from './texts';

/** The summary's ports without the per-turn directory and the clock (BotServices has those). */
export interface SummaryServices extends Omit<BuildSummaryDeps, 'directory' | 'clock'> {
  pending: PendingSummaries;
  render: RenderSummary;
  /** Undelivered supervisor alerts (open problems) a supervisor marks done from the summary card. */
  alerts?: { resolve(id: string): Promise<boolean> };
}

const resolveAlertSchema = z.object({ alertId: z.string().min(1).max(300) });

export function summaryDeps(
  services: SummaryServices,
  turn: Pick<BotTurn, 'directory'>,
  clock: Clock,
): BuildSummaryDeps & SummaryServices {
  return { ...services, directory: turn.directory, clock };
}

export function messageActivity(message: TeamsMessage) {
  if (!message.card) return MessageFactory.text(message.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
  activity.text = message.text;
  return activity;
}

export function isSupervisorTurn(turn: Pick<BotTurn, 'staff'>): boolean {
  return isSupervisor(turn.staff);
}

/**
 * Summaries asked for at once are built one after another (the sending is not: it waits on the network):
 * clerks' turns go between them rather than behind a burst of them.
 */
const building = new OneAtATime();

export async function sendSummary(
  turn: BotTurn,
  day: LocalDate | undefined,
  services: SummaryServices,
  clock: Clock,
): Promise<void> {
  const { lang } = turn;
  if (!isSupervisorTurn(turn)) {
    await turn.context.sendActivity(supervisorTexts[lang].summaryForSupervisors);
    return;
  }
  try {
    const message = await building.run(async () =>
      services.render(
        await buildSummary(summaryDeps(services, turn, clock), {
          ...(day ? { day } : {}),
          teamIds: supervisedTeams(turn.staff, turn.directory),
        }),
        lang,
        turn.shared ? { shared: true } : {},
      ),
    );
    await turn.context.sendActivity(messageActivity(message));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await turn.context.sendActivity(errorText(e.code, lang));
  }
}

/**
 * On every turn: a supervisor who could not be reached this morning gets the day's summary now,
 * once (the pending marker is taken atomically). Never breaks the turn it rides on.
 */
export async function deliverPendingSummary(turn: BotTurn, services: SummaryServices, clock: Clock): Promise<void> {
  if (!isSupervisorTurn(turn)) return;
  try {
    const message = await takePendingSummary({ ...summaryDeps(services, turn, clock) }, turn.staff.aadObjectId);
    if (message) {
      await turn.context.sendActivity(messageActivity(message));
      turn.log.info('pending daily summary delivered');
    }
  } catch (e) {
    turn.log.warn({ err: safeError(e) }, 'pending daily summary could not be delivered');
  }
}

/** "Erledigt" on an open problem of the summary card: the undelivered alert is resolved. */
export async function resolveAlert(
  turn: BotTurn,
  action: CardAction,
  services: SummaryServices,
): Promise<ActionResult> {
  const T = supervisorTexts[turn.lang];
  const parsed = resolveAlertSchema.safeParse(action.data);
  let message: string;
  if (!isSupervisorTurn(turn) || !parsed.success || !services.alerts) message = T.onlySupervisors;
  else {
    const resolved = await services.alerts.resolve(parsed.data.alertId);
    turn.log.info({ alertId: parsed.data.alertId, resolved }, 'undelivered alert marked done');
    message = resolved ? T.alertResolved : T.alertAlreadyResolved;
  }
  if (action.via === 'execute') return { message };
  await turn.context.sendActivity(message);
}
