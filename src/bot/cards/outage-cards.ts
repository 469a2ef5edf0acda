/**
 * Supervisors' outage cards (journey 6): the form to mark a staff member or a whole team out, and
 * the one proposal card listing every affected appointment with what the replanning proposes.
 * Buttons are Action.Execute, so the card is replaced in place after every decision.
 */
import { indexDirectory } from '../../domain/directory-index';
import type { PlanItem } from '../../domain/replan';
import { supervisedTeams } from '../../domain/supervision';
import type { Channel, Directory, Language, LocalDate, Staff } from '../../domain/types';
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
import { CHANNEL_ICON, channelName, formatDateTime, formatLocalDate, tr } from './format';

/** Outage buttons send no card inputs unless they say so (the form's submit button does). */
const exec = (titleText: string, data: OutageAction, opts: Parameters<typeof execute>[2] = {}) =>
  execute(titleText, data, { associatedInputs: 'none', ...opts });

const MODE_TEXT = {
  'home-office-only': {
    de: 'Nur Homeoffice (Telefon und Video möglich)',
    en: 'Home office only (phone and video possible)',
  },
  absent: { de: 'Abwesend (kann nicht arbeiten)', en: 'Absent (cannot work)' },
} as const;
const REASON_TEXT = {
  quarantine: { de: 'Quarantäne', en: 'Quarantine' },
  sick: { de: 'Krankheit', en: 'Sickness' },
  leave: { de: 'Urlaub', en: 'Leave' },
  other: { de: 'Sonstiges', en: 'Other' },
} as const;

/** Teams a supervisor may mark out, and their members. */
export function outageTargets(directory: Directory, supervisor: Staff): { value: string; title: string }[] {
  const teams = supervisedTeams(supervisor);
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
  const targets = outageTargets(directory, supervisor);
  return card(
    [
      title(tr(lang, 'Ausfall eintragen und umplanen', 'Record an outage and replan')),
      notice ? text(`⚠️ ${notice}`, { color: 'Attention', weight: 'Bolder' }) : undefined,
      input('ChoiceSet', 'target', {
        label: tr(lang, 'Wer fällt aus?', 'Who is out?'),
        isRequired: true,
        value: targets[0]?.value,
        errorMessage: tr(lang, 'Bitte auswählen.', 'Please choose.'),
        choices: targets,
      }),
      input('ChoiceSet', 'mode', {
        label: tr(lang, 'Wie?', 'How?'),
        style: 'expanded',
        isRequired: true,
        errorMessage: tr(lang, 'Bitte wählen, wie.', 'Please choose how.'),
        value: 'home-office-only',
        choices: (['home-office-only', 'absent'] as const).map((m) => ({ value: m, title: MODE_TEXT[m][lang] })),
      }),
      input('ChoiceSet', 'reason', {
        label: tr(lang, 'Grund', 'Reason'),
        isRequired: true,
        errorMessage: tr(lang, 'Bitte einen Grund wählen.', 'Please choose a reason.'),
        value: 'quarantine',
        choices: (['quarantine', 'sick', 'leave', 'other'] as const).map((r) => ({
          value: r,
          title: REASON_TEXT[r][lang],
        })),
      }),
      columns([
        {
          items: [
            input('Date', 'from', {
              label: tr(lang, 'Von', 'From'),
              value: today,
              isRequired: true,
              errorMessage: tr(lang, 'Bitte ein Datum wählen.', 'Please choose a date.'),
            }),
          ],
        },
        {
          items: [
            input('Date', 'to', {
              label: tr(lang, 'Bis einschließlich', 'To (inclusive)'),
              value: today,
              isRequired: true,
              errorMessage: tr(lang, 'Bitte ein Datum wählen.', 'Please choose a date.'),
            }),
          ],
        },
      ]),
      subtle(
        tr(
          lang,
          'Danach zeige ich Ihnen einen Umplanungsvorschlag für alle betroffenen Termine. Geändert wird erst, wenn Sie bestätigen.',
          'Next you get a replanning proposal for every affected appointment. Nothing changes until you confirm.',
        ),
      ),
    ],
    [
      {
        ...exec(
          tr(lang, 'Vorschlag berechnen', 'Compute proposal'),
          {
            verb: 'outage.propose',
            target: targets[0]?.value ?? 'team:x',
            mode: 'home-office-only',
            reason: 'quarantine',
            from: today,
            to: today,
          },
          { style: 'positive', associatedInputs: 'auto' },
        ),
      },
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
}

/** At most this many open items get their own row and button; "confirm all" covers the rest. Keeps the card under 40 KB. */
export const MAX_PROPOSAL_ROWS = 25;
/** Done items listed (the latest); the rest are counted. */
export const MAX_DONE_ROWS = 15;

const staffName = (directory: Directory, id: string) => indexDirectory(directory).staffById(id)?.name ?? id;
const serviceName = (directory: Directory, id: string, lang: Language) =>
  indexDirectory(directory).serviceById(id)?.name[lang] ?? id;
const channelText = (c: Channel, lang: Language) => `${CHANNEL_ICON[c]} ${channelName(c, lang)}`;

/** What the plan proposes for one appointment, in words. */
export function proposedActionText(
  item: Pick<PlanItem, 'action' | 'from' | 'to'>,
  directory: Directory,
  lang: Language,
): string {
  const { to } = item;
  switch (item.action) {
    case 'convert':
      return tr(
        lang,
        `→ ${channelText(to!.channel, lang)} mit ${staffName(directory, to!.staffId)}, gleiche Zeit`,
        `→ ${channelText(to!.channel, lang)} with ${staffName(directory, to!.staffId)}, same time`,
      );
    case 'reassign':
      return tr(
        lang,
        `→ an ${staffName(directory, to!.staffId)} (${channelText(to!.channel, lang)}), gleiche Zeit`,
        `→ to ${staffName(directory, to!.staffId)} (${channelText(to!.channel, lang)}), same time`,
      );
    case 'reschedule':
      return tr(
        lang,
        `→ verschieben auf ${formatDateTime(to!.start, lang)} bei ${staffName(directory, to!.staffId)} (${channelText(to!.channel, lang)})`,
        `→ reschedule to ${formatDateTime(to!.start, lang)} with ${staffName(directory, to!.staffId)} (${channelText(to!.channel, lang)})`,
      );
    case 'unplaced':
      return tr(
        lang,
        '⚠️ Kein Ersatz möglich: absagen, wir rufen die Bürger:in zurück',
        '⚠️ No replacement: cancel, we call the citizen back',
      );
  }
}

function itemHeading(item: Pick<PlanItem, 'appointmentId' | 'serviceId' | 'from'>, v: ProposalView): string {
  const { lang, directory } = v;
  const who = v.citizenNames.get(item.appointmentId);
  return `${formatDateTime(item.from.start, lang)} · ${serviceName(directory, item.serviceId, lang)}${who ? ` · ${who}` : ''} · ${staffName(directory, item.from.staffId)} ${CHANNEL_ICON[item.from.channel]}`;
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
  return `${names.join(', ')} · ${MODE_TEXT[first.mode][lang]} · ${range}`;
}

export function proposalCard(v: ProposalView): AdaptiveCard {
  const { lang, proposal, directory } = v;
  const open = proposal.plan.items;
  const applied = proposal.decided.filter((d) => d.outcome === 'applied');
  const counts = proposal.plan.counts;
  const body: (Element | undefined)[] = [
    title(tr(lang, '🔁 Umplanung bei Ausfall', '🔁 Replanning for an outage')),
    text(whoIsOut(v), { weight: 'Bolder' }),
    v.note ? text(`ℹ️ ${v.note}`, { color: 'Warning' }) : undefined,
  ];
  if (open.length === 0 && applied.length === 0) {
    body.push(
      text(
        tr(
          lang,
          'Der Ausfall ist eingetragen. Es sind keine Termine betroffen.',
          'The outage is recorded. No appointments are affected.',
        ),
      ),
    );
  }
  if (open.length > 0) {
    body.push(
      facts([
        [tr(lang, 'Auf Telefon/Video umstellen', 'Convert to phone/video'), String(counts.converted)],
        [tr(lang, 'An Kolleg:innen (gleiche Zeit)', 'To colleagues (same time)'), String(counts.reassigned)],
        [tr(lang, 'Verschieben', 'Reschedule'), String(counts.rescheduled)],
        [tr(lang, 'Ohne Ersatz (anrufen)', 'No replacement (call)'), String(counts.unplaced)],
      ]),
      text(
        tr(
          lang,
          `Vorschlag für ${open.length} ${open.length === 1 ? 'Termin' : 'Termine'}:`,
          `Proposal for ${open.length} appointment${open.length === 1 ? '' : 's'}:`,
        ),
        { weight: 'Bolder', spacing: 'Medium' },
      ),
    );
    for (const item of open.slice(0, MAX_PROPOSAL_ROWS)) {
      body.push(
        container(
          [
            columns([
              {
                items: [
                  text(itemHeading(item, v), { size: 'Small', weight: 'Bolder' }),
                  text(proposedActionText(item, directory, lang), { size: 'Small', spacing: 'None' }),
                ],
              },
              {
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [
                  actionSet([
                    exec(item.action === 'unplaced' ? tr(lang, 'Absagen', 'Cancel') : tr(lang, 'Übernehmen', 'Apply'), {
                      verb: 'outage.apply',
                      proposalId: proposal.id,
                      version: proposal.version,
                      appointmentId: item.appointmentId,
                    }),
                  ]),
                ],
              },
            ]),
          ],
          { separator: true, spacing: 'Small' },
        ),
      );
    }
    if (open.length > MAX_PROPOSAL_ROWS)
      body.push(
        subtle(
          tr(
            lang,
            `… und ${open.length - MAX_PROPOSAL_ROWS} weitere (mit „Alle übernehmen“ dabei).`,
            `… and ${open.length - MAX_PROPOSAL_ROWS} more (included in “Apply all”).`,
          ),
        ),
      );
    if (counts.unplaced > 0)
      body.push(
        subtle(
          tr(
            lang,
            'Termine ohne Ersatz werden abgesagt. Die Bürger:innen erhalten eine Absage mit dem Hinweis, dass wir uns bei ihnen melden; wen Sie zurückrufen, steht danach unter „Erledigt“.',
            'Appointments without replacement are cancelled. The citizens get a cancellation saying that we will contact them; whom to call back is then listed under “Done”.',
          ),
        ),
      );
  }
  if (applied.length > 0) {
    body.push(
      text(tr(lang, `✅ Erledigt: ${applied.length}`, `✅ Done: ${applied.length}`), {
        weight: 'Bolder',
        spacing: 'Medium',
        color: 'Good',
      }),
    );
    if (applied.length > MAX_DONE_ROWS)
      body.push(subtle(tr(lang, `(die letzten ${MAX_DONE_ROWS})`, `(the last ${MAX_DONE_ROWS})`)));
    for (const d of applied.slice(-MAX_DONE_ROWS)) {
      const contact = d.action === 'unplaced' ? v.citizenContacts?.get(d.appointmentId) : undefined;
      const callBack = contact
        ? `\n${tr(lang, `Bitte melden Sie sich: ${contact}`, `Please contact: ${contact}`)}`
        : '';
      body.push(
        text(`${itemHeading(d, v)}\n${proposedActionText(d, directory, lang)}${callBack}`, {
          size: 'Small',
          isSubtle: !contact,
          spacing: 'Small',
          ...(contact ? { color: 'Attention' as const } : {}),
        }),
      );
    }
    if (open.length === 0)
      body.push(
        subtle(
          tr(
            lang,
            'Die Bürger:innen erhalten aktualisierte Einladungen, die Kolleg:innen eine Nachricht in Teams.',
            'Citizens receive updated invitations, colleagues a message in Teams.',
          ),
        ),
      );
  }
  const actions =
    open.length > 0
      ? [
          exec(
            tr(lang, `Alle ${open.length} übernehmen`, `Apply all ${open.length}`),
            { verb: 'outage.apply', proposalId: proposal.id, version: proposal.version },
            { style: 'positive' },
          ),
        ]
      : [];
  return card(body, actions);
}
