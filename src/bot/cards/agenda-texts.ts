/** What the agenda ("Meine Termine") and the cancel form say (German first, English complete). */
import type { AppointmentStatus, Language } from '../../domain/types';
import { defineCatalog, plural } from '../../i18n/catalog';
import type { CancelReason } from './actions';

type Reply = 'accepted' | 'declined' | 'tentative';
type FollowUp = 'keep' | 'call';

/** Also read by the replies handler, which words the citizen's own cancellation in their language. */
export const CANCEL_REASON_TEXT: Record<CancelReason, Record<Language, string>> = {
  'citizen-request': { de: 'Auf Wunsch der Bürgerin / des Bürgers', en: "At the citizen's request" },
  'staff-unavailable': { de: 'Die Sachbearbeitung ist verhindert', en: 'The staff member is unavailable' },
  'not-needed': { de: 'Das Anliegen hat sich erledigt', en: 'The matter has been settled' },
  other: { de: 'Anderer Grund', en: 'Other reason' },
};

const statusDe: Record<AppointmentStatus, string> = {
  booked: '',
  completed: '✔ erledigt',
  'no-show': '✖ nicht erschienen',
  cancelled: 'abgesagt',
};
const statusEn: Record<AppointmentStatus, string> = {
  booked: '',
  completed: '✔ done',
  'no-show': '✖ no-show',
  cancelled: 'cancelled',
};
const replyDe: Record<Reply, string> = {
  accepted: '✓ zugesagt',
  tentative: '? vorläufig zugesagt',
  declined: '✗ abgelehnt',
};
const replyEn: Record<Reply, string> = { accepted: '✓ accepted', tentative: '? tentative', declined: '✗ declined' };
const followUpDe: Record<FollowUp, string> = { keep: 'bleibt', call: 'Sie rufen an' };
const followUpEn: Record<FollowUp, string> = { keep: 'kept', call: 'you call' };

const cancelledDe = (n: number) => (n ? ` (${n} abgesagt)` : '');
const cancelledEn = (n: number) => (n ? ` (${n} cancelled)` : '');

export const agendaTexts = defineCatalog({
  de: {
    status: (s: AppointmentStatus) => statusDe[s],
    reply: (r: Reply) => replyDe[r],
    followUp: (f: FollowUp) => followUpDe[f],
    openVideo: '🎥 Video öffnen',
    done: '✔ Erledigt',
    noShow: '✖ Nicht erschienen',
    reschedule: 'Verschieben',
    cancel: 'Absagen',
    time: 'Zeit',
    video: 'Video',
    place: 'Ort',
    bookedBy: 'Gebucht von',
    dayCount: (open: number, cancelled: number) =>
      `${plural('de', open, 'Termin', 'Termine')}${cancelledDe(cancelled)}`,
    show: 'Anzeigen',
    mine: 'Meine Termine',
    noOpen: (cancelled: number) => `Keine offenen Termine (${cancelled} abgesagt).`,
    none: 'Keine Termine.',
    total: (n: number, cancelled: number) =>
      `${plural('de', n, 'Termin', 'Termine')}${cancelledDe(cancelled)} · Tippen Sie auf einen Termin für Details und Aktionen.`,
    today: 'Heute',
    todayHeading: (day: string) => `Heute, ${day}`,
    dayEmpty: 'keine Termine',
    hidden: (n: number) => `… und ${n} weitere. Wählen Sie einen einzelnen Tag.`,
    tomorrow: 'Morgen',
    week: 'Woche',
    book: 'Buchen',
    cancelReason: (r: CancelReason) => CANCEL_REASON_TEXT[r].de,
    cancelTitle: 'Termin absagen',
    reason: 'Grund',
    reasonMissing: 'Bitte einen Grund wählen.',
    reasonText: 'Ergänzung (optional, geht an die Bürgerin / den Bürger)',
    back: 'Zurück',
    teamTitle: (range: string) => `Termine Team – ${range}`,
    teamTotal: (n: number, people: number) =>
      `${plural('de', n, 'Termin', 'Termine')} bei ${plural('de', people, 'Person', 'Personen')} · Tippen Sie auf einen Termin für die Aktionen.`,
    teamNone: (people: number) =>
      people > 1
        ? `Keine Termine bei den ${people} Personen Ihres Teams (Sie und die Kolleginnen und Kollegen, für die Sie buchen dürfen).`
        : 'Keine Termine. Sie buchen für kein ganzes Team, daher stehen hier nur Ihre eigenen Termine; andere finden Sie mit „suchen“.',
    teamSelf: (name: string) => `${name} (Sie)`,
    teamPage: (page: number, pages: number) => `Seite ${page} von ${pages}`,
    teamMore: 'Weitere',
    teamPrevious: 'Vorherige',
    backToTeam: 'Zurück zu Termine Team',
  },
  en: {
    status: (s: AppointmentStatus) => statusEn[s],
    reply: (r: Reply) => replyEn[r],
    followUp: (f: FollowUp) => followUpEn[f],
    openVideo: '🎥 Open video',
    done: '✔ Done',
    noShow: '✖ No-show',
    reschedule: 'Reschedule',
    cancel: 'Cancel',
    time: 'Time',
    video: 'Video',
    place: 'Place',
    bookedBy: 'Booked by',
    dayCount: (open: number, cancelled: number) =>
      `${plural('en', open, 'appointment', 'appointments')}${cancelledEn(cancelled)}`,
    show: 'Show',
    mine: 'My appointments',
    noOpen: (cancelled: number) => `No open appointments (${cancelled} cancelled).`,
    none: 'No appointments.',
    total: (n: number, cancelled: number) =>
      `${plural('en', n, 'appointment', 'appointments')}${cancelledEn(cancelled)} · Tap one for details and actions.`,
    today: 'Today',
    todayHeading: (day: string) => `Today, ${day}`,
    dayEmpty: 'no appointments',
    hidden: (n: number) => `… and ${n} more. Choose a single day.`,
    tomorrow: 'Tomorrow',
    week: 'Week',
    book: 'Book',
    cancelReason: (r: CancelReason) => CANCEL_REASON_TEXT[r].en,
    cancelTitle: 'Cancel appointment',
    reason: 'Reason',
    reasonMissing: 'Please choose a reason.',
    reasonText: 'Details (optional, sent to the citizen)',
    back: 'Back',
    teamTitle: (range: string) => `Team agenda – ${range}`,
    teamTotal: (n: number, people: number) =>
      `${plural('en', n, 'appointment', 'appointments')} with ${plural('en', people, 'person', 'people')} · Tap one for the actions.`,
    teamNone: (people: number) =>
      people > 1
        ? `No appointments with the ${people} people of your team (you and the colleagues you may book for).`
        : 'No appointments. You book for no whole team, so only your own are listed here; find others with “search”.',
    teamSelf: (name: string) => `${name} (you)`,
    teamPage: (page: number, pages: number) => `Page ${page} of ${pages}`,
    teamMore: 'More',
    teamPrevious: 'Previous',
    backToTeam: 'Back to the team agenda',
  },
});
