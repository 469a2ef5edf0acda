/**
 * "Abwesend" (journey 3): the form (kind, from, to) → reportOwnAbsence stores the absence and lists
 * the affected appointments → the replanning proposal goes to the supervisors of the team
 * (supervisor side: handOverAbsenceOfTurn sends the proposal card in Teams). When no supervisor
 * could get it right now, a supervisor-alert is queued in the outbox, which retries until delivered.
 */
import { alertSupervisors, reportOwnAbsence, supervisorsOf } from '../../app/report-absence';
import type { Clock } from '../../domain/clock';
import { isDomainError } from '../../domain/errors';
import { localDateOf } from '../../domain/time';
import { absenceFormCard, absenceResultCard, type AbsenceFormValues } from '../cards/absence-cards';
import { safeError } from '../../domain/safe-error';
import { errorText } from '../cards/errors';
import type { BotRouter } from '../commands';
import type { BotTurn } from '../command-router';
import { handOverAbsenceOfTurn, type SupervisorServices } from '../supervisor';
import { agendaItem } from './appointment-view';
import { cardHandler, sendCard, typing, type StaffServices } from './common';

type Deps = {
  clock: Clock;
  staff: StaffServices;
  supervisor: SupervisorServices;
  /** Whether a supervisor can be reached in Teams at all (has a personal conversation with the bot). */
  conversationRefs?: { get(aadObjectId: string): Promise<unknown> };
};

export async function showAbsenceForm(
  turn: BotTurn,
  deps: Pick<Deps, 'clock'>,
  kind?: AbsenceFormValues['kind'],
): Promise<void> {
  await sendCard(turn, absenceFormCard(turn.lang, localDateOf(deps.clock.now()), undefined, kind ? { kind } : {}));
}

export function registerAbsenceHandlers(router: BotRouter, deps: Deps): void {
  router.action(
    'absence.form',
    cardHandler(['absence.form'], (turn) => absenceFormCard(turn.lang, localDateOf(deps.clock.now()))),
  );

  router.action(
    'absence.submit',
    cardHandler(['absence.submit'], async (turn, a) => {
      const today = localDateOf(deps.clock.now());
      if (a.to < a.from || a.to < today)
        return absenceFormCard(turn.lang, today, errorText('invalid-range', turn.lang), a);
      await typing(turn);
      let report;
      try {
        report = await reportOwnAbsence(
          {
            directory: turn.directory,
            clock: deps.clock,
            absences: deps.staff.absences,
            appointments: deps.staff.appointments,
          },
          { actorId: turn.staff.id, kind: a.kind, from: a.from, to: a.to },
        );
      } catch (e) {
        if (!isDomainError(e)) throw e;
        return absenceFormCard(turn.lang, today, errorText(e.code, turn.lang), a);
      }
      turn.log.info({ absences: report.absences.length, affected: report.affected.length }, 'own absence reported');

      let supervisors: string[] = [];
      let proposalSent = false;
      let unreachableMailbox: string | undefined;
      let plan: Parameters<typeof absenceResultCard>[0]['plan'];
      if (report.affected.length > 0) {
        try {
          const handed = await handOverAbsenceOfTurn(turn, deps, report.absences);
          supervisors = handed.supervisors.map((s) => s.name);
          proposalSent = handed.proposalSent;
          const c = handed.plan.counts;
          plan = { convert: c.converted, reassign: c.reassigned, reschedule: c.rescheduled, unplaced: c.unplaced };
        } catch (e) {
          turn.log.warn({ err: safeError(e) }, 'replanning proposal could not be prepared');
        }
        // Nobody got the proposal now (no conversation with the bot yet, Teams refused, …): the outbox retries the alert.
        if (!proposalSent) {
          await alertSupervisors(deps.staff.outbox, turn.directory, turn.staff, report, { from: a.from, to: a.to });
          const refs = deps.conversationRefs;
          const reachable = refs
            ? await Promise.all(
                supervisorsOf(turn.directory, turn.staff).map(async (s) => (await refs.get(s.aadObjectId)) !== null),
              )
            : [true];
          if (!reachable.some(Boolean)) unreachableMailbox = turn.directory.organisation.mailbox;
        }
      }
      return absenceResultCard({
        lang: turn.lang,
        kind: a.kind,
        from: a.from,
        to: a.to,
        affected: report.affected.map((x) => agendaItem(turn.directory, x, turn.lang)),
        supervisors,
        proposalSent,
        ...(unreachableMailbox ? { unreachableMailbox } : {}),
        ...(plan ? { plan } : {}),
      });
    }),
  );
}
