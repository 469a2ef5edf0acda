/**
 * "Ausfall" / "outage" (journey 6), for supervisors:
 *
 *   form (who, absent or home office only, reason, range)
 *     → reportAbsence + computeProposal → ONE proposal card (every affected appointment, its proposed action)
 *     → "Übernehmen" per item or "Alle übernehmen" → applyPlan → the card is redrawn in place
 *       (done items ticked; if anything changed under the proposal, the rest is recomputed and the card says so).
 *
 * A staff member's own absence report is handed over with `handOverAbsence`: the proposal is
 * computed and sent to the supervisors of their team as the same card, proactively.
 *
 * Proposals live in Redis (store/replan-proposals.ts); the card carries id + version only.
 */
import { citizenReach } from '../../domain/booking-rules';
import { displayPhone } from '../../domain/phone';
import { indexDirectory } from '../../domain/directory-index';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { ProactiveSender } from '../../app/ports';
import {
  createProposal,
  decideProposal,
  type DecideOutcome,
  type ReplanProposalRepository,
} from '../../app/decide-replan';
import { reportAbsence, type ReplanDeps } from '../../app/replan';
import { isDomainError } from '../../domain/errors';
import { countPlanItems, type Plan } from '../../domain/replan';
import { isSupervisor, supervisedTeams } from '../../domain/supervision';
import { localDateOf } from '../../domain/time';
import type { Absence, Directory, Staff } from '../../domain/types';
import { safeError } from '../../domain/safe-error';
import type { Logger } from '../../logger';
import type { ReplanProposal } from '../../store/replan-proposals';
import { errorText } from '../cards/errors';
import { outageActionSchema } from '../cards/actions';
import {
  outageFormCard,
  proposalCard,
  MAX_DONE_ROWS,
  MAX_PROPOSAL_ROWS,
  type ProposalReach,
} from '../cards/outage-cards';
import type { ActionResult, BotTurn, CardAction } from '../command-router';
import { supervisorTexts } from './texts';

/** The replanning use cases' ports (the directory comes with each turn), the proposals and proactive sends. */
export interface OutageServices extends Omit<ReplanDeps, 'directory'> {
  proposals: ReplanProposalRepository;
  proactive: ProactiveSender;
}

const refusal = (turn: BotTurn) => supervisorTexts[turn.lang].outageForSupervisors;

/** Supervisor of every team the proposal's absences touch. */
function mayDecide(directory: Directory, staff: Staff, absences: readonly Absence[]): boolean {
  if (!isSupervisor(staff)) return false;
  const teams = supervisedTeams(staff, directory);
  return absences.every((a) => {
    const s = indexDirectory(directory).staffById(a.staffId);
    return !!s && teams.includes(s.team);
  });
}

async function answer(turn: BotTurn, action: CardAction, card: Record<string, unknown>): Promise<ActionResult> {
  if (action.via === 'execute') return { card };
  await turn.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

async function reply(turn: BotTurn, action: CardAction, message: string): Promise<ActionResult> {
  if (action.via === 'execute') return { message };
  await turn.context.sendActivity(message);
}

export async function showOutageForm(turn: BotTurn): Promise<void> {
  if (!isSupervisor(turn.staff)) {
    await turn.context.sendActivity(refusal(turn));
    return;
  }
  await turn.context.sendActivity(
    MessageFactory.attachment(
      CardFactory.adaptiveCard(outageFormCard(turn.lang, turn.directory, turn.staff, localDateOf(turn.now))),
    ),
  );
}

/**
 * Citizen names for the rows the card shows, and how to reach those whose appointment was cancelled
 * without a replacement (the town hall calls them back: the card is the list). Staff-facing; read,
 * never stored with the proposal.
 */
async function citizenNames(
  services: Pick<OutageServices, 'appointments'>,
  proposal: ReplanProposal,
): Promise<{ names: Map<string, string>; contacts: Map<string, string>; reach: ProposalReach }> {
  const shown = new Set([
    ...proposal.plan.items.slice(0, MAX_PROPOSAL_ROWS).map((i) => i.appointmentId),
    ...proposal.decided.slice(-MAX_DONE_ROWS).map((d) => d.appointmentId),
  ]);
  const applied = new Set(proposal.decided.filter((d) => d.outcome === 'applied').map((d) => d.appointmentId));
  const open = new Set(proposal.plan.items.map((i) => i.appointmentId));
  const unplaced = new Set(proposal.decided.filter((d) => d.action === 'unplaced').map((d) => d.appointmentId));
  // Every open and applied item is read: the counts of who must be called are over all of them.
  const found = await Promise.all(
    [...new Set([...shown, ...open, ...applied])].map((id) => services.appointments.get(id)),
  );
  const names = new Map<string, string>();
  const contacts = new Map<string, string>();
  const reach: ProposalReach = { openToCall: 0, applied: { mail: 0, sms: 0, call: 0, cancelledByMail: 0 } };
  for (const a of found) {
    if (!a || a.anonymised) continue;
    const how = citizenReach(a.citizen);
    if (open.has(a.id) && how.call !== 'none') reach.openToCall += 1;
    if (applied.has(a.id)) {
      if (how.mail) reach.applied.mail += 1;
      if (how.mail && unplaced.has(a.id)) reach.applied.cancelledByMail += 1;
      if (how.sms) reach.applied.sms += 1;
      if (how.call !== 'none') reach.applied.call += 1;
    }
    if (!shown.has(a.id)) continue;
    names.set(a.id, a.citizen.name);
    if (unplaced.has(a.id))
      contacts.set(a.id, a.citizen.phone ? `📞 ${displayPhone(a.citizen.phone)}` : `✉️ ${a.citizen.email}`);
  }
  return { names, contacts, reach };
}

export async function renderProposal(
  services: Pick<OutageServices, 'appointments'>,
  directory: Directory,
  lang: 'de' | 'en',
  proposal: ReplanProposal,
  note?: string,
): Promise<Record<string, unknown>> {
  return proposalCard({
    lang,
    directory,
    proposal,
    ...(await citizenNames(services, proposal).then(({ names, contacts, reach }) => ({
      citizenNames: names,
      citizenContacts: contacts,
      reach,
    }))),
    ...(note ? { note } : {}),
  });
}

export async function handleOutageAction(
  turn: BotTurn,
  action: CardAction,
  services: OutageServices,
): Promise<ActionResult> {
  const { lang, directory } = turn;
  const parsed = outageActionSchema.safeParse({ verb: action.verb, ...action.data });
  if (!parsed.success) {
    if (action.verb === 'outage.propose' && isSupervisor(turn.staff))
      return answer(
        turn,
        action,
        outageFormCard(lang, directory, turn.staff, localDateOf(turn.now), errorText('invalid-input', lang)),
      );
    return reply(turn, action, errorText('invalid-input', lang));
  }
  const a = parsed.data;
  if (!isSupervisor(turn.staff)) return reply(turn, action, refusal(turn));

  if (a.verb === 'outage.form')
    return answer(turn, action, outageFormCard(lang, directory, turn.staff, localDateOf(turn.now)));

  if (a.verb === 'outage.propose') {
    const [kind, id] = a.target.split(':') as ['team' | 'staff', string];
    let absences: Absence[];
    try {
      absences = await reportAbsence(
        { ...services, directory },
        {
          actorId: turn.staff.id,
          target: kind === 'team' ? { teamId: id } : { staffId: id },
          from: a.from,
          to: a.to,
          mode: a.mode,
          reason: a.reason,
        },
      );
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return answer(
        turn,
        action,
        outageFormCard(lang, directory, turn.staff, localDateOf(turn.now), errorText(e.code, lang)),
      );
    }
    const proposal = await createProposal({ ...services, directory }, absences, turn.staff.id);
    turn.log.info(
      { proposalId: proposal.id, absences: absences.length, items: proposal.plan.items.length },
      'outage recorded, proposal shown',
    );
    return answer(turn, action, await renderProposal(services, directory, lang, proposal));
  }

  const proposal = await services.proposals.get(a.proposalId);
  if (!proposal) return reply(turn, action, supervisorTexts[lang].proposalExpired);
  if (!mayDecide(directory, turn.staff, proposal.absences)) return reply(turn, action, errorText('not-allowed', lang));

  if (a.verb === 'outage.show') return answer(turn, action, await renderProposal(services, directory, lang, proposal));

  if (a.version !== proposal.version)
    return answer(turn, action, await renderProposal(services, directory, lang, proposal, outcomeNote(lang, 'stale')));

  const decided = await decideProposal(
    { ...services, directory, logger: turn.log },
    { actorId: turn.staff.id, stored: proposal, ...(a.appointmentId ? { appointmentId: a.appointmentId } : {}) },
  );
  if (!decided) return reply(turn, action, supervisorTexts[lang].proposalBeingConfirmed);
  return answer(
    turn,
    action,
    await renderProposal(
      services,
      directory,
      lang,
      decided.proposal,
      decided.outcome && outcomeNote(lang, decided.outcome),
    ),
  );
}

/** The note on the redrawn card for what deciding did. */
function outcomeNote(lang: 'de' | 'en', outcome: DecideOutcome): string {
  const T = supervisorTexts[lang];
  if (outcome === 'stale') return T.proposalStale;
  if (outcome === 'not-in-proposal') return T.notInProposal;
  if (outcome === 'recomputed-after-failure') return T.recomputedAfterFailure;
  return T.recomputedAfterChanges(outcome.changed);
}

export interface HandOverResult {
  plan: Plan;
  /** Supervisors of the absent staff member's team. */
  supervisors: Staff[];
  /** At least one supervisor got the proposal card in Teams. */
  proposalSent: boolean;
  proposalId?: string;
}

/**
 * A staff member reported their own absence (reportAbsence done): compute the proposal and send it,
 * as the proposal card, to every supervisor of their team. A supervisor who cannot be reached now
 * finds nothing lost: the absence is recorded and the summary lists the stranded appointments.
 */
export async function handOverAbsence(
  services: OutageServices,
  directory: Directory,
  absences: Absence[],
  reporterId: string,
  logger: Logger,
): Promise<HandOverResult> {
  const teams = new Set(
    absences.map((a) => indexDirectory(directory).staffById(a.staffId)?.team).filter((t): t is string => !!t),
  );
  const supervisors = directory.staff.filter(
    (s) => s.id !== reporterId && supervisedTeams(s, directory).some((t) => teams.has(t)),
  );
  if (absences.length === 0)
    return {
      plan: { computedAt: services.clock.now(), absenceIds: [], items: [], counts: countPlanItems([]) },
      supervisors,
      proposalSent: false,
    };
  const proposal = await createProposal({ ...services, directory }, absences, reporterId);
  if (proposal.plan.items.length === 0)
    return { plan: proposal.plan, supervisors, proposalSent: false, proposalId: proposal.id };
  const reporter = indexDirectory(directory).staffById(reporterId);
  let sent = false;
  for (const s of supervisors) {
    try {
      const card = await renderProposal(services, directory, s.language, proposal);
      const text = supervisorTexts[s.language].absenceReported(reporter?.name ?? reporterId);
      if ((await services.proactive.sendToStaff(s.id, { text, card })) === 'sent') sent = true;
    } catch (e) {
      logger.warn(
        { proposalId: proposal.id, supervisorId: s.id, err: safeError(e) },
        'replanning proposal could not be sent to a supervisor',
      );
    }
  }
  logger.info(
    { proposalId: proposal.id, items: proposal.plan.items.length, supervisors: supervisors.length, sent },
    'absence handed over for replanning',
  );
  return { plan: proposal.plan, supervisors, proposalSent: sent, proposalId: proposal.id };
}
