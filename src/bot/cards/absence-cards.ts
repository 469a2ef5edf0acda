/** Reporting one's own absence: the form, and what it means for the appointments in that range. */
import type { Language, LocalDate } from '../../domain/types';
import { card, execute, input, subtle, text, title, columns, container, type AdaptiveCard } from './ac';
import { CHANNEL_ICON, formatDateTime, formatLocalDate, tr } from './format';
import type { AgendaItem } from './agenda-cards';

export type AbsenceKind = 'sick' | 'leave' | 'quarantine' | 'home-office-only' | 'other';

export const ABSENCE_KIND_TEXT: Record<AbsenceKind, { de: string; en: string }> = {
  sick: { de: 'Krank', en: 'Sick' },
  leave: { de: 'Urlaub', en: 'Leave' },
  quarantine: { de: 'Quarantäne (nicht arbeitsfähig)', en: 'Quarantine (cannot work)' },
  'home-office-only': {
    de: 'Nur Homeoffice (Telefon und Video möglich)',
    en: 'Home office only (phone and video possible)',
  },
  other: { de: 'Sonstiges', en: 'Other' },
};

export function absenceFormCard(lang: Language, today: LocalDate, notice?: string): AdaptiveCard {
  return card(
    [
      title(tr(lang, 'Abwesenheit melden', 'Report an absence')),
      notice ? text(`⚠️ ${notice}`, { color: 'Attention', weight: 'Bolder' }) : undefined,
      input('ChoiceSet', 'kind', {
        label: tr(lang, 'Was trifft zu?', 'What applies?'),
        style: 'expanded',
        isRequired: true,
        value: 'sick',
        errorMessage: tr(lang, 'Bitte auswählen.', 'Please choose one.'),
        choices: (Object.keys(ABSENCE_KIND_TEXT) as AbsenceKind[]).map((k) => ({
          title: ABSENCE_KIND_TEXT[k][lang],
          value: k,
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
          'Ihre Termine in diesem Zeitraum werden Ihrer Teamleitung zur Umplanung vorgelegt.',
          'Your appointments in this period are handed to your supervisor for replanning.',
        ),
      ),
    ],
    [
      execute(
        tr(lang, 'Abwesenheit melden', 'Report absence'),
        { verb: 'absence.submit', kind: 'sick', from: today, to: today },
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
  plan?: Partial<Record<'convert' | 'reassign' | 'reschedule' | 'unplaced', number>>;
}

/** Get well soon when ill, a good time on leave; nothing for home office or other reasons. */
function farewell(kind: AbsenceKind, lang: Language) {
  if (kind === 'sick' || kind === 'quarantine') return subtle(tr(lang, 'Gute Besserung!', 'Get well soon!'));
  if (kind === 'leave') return subtle(tr(lang, 'Eine gute Zeit!', 'Enjoy your time off!'));
  return undefined;
}

export function absenceResultCard(v: AbsenceResultView): AdaptiveCard {
  const { lang } = v;
  const range =
    v.from === v.to
      ? formatLocalDate(v.from, lang)
      : `${formatLocalDate(v.from, lang)} – ${formatLocalDate(v.to, lang)}`;
  const who = v.supervisors.length ? v.supervisors.join(', ') : tr(lang, 'Ihre Teamleitung', 'your supervisor');
  const planLine = v.plan
    ? tr(
        lang,
        `Vorschlag: ${v.plan.convert ?? 0} auf Telefon/Video umstellen, ${v.plan.reassign ?? 0} an Kolleg:innen, ${v.plan.reschedule ?? 0} verschieben, ${v.plan.unplaced ?? 0} offen.`,
        `Proposal: ${v.plan.convert ?? 0} to phone/video, ${v.plan.reassign ?? 0} to colleagues, ${v.plan.reschedule ?? 0} moved, ${v.plan.unplaced ?? 0} open.`,
      )
    : undefined;
  return card([
    title(tr(lang, '✅ Abwesenheit gemeldet', '✅ Absence reported')),
    text(`${ABSENCE_KIND_TEXT[v.kind][lang]} · ${range}`, { weight: 'Bolder' }),
    v.affected.length === 0
      ? text(tr(lang, 'In diesem Zeitraum haben Sie keine Termine.', 'You have no appointments in this period.'))
      : text(
          tr(
            lang,
            `${v.affected.length} ${v.affected.length === 1 ? 'Termin ist' : 'Termine sind'} betroffen:`,
            `${v.affected.length} appointment${v.affected.length === 1 ? ' is' : 's are'} affected:`,
          ),
          { spacing: 'Medium' },
        ),
    ...v.affected
      .slice(0, 30)
      .map((a) =>
        columns(
          [
            { width: 'auto', items: [text(formatDateTime(a.start, lang), { size: 'Small' })] },
            { width: '24px', items: [text(CHANNEL_ICON[a.channel], { size: 'Small' })] },
            { items: [text(`${a.citizenName} · ${a.serviceName}`, { size: 'Small' })] },
          ],
          { spacing: 'Small' },
        ),
      ),
    v.affected.length > 30
      ? subtle(tr(lang, `… und ${v.affected.length - 30} weitere.`, `… and ${v.affected.length - 30} more.`))
      : undefined,
    v.affected.length
      ? container(
          [
            text(
              v.proposalSent
                ? tr(
                    lang,
                    `${who} erhält einen Vorschlag zur Umplanung und entscheidet. Die Bürgerinnen und Bürger werden informiert, sobald er bestätigt ist.`,
                    `${who} receives a replanning proposal and decides. Citizens are informed once it is confirmed.`,
                  )
                : v.unreachableMailbox
                  ? tr(
                      lang,
                      `${who} ist in Teams noch nicht erreichbar (hat die Sprechstunde nicht geöffnet). Die Liste geht per E-Mail an ${v.unreachableMailbox} und an die anderen Teamleitungen und bleibt in der Tagesübersicht ein offenes Problem, bis sie erledigt ist. Bitte sagen Sie Ihrer Teamleitung zusätzlich direkt Bescheid.`,
                      `${who} cannot be reached in Teams yet (has not opened Sprechstunde). The list goes by email to ${v.unreachableMailbox} and to the other supervisors and stays an open problem in the daily summary until it is dealt with. Please also tell your supervisor directly.`,
                    )
                  : tr(
                      lang,
                      `${who} erhält die Liste und plant die Termine um.`,
                      `${who} receives the list and replans the appointments.`,
                    ),
            ),
            planLine ? subtle(planLine) : undefined,
          ],
          { spacing: 'Medium' },
        )
      : undefined,
    farewell(v.kind, lang),
  ]);
}
