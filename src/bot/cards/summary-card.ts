/**
 * Renders a Summary (domain/summary.ts) as an Adaptive Card 1.5 for Teams, German or English.
 *
 * Phone first (360 px): figures go in FactSets and lists of stacked lines (name, then details), never
 * in multi-column tables that cut names. Utilisation per team is a `Chart.HorizontalBar.Stacked` on a
 * fixed 0–100 % scale and the channel mix a `Chart.Donut` (Teams renders chart elements); each chart
 * carries a `fallback`, so clients without chart support still show the numbers. Long lists are
 * capped so that a big city's summary stays well under Teams' 80 KB card limit.
 *
 * Plain JSON only (no botbuilder), so the jobs and tests can render it too.
 */
import type { TeamsMessage } from '../../app/ports';
import { CHANNELS } from '../../domain/summary';
import type { Summary } from '../../domain/summary-types';
import { localDateOf } from '../../domain/time';
import type { Language } from '../../domain/types';
import { formatLocalDayLong, formatShortDay, formatShortDayTime, formatTime } from '../../i18n/dates';
import { summaryTexts } from './summary-texts';

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard extends Record<string, unknown> {
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
}

/** How many rows a list shows before "… and N more". */
export const MAX_STAFF_ROWS = 25;
export const MAX_LIST_ROWS = 15;

type Texts = (typeof summaryTexts)[Language];

function fmt(lang: Language) {
  const t = summaryTexts[lang];
  const number = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });
  return {
    number: (n: number) => number.format(n),
    percent: (r: number | null) => (r === null ? '–' : t.percent(number.format(r * 100))),
    longDay: (d: string) => formatLocalDayLong(d, lang),
    shortDay: (d: string) => formatShortDay(d, lang),
    time: formatTime,
    slot: (ms: number) => formatShortDayTime(ms, lang),
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
 * One entry of a list: a bold line and a subtle line below, both wrapping. Phone first: a table of
 * several columns cuts every name to "Bür…" at 360 px; stacked lines fit any width.
 */
const entry = (name: string, detail: string): CardElement => ({
  type: 'Container',
  spacing: 'Small',
  items: [text(name, { weight: 'Bolder' }), text(detail, { isSubtle: true, spacing: 'None' })],
});

/**
 * Where a team works today: a team all out says so (not the rotation's "on site"); otherwise the
 * rotation's verdict and who of the team is missing.
 */
function teamStatus(t: Texts, team: Summary['teams'][number]): string[] {
  if (team.outage) return [t.teamOut(team.outage)];
  return [
    t.onSite(team.onSite ?? 'all-day'),
    ...(team.staffAbsent > 0 ? [t.someAbsent(team.staffAbsent)] : []),
    // Off site by the rotation, working from home changes nothing worth a word.
    ...(team.staffHomeOfficeOnly > 0 && team.onSite !== 'off-site'
      ? [t.someHomeOfficeOnly(team.staffHomeOfficeOnly)]
      : []),
  ];
}

/** Percent for the bars, clamped to the fixed 0–100 scale (a team working overtime shows a full bar). */
export const barPercent = (u: number | null): number =>
  u === null ? 0 : Math.min(100, Math.max(0, Math.round(u * 100)));

/** Cells of a text bar: 5 % each. */
const BAR_CELLS = 20;

/**
 * A bar on a fixed 0–100 % scale for clients without Teams charts, in block characters (monospace):
 * the same width in every client and theme, and 1 % never fills it. Styled columns would do the
 * same in theory, but their padding makes even 1 % a visible block.
 */
export function percentBar(percent: number): string {
  const filled = Math.round((percent / 100) * BAR_CELLS);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}`;
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
  const t: Texts = summaryTexts[lang];
  const f = fmt(lang);
  const teamNames = new Map(summary.teams.map((team) => [team.teamId, team.name]));
  const body: CardElement[] = [];

  body.push(text(t.title(f.longDay(summary.day)), { size: 'Large', weight: 'Bolder' }));
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
          : t.leadTimeValue(t.duration(lt.medianMin), t.duration(lt.p90Min), lt.samples),
      ],
      [t.unmarked, f.number(summary.unmarked.count)],
    ]),
  );

  // Utilisation per team on a fixed 0–100 % scale: Teams' bar charts scale to the largest value
  // (1 % would fill the bar), so each team is one stacked bar of booked + free that always sums to 100.
  body.push(heading(t.chartUtilisation));
  body.push({
    type: 'Chart.HorizontalBar.Stacked',
    title: t.chartUtilisation,
    data: summary.teams.map((team) => {
      const booked = barPercent(team.utilisation);
      return {
        title: `${team.name} (${f.percent(team.utilisation)})`,
        data: [
          { legend: t.booked, value: booked, color: 'categoricalBlue' },
          { legend: t.free, value: 100 - booked, color: 'neutral' },
        ],
      };
    }),
    fallback: {
      type: 'Container',
      items: summary.teams.map((team) => ({
        type: 'Container',
        spacing: 'Small',
        items: [
          text(team.name),
          text(`${percentBar(barPercent(team.utilisation))} ${f.percent(team.utilisation)}`, {
            fontType: 'Monospace',
            color: 'Accent',
            spacing: 'None',
          }),
        ],
      })),
    },
  });
  for (const team of summary.teams)
    body.push(
      entry(
        team.name,
        [
          t.appointmentCount(team.appointments),
          t.ofMinutes(f.number(team.bookedMin), f.number(team.availableMin)),
          ...teamStatus(t, team),
        ].join(' · '),
      ),
    );

  const total = CHANNELS.reduce((n, c) => n + summary.channels[c], 0);
  body.push(heading(t.chartChannels));
  body.push({
    type: 'Chart.Donut',
    data: CHANNELS.map((c) => ({ legend: t.channel(c), value: summary.channels[c] })),
    fallback: factSet(
      CHANNELS.map((c) => [
        t.channel(c),
        `${f.number(summary.channels[c])} (${f.percent(total > 0 ? summary.channels[c] / total : null)})`,
      ]),
    ),
  });

  // The heading names the list; each entry is the service's own name (no header row repeating "Anliegen").
  body.push(heading(t.services));
  for (const s of summary.services)
    body.push(
      entry(s.name[lang], t.serviceLine(s.appointments, s.nextFreeSlot === null ? undefined : f.slot(s.nextFreeSlot))),
    );

  // Busiest first: that is where a supervisor looks; the tail is counted, not listed.
  const staffRows = [...summary.staff].sort(
    (a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name, 'de'),
  );
  const staff = capped(options.shared ? [] : staffRows, MAX_STAFF_ROWS);
  if (!options.shared) {
    body.push(heading(t.staff));
    for (const s of staff.shown)
      body.push(
        entry(
          s.name,
          [
            t.appointmentCount(s.appointments),
            s.firstStart !== null && s.lastEnd !== null ? `${f.time(s.firstStart)}–${f.time(s.lastEnd)}` : undefined,
            s.absence ? t.absence(s.absence) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      );
  }
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

  // Who is absent is personal: a shared chat sees no names, so no absences at all.
  if (!options.shared) body.push(heading(t.absences));
  if (!options.shared && summary.absences.length === 0) body.push(text(t.noAbsences, { isSubtle: true }));
  else if (!options.shared) {
    const a = capped(summary.absences, MAX_LIST_ROWS);
    body.push(
      factSet(
        a.shown.map((line) => [
          line.name,
          line.source === 'calendar' ? t.calendarAbsence : t.until(t.absence(line.mode), f.shortDay(line.to)),
        ]),
      ),
    );
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
            t.absence(line.mode),
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
  const waiting = summary.problems.waitingNotices;
  const calls = summary.problems.openCalls;
  const ignored = summary.problems.ignoredReplies ?? 0;
  if (
    deadLetters === 0 &&
    unplaced === 0 &&
    alerts.length === 0 &&
    stale.length === 0 &&
    !waiting &&
    !calls &&
    ignored === 0
  )
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
          ...(waiting ? [[t.waitingNotices(waiting.staff), f.number(waiting.notices)] as [string, string]] : []),
          ...(calls ? [[t.openCalls(calls.staff), f.number(calls.calls)] as [string, string]] : []),
          ...(ignored ? [[t.ignoredReplies, f.number(ignored)] as [string, string]] : []),
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
          text(`${f.shortDay(localDateOf(alert.at))} ${f.time(alert.at)} · ${alert.text[lang]}`, { size: 'Small' }),
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
  return summaryTexts[lang].summaryText(
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
