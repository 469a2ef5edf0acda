/**
 * Renders a Summary (domain/summary.ts) as an Adaptive Card 1.5 for Teams, German or English.
 *
 * Figures go in FactSets and ColumnSet tables; utilisation per team is a `Chart.VerticalBar` and
 * the channel mix a `Chart.Donut` (Teams renders chart elements). Each chart carries a `fallback`
 * table, so clients without chart support still show the numbers. Long lists are capped so that
 * a big city's summary stays well under Teams' 80 KB card limit.
 *
 * Plain JSON only (no botbuilder), so the jobs and tests can render it too.
 */
import { DateTime } from 'luxon';
import type { TeamsMessage } from '../../app/ports';
import { CHANNELS, type OnSite, type Summary } from '../../domain/summary';
import { localDateOf } from '../../domain/time';
import { TIME_ZONE, type AbsenceMode, type Channel, type Language } from '../../domain/types';

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard extends Record<string, unknown> {
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
}

/** How many rows a list shows before "… and N more". */
export const MAX_STAFF_ROWS = 25;
export const MAX_LIST_ROWS = 15;

const TEXT = {
  de: {
    title: 'Tagesübersicht',
    sharedNote:
      'Ohne Namen, weil dieser Chat geteilt ist. Die vollständige Übersicht steht in Ihrem persönlichen Chat mit der Sprechstunde.',
    allTeams: 'Alle Teams',
    holiday: 'Feiertag – keine Sprechzeiten.',
    appointments: 'Termine',
    cancelledSuffix: (n: number) => (n > 0 ? ` (${n} abgesagt)` : ''),
    utilisation: 'Auslastung',
    ofMinutes: (booked: string, available: string) => `${booked} von ${available} Min.`,
    leadTime: 'Vorlaufzeit (7 Tage)',
    leadTimeValue: (median: string, p90: string, n: number) => `Median ${median}, 90 % ${p90} (${n} Termine)`,
    noData: 'keine Daten',
    unmarked: 'Ohne Ergebnis',
    chartUtilisation: 'Auslastung je Team (%)',
    chartChannels: 'Termine nach Kanal',
    channel: { video: 'Video', phone: 'Telefon', 'in-person': 'Vor Ort' } as Record<Channel, string>,
    team: 'Team',
    channelHeader: 'Kanal',
    share: 'Anteil',
    count: 'Anzahl',
    minutes: 'Min. gebucht / verfügbar',
    onSiteHeader: 'Vor Ort',
    onSite: {
      'all-day': 'ganztags',
      morning: 'vormittags',
      afternoon: 'nachmittags',
      'off-site': 'Homeoffice',
    } as Record<OnSite, string>,
    services: 'Anliegen',
    today: 'Heute',
    nextFree: 'Nächster freier Termin',
    none: '–',
    staff: 'Mitarbeitende',
    name: 'Name',
    time: 'Zeit',
    note: 'Hinweis',
    absence: { absent: 'abwesend', 'home-office-only': 'nur Homeoffice' } as Record<AbsenceMode, string>,
    more: (n: number) => `… und ${n} weitere`,
    previousDay: (d: string) => `Vortag (${d})`,
    completed: 'Erledigt',
    noShows: 'Nicht erschienen',
    cancelled: 'Abgesagt',
    cancelledBy: (c: number, s: number, r: number) => `Bürger:innen ${c}, Verwaltung ${s}, Umplanung ${r}`,
    unmarkedTitle: 'Noch ohne Ergebnis (erledigt / nicht erschienen)',
    absences: 'Abwesenheiten',
    until: (mode: string, d: string) => `${mode} bis ${d}`,
    noAbsences: 'Keine Abwesenheiten.',
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
    staleCalendars: 'Kalender nicht aktuell',
    staleCalendar: (name: string, since: string | undefined, reason: string | undefined) =>
      `${name}: Kalender ${since ? `zuletzt abgeglichen ${since}` : 'noch nie abgeglichen'}${reason ? ` (${reason})` : ''}`,
    resolveAlert: 'Erledigt',
    generated: (t: string) => `Stand ${t} Uhr`,
    summaryText: (day: string, n: number, util: string) =>
      `Tagesübersicht für ${day}: ${n} Termine, Auslastung ${util}.`,
  },
  en: {
    title: 'Daily summary',
    sharedNote:
      'Without names, because this chat is shared. The full summary is in your personal chat with Sprechstunde.',
    allTeams: 'All teams',
    holiday: 'Public holiday – no consultations.',
    appointments: 'Appointments',
    cancelledSuffix: (n: number) => (n > 0 ? ` (${n} cancelled)` : ''),
    utilisation: 'Utilisation',
    ofMinutes: (booked: string, available: string) => `${booked} of ${available} min`,
    leadTime: 'Lead time (7 days)',
    leadTimeValue: (median: string, p90: string, n: number) => `median ${median}, 90% ${p90} (${n} appointments)`,
    noData: 'no data',
    unmarked: 'Outcome missing',
    chartUtilisation: 'Utilisation per team (%)',
    chartChannels: 'Appointments by channel',
    channel: { video: 'Video', phone: 'Phone', 'in-person': 'In person' } as Record<Channel, string>,
    team: 'Team',
    channelHeader: 'Channel',
    share: 'Share',
    count: 'Count',
    minutes: 'Min booked / available',
    onSiteHeader: 'On site',
    onSite: { 'all-day': 'all day', morning: 'mornings', afternoon: 'afternoons', 'off-site': 'home office' } as Record<
      OnSite,
      string
    >,
    services: 'Services',
    today: 'Today',
    nextFree: 'Next free slot',
    none: '–',
    staff: 'Staff',
    name: 'Name',
    time: 'Time',
    note: 'Note',
    absence: { absent: 'absent', 'home-office-only': 'home office only' } as Record<AbsenceMode, string>,
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
    staleCalendars: 'Calendars out of date',
    staleCalendar: (name: string, since: string | undefined, reason: string | undefined) =>
      `${name}: calendar ${since ? `last read ${since}` : 'never read'}${reason ? ` (${reason})` : ''}`,
    resolveAlert: 'Done',
    generated: (t: string) => `As of ${t}`,
    summaryText: (day: string, n: number, util: string) =>
      `Daily summary for ${day}: ${n} appointments, utilisation ${util}.`,
  },
} as const;

type Texts = (typeof TEXT)[Language];

function fmt(lang: Language) {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dt = (ms: number) => DateTime.fromMillis(ms, { zone: TIME_ZONE, locale });
  const date = (d: string) => DateTime.fromISO(d, { zone: TIME_ZONE, locale });
  return {
    number: (n: number) => number.format(n),
    percent: (r: number | null) =>
      r === null ? '–' : lang === 'de' ? `${number.format(r * 100)} %` : `${number.format(r * 100)}%`,
    longDay: (d: string) => date(d).toFormat(lang === 'de' ? 'cccc, d. LLLL yyyy' : 'cccc, d LLLL yyyy'),
    shortDay: (d: string) => date(d).toFormat(lang === 'de' ? 'ccc, dd.LL.' : 'ccc d LLL'),
    time: (ms: number) => dt(ms).toFormat('HH:mm'),
    slot: (ms: number) => dt(ms).toFormat(lang === 'de' ? 'ccc, dd.LL., HH:mm' : 'ccc d LLL, HH:mm'),
    duration: (min: number) => {
      const days = Math.floor(min / 1440);
      const hours = Math.floor((min % 1440) / 60);
      const mins = min % 60;
      if (lang === 'de') {
        if (days > 0)
          return hours > 0
            ? `${days} ${days === 1 ? 'Tag' : 'Tage'} ${hours} Std.`
            : `${days} ${days === 1 ? 'Tag' : 'Tage'}`;
        if (hours > 0) return mins > 0 ? `${hours} Std. ${mins} Min.` : `${hours} Std.`;
        return `${mins} Min.`;
      }
      if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
      if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
      return `${mins} min`;
    },
  };
}

const text = (value: string, extra: CardElement = {}): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
const heading = (value: string): CardElement =>
  text(value, { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true });
const factSet = (facts: [string, string][]): CardElement => ({
  type: 'FactSet',
  facts: facts.map(([title, value]) => ({ title, value })),
});

/**
 * A table as one ColumnSet: one column per field, one single-line TextBlock per row, so rows line
 * up and the JSON stays small (a row costs a few TextBlocks, not a ColumnSet each).
 */
function table(headers: string[], rows: string[][], widths: (number | 'auto' | 'stretch')[]): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: headers.map((h, i) => ({
      type: 'Column',
      width: widths[i] ?? 'stretch',
      items: [
        { type: 'TextBlock', text: h, weight: 'Bolder', maxLines: 1 },
        ...rows.map((r) => ({ type: 'TextBlock', text: r[i] ?? '', maxLines: 1, spacing: 'Small' })),
      ],
    })),
  };
}

function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; rest: number } {
  return items.length > max ? { shown: items.slice(0, max), rest: items.length - max } : { shown: items, rest: 0 };
}

/** Names shown for a replanning of single staff members before "+N". */
const MAX_REPLAN_NAMES = 3;

function replanWho(line: Summary['replans'][number]): string {
  if (line.team) return `👥 ${line.team.name}`;
  const names = line.staff
    .slice(0, MAX_REPLAN_NAMES)
    .map((s) => s.name)
    .join(', ');
  return line.staff.length > MAX_REPLAN_NAMES ? `${names} +${line.staff.length - MAX_REPLAN_NAMES}` : names;
}

function teamsLine(summary: Summary, t: Texts, teamNames: Map<string, string>): string {
  if (summary.teamIds.length === 0) return t.allTeams;
  return summary.teamIds.map((id) => teamNames.get(id) ?? id).join(', ');
}

/**
 * `shared`: the card for a group chat or channel — team, channel and service figures only; the
 * lists naming staff members (staff table, unmarked per person, absences, replanning) are left out.
 */
export function renderSummaryCard(
  summary: Summary,
  lang: Language = 'de',
  options: { shared?: boolean } = {},
): AdaptiveCard {
  const t: Texts = TEXT[lang];
  const f = fmt(lang);
  const teamNames = new Map(summary.teams.map((team) => [team.teamId, team.name]));
  const body: CardElement[] = [];

  body.push(text(`${t.title} – ${f.longDay(summary.day)}`, { size: 'Large', weight: 'Bolder' }));
  body.push(
    text(`${teamsLine(summary, t, teamNames)} · ${t.generated(f.time(summary.generatedAt))}`, {
      isSubtle: true,
      spacing: 'None',
    }),
  );
  if (summary.holiday) body.push(text(t.holiday, { color: 'Accent' }));

  const lt = summary.leadTime;
  body.push(
    factSet([
      [t.appointments, `${f.number(summary.totals.appointments)}${t.cancelledSuffix(summary.totals.cancelled)}`],
      [
        t.utilisation,
        `${f.percent(summary.totals.utilisation)} (${t.ofMinutes(f.number(summary.totals.bookedMin), f.number(summary.totals.availableMin))})`,
      ],
      [
        t.leadTime,
        lt.medianMin === null || lt.p90Min === null
          ? t.noData
          : t.leadTimeValue(f.duration(lt.medianMin), f.duration(lt.p90Min), lt.samples),
      ],
      [t.unmarked, f.number(summary.unmarked.count)],
    ]),
  );

  // Utilisation per team: a bar chart where Teams draws charts, the same figures as a table elsewhere.
  const percentOf = (u: number | null) => (u === null ? 0 : Math.round(u * 100));
  body.push(heading(t.chartUtilisation));
  body.push({
    type: 'Chart.VerticalBar',
    xAxisTitle: t.team,
    yAxisTitle: '%',
    showBarValues: true,
    data: summary.teams.map((team) => ({ x: team.name, y: percentOf(team.utilisation) })),
    fallback: table(
      [t.team, t.utilisation],
      summary.teams.map((team) => [team.name, f.percent(team.utilisation)]),
      ['stretch', 'auto'],
    ),
  });
  body.push(
    table(
      [t.team, t.appointments, t.minutes, t.onSiteHeader],
      summary.teams.map((team) => [
        team.name,
        f.number(team.appointments),
        `${f.number(team.bookedMin)} / ${f.number(team.availableMin)}`,
        team.onSite ? t.onSite[team.onSite] : t.onSite['all-day'],
      ]),
      ['stretch', 'auto', 'auto', 'auto'],
    ),
  );

  const total = CHANNELS.reduce((n, c) => n + summary.channels[c], 0);
  body.push(heading(t.chartChannels));
  body.push({
    type: 'Chart.Donut',
    data: CHANNELS.map((c) => ({ legend: t.channel[c], value: summary.channels[c] })),
    fallback: table(
      [t.channelHeader, t.count, t.share],
      CHANNELS.map((c) => [
        t.channel[c],
        f.number(summary.channels[c]),
        f.percent(total > 0 ? summary.channels[c] / total : null),
      ]),
      ['stretch', 'auto', 'auto'],
    ),
  });

  body.push(heading(t.services));
  body.push(
    table(
      [t.services, t.today, t.nextFree],
      summary.services.map((s) => [
        s.name[lang],
        f.number(s.appointments),
        s.nextFreeSlot === null ? t.none : f.slot(s.nextFreeSlot),
      ]),
      ['stretch', 'auto', 'auto'],
    ),
  );

  // Busiest first: that is where a supervisor looks; the tail is counted, not listed.
  const staffRows = [...summary.staff].sort(
    (a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name, 'de'),
  );
  const staff = capped(options.shared ? [] : staffRows, MAX_STAFF_ROWS);
  if (!options.shared) body.push(heading(t.staff));
  if (!options.shared)
    body.push(
      table(
        [t.name, t.appointments, t.time, t.note],
        staff.shown.map((s) => [
          s.name,
          f.number(s.appointments),
          s.firstStart !== null && s.lastEnd !== null ? `${f.time(s.firstStart)}–${f.time(s.lastEnd)}` : t.none,
          s.absence ? t.absence[s.absence] : '',
        ]),
        ['stretch', 'auto', 'auto', 'auto'],
      ),
    );
  if (staff.rest > 0) body.push(text(t.more(staff.rest), { isSubtle: true, spacing: 'Small' }));

  const p = summary.previousDay;
  body.push(heading(t.previousDay(f.shortDay(p.day))));
  body.push(
    factSet([
      [t.appointments, f.number(p.appointments)],
      [t.completed, f.number(p.completed)],
      [t.noShows, p.noShowRate === null ? f.number(p.noShows) : `${f.number(p.noShows)} (${f.percent(p.noShowRate)})`],
      [
        t.cancelled,
        `${f.number(p.cancelled)} (${t.cancelledBy(p.cancelledBy.citizen, p.cancelledBy.staff, p.cancelledBy.replan)})`,
      ],
    ]),
  );

  if (summary.unmarked.count > 0 && !options.shared) {
    const u = capped(summary.unmarked.byStaff, MAX_LIST_ROWS);
    body.push(heading(t.unmarkedTitle));
    body.push(factSet(u.shown.map((line) => [line.name, f.number(line.count)])));
    if (u.rest > 0) body.push(text(t.more(u.rest), { isSubtle: true, spacing: 'Small' }));
  }

  if (!options.shared) body.push(heading(t.absences));
  if (options.shared) {
    // Who is absent is personal: a shared chat sees no names.
  } else if (summary.absences.length === 0) body.push(text(t.noAbsences, { isSubtle: true }));
  else {
    const a = capped(summary.absences, MAX_LIST_ROWS);
    body.push(factSet(a.shown.map((line) => [line.name, t.until(t.absence[line.mode], f.shortDay(line.to))])));
    if (a.rest > 0) body.push(text(t.more(a.rest), { isSubtle: true, spacing: 'Small' }));
  }

  if (summary.replans.length > 0 && !options.shared) {
    const r = capped(summary.replans, MAX_LIST_ROWS);
    body.push(heading(t.replans));
    body.push(
      factSet(
        r.shown.map((line) => [
          replanWho(line),
          t.replanResult(
            t.absence[line.mode],
            `${f.shortDay(line.from)} – ${f.shortDay(line.to)}`,
            f.number(line.converted),
            f.number(line.moved),
            f.number(line.cancelled),
            f.number(line.unplaced),
          ),
        ]),
      ),
    );
    if (r.rest > 0) body.push(text(t.more(r.rest), { isSubtle: true, spacing: 'Small' }));
  }

  body.push(heading(t.problems));
  const { deadLetters, unplaced } = summary.problems;
  const alerts = summary.problems.undeliveredAlerts ?? [];
  const stale = summary.problems.staleCalendars ?? [];
  if (deadLetters === 0 && unplaced === 0 && alerts.length === 0 && stale.length === 0)
    body.push(text(t.noProblems, { isSubtle: true }));
  else
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        factSet([
          [t.deadLetters, f.number(deadLetters)],
          [t.unplaced, f.number(unplaced)],
          ...(alerts.length ? [[t.undeliveredAlerts, f.number(alerts.length)] as [string, string]] : []),
          ...(stale.length ? [[t.staleCalendars, f.number(stale.length)] as [string, string]] : []),
        ]),
      ],
    });
  // Stale staff calendars (booking goes on with their last good state): who, since when, why. Not in shared chats.
  if (!options.shared && stale.length) {
    const { shown, rest } = capped(stale, MAX_LIST_ROWS);
    for (const c of shown)
      body.push(
        text(
          t.staleCalendar(
            c.name,
            c.lastSuccess === undefined
              ? undefined
              : `${f.shortDay(localDateOf(c.lastSuccess))} ${f.time(c.lastSuccess)}`,
            c.lastError,
          ),
          { size: 'Small', spacing: 'Small' },
        ),
      );
    if (rest > 0) body.push(text(t.more(rest), { isSubtle: true, spacing: 'Small' }));
  }
  // Each alert nobody received stays here until a supervisor marks it done (not in shared chats: it names staff).
  if (!options.shared)
    for (const alert of capped(alerts, MAX_LIST_ROWS).shown)
      body.push({
        type: 'Container',
        separator: true,
        items: [
          text(`${f.shortDay(localDateOf(alert.at))} ${f.time(alert.at)} · ${alert.text}`, { size: 'Small' }),
          {
            type: 'ActionSet',
            actions: [
              {
                type: 'Action.Execute',
                title: t.resolveAlert,
                verb: 'problem.resolve',
                data: { verb: 'problem.resolve', alertId: alert.id },
                associatedInputs: 'none',
              },
            ],
          },
        ],
      });
  if (options.shared) body.push(text(t.sharedNote, { isSubtle: true, spacing: 'Medium' }));

  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
  };
}

/** A one-line text for notifications and clients that show no card. */
export function summaryText(summary: Summary, lang: Language = 'de'): string {
  const f = fmt(lang);
  return TEXT[lang].summaryText(
    f.longDay(summary.day),
    summary.totals.appointments,
    f.percent(summary.totals.utilisation),
  );
}

export function renderSummaryMessage(
  summary: Summary,
  lang: Language = 'de',
  options: { shared?: boolean } = {},
): TeamsMessage {
  return { text: summaryText(summary, lang), card: renderSummaryCard(summary, lang, options) };
}
