/**
 * "Meine Termine": a compact agenda (time, channel icon, citizen, service) and the per-appointment
 * actions (reschedule, cancel with reason, completed / no-show, contact details), plus the cancel form.
 */
import type { AppointmentStatus, Channel, Language, LocalDate } from '../../domain/types';
import {
  CARD_ACTIVITY_BUDGET,
  activityBytes,
  actionSet,
  card,
  columns,
  container,
  execute,
  facts,
  input,
  openUrl,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Action,
  type Element,
} from './ac';
import type { ActionData, CancelReason } from './actions';
import { CHANNEL_ICON, channelWithIcon, formatDateTime, formatDayHeading, formatRange, formatTime, tr } from './format';

export type AgendaRange = Extract<ActionData, { verb: 'agenda.show' }>['range'];

export interface AgendaItem {
  id: string;
  sequence: number;
  start: number;
  end: number;
  channel: Channel;
  status: AppointmentStatus;
  serviceName: string;
  citizenName: string;
  citizenEmail?: string;
  citizenPhone?: string;
  meetingUrl?: string;
  note?: string;
  location?: string;
  /** The citizen's calendar answer to the current version of the invitation. */
  reply?: 'accepted' | 'declined' | 'tentative';
  /** After a decline: what the staff member chose. */
  replyFollowUp?: 'keep' | 'call';
  /** The colleague who booked it, when not the staff member themselves. */
  bookedBy?: string;
}

export interface AgendaCardView {
  lang: Language;
  /** Heading: "Heute", "Morgen", "Diese Woche", a date. */
  rangeLabel: string;
  range: AgendaRange;
  staffName: string;
  self: boolean;
  forStaffId?: string;
  /** `collapsed`: the day is too much for this card; it shows its count and a button for that day. */
  days: { date: LocalDate; items: AgendaItem[]; collapsed?: boolean }[];
  now: number;
  today: LocalDate;
  /** What just happened, e.g. "09:30 als erledigt markiert." */
  notice?: string;
  /** Items left out to keep the card small (a full week of a busy desk). */
  hidden?: number;
}

const STATUS: Record<AppointmentStatus, { de: string; en: string }> = {
  booked: { de: '', en: '' },
  completed: { de: '✔ erledigt', en: '✔ done' },
  'no-show': { de: '✖ nicht erschienen', en: '✖ no-show' },
  cancelled: { de: 'abgesagt', en: 'cancelled' },
};

/** The citizen's answer from their calendar (iTIP REPLY), shown beside the service. */
const REPLY: Record<NonNullable<AgendaItem['reply']>, { de: string; en: string }> = {
  accepted: { de: '✓ zugesagt', en: '✓ accepted' },
  tentative: { de: '? vorläufig zugesagt', en: '? tentative' },
  declined: { de: '✗ abgelehnt', en: '✗ declined' },
};
const FOLLOW_UP: Record<NonNullable<AgendaItem['replyFollowUp']>, { de: string; en: string }> = {
  keep: { de: 'bleibt', en: 'kept' },
  call: { de: 'Sie rufen an', en: 'you call' },
};

function replyLabel(a: AgendaItem, lang: Language): string {
  if (!a.reply || a.status !== 'booked') return '';
  const follow = a.replyFollowUp ? ` (${FOLLOW_UP[a.replyFollowUp][lang]})` : '';
  return ` · ${REPLY[a.reply][lang]}${follow}`;
}

function itemActions(v: AgendaCardView, a: AgendaItem): Action[] {
  const { lang } = v;
  if (a.status !== 'booked') return [];
  const base = { appointmentId: a.id, sequence: a.sequence, range: v.range };
  const started = a.start <= v.now;
  const out: Action[] = [];
  if (a.meetingUrl) out.push(openUrl(tr(lang, '🎥 Video öffnen', '🎥 Open video'), a.meetingUrl));
  if (started) {
    out.push(
      execute(
        tr(lang, '✔ Erledigt', '✔ Done'),
        { verb: 'appt.outcome', ...base, outcome: 'completed' },
        { associatedInputs: 'none', style: 'positive' },
      ),
    );
    out.push(
      execute(
        tr(lang, '✖ Nicht erschienen', '✖ No-show'),
        { verb: 'appt.outcome', ...base, outcome: 'no-show' },
        { associatedInputs: 'none' },
      ),
    );
  } else {
    out.push(
      execute(
        tr(lang, 'Verschieben', 'Reschedule'),
        { verb: 'appt.reschedule', ...base },
        { associatedInputs: 'none' },
      ),
    );
  }
  out.push(
    execute(
      tr(lang, 'Absagen', 'Cancel'),
      { verb: 'appt.cancelAsk', ...base },
      { associatedInputs: 'none', style: 'destructive' },
    ),
  );
  return out;
}

function itemBlock(v: AgendaCardView, a: AgendaItem): Element[] {
  const { lang } = v;
  const inactive = a.status === 'cancelled';
  const detailsId = `d-${a.id}`;
  const contact: [string, string | undefined][] = [
    [tr(lang, 'Zeit', 'Time'), formatRange(a.start, a.end, lang)],
    [tr(lang, 'Telefon', 'Phone'), a.citizenPhone],
    [tr(lang, 'Video', 'Video'), a.meetingUrl],
    [tr(lang, 'Ort', 'Place'), a.channel === 'in-person' ? a.location : undefined],
    [tr(lang, 'E-Mail', 'Email'), a.citizenEmail],
    [tr(lang, 'Notiz', 'Note'), a.note],
    [tr(lang, 'Gebucht von', 'Booked by'), a.bookedBy],
  ];
  const status = STATUS[a.status][lang];
  return [
    columns(
      [
        {
          width: '52px',
          items: [text(formatTime(a.start), { weight: 'Bolder', ...(inactive ? { isSubtle: true } : {}) })],
        },
        { width: '28px', items: [text(CHANNEL_ICON[a.channel])] },
        {
          items: [
            text(a.citizenName, { weight: inactive ? 'Default' : 'Bolder', ...(inactive ? { isSubtle: true } : {}) }),
            subtle(`${a.serviceName}${status ? ` · ${status}` : ''}${replyLabel(a, lang)}`),
          ],
        },
      ],
      {
        spacing: 'Medium',
        separator: true,
        selectAction: { type: 'Action.ToggleVisibility', targetElements: [detailsId] },
      },
    ),
    container([facts(contact), itemActions(v, a).length ? actionSet(itemActions(v, a)) : undefined], {
      id: detailsId,
      isVisible: false,
      spacing: 'Small',
    }),
  ];
}

/**
 * The agenda, kept under Teams' limit as Teams measures it (the whole activity in UTF-16). A range of
 * several days that does not fit is paged per day: the latest days show their count and a button
 * that opens that day — a day is never shown as empty when it is not. A single day that does not fit
 * lists its earliest appointments and says how many more there are.
 */
export function agendaCard(v: AgendaCardView): AdaptiveCard {
  const fits = (c: AdaptiveCard) => activityBytes(c) <= CARD_ACTIVITY_BUDGET;
  let c = renderAgenda(v);
  if (fits(c)) return c;
  if (v.days.length > 1) {
    const days = v.days.map((d) => ({ ...d }));
    for (let i = days.length - 1; i >= 0 && !fits(c); i--) {
      if (days[i]!.items.length === 0) continue;
      days[i]!.collapsed = true;
      c = renderAgenda({ ...v, days });
    }
    if (fits(c)) return c;
  }
  let keep = v.days.reduce((n, d) => n + d.items.length, 0);
  while (!fits(c) && keep > 1) {
    keep = Math.floor(keep * 0.8);
    let left = keep;
    const days = v.days.map((d) => {
      const items = d.items.slice(0, Math.max(0, left));
      left -= items.length;
      return { ...d, items };
    });
    const hidden = v.days.reduce((n, d) => n + d.items.length, 0) - keep + (v.hidden ?? 0);
    c = renderAgenda({ ...v, days, hidden });
  }
  return c;
}

/** A day of a paged week: how many appointments, and a button that shows that day. */
function collapsedDay(
  v: AgendaCardView,
  date: LocalDate,
  items: AgendaItem[],
  showFor: { forStaffId?: string },
): Element[] {
  const { lang } = v;
  const open = items.filter((i) => i.status !== 'cancelled').length;
  const cancelled = items.length - open;
  const count = tr(
    lang,
    `${open} ${open === 1 ? 'Termin' : 'Termine'}${cancelled ? ` (${cancelled} abgesagt)` : ''}`,
    `${open} ${open === 1 ? 'appointment' : 'appointments'}${cancelled ? ` (${cancelled} cancelled)` : ''}`,
  );
  return [
    columns(
      [
        { items: [text(count)], verticalContentAlignment: 'Center' },
        {
          width: 'auto',
          items: [
            actionSet([
              execute(
                tr(lang, 'Anzeigen', 'Show'),
                { verb: 'agenda.show', range: { kind: 'date', date }, ...showFor },
                { associatedInputs: 'none' },
              ),
            ]),
          ],
        },
      ],
      { spacing: 'Small' },
    ),
  ];
}

function renderAgenda(v: AgendaCardView): AdaptiveCard {
  const { lang } = v;
  // Cancelled appointments stay listed (struck out) but do not count as appointments.
  const cancelled = v.days.reduce((n, d) => n + d.items.filter((i) => i.status === 'cancelled').length, 0);
  const total = v.days.reduce((n, d) => n + d.items.length, 0) - cancelled + (v.hidden ?? 0);
  const showFor = v.forStaffId ? { forStaffId: v.forStaffId } : {};
  return card(
    [
      title(`${v.self ? tr(lang, 'Meine Termine', 'My appointments') : v.staffName} – ${v.rangeLabel}`),
      subtle(
        total === 0 && cancelled > 0
          ? tr(lang, `Keine offenen Termine (${cancelled} abgesagt).`, `No open appointments (${cancelled} cancelled).`)
          : total === 0
            ? tr(lang, 'Keine Termine.', 'No appointments.')
            : tr(
                lang,
                `${total} ${total === 1 ? 'Termin' : 'Termine'} · Tippen Sie auf einen Termin für Details und Aktionen.`,
                `${total} appointment${total === 1 ? '' : 's'} · Tap one for details and actions.`,
              ),
      ),
      v.notice ? container([text(v.notice, { weight: 'Bolder' })], { style: 'good' }) : undefined,
      ...v.days.flatMap((d) => [
        v.days.length > 1 || d.date !== v.today
          ? text(
              d.date === v.today
                ? `${tr(lang, 'Heute', 'Today')}, ${formatDayHeading(d.date, lang)}`
                : formatDayHeading(d.date, lang),
              { weight: 'Bolder', spacing: 'Large', color: 'Accent' },
            )
          : undefined,
        ...(d.items.length === 0 && v.days.length > 1 ? [subtle(tr(lang, 'keine Termine', 'no appointments'))] : []),
        ...(d.collapsed ? collapsedDay(v, d.date, d.items, showFor) : d.items.flatMap((a) => itemBlock(v, a))),
      ]),
      v.hidden
        ? subtle(
            tr(
              lang,
              `… und ${v.hidden} weitere. Wählen Sie einen einzelnen Tag.`,
              `… and ${v.hidden} more. Choose a single day.`,
            ),
          )
        : undefined,
    ],
    [
      execute(
        tr(lang, 'Heute', 'Today'),
        { verb: 'agenda.show', range: { kind: 'today' }, ...showFor },
        { associatedInputs: 'none' },
      ),
      execute(
        tr(lang, 'Morgen', 'Tomorrow'),
        { verb: 'agenda.show', range: { kind: 'tomorrow' }, ...showFor },
        { associatedInputs: 'none' },
      ),
      execute(
        tr(lang, 'Woche', 'Week'),
        { verb: 'agenda.show', range: { kind: 'week', offsetWeeks: 0 }, ...showFor },
        { associatedInputs: 'none' },
      ),
      execute(tr(lang, 'Termin buchen', 'Book'), { verb: 'book.start', ...showFor }, { associatedInputs: 'none' }),
    ],
  );
}

export const CANCEL_REASON_TEXT: Record<CancelReason, { de: string; en: string }> = {
  'citizen-request': { de: 'Auf Wunsch der Bürgerin / des Bürgers', en: "At the citizen's request" },
  'staff-unavailable': { de: 'Die Sachbearbeitung ist verhindert', en: 'The staff member is unavailable' },
  'not-needed': { de: 'Das Anliegen hat sich erledigt', en: 'The matter has been settled' },
  other: { de: 'Anderer Grund', en: 'Other reason' },
};

export interface CancelAskView {
  lang: Language;
  item: AgendaItem;
  range?: AgendaRange;
}

export function cancelAskCard(v: CancelAskView): AdaptiveCard {
  const { lang, item } = v;
  const base = { appointmentId: item.id, sequence: item.sequence, ...(v.range ? { range: v.range } : {}) };
  return card(
    [
      title(tr(lang, 'Termin absagen', 'Cancel appointment')),
      facts([
        [tr(lang, 'Termin', 'When'), formatDateTime(item.start, lang)],
        [tr(lang, 'Bürger/in', 'Citizen'), item.citizenName],
        [tr(lang, 'Anliegen', 'Service'), item.serviceName],
        [tr(lang, 'Kanal', 'Channel'), channelWithIcon(item.channel, lang)],
      ]),
      input('ChoiceSet', 'reason', {
        label: tr(lang, 'Grund', 'Reason'),
        style: 'expanded',
        isRequired: true,
        errorMessage: tr(lang, 'Bitte einen Grund wählen.', 'Please choose a reason.'),
        choices: (Object.keys(CANCEL_REASON_TEXT) as CancelReason[]).map((k) => ({
          title: CANCEL_REASON_TEXT[k][lang],
          value: k,
        })),
      }),
      input('Text', 'reasonText', {
        label: tr(
          lang,
          'Ergänzung (optional, geht an die Bürgerin / den Bürger)',
          'Details (optional, sent to the citizen)',
        ),
        maxLength: 300,
      }),
      subtle(
        tr(
          lang,
          'Die Bürgerin bzw. der Bürger erhält eine Absage per E-Mail; der Kalendereintrag wird entfernt.',
          'The citizen receives a cancellation by email; the calendar entry is removed.',
        ),
      ),
    ],
    [
      execute(
        tr(lang, 'Termin absagen', 'Cancel appointment'),
        // No preselected reason: `reason` comes only from the ChoiceSet the staff member answered (isRequired).
        { verb: 'appt.cancel', ...base } as ActionData,
        { style: 'destructive' },
      ),
      execute(
        tr(lang, 'Zurück', 'Back'),
        { verb: 'agenda.show', range: v.range ?? { kind: 'today' } },
        { associatedInputs: 'none' },
      ),
    ],
  );
}
