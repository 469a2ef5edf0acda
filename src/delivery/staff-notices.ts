/** Teams texts for staff members (notices, reminders) and supervisors (alerts), German or English. */
import { displayPhone } from '../domain/phone';
import { indexDirectory } from '../domain/directory-index';
import { appointmentParts, channelLabel, channelLines, formatWhen } from '../invitations/appointment-text';
import type {
  Appointment,
  DeadLetterFacts,
  Directory,
  Language,
  OutboxMessage,
  SupervisorAlertFacts,
} from '../domain/types';
import { formatDateTime, formatLocalDate } from '../i18n/dates';
import type { TeamsMessage } from '../app/ports';
import { keys } from '../store/keys';
import { mailTexts } from './texts';

type StaffNotice = Extract<OutboxMessage, { kind: 'staff-notice' }>;
type SupervisorAlert = Extract<OutboxMessage, { kind: 'supervisor-alert' }>;

/** The alert about a dead letter, in the supervisor's language (no personal data: kind and ids only). */
export function deadLetterAlertText(facts: DeadLetterFacts, language: Language): string {
  const { kind, appointmentId, attempts } = facts;
  const T = mailTexts[language];
  const what = kind ? T.deadLetterEntry(kind, appointmentId) : T.deadLetterUnreadable;
  return T.deadLetter(attempts, what, keys.outboxDead());
}

/** An alert's facts in the supervisor's language (staff names and appointment ids only). */
function alertFactsText(facts: SupervisorAlertFacts, language: Language): string {
  const T = mailTexts[language];
  switch (facts.kind) {
    case 'absence-reported': {
      const from = formatLocalDate(facts.from, language);
      const when = facts.from === facts.to ? from : T.dateRange(from, formatLocalDate(facts.to, language));
      return T.absenceReported(facts.staffName, when, facts.affected);
    }
    case 'calendar-stale': {
      const since = facts.lastSuccess === undefined ? undefined : formatDateTime(facts.lastSuccess, language);
      return T.calendarStale(
        T.calendarName(facts.calendar),
        facts.staffName,
        since,
        facts.lastError ?? T.unknownReason,
      );
    }
    case 'retention-unreadable':
      return T.retentionUnreadable(facts.appointmentIds.length, facts.appointmentIds.join(', '));
    case 'reply-flood':
      return T.replyFlood(facts.appointmentId, facts.answered);
    case 'sms-limit':
      return T.smsLimit(facts.month, facts.limit);
  }
}

/** A supervisor alert for one supervisor: rendered from its facts in their language, else its (German) text. */
export function renderSupervisorAlert(alert: SupervisorAlert, language: Language): TeamsMessage {
  if (alert.deadLetter) return { text: deadLetterAlertText(alert.deadLetter, language) };
  if (alert.facts) return { text: alertFactsText(alert.facts, language) };
  return { text: alert.text ?? mailTexts[language].alertUndelivered };
}

/** The name of the colleague who acted (their id if the directory no longer has them). */
const actorName = (notice: StaffNotice, directory: Directory): string =>
  (notice.by && indexDirectory(directory).staffById(notice.by)?.name) ?? notice.by ?? '–';
type StaffCall = Extract<OutboxMessage, { kind: 'staff-call' }>;

/** "Bitte anrufen: Ilse Ohnenetz, 05137 12345: Termin verlegt auf …" in the caller's language (the card's text). */
export function renderCallText(call: StaffCall, a: Appointment, language: Language): string {
  const phone = a.citizen.phone ? displayPhone(a.citizen.phone) : '–';
  const moved = call.previous && call.previous.start !== a.start;
  const before = moved ? formatDateTime(call.previous!.start, language) : undefined;
  // Only the channel changed (same time): what it is now, e.g. by phone instead of in person.
  const channelNow =
    !moved && call.previous && call.previous.channel !== a.channel ? channelLabel(a.channel, language) : undefined;
  return mailTexts[language].noticeCall(
    a.citizen.name,
    phone,
    call.event,
    formatDateTime(a.start, language),
    before,
    channelNow,
  );
}

export function renderStaffNotice(
  notice: StaffNotice,
  a: Appointment,
  directory: Directory,
  now: number,
): TeamsMessage {
  const { staff, service } = appointmentParts(a, directory);
  const language = staff.language;
  const T = mailTexts[language];
  // Notices to the colleague an appointment came from are in their language.
  const whatIn = (lang: Language) => `${service.name[lang]} (${channelLabel(a.channel, lang)})`;
  const what = whatIn(language);
  const when = formatWhen(a, language);
  const how = channelLines(a, directory, language, 'staff').join('\n');
  const citizen = a.citizen.name;
  switch (notice.event) {
    case 'citizen-cancelled':
      return { text: T.noticeCitizenCancelled(citizen, what, when) };
    case 'citizen-rescheduled': {
      const before = notice.previous;
      // The colleague it came from: the old time is free again.
      if (notice.staffId !== a.staffId) {
        const lang = indexDirectory(directory).staffById(notice.staffId)?.language ?? language;
        const old = formatWhen(before ?? a, lang);
        return { text: mailTexts[lang].noticeMovedAway(citizen, whatIn(lang), old, staff.name) };
      }
      const fromColleague =
        before && before.staffId !== a.staffId ? indexDirectory(directory).staffById(before.staffId) : undefined;
      const was = before ? T.noticeWas(formatWhen(before, language), fromColleague?.name) : '';
      return { text: T.noticeCitizenMoved(citizen, what, when, was, how) };
    }
    case 'replanned':
      // No replacement found: the appointment was cancelled and the citizen is to be called back.
      if (a.status === 'cancelled')
        return { text: T.noticeReplanCancelled(what, citizen, when, a.citizen.phone && displayPhone(a.citizen.phone)) };
      // The colleague it was taken from learns where it went.
      if (notice.staffId !== a.staffId) {
        const lang = indexDirectory(directory).staffById(notice.staffId)?.language ?? language;
        return { text: mailTexts[lang].noticeHandedOver(staff.name, whatIn(lang), citizen, formatWhen(a, lang)) };
      }
      return { text: T.noticeReplanned(what, citizen, when, how) };
    case 'citizen-declined':
      // The card with the buttons comes from the bot (OutboxWorkerDeps.cards); this is its text.
      return { text: T.noticeDeclined(citizen, what, when) };
    case 'citizen-proposed': {
      const p = a.proposal;
      const proposed = p ? formatWhen({ ...a, start: p.start, end: p.end }, language) : '–';
      return { text: T.noticeProposed(citizen, what, when, proposed) };
    }
    case 'other-address-declined':
      return { text: T.noticeOtherAddressDeclined(a.otherReply?.from ?? '–', citizen, what, when) };
    case 'booked-for-you': {
      // Who booked it — or moved it to them (the audit trail has the same): the colleague's name, as the agenda shows it.
      const byId = notice.by ?? a.createdBy;
      const by = byId !== a.staffId ? indexDirectory(directory).staffById(byId)?.name : undefined;
      return { text: T.noticeBookedForYou(by, what, citizen, when, how) };
    }
    case 'moved-by-colleague': {
      // To the colleague who served it before the move (in their language): from when to when, or to whom.
      const lang = indexDirectory(directory).staffById(notice.staffId)?.language ?? language;
      const L = mailTexts[lang];
      const by = actorName(notice, directory);
      const old = formatWhen(notice.previous ?? a, lang);
      if (notice.staffId !== a.staffId)
        return { text: L.noticeHandedOverBy(by, citizen, old, staff.name, formatWhen(a, lang), whatIn(lang)) };
      return { text: L.noticeMovedBy(by, citizen, old, when, what, how) };
    }
    case 'cancelled-by-colleague':
      return { text: T.noticeCancelledBy(actorName(notice, directory), citizen, when, what, a.cancelReason) };
    case 'completed-by-colleague':
    case 'no-show-by-colleague':
      return {
        text: T.noticeOutcomeBy(
          actorName(notice, directory),
          citizen,
          when,
          what,
          notice.event === 'completed-by-colleague' ? 'completed' : 'no-show',
        ),
      };
    case 'reminder': {
      const minutes = Math.max(0, Math.round((a.start - now) / 60_000));
      return { text: T.noticeReminder(minutes, what, citizen, how) };
    }
  }
}
