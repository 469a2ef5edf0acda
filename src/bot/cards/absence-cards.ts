/** Reporting one's own absence: the form, and what it means for the appointments in that range. */
import type { Language, LocalDate } from '../../domain/types';
import { card, execute, input, subtle, text, title, columns, container, type AdaptiveCard } from './ac';
import { absenceTexts, type AbsenceKind, type PlanCounts } from './absence-texts';
import { CHANNEL_ICON, formatDateTime, formatLocalDate } from './format';
import type { AgendaItem } from './agenda-cards';

export type { AbsenceKind };

const KINDS: readonly AbsenceKind[] = ['sick', 'leave', 'quarantine', 'home-office-only', 'other'];

/** Affected appointments listed before "… and N more". */
const MAX_AFFECTED = 30;

/** What the form shows: what the words said, or what was entered when it comes back with a notice. */
export interface AbsenceFormValues {
  kind?: AbsenceKind;
  from?: LocalDate;
  to?: LocalDate;
}

export function absenceFormCard(
  lang: Language,
  today: LocalDate,
  notice?: string,
  values: AbsenceFormValues = {},
): AdaptiveCard {
  const T = absenceTexts[lang];
  const kind = values.kind ?? 'sick';
  const date = (id: 'from' | 'to', label: string) =>
    input('Date', id, { label, value: values[id] ?? today, isRequired: true, errorMessage: T.chooseDate });
  return card(
    [
      title(T.formTitle),
      notice ? text(`⚠️ ${notice}`, { color: 'Attention', weight: 'Bolder' }) : undefined,
      input('ChoiceSet', 'kind', {
        label: T.whatApplies,
        style: 'expanded',
        isRequired: true,
        value: kind,
        // Long choices ("Nur Homeoffice (Telefon und Video möglich)") wrap instead of being cut on a phone.
        wrap: true,
        errorMessage: T.chooseOne,
        choices: KINDS.map((k) => ({ title: T.kind(k), value: k })),
      }),
      columns([{ items: [date('from', T.from)] }, { items: [date('to', T.to)] }]),
      subtle(T.formNote),
    ],
    [
      execute(
        T.submit,
        { verb: 'absence.submit', kind, from: values.from ?? today, to: values.to ?? today },
        { style: 'positive' },
      ),
    ],
  );
}

export interface AbsenceResultView {
  lang: Language;
  kind: AbsenceKind;
  from: LocalDate;
  to: LocalDate;
  affected: AgendaItem[];
  /** Who decides about them (supervisors' names), if anyone. */
  supervisors: string[];
  /** A replanning proposal went to the supervisors (otherwise: a list of the appointments). */
  proposalSent: boolean;
  /**
   * None of the supervisors can be reached in Teams (they never opened the bot): the list goes by
   * mail to this mailbox and stays an open problem in the summary.
   */
  unreachableMailbox?: string;
  /** What the replanning proposes, counted: e.g. { convert: 2, reassign: 1, unplaced: 1 }. */
  plan?: PlanCounts;
}

export function absenceResultCard(v: AbsenceResultView): AdaptiveCard {
  const { lang } = v;
  const T = absenceTexts[lang];
  const range =
    v.from === v.to
      ? formatLocalDate(v.from, lang)
      : `${formatLocalDate(v.from, lang)} – ${formatLocalDate(v.to, lang)}`;
  const who = v.supervisors.length ? v.supervisors.join(', ') : T.yourSupervisor;
  const farewell = T.farewell(v.kind);
  return card([
    title(T.resultTitle),
    text(`${T.kind(v.kind)} · ${range}`, { weight: 'Bolder' }),
    v.affected.length === 0 ? text(T.noAppointments) : text(T.affected(v.affected.length), { spacing: 'Medium' }),
    // One line per appointment, wrapping: a phone has no room for a date column beside the name.
    ...v.affected.slice(0, MAX_AFFECTED).map((a) =>
      text(`${formatDateTime(a.start, lang)} ${CHANNEL_ICON[a.channel]} ${a.citizenName} · ${a.serviceName}`, {
        size: 'Small',
        spacing: 'Small',
      }),
    ),
    v.affected.length > MAX_AFFECTED ? subtle(T.more(v.affected.length - MAX_AFFECTED)) : undefined,
    v.affected.length
      ? container(
          [
            text(
              v.proposalSent
                ? T.proposalSent(who)
                : v.unreachableMailbox
                  ? T.unreachable(who, v.unreachableMailbox)
                  : T.listSent(who),
            ),
            v.plan ? subtle(T.plan(v.plan)) : undefined,
          ],
          { spacing: 'Medium' },
        )
      : undefined,
    farewell ? subtle(farewell) : undefined,
  ]);
}
