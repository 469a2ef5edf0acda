/**
 * "Meine Termine": a compact agenda (time, channel icon, citizen, service) and the per-appointment
 * actions (reschedule, cancel with reason, completed / no-show, contact details), plus the cancel form.
 */
import type { AgendaRange, AppointmentStatus, Channel, Language, LocalDate } from '../../domain/types';
import {
  CARD_ACTIVITY_BUDGET,
  activityBytes,
  actionRows,
  actionSet,
  card,
  columns,
  container,
  details,
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
import { agendaTexts, CANCEL_REASON_TEXT } from './agenda-texts';
import { callListBlock, type CallView } from './call-cards';
import { cardTexts } from './card-texts';
import { reachNote, type Caller, type Reach } from './reach-note';
import { CHANNEL_ICON, channelWithIcon, formatDateTime, formatDayHeading, formatRange, formatTime } from './format';

export { CANCEL_REASON_TEXT };

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
  /** The appointment reference the citizen has ("T-4K7Q"). */
  reference?: string;
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
  /** Open calls of the call list (shown on top until marked); `total` counts those not listed too. */
  calls?: { items: CallView[]; total: number };
}

function replyLabel(a: AgendaItem, lang: Language): string {
  if (!a.reply || a.status !== 'booked') return '';
  const T = agendaTexts[lang];
  const follow = a.replyFollowUp ? ` (${T.followUp(a.replyFollowUp)})` : '';
  return ` · ${T.reply(a.reply)}${follow}`;
}

/** The buttons of one appointment, grouped in rows (outcome together, then video and cancel). */
function itemActions(v: AgendaCardView, a: AgendaItem): Action[][] {
  const T = agendaTexts[v.lang];
  if (a.status !== 'booked') return [];
  const base = { appointmentId: a.id, sequence: a.sequence, range: v.range };
  const started = a.start <= v.now;
  const none = { associatedInputs: 'none' as const };
  const video = a.meetingUrl ? openUrl(T.openVideo, a.meetingUrl) : undefined;
  const cancel = execute(T.cancel, { verb: 'appt.cancelAsk', ...base }, { ...none, style: 'destructive' });
  if (started)
    return [
      [
        execute(T.done, { verb: 'appt.outcome', ...base, outcome: 'completed' }, { ...none, style: 'positive' }),
        execute(T.noShow, { verb: 'appt.outcome', ...base, outcome: 'no-show' }, none),
      ],
      [video, cancel].filter((x): x is Action => !!x),
    ];
  return [...(video ? [[video]] : []), [execute(T.reschedule, { verb: 'appt.reschedule', ...base }, none), cancel]];
}

function itemBlock(v: AgendaCardView, a: AgendaItem): Element[] {
  const { lang } = v;
  const T = agendaTexts[lang];
  const C = cardTexts[lang];
  const inactive = a.status === 'cancelled';
  const detailsId = `d-${a.id}`;
  const contact: [string, string | undefined][] = [
    [T.time, formatRange(a.start, a.end, lang)],
    [C.phone, a.citizenPhone],
    [T.video, a.meetingUrl],
    [T.place, a.channel === 'in-person' ? a.location : undefined],
    [C.email, a.citizenEmail],
    [C.note, a.note],
    [T.bookedBy, a.bookedBy],
  ];
  const status = T.status(a.status);
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
    container([details(contact), ...itemActions(v, a).flatMap((row) => actionRows(row, { spacing: 'Small' }))], {
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
    // Every day collapsed is a line and a button per day (a week: a few KB). Cutting items here would
    // show a day whose items were cut as "keine Termine".
    return c;
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

/** A day of a paged week: how many appointments, and a button (`show`) that opens that day. */
export function collapsedDay(
  lang: Language,
  items: readonly { status: AppointmentStatus }[],
  show: ActionData,
): Element[] {
  const T = agendaTexts[lang];
  const open = items.filter((i) => i.status !== 'cancelled').length;
  const count = T.dayCount(open, items.length - open);
  return [
    columns(
      [
        { items: [text(count)], verticalContentAlignment: 'Center' },
        { width: 'auto', items: [actionSet([execute(T.show, show, { associatedInputs: 'none' })])] },
      ],
      { spacing: 'Small' },
    ),
  ];
}

/**
 * The ranges to switch to: the two not shown now (three buttons with "Buchen" fit a phone's row;
 * four cut every title). `show`: the button's data for a range (the own agenda, a colleague's, the team's).
 */
export function rangeActions(lang: Language, current: AgendaRange, show: (range: AgendaRange) => ActionData): Action[] {
  const T = agendaTexts[lang];
  const none = { associatedInputs: 'none' as const };
  const ranges: [AgendaRange, string][] = [
    [{ kind: 'today' }, T.today],
    [{ kind: 'tomorrow' }, T.tomorrow],
    [{ kind: 'week', offsetWeeks: 0 }, T.week],
  ];
  const shown = current.kind === 'week' && current.offsetWeeks !== 0 ? 'other' : current.kind;
  const others = ranges.filter(([r]) => r.kind !== shown).slice(0, 2);
  return others.map(([range, label]) => execute(label, show(range), none));
}

/** A day's heading ("Heute, Di., 1. Dez."), shown when a range has several days or is not today. */
export function dayHeading(lang: Language, date: LocalDate, today: LocalDate): Element {
  const T = agendaTexts[lang];
  return text(date === today ? T.todayHeading(formatDayHeading(date, lang)) : formatDayHeading(date, lang), {
    weight: 'Bolder',
    spacing: 'Large',
    color: 'Accent',
  });
}

function renderAgenda(v: AgendaCardView): AdaptiveCard {
  const { lang } = v;
  const T = agendaTexts[lang];
  // Cancelled appointments stay listed (struck out) but do not count as appointments.
  const cancelled = v.days.reduce((n, d) => n + d.items.filter((i) => i.status === 'cancelled').length, 0);
  const total = v.days.reduce((n, d) => n + d.items.length, 0) - cancelled + (v.hidden ?? 0);
  const showFor = v.forStaffId ? { forStaffId: v.forStaffId } : {};
  return card(
    [
      title(`${v.self ? T.mine : v.staffName} – ${v.rangeLabel}`),
      // The cancelled ones said with the count, or "1 appointment" heads two lines.
      subtle(total === 0 && cancelled > 0 ? T.noOpen(cancelled) : total === 0 ? T.none : T.total(total, cancelled)),
      v.notice ? container([text(v.notice, { weight: 'Bolder' })], { style: 'good' }) : undefined,
      ...(v.calls ? callListBlock(lang, v.calls.items, v.calls.total, { range: v.range, ...showFor }) : []),
      ...v.days.flatMap((d) => [
        v.days.length > 1 || d.date !== v.today ? dayHeading(lang, d.date, v.today) : undefined,
        ...(d.items.length === 0 && v.days.length > 1 ? [subtle(T.dayEmpty)] : []),
        ...(d.collapsed
          ? collapsedDay(lang, d.items, { verb: 'agenda.show', range: { kind: 'date', date: d.date }, ...showFor })
          : d.items.flatMap((a) => itemBlock(v, a))),
      ]),
      v.hidden ? subtle(T.hidden(v.hidden)) : undefined,
    ],
    [
      ...rangeActions(lang, v.range, (range) => ({ verb: 'agenda.show', range, ...showFor })),
      execute(T.book, { verb: 'book.start', ...showFor }, { associatedInputs: 'none' }),
    ],
  );
}

export interface CancelAskView {
  lang: Language;
  item: AgendaItem;
  /** How the cancellation reaches this citizen (booking-rules.ts citizenReach); mail when absent. */
  reach?: Reach;
  /** Whose call list a call goes on (the serving staff member's); the reader's when absent. */
  caller?: Caller;
  range?: AgendaRange;
  /**
   * Asked from an appointment's details card: back to it (and the search it came from); from the team
   * agenda: back to it (`range`).
   */
  view?: 'details' | 'team';
  q?: string;
}

/** What really happens for this citizen: mail, SMS, or a call (never a mail promised to nobody). */
const cancelNote = (v: CancelAskView): Element | undefined =>
  reachNote(v.lang, 'cancel', {
    reach: v.reach ?? { mail: true, sms: false, call: 'none' },
    citizen: v.item.citizenName,
    ...(v.item.citizenPhone ? { phone: v.item.citizenPhone } : {}),
    caller: v.caller ?? 'you',
  });

export function cancelAskCard(v: CancelAskView): AdaptiveCard {
  const { lang, item } = v;
  const T = agendaTexts[lang];
  const C = cardTexts[lang];
  const base = {
    appointmentId: item.id,
    sequence: item.sequence,
    ...(v.range ? { range: v.range } : {}),
    ...(v.view ? { view: v.view, ...(v.q ? { q: v.q } : {}) } : {}),
  };
  const back: ActionData =
    v.view === 'details'
      ? { verb: 'appt.details', appointmentId: item.id, ...(v.q ? { q: v.q } : {}) }
      : { verb: v.view === 'team' ? 'team.show' : 'agenda.show', range: v.range ?? { kind: 'today' } };
  return card(
    [
      title(T.cancelTitle),
      facts([
        [C.when, formatDateTime(item.start, lang)],
        [C.citizen, item.citizenName],
        [C.service, item.serviceName],
        [C.channel, channelWithIcon(item.channel, lang)],
      ]),
      input('ChoiceSet', 'reason', {
        label: T.reason,
        style: 'expanded',
        wrap: true,
        isRequired: true,
        errorMessage: T.reasonMissing,
        choices: (Object.keys(CANCEL_REASON_TEXT) as CancelReason[]).map((k) => ({
          title: T.cancelReason(k),
          value: k,
        })),
      }),
      input('Text', 'reasonText', { label: T.reasonText, maxLength: 300 }),
      cancelNote(v),
    ],
    [
      execute(
        T.cancelTitle,
        // No preselected reason: `reason` comes only from the ChoiceSet the staff member answered (isRequired).
        { verb: 'appt.cancel', ...base } as ActionData,
        { style: 'destructive' },
      ),
      execute(T.back, back, { associatedInputs: 'none' }),
    ],
  );
}
