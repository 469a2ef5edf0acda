/** What the supervisors' daily summary card says (German first, English complete). */
import type { AbsenceMode, Channel } from '../../domain/types';
import type { OnSite } from '../../domain/summary-types';
import { defineCatalog, plural } from '../../i18n/catalog';

const onSiteDe: Record<OnSite, string> = {
  'all-day': 'ganztags vor Ort',
  morning: 'vormittags vor Ort',
  afternoon: 'nachmittags vor Ort',
  'off-site': 'Homeoffice',
};
const onSiteEn: Record<OnSite, string> = {
  'all-day': 'on site all day',
  morning: 'on site mornings',
  afternoon: 'on site afternoons',
  'off-site': 'home office',
};
const channelDe: Record<Channel, string> = { video: 'Video', phone: 'Telefon', 'in-person': 'Vor Ort' };
const channelEn: Record<Channel, string> = { video: 'Video', phone: 'Phone', 'in-person': 'In person' };
const absenceDe: Record<AbsenceMode, string> = { absent: 'abwesend', 'home-office-only': 'nur Homeoffice' };
const absenceEn: Record<AbsenceMode, string> = { absent: 'absent', 'home-office-only': 'home office only' };

/** "2 Tage 3 Std." / "2 d 3 h": lead times. */
function durationDe(min: number): string {
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  if (days > 0)
    return hours > 0 ? `${plural('de', days, 'Tag', 'Tage')} ${hours} Std.` : plural('de', days, 'Tag', 'Tage');
  if (hours > 0) return mins > 0 ? `${hours} Std. ${mins} Min.` : `${hours} Std.`;
  return `${mins} Min.`;
}
function durationEn(min: number): string {
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

export const summaryTexts = defineCatalog({
  de: {
    locale: 'de-DE',
    percent: (n: string) => `${n} %`,
    duration: durationDe,
    title: (day: string) => `Tagesübersicht – ${day}`,
    sharedNote:
      'Ohne Namen, weil dieser Chat geteilt ist. Die vollständige Übersicht steht in Ihrem persönlichen Chat mit der Sprechstunde.',
    allTeams: 'Alle Teams',
    holiday: 'Feiertag – keine Sprechzeiten.',
    appointments: 'Termine',
    appointmentCount: (n: number) => plural('de', n, 'Termin', 'Termine'),
    cancelledSuffix: (n: number) => (n > 0 ? ` (${n} abgesagt)` : ''),
    utilisation: 'Auslastung',
    ofMinutes: (booked: string, available: string) => `${booked} von ${available} Min.`,
    leadTime: 'Vorlaufzeit (7 Tage)',
    leadTimeValue: (median: string, p90: string, n: number) =>
      `Median ${median}, bei 90 % höchstens ${p90} (${plural('de', n, 'Termin', 'Termine')})`,
    noData: 'keine Daten',
    unmarked: 'Ohne Ergebnis',
    chartUtilisation: 'Auslastung je Team',
    booked: 'gebucht',
    free: 'frei',
    chartChannels: 'Termine nach Kanal',
    channel: (c: Channel) => channelDe[c],
    onSite: (o: OnSite) => onSiteDe[o],
    teamOut: (m: AbsenceMode) => (m === 'absent' ? 'ganzes Team abwesend' : 'ganzes Team nur Homeoffice'),
    someAbsent: (n: number) => `${n} abwesend`,
    someHomeOfficeOnly: (n: number) => `${n} nur Homeoffice`,
    services: 'Anliegen',
    serviceLine: (booked: number, next: string | undefined) =>
      `${plural('de', booked, 'Termin', 'Termine')} · ${next ? `nächster freier Termin ${next}` : 'kein freier Termin'}`,
    staff: 'Mitarbeitende',
    absence: (m: AbsenceMode) => absenceDe[m],
    more: (n: number) => `… und ${n} weitere`,
    previousDay: (d: string) => `Vortag (${d})`,
    completed: 'Erledigt',
    noShows: 'Nicht erschienen',
    cancelled: 'Abgesagt',
    cancelledBy: (c: number, s: number, r: number) =>
      `${c} von Bürgerinnen und Bürgern, ${s} von der Verwaltung, ${r} bei Umplanung`,
    unmarkedTitle: 'Noch ohne Ergebnis (erledigt / nicht erschienen)',
    absences: 'Abwesenheiten',
    until: (mode: string, d: string) => `${mode} bis ${d}`,
    noAbsences: 'Keine Abwesenheiten.',
    calendarAbsence: 'laut eigenem Kalender ganztägig belegt',
    replans: 'Umplanungen',
    replanResult: (
      mode: string,
      range: string,
      converted: string,
      moved: string,
      cancelled: string,
      unplaced: string,
    ) =>
      `${mode}, ${range}: ${converted} auf Video/Telefon umgestellt, ${moved} verlegt, ${cancelled} abgesagt (Rückruf), ${unplaced} noch offen`,
    problems: 'Offene Probleme',
    deadLetters: 'Nicht zustellbare Nachrichten',
    unplaced: 'Nicht umplanbare Termine',
    noProblems: 'Keine offenen Probleme.',
    undeliveredAlerts: 'Meldungen, die niemand erhalten hat',
    ignoredReplies: 'Nicht zugeordnete Kalenderantworten (7 Tage, im Terminpostfach)',
    waitingNotices: (staff: number) =>
      `Nachrichten nur per Mail (Teams: ${plural('de', staff, 'Person', 'Personen')} noch nicht erreichbar)`,
    openCalls: (staff: number) =>
      `Bürgerinnen und Bürger anrufen (nur telefonisch erreichbar; bei ${plural('de', staff, 'Kolleg:in', 'Kolleg:innen')})`,
    staleCalendars: 'Kalender nicht aktuell',
    staleCalendar: (name: string, since: string | undefined, reason: string | undefined) =>
      `${name}: Kalender ${since ? `zuletzt abgeglichen ${since}` : 'noch nie abgeglichen'}${reason ? ` (${reason})` : ''}`,
    resolveAlert: 'Erledigt',
    generated: (t: string) => `Stand ${t} Uhr`,
    summaryText: (day: string, n: number, util: string) =>
      `Tagesübersicht für ${day}: ${plural('de', n, 'Termin', 'Termine')}, Auslastung ${util}.`,
  },
  en: {
    locale: 'en-GB',
    percent: (n: string) => `${n}%`,
    duration: durationEn,
    title: (day: string) => `Daily summary – ${day}`,
    sharedNote:
      'Without names, because this chat is shared. The full summary is in your personal chat with Sprechstunde.',
    allTeams: 'All teams',
    holiday: 'Public holiday – no consultations.',
    appointments: 'Appointments',
    appointmentCount: (n: number) => plural('en', n, 'appointment', 'appointments'),
    cancelledSuffix: (n: number) => (n > 0 ? ` (${n} cancelled)` : ''),
    utilisation: 'Utilisation',
    ofMinutes: (booked: string, available: string) => `${booked} of ${available} min`,
    leadTime: 'Lead time (7 days)',
    leadTimeValue: (median: string, p90: string, n: number) =>
      `median ${median}, 90% at most ${p90} (${plural('en', n, 'appointment', 'appointments')})`,
    noData: 'no data',
    unmarked: 'Outcome missing',
    chartUtilisation: 'Utilisation per team',
    booked: 'booked',
    free: 'free',
    chartChannels: 'Appointments by channel',
    channel: (c: Channel) => channelEn[c],
    onSite: (o: OnSite) => onSiteEn[o],
    teamOut: (m: AbsenceMode) => (m === 'absent' ? 'whole team absent' : 'whole team home office only'),
    someAbsent: (n: number) => `${n} absent`,
    someHomeOfficeOnly: (n: number) => `${n} home office only`,
    services: 'Services',
    serviceLine: (booked: number, next: string | undefined) =>
      `${plural('en', booked, 'appointment', 'appointments')} · ${next ? `next free slot ${next}` : 'no free slot'}`,
    staff: 'Staff',
    absence: (m: AbsenceMode) => absenceEn[m],
    more: (n: number) => `… and ${n} more`,
    previousDay: (d: string) => `Previous working day (${d})`,
    completed: 'Completed',
    noShows: 'No-shows',
    cancelled: 'Cancelled',
    cancelledBy: (c: number, s: number, r: number) => `citizens ${c}, staff ${s}, replanning ${r}`,
    unmarkedTitle: 'Outcome still missing (completed / no-show)',
    absences: 'Absences',
    until: (mode: string, d: string) => `${mode} until ${d}`,
    noAbsences: 'No absences.',
    calendarAbsence: 'busy all day in their own calendar',
    replans: 'Replanning',
    replanResult: (
      mode: string,
      range: string,
      converted: string,
      moved: string,
      cancelled: string,
      unplaced: string,
    ) =>
      `${mode}, ${range}: ${converted} converted to video/phone, ${moved} moved, ${cancelled} cancelled (call back), ${unplaced} still unplaced`,
    problems: 'Open problems',
    deadLetters: 'Undeliverable messages',
    unplaced: 'Appointments that could not be replanned',
    noProblems: 'No open problems.',
    undeliveredAlerts: 'Alerts nobody received',
    ignoredReplies: 'Calendar answers not matched (7 days, in the appointments mailbox)',
    waitingNotices: (staff: number) =>
      `Messages by mail only (Teams: ${plural('en', staff, 'person', 'people')} not reachable yet)`,
    openCalls: (staff: number) =>
      `Citizens to call (reachable by phone only; with ${plural('en', staff, 'colleague', 'colleagues')})`,
    staleCalendars: 'Calendars out of date',
    staleCalendar: (name: string, since: string | undefined, reason: string | undefined) =>
      `${name}: calendar ${since ? `last read ${since}` : 'never read'}${reason ? ` (${reason})` : ''}`,
    resolveAlert: 'Done',
    generated: (t: string) => `As of ${t}`,
    summaryText: (day: string, n: number, util: string) =>
      `Daily summary for ${day}: ${plural('en', n, 'appointment', 'appointments')}, utilisation ${util}.`,
  },
});
