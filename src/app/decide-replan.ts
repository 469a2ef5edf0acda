/**
 * Use cases for the replanning proposal a supervisor works through (journey 6): create and store a
 * proposal for recorded absences, and decide it (all items or one) — re-read under the proposal's
 * lock, apply via `applyPlan`, record what was decided, recompute what is still open when the world
 * moved on, and save the next version. The bot maps the outcome to its texts and cards.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { countPlanItems, type Plan } from '../domain/replan';
import type { Absence } from '../domain/types';
import type { DecidedItem, LogPort, ReplanProposal } from './ports';
import { applyPlan, computeProposal, type ApplyResult, type ReplanDeps } from './replan';

/** Where proposals live between "shown" and "confirmed" (store/replan-proposals.ts on Redis). */
export interface ReplanProposalRepository {
  get(id: string): Promise<ReplanProposal | null>;
  save(p: ReplanProposal): Promise<void>;
  /** Runs `work` while holding the proposal's lock; null when someone else holds it. */
  withLock<T>(id: string, work: () => Promise<T>): Promise<T | null>;
}

export interface DecideReplanDeps extends ReplanDeps {
  proposals: ReplanProposalRepository;
  /** Ids and counts only. */
  logger: LogPort;
}

/** Computes and stores a proposal (version 1) for absences that were just recorded. */
export async function createProposal(
  deps: Pick<ReplanDeps, 'directory' | 'clock' | 'absences' | 'appointments' | 'holds'> & {
    proposals: Pick<ReplanProposalRepository, 'save'>;
  },
  absences: Absence[],
  createdBy: string,
): Promise<ReplanProposal> {
  const plan = await computeProposal(deps, absences);
  const proposal: ReplanProposal = {
    id: randomBytes(12).toString('base64url'),
    version: 1,
    createdAt: deps.clock.now(),
    createdBy,
    absences,
    plan,
    decided: [],
  };
  await deps.proposals.save(proposal);
  return proposal;
}

/**
 * What happened, for the bot's note: the version moved on ('stale'), the appointment is no longer
 * open ('not-in-proposal'), applying stopped on a refusal and the rest was recomputed, or `changed`
 * appointments had moved under the proposal and the rest was recomputed. Undefined: all went through.
 */
export type DecideOutcome =
  'stale' | 'not-in-proposal' | 'recomputed-after-failure' | { kind: 'recomputed'; changed: number };

export interface DecideProposalInput {
  actorId: string;
  /** The proposal as read before the lock; its version is the one the supervisor decided on. */
  stored: ReplanProposal;
  /** One item; all open items when omitted. */
  appointmentId?: string;
}

export interface DecideProposalResult {
  /** The current proposal (the saved next version, or the unchanged one for 'stale' / 'not-in-proposal'). */
  proposal: ReplanProposal;
  outcome?: DecideOutcome;
}

/**
 * Applies the confirmed item(s) of a proposal under its lock and saves version+1 with the decided
 * items and what is still open. Returns null when the lock is taken (someone is confirming right now).
 */
export async function decideProposal(
  deps: DecideReplanDeps,
  input: DecideProposalInput,
): Promise<DecideProposalResult | null> {
  return deps.proposals.withLock(input.stored.id, () => decideLocked(deps, input));
}

async function decideLocked(
  deps: DecideReplanDeps,
  { actorId, stored, appointmentId }: DecideProposalInput,
): Promise<DecideProposalResult> {
  // Re-read under the lock: the caller's version check ran before it was taken.
  const proposal = (await deps.proposals.get(stored.id)) ?? stored;
  if (proposal.version !== stored.version) return { proposal, outcome: 'stale' };
  const selected = appointmentId ? [appointmentId] : proposal.plan.items.map((i) => i.appointmentId);
  if (appointmentId && !proposal.plan.items.some((i) => i.appointmentId === appointmentId))
    return { proposal, outcome: 'not-in-proposal' };

  let result: ApplyResult;
  let failed = false;
  try {
    result = await applyPlan(deps, { actorId, plan: proposal.plan, absences: proposal.absences, selected });
  } catch (e) {
    // A refusal the use case does not count as "changed" (e.g. the meeting link): what was applied
    // before it is in the store; the open part is recomputed below from the store's state.
    if (!(e instanceof DomainError)) throw e;
    deps.logger.error({ proposalId: proposal.id, code: e.code }, 'applying the replanning stopped');
    failed = true;
    result = { items: [], applied: 0, changed: 0, outcomeId: '' };
  }
  const byId = new Map(proposal.plan.items.map((i) => [i.appointmentId, i]));
  const decided: DecidedItem[] = result.items
    .filter((r) => r.outcome === 'applied')
    .map((r) => {
      const item = byId.get(r.appointmentId)!;
      return {
        appointmentId: item.appointmentId,
        serviceId: item.serviceId,
        ...(item.serviceIds ? { serviceIds: item.serviceIds } : {}),
        action: item.action,
        from: item.from,
        ...(item.to ? { to: item.to } : {}),
        outcome: 'applied' as const,
      };
    });
  const handled = new Set(result.items.map((r) => r.appointmentId));
  const doneIds = new Set([...proposal.decided.map((d) => d.appointmentId), ...decided.map((d) => d.appointmentId)]);

  let plan: Plan;
  let outcome: DecideOutcome | undefined;
  if (result.changed > 0 || failed) {
    // The world moved on under some items: recompute what is still open from the store's state.
    const fresh = await computeProposal(deps, proposal.absences);
    const items = fresh.items.filter((i) => !doneIds.has(i.appointmentId));
    plan = { ...fresh, items, counts: countPlanItems(items) };
    outcome = failed ? 'recomputed-after-failure' : { kind: 'recomputed', changed: result.changed };
  } else {
    const items = proposal.plan.items.filter((i) => !handled.has(i.appointmentId));
    plan = { ...proposal.plan, items, counts: countPlanItems(items) };
  }
  const next: ReplanProposal = {
    ...proposal,
    version: proposal.version + 1,
    plan,
    decided: [...proposal.decided, ...decided],
  };
  await deps.proposals.save(next);
  deps.logger.info(
    { proposalId: next.id, applied: result.applied, changed: result.changed, open: plan.items.length },
    'replanning applied',
  );
  return { proposal: next, ...(outcome ? { outcome } : {}) };
}
