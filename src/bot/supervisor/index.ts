/**
 * The supervisor side of the bot (journeys 5 and 6): registers the commands `summary` and `outage`
 * and the card verbs `problem.resolve` and `outage.*`. Called from src/bot/handlers.ts → registerHandlers.
 *
 *   summary.ts  the daily summary on demand, a missed morning summary, open problems
 *   outage.ts   outages and replanning proposals (also handed over from a staff member's own absence report)
 *   texts.ts    their words, German and English
 */
import type { Clock } from '../../domain/clock';
import type { Absence } from '../../domain/types';
import type { BotRouter } from '../bot-router';
import type { BotTurn } from '../router';
import {
  handleOutageAction,
  handOverAbsence,
  showOutageForm,
  type HandOverResult,
  type OutageServices,
} from './outage';
import { resolveAlert, sendSummary, type SummaryServices } from './summary';

/** The supervisor side's ports, filled in main.ts (createApp) as `BotServices.supervisor`. */
export interface SupervisorServices {
  summary: SummaryServices;
  outage: Omit<OutageServices, 'clock'>;
}

export function registerSupervisorHandlers(
  router: BotRouter,
  services: { clock: Clock; supervisor: SupervisorServices },
): void {
  const outage = (): OutageServices => ({ ...services.supervisor.outage, clock: services.clock });
  router.command('summary', (turn, command) =>
    sendSummary(turn, command.day, services.supervisor.summary, services.clock),
  );
  router.command('outage', (turn) => showOutageForm(turn));
  router.action('problem.resolve', (turn, action) => resolveAlert(turn, action, services.supervisor.summary));
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
