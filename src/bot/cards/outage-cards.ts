/**
 * Supervisors' outage cards (journey 6): the form to mark a staff member or a whole team out, and
 * the one proposal card listing every affected appointment with what the replanning proposes.
 * Buttons are Action.Execute, so the card is replaced in place after every decision.
 */
import { indexDirectory } from '../../domain/directory-index';
import type { PlanItem } from '../../domain/replan';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import { supervisedTeams } from '../../domain/supervision';
import type { Directory, Language, LocalDate, Staff } from '../../domain/types';
import type { ReplanProposal } from '../../store/replan-proposals';
import {
  actionSet,
  card,
  columns,
  container,
  execute,
  facts,
  input,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Element,
} from './ac';
import type { OutageAction } from './actions';
import { CHANNEL_ICON, channelWithIcon, formatDateTime, formatLocalDate } from './format';
import { outageTexts, type OutageReason } from './outage-texts';

/** Outage buttons send no card inputs unless they say so (the form's submit button does). */
const exec = (titleText: string, data: OutageAction, opts: Parameters<typeof execute>[2] = {}) =>
  execute(titleText, data, { associatedInputs: 'none', ...opts });

const REASONS: readonly OutageReason[] = ['quarantine', 'sick', 'leave', 'other'];

/** Teams a supervisor may mark out, and their members. */
export function outageTargets(directory: Directory, supervisor: Staff): { value: string; title: string }[] {
  const teams = supervisedTeams(supervisor, directory);
  const out: { value: string; title: string }[] = [];
  for (const teamId of teams) {
    const team = indexDirectory(directory).teamById(teamId);
    if (!team) continue;
    out.push({ value: `team:${team.id}`, title: `👥 ${team.name}` });
    for (const s of directory.staff.filter((x) => x.team === team.id))
      out.push({ value: `staff:${s.id}`, title: `${s.name} (${team.name})` });
  }
  return out;
}

export function outageFormCard(
  lang: Language,
  directory: Directory,
  supervisor: Staff,
  today: LocalDate,
  notice?: string,
): AdaptiveCard {
  const T = outageTexts[lang];
  const targets = outageTargets(directory, supervisor);
  const date = (id: 'from' | 'to', label: string) =>
    input('Date', id, { label, value: today, isRequired: true, errorMessage: T.chooseDate });
  return card(
    [
      title(T.formTitle),
      notice ? text(`⚠️ ${notice}`, { color: 'Attention', weight: 'Bolder' }) : undefined,
      // Nobody preselected: the first choice is a whole team, one tap too easy to send by mistake.
      input('ChoiceSet', 'target', {
        label: T.whoIsOut,
        isRequired: true,
        wrap: true,
        placeholder: T.choose,
        errorMessage: T.choose,
        choices: targets,
      }),
      input('ChoiceSet', 'mode', {
        label: T.how,
        style: 'expanded',
        isRequired: true,
        errorMessage: T.chooseHow,
        value: 'home-office-only',
        // Long choices wrap instead of being cut on a phone.
        wrap: true,
        choices: (['home-office-only', 'absent'] as const).map((m) => ({ value: m, title: T.mode(m) })),
      }),
      input('ChoiceSet', 'reason', {
        label: T.reasonLabel,
        isRequired: true,
        errorMessage: T.chooseReason,
        value: 'quarantine',
        choices: REASONS.map((r) => ({ value: r, title: T.reason(r) })),
      }),
      columns([{ items: [date('from', T.from)] }, { items: [date('to', T.to)] }]),
      subtle(T.formNote),
    ],
    [
      // The inputs fill in the rest; a client that sends the card without a choice gets the form back.
      execute(T.propose, { verb: 'outage.propose' }, { style: 'positive', associatedInputs: 'auto' }),
    ],
  );
}

export interface ProposalView {
  lang: Language;
  directory: Directory;
  proposal: ReplanProposal;
  /** Citizen name per appointment id (staff-facing card; never logged). */
  citizenNames: ReadonlyMap<string, string>;
  /** Phone (or email) of citizens whose appointment was cancelled without replacement: whom to call back. */
  citizenContacts?: ReadonlyMap<string, string>;
  /** A line on top, e.g. "3 appointments had changed; the proposal was recomputed." */
  note?: string;
  /** How the citizens hear of it (booking-rules.ts citizenReach): who must be called, instead of promising mail to all. */
  reach?: ProposalReach;
}

/** Open items whose citizen only a call reaches; applied items by how their citizen is told. */
export interface ProposalReach {
  openToCall: number;
  /** `cancelledByMail`: of those told by mail, how many got a cancellation (no updated invitation). */
  applied: { mail: number; sms: number; call: number; cancelledByMail: number };
}

/** At most this many open items get their own row and button; "confirm all" covers the rest. Keeps the card under 40 KB. */
export const MAX_PROPOSAL_ROWS = 25;
/** Done items listed (the latest); the rest are counted. */
export const MAX_DONE_ROWS = 15;

const staffName = (directory: Directory, id: string) => indexDirectory(directory).staffById(id)?.name ?? id;
/** Every service of a combined appointment ("Kfz-Zulassung + An-, Um- und Abmeldung"). */
function serviceName(directory: Directory, item: Pick<PlanItem, 'serviceId' | 'serviceIds'>, lang: Language): string {
  const ids = serviceIdsOf(item);
  try {
    return serviceFor(directory, ids).name[lang];
  } catch {
    return ids.join(' + ');
  }
}

/**
 * The proposal's counts by what changes for the citizen: a visit a colleague takes by phone or video
 * is a change of channel first (the citizen no longer comes in), not "to a colleague, same time".
 */
export function proposalCounts(items: readonly Pick<PlanItem, 'action' | 'from' | 'to'>[]): {
  convert: number;
  reassign: number;
  reassignRemote: number;
  reschedule: number;
  unplaced: number;
} {
  const c = { convert: 0, reassign: 0, reassignRemote: 0, reschedule: 0, unplaced: 0 };
  for (const i of items) {
    if (i.action === 'reassign' && i.to && i.to.channel !== i.from.channel) c.reassignRemote++;
    else c[i.action]++;
  }
  return c;
}

/** What the plan proposes for one appointment, in words. */
export function proposedActionText(
  item: Pick<PlanItem, 'action' | 'from' | 'to'>,
  directory: Directory,
  lang: Language,
): string {
  const T = outageTexts[lang];
  const { to } = item;
  switch (item.action) {
    case 'convert':
      return T.convert(channelWithIcon(to!.channel, lang), staffName(directory, to!.staffId));
    case 'reassign':
      return T.reassign(staffName(directory, to!.staffId), channelWithIcon(to!.channel, lang));
    case 'reschedule':
      return T.reschedule(
        formatDateTime(to!.start, lang),
        staffName(directory, to!.staffId),
        channelWithIcon(to!.channel, lang),
      );
    case 'unplaced':
      return T.unplaced;
  }
}

function itemHeading(
  item: Pick<PlanItem, 'appointmentId' | 'serviceId' | 'serviceIds' | 'from'>,
  v: ProposalView,
): string {
  const { lang, directory } = v;
  const who = v.citizenNames.get(item.appointmentId);
  return `${formatDateTime(item.from.start, lang)} · ${serviceName(directory, item, lang)}${who ? ` · ${who}` : ''} · ${staffName(directory, item.from.staffId)} ${CHANNEL_ICON[item.from.channel]}`;
}

function whoIsOut(v: ProposalView): string {
  const { proposal, directory, lang } = v;
  const staffIds = [...new Set(proposal.absences.map((a) => a.staffId))];
  const teams = directory.teams.filter((t) => {
    const members = directory.staff.filter((s) => s.team === t.id).map((s) => s.id);
    return members.length > 1 && members.every((m) => staffIds.includes(m));
  });
  const covered = new Set(directory.staff.filter((s) => teams.some((t) => t.id === s.team)).map((s) => s.id));
  const names = [
    ...teams.map((t) => t.name),
    ...staffIds.filter((id) => !covered.has(id)).map((id) => staffName(directory, id)),
  ];
  const first = proposal.absences[0]!;
  const from = proposal.absences.map((a) => a.from).reduce((a, b) => (a < b ? a : b));
  const to = proposal.absences.map((a) => a.to).reduce((a, b) => (a > b ? a : b));
  const range =
    from === to ? formatLocalDate(from, lang) : `${formatLocalDate(from, lang)} – ${formatLocalDate(to, lang)}`;
  return `${names.join(', ')} · ${outageTexts[lang].mode(first.mode)} · ${range}`;
}

export function proposalCard(v: ProposalView): AdaptiveCard {
  const { lang, proposal, directory } = v;
  const T = outageTexts[lang];
  const open = proposal.plan.items;
  const applied = proposal.decided.filter((d) => d.outcome === 'applied');
  const counts = proposalCounts(open);
  const body: (Element | undefined)[] = [
    title(T.proposalTitle),
    text(whoIsOut(v), { weight: 'Bolder' }),
    v.note ? text(`ℹ️ ${v.note}`, { color: 'Warning' }) : undefined,
  ];
  if (open.length === 0 && applied.length === 0) body.push(text(T.nothingAffected));
  if (open.length > 0) {
    body.push(
      // Only what happens: a row of zeros is read as something to do.
      facts(
        (
          [
            [T.countConvert, counts.convert],
            [T.countReassignRemote, counts.reassignRemote],
            [T.countReassign, counts.reassign],
            [T.countReschedule, counts.reschedule],
            [T.countUnplaced, counts.unplaced],
          ] as const
        )
          .filter(([, n]) => n > 0)
          .map(([label, n]) => [label, String(n)]),
      ),
      text(T.proposalFor(open.length), { weight: 'Bolder', spacing: 'Medium' }),
    );
    // Phone first: the button goes under its appointment, not beside it (a column for it squeezes the text).
    for (const item of open.slice(0, MAX_PROPOSAL_ROWS)) {
      body.push(
        container(
          [
            text(itemHeading(item, v), { size: 'Small', weight: 'Bolder' }),
            text(proposedActionText(item, directory, lang), { size: 'Small', spacing: 'None' }),
            actionSet(
              [
                exec(item.action === 'unplaced' ? T.cancel : T.apply, {
                  verb: 'outage.apply',
                  proposalId: proposal.id,
                  version: proposal.version,
                  appointmentId: item.appointmentId,
                }),
              ],
              { spacing: 'Small' },
            ),
          ],
          { separator: true, spacing: 'Small' },
        ),
      );
    }
    if (open.length > MAX_PROPOSAL_ROWS) body.push(subtle(T.moreOpen(open.length - MAX_PROPOSAL_ROWS)));
    if (v.reach && v.reach.openToCall > 0)
      body.push(text(T.mustCall(v.reach.openToCall), { wrap: true, weight: 'Bolder', color: 'Attention' }));
    if (counts.unplaced > 0) body.push(subtle(T.unplacedNote));
  }
  if (applied.length > 0) {
    body.push(text(T.done(applied.length), { weight: 'Bolder', spacing: 'Medium', color: 'Good' }));
    if (applied.length > MAX_DONE_ROWS) body.push(subtle(T.lastDone(MAX_DONE_ROWS)));
    for (const d of applied.slice(-MAX_DONE_ROWS)) {
      const contact = d.action === 'unplaced' ? v.citizenContacts?.get(d.appointmentId) : undefined;
      const callBack = contact ? `\n${T.callBack(contact)}` : '';
      body.push(
        text(`${itemHeading(d, v)}\n${proposedActionText(d, directory, lang)}${callBack}`, {
          size: 'Small',
          isSubtle: !contact,
          spacing: 'Small',
          ...(contact ? { color: 'Attention' as const } : {}),
        }),
      );
    }
    const told = v.reach?.applied;
    if (told && told.call > 0)
      body.push(text(T.mustCallApplied(told.call), { wrap: true, weight: 'Bolder', color: 'Attention' }));
    const onlyCancelled = applied.every((d) => d.action === 'unplaced');
    if (open.length === 0)
      body.push(
        subtle(
          told
            ? T.allDoneReach(told.mail - told.cancelledByMail, told.sms, told.cancelledByMail)
            : onlyCancelled
              ? T.allDoneCancelled
              : T.allDone,
        ),
      );
  }
  const actions =
    open.length > 0
      ? [
          exec(
            T.applyAll(open.length),
            { verb: 'outage.apply', proposalId: proposal.id, version: proposal.version },
            { style: 'positive' },
          ),
        ]
      : [];
  return card(body, actions);
}
