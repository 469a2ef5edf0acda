/**
 * What supervisors get in the bot besides what staff get:
 *
 *   tagesübersicht / summary [heute|morgen|Datum]  → the summary card of the teams they supervise
 *   (on any turn)                                   → this morning's summary, if it could not be pushed
 *   ausfall / outage                                → see ./outage.ts
 *
 * Staff who ask for the summary get a polite refusal.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import { z } from 'zod';
import type { BuildSummaryDeps } from '../../app/build-summary';
import { buildSummary } from '../../app/build-summary';
import type { TeamsMessage } from '../../app/ports';
import { takePendingSummary, type PendingSummaries, type RenderSummary } from '../../app/send-daily-summaries';
import type { Clock } from '../../domain/clock';
import { isDomainError } from '../../domain/errors';
import { supervisedTeams } from '../../domain/supervision';
import type { Absence, LocalDate } from '../../domain/types';
import { safeError } from '../../domain/safe-error';
import { errorText } from '../cards/errors';
import { tr } from '../cards/format';
import type { BotRouter } from '../bot-router';
import {
  handleOutageAction,
  handOverAbsence,
  showOutageForm,
  type HandOverResult,
  type OutageServices,
} from './outage';
import type { BotTurn } from '../router';

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

export function isSupervisor(turn: Pick<BotTurn, 'staff'>): boolean {
  return turn.staff.role === 'supervisor';
}

export async function sendSummary(
  turn: BotTurn,
  day: LocalDate | undefined,
  services: SummaryServices,
  clock: Clock,
): Promise<void> {
  const { lang } = turn;
  if (!isSupervisor(turn)) {
    await turn.context.sendActivity(
      tr(
        lang,
        'Die Tagesübersicht steht Teamleitungen zur Verfügung. Ihre eigenen Termine sehen Sie mit „Meine Termine“.',
        'The daily summary is for supervisors. To see your own appointments, type “my appointments”.',
      ),
    );
    return;
  }
  try {
    const summary = await buildSummary(summaryDeps(services, turn, clock), {
      ...(day ? { day } : {}),
      teamIds: supervisedTeams(turn.staff),
    });
    await turn.context.sendActivity(
      messageActivity(services.render(summary, lang, turn.shared ? { shared: true } : {})),
    );
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
  if (!isSupervisor(turn)) return;
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

/** The supervisor side's ports, filled in main.ts (createApp) as `BotServices.supervisor`. */
export interface SupervisorServices {
  summary: SummaryServices;
  outage: Omit<OutageServices, 'clock'>;
}

/** Registers `summary`, `outage` and the `outage.*` card verbs (called from handlers.ts). */
export function registerSupervisorHandlers(
  router: BotRouter,
  services: { clock: Clock; supervisor: SupervisorServices },
): void {
  const outage = (): OutageServices => ({ ...services.supervisor.outage, clock: services.clock });
  router.command('summary', (turn, command) =>
    sendSummary(turn, command.day, services.supervisor.summary, services.clock),
  );
  router.command('outage', (turn) => showOutageForm(turn));
  router.action('problem.resolve', async (turn, action) => {
    const parsed = resolveAlertSchema.safeParse(action.data);
    let message: string;
    if (!isSupervisor(turn) || !parsed.success || !services.supervisor.summary.alerts)
      message = tr(turn.lang, 'Das können nur Teamleitungen erledigen.', 'Only supervisors can do this.');
    else {
      const resolved = await services.supervisor.summary.alerts.resolve(parsed.data.alertId);
      turn.log.info({ alertId: parsed.data.alertId, resolved }, 'undelivered alert marked done');
      message = resolved
        ? tr(
            turn.lang,
            'Erledigt – die Meldung ist kein offenes Problem mehr.',
            'Done – the alert is no longer an open problem.',
          )
        : tr(turn.lang, 'Diese Meldung wurde bereits erledigt.', 'This alert was already marked done.');
    }
    if (action.via === 'execute') return { message };
    await turn.context.sendActivity(message);
  });
  router.action('outage.*', (turn, action) => handleOutageAction(turn, action, outage()));
}

/**
 * For the staff member's own absence report (the `absence.submit` handler, after reportAbsence):
 * computes the replanning proposal and sends it to the supervisors of their team as the proposal
 * card. The result fills absenceResultCard's `supervisors`, `proposalSent` and `plan` counts.
 */
export function handOverAbsenceOfTurn(
  turn: BotTurn,
  services: { clock: Clock; supervisor: SupervisorServices },
  absences: Absence[],
): Promise<HandOverResult> {
  return handOverAbsence(
    { ...services.supervisor.outage, clock: services.clock },
    turn.directory,
    absences,
    turn.staff.id,
    turn.log,
  );
}
