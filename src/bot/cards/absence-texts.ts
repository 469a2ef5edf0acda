/** What the absence form and its result card say (German first, English complete). */
import { defineCatalog, plural } from '../../i18n/catalog';

export type AbsenceKind = 'sick' | 'leave' | 'quarantine' | 'home-office-only' | 'other';

const kindDe: Record<AbsenceKind, string> = {
  sick: 'Krank',
  leave: 'Urlaub',
  quarantine: 'Quarantäne (nicht arbeitsfähig)',
  'home-office-only': 'Nur Homeoffice (Telefon und Video möglich)',
  other: 'Sonstiges',
};
const kindEn: Record<AbsenceKind, string> = {
  sick: 'Sick',
  leave: 'Leave',
  quarantine: 'Quarantine (cannot work)',
  'home-office-only': 'Home office only (phone and video possible)',
  other: 'Other',
};

/** Get well soon when ill, a good time on leave; in quarantine one is not ill: all the best. Nothing for home office or other reasons. */
const farewellDe: Record<AbsenceKind, string> = {
  sick: 'Gute Besserung!',
  quarantine: 'Alles Gute!',
  leave: 'Eine gute Zeit!',
  'home-office-only': '',
  other: '',
};
const farewellEn: Record<AbsenceKind, string> = {
  sick: 'Get well soon!',
  quarantine: 'All the best!',
  leave: 'Enjoy your time off!',
  'home-office-only': '',
  other: '',
};

export interface PlanCounts {
  convert?: number;
  reassign?: number;
  reschedule?: number;
  unplaced?: number;
}

export const absenceTexts = defineCatalog({
  de: {
    kind: (k: AbsenceKind) => kindDe[k],
    farewell: (k: AbsenceKind) => farewellDe[k],
    formTitle: 'Abwesenheit melden',
    whatApplies: 'Was trifft zu?',
    chooseOne: 'Bitte auswählen.',
    from: 'Von',
    to: 'Bis einschließlich',
    chooseDate: 'Bitte ein Datum wählen.',
    formNote: 'Ihre Termine in diesem Zeitraum werden Ihrer Teamleitung zur Umplanung vorgelegt.',
    submit: 'Abwesenheit melden',
    yourSupervisor: 'Ihre Teamleitung',
    plan: (p: PlanCounts) =>
      `Vorschlag: ${p.convert ?? 0} auf Telefon/Video umstellen, ${p.reassign ?? 0} an Kolleg:innen, ${p.reschedule ?? 0} verschieben, ${p.unplaced ?? 0} offen.`,
    resultTitle: '✅ Abwesenheit gemeldet',
    noAppointments: 'In diesem Zeitraum haben Sie keine Termine.',
    affected: (n: number) => `${plural('de', n, 'Termin ist', 'Termine sind')} betroffen:`,
    more: (n: number) => `… und ${n} weitere.`,
    proposalSent: (who: string) =>
      `${who} erhält einen Vorschlag zur Umplanung und entscheidet. Die Bürgerinnen und Bürger werden informiert, sobald er bestätigt ist.`,
    unreachable: (who: string, mailbox: string) =>
      `${who} ist in Teams noch nicht erreichbar (hat die Sprechstunde nicht geöffnet). Die Liste geht per E-Mail an ${mailbox} und an die anderen Teamleitungen und bleibt in der Tagesübersicht ein offenes Problem, bis sie erledigt ist. Bitte sagen Sie Ihrer Teamleitung zusätzlich direkt Bescheid.`,
    listSent: (who: string) => `${who} erhält die Liste und plant die Termine um.`,
  },
  en: {
    kind: (k: AbsenceKind) => kindEn[k],
    farewell: (k: AbsenceKind) => farewellEn[k],
    formTitle: 'Report an absence',
    whatApplies: 'What applies?',
    chooseOne: 'Please choose one.',
    from: 'From',
    to: 'To (inclusive)',
    chooseDate: 'Please choose a date.',
    formNote: 'Your appointments in this period are handed to your supervisor for replanning.',
    submit: 'Report absence',
    yourSupervisor: 'your supervisor',
    plan: (p: PlanCounts) =>
      `Proposal: ${p.convert ?? 0} to phone/video, ${p.reassign ?? 0} to colleagues, ${p.reschedule ?? 0} moved, ${p.unplaced ?? 0} open.`,
    resultTitle: '✅ Absence reported',
    noAppointments: 'You have no appointments in this period.',
    affected: (n: number) => `${plural('en', n, 'appointment is', 'appointments are')} affected:`,
    more: (n: number) => `… and ${n} more.`,
    proposalSent: (who: string) =>
      `${who} receives a replanning proposal and decides. Citizens are informed once it is confirmed.`,
    unreachable: (who: string, mailbox: string) =>
      `${who} cannot be reached in Teams yet (has not opened Sprechstunde). The list goes by email to ${mailbox} and to the other supervisors and stays an open problem in the daily summary until it is dealt with. Please also tell your supervisor directly.`,
    listSent: (who: string) => `${who} receives the list and replans the appointments.`,
  },
});
