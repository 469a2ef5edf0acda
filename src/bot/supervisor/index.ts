/**
 * The supervisor side of the bot (journeys 5, 6 and 10): registers the commands `summary`, `report` and `outage`
 * and the card verbs `problem.resolve` and `outage.*`. Called from src/bot/handlers.ts → registerHandlers.
 *
 *   summary.ts  the daily summary on demand, a missed morning summary, open problems
 *   report.ts   period reports: the card with the signed links to the page, the Excel file and the CSV
 *   outage.ts   outages and replanning proposals (also handed over from a staff member's own absence report)
 *   texts.ts    their words, German and English
 */
import type { Clock } from '../../domain/clock';
import type { Absence } from '../../domain/types';
import type { BotRouter } from '../commands';
import type { BotTurn } from '../command-router';
import {
  handleOutageAction,
  handOverAbsence,
  showOutageForm,
  type HandOverResult,
  type OutageServices,
} from './outage';
import { sendReport, type ReportServices } from './report';
import { resolveAlert, sendSummary, type SummaryServices } from './summary';

/** The supervisor side's ports, filled in main.ts (createApp) as `BotServices.supervisor`. */
export interface SupervisorServices {
  summary: SummaryServices;
  outage: Omit<OutageServices, 'clock'>;
  /** Period reports with signed links (journey 10). */
  report: ReportServices;
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
  router.command('report', (turn, command) =>
    sendReport(turn, command.text, services.supervisor.report, services.clock),
  );
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
