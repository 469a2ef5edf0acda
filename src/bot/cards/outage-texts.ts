/** What the supervisors' outage form and replanning proposal say (German first, English complete). */
import type { AbsenceMode } from '../../domain/types';
import { defineCatalog, plural } from '../../i18n/catalog';

export type OutageReason = 'quarantine' | 'sick' | 'leave' | 'other';

const modeDe: Record<AbsenceMode, string> = {
  'home-office-only': 'Nur Homeoffice (Telefon und Video möglich)',
  absent: 'Abwesend (kann nicht arbeiten)',
};
const modeEn: Record<AbsenceMode, string> = {
  'home-office-only': 'Home office only (phone and video possible)',
  absent: 'Absent (cannot work)',
};
const reasonDe: Record<OutageReason, string> = {
  quarantine: 'Quarantäne',
  sick: 'Krankheit',
  leave: 'Urlaub',
  other: 'Sonstiges',
};
const reasonEn: Record<OutageReason, string> = {
  quarantine: 'Quarantine',
  sick: 'Sickness',
  leave: 'Leave',
  other: 'Other',
};

export const outageTexts = defineCatalog({
  de: {
    mode: (m: AbsenceMode) => modeDe[m],
    reason: (r: OutageReason) => reasonDe[r],
    formTitle: 'Ausfall eintragen und umplanen',
    whoIsOut: 'Wer fällt aus?',
    choose: 'Bitte auswählen.',
    how: 'Wie?',
    chooseHow: 'Bitte wählen, wie.',
    reasonLabel: 'Grund',
    chooseReason: 'Bitte einen Grund wählen.',
    from: 'Von',
    to: 'Bis einschließlich',
    chooseDate: 'Bitte ein Datum wählen.',
    formNote:
      'Danach zeige ich Ihnen einen Umplanungsvorschlag für alle betroffenen Termine. Geändert wird erst, wenn Sie bestätigen.',
    propose: 'Vorschlag berechnen',
    convert: (channel: string, staff: string) => `→ ${channel} mit ${staff}, gleiche Zeit`,
    reassign: (staff: string, channel: string) => `→ an ${staff} (${channel}), gleiche Zeit`,
    reschedule: (when: string, staff: string, channel: string) => `→ verschieben auf ${when} bei ${staff} (${channel})`,
    unplaced: '⚠️ Kein Ersatz möglich: absagen, wir rufen die Bürgerin / den Bürger zurück',
    proposalTitle: '🔁 Umplanung bei Ausfall',
    nothingAffected: 'Der Ausfall ist eingetragen. Es sind keine Termine betroffen.',
    countConvert: 'Auf Telefon/Video umstellen',
    countReassign: 'An Kolleg:innen (gleiche Zeit)',
    countReassignRemote: 'An Kolleg:innen per Telefon/Video (gleiche Zeit)',
    countReschedule: 'Verschieben',
    countUnplaced: 'Ohne Ersatz (anrufen)',
    proposalFor: (n: number) => `Vorschlag für ${plural('de', n, 'Termin', 'Termine')}:`,
    cancel: 'Absagen',
    apply: 'Übernehmen',
    moreOpen: (n: number) => `… und ${n} weitere (mit „Alle übernehmen“ dabei).`,
    unplacedNote:
      'Termine ohne Ersatz werden abgesagt. Die Bürgerinnen und Bürger erhalten eine Absage mit dem Hinweis, dass wir uns bei ihnen melden; wen Sie zurückrufen, steht danach unter „Erledigt“.',
    done: (n: number) => `✅ Erledigt: ${n}`,
    lastDone: (n: number) => `(die letzten ${n})`,
    callBack: (contact: string) => `Bitte melden Sie sich: ${contact}`,
    allDone:
      'Die Bürgerinnen und Bürger erhalten aktualisierte Einladungen oder Absagen, die Kolleg:innen eine Nachricht in Teams.',
    allDoneCancelled: 'Die Bürgerinnen und Bürger erhalten eine Absage, die Kolleg:innen eine Nachricht in Teams.',
    mustCall: (n: number) =>
      `📞 ${n === 1 ? 'Eine Bürgerin / ein Bürger muss' : `${n} Bürgerinnen und Bürger müssen`} angerufen werden (keine E-Mail, keine SMS). Nach dem Übernehmen erhält die zuständige Person eine Anrufkarte.`,
    mustCallApplied: (n: number) =>
      `📞 ${n === 1 ? 'Eine Bürgerin / ein Bürger muss' : `${n} Bürgerinnen und Bürger müssen`} angerufen werden: Die Anrufkarten liegen bei den zuständigen Kolleg:innen (bei Absagen ohne Ersatz bei Ihnen).`,
    allDoneReach: (invited: number, sms: number, cancelled: number) =>
      `${[invited ? `${invited} per E-Mail (aktualisierte Einladung)` : '', cancelled ? `${cancelled} per E-Mail (Absage)` : '', sms ? `${sms} per SMS` : ''].filter(Boolean).join(', ') || 'Niemand per E-Mail oder SMS'} benachrichtigt; die Kolleg:innen erhalten eine Nachricht in Teams.`,
    applyAll: (n: number) => (n === 1 ? 'Vorschlag übernehmen' : `Alle ${n} übernehmen`),
  },
  en: {
    mode: (m: AbsenceMode) => modeEn[m],
    reason: (r: OutageReason) => reasonEn[r],
    formTitle: 'Record an outage and replan',
    whoIsOut: 'Who is out?',
    choose: 'Please choose.',
    how: 'How?',
    chooseHow: 'Please choose how.',
    reasonLabel: 'Reason',
    chooseReason: 'Please choose a reason.',
    from: 'From',
    to: 'To (inclusive)',
    chooseDate: 'Please choose a date.',
    formNote: 'Next you get a replanning proposal for every affected appointment. Nothing changes until you confirm.',
    propose: 'Compute proposal',
    convert: (channel: string, staff: string) => `→ ${channel} with ${staff}, same time`,
    reassign: (staff: string, channel: string) => `→ to ${staff} (${channel}), same time`,
    reschedule: (when: string, staff: string, channel: string) => `→ reschedule to ${when} with ${staff} (${channel})`,
    unplaced: '⚠️ No replacement: cancel, we call the citizen back',
    proposalTitle: '🔁 Replanning for an outage',
    nothingAffected: 'The outage is recorded. No appointments are affected.',
    countConvert: 'Convert to phone/video',
    countReassign: 'To colleagues (same time)',
    countReassignRemote: 'To colleagues by phone/video (same time)',
    countReschedule: 'Reschedule',
    countUnplaced: 'No replacement (call)',
    proposalFor: (n: number) => `Proposal for ${plural('en', n, 'appointment', 'appointments')}:`,
    cancel: 'Cancel',
    apply: 'Apply',
    moreOpen: (n: number) => `… and ${n} more (included in “Apply all”).`,
    unplacedNote:
      'Appointments without replacement are cancelled. The citizens get a cancellation saying that we will contact them; whom to call back is then listed under “Done”.',
    done: (n: number) => `✅ Done: ${n}`,
    lastDone: (n: number) => `(the last ${n})`,
    callBack: (contact: string) => `Please contact: ${contact}`,
    allDone: 'Citizens receive updated invitations or cancellations, colleagues a message in Teams.',
    allDoneCancelled: 'Citizens receive a cancellation, colleagues a message in Teams.',
    mustCall: (n: number) =>
      `📞 ${n === 1 ? '1 citizen has' : `${n} citizens have`} to be called (no email, no SMS). Once applied, the staff member concerned gets a call card.`,
    mustCallApplied: (n: number) =>
      `📞 ${n === 1 ? '1 citizen has' : `${n} citizens have`} to be called: the call cards are with the staff members concerned (with you for cancellations without replacement).`,
    allDoneReach: (invited: number, sms: number, cancelled: number) =>
      `${[invited ? `${invited} by email (updated invitation)` : '', cancelled ? `${cancelled} by email (cancellation)` : '', sms ? `${sms} by SMS` : ''].filter(Boolean).join(', ') || 'Nobody by email or SMS'} notified; colleagues get a message in Teams.`,
    applyAll: (n: number) => (n === 1 ? 'Apply the proposal' : `Apply all ${n}`),
  },
});
