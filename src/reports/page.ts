/**
 * The report page: headline figures, charts drawn by the server as inline SVG (no scripts, no
 * images to load), every table of the report (table.ts — the same cells as the spreadsheet and the
 * CSV) and the definitions. Printable (A4 landscape, tables break between rows), readable at 320 px
 * (tables scroll in their own focusable region), WCAG 2.1 AA (axe-core finds nothing: see the test).
 * No citizen data: the report holds none.
 */
import type { Report } from '../app/build-report';
import type { Figures } from '../domain/figures';
import type { Directory, Language } from '../domain/types';
import { formatDateTime } from '../i18n/dates';
import { escapeHtml } from '../delivery/mail/templates';
import { formatCell } from './format';
import { columns, reportTables, type Table } from './table';
import { CHANNEL_TEXTS, FIGURE_TEXTS, rangeLabel, reportTexts } from './texts';
import { pageTexts, type PageTexts } from './page-texts';

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.45;margin:0 auto;padding:0 1rem;max-width:72rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
header{border-bottom:2px solid #8a1c1c;padding:.75rem 0;margin-bottom:1rem}header p{margin:0;font-weight:bold}
footer{border-top:1px solid #767676;margin-top:2rem;padding:.75rem 0 2rem;font-size:.9rem}
a{color:#0b4ea2}a:focus,.scroll:focus{outline:3px solid #0b4ea2;outline-offset:2px}
ul.downloads{padding-left:1.2rem}
.headline{display:flex;flex-wrap:wrap;gap:.75rem;padding:0;list-style:none}
.headline li{border:1px solid #767676;border-radius:4px;padding:.5rem .75rem;min-width:9rem}
.headline .v{display:block;font-size:1.4rem;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.charts figure{margin:0;flex:1 1 20rem;max-width:34rem}
figcaption{font-weight:bold;margin-bottom:.25rem}svg{width:100%;height:auto}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #b0b0b0;padding:.2rem .4rem;vertical-align:top}td{text-align:right;white-space:nowrap}
thead th{background:#eee}tbody th{text-align:left;font-weight:normal;background:#fafafa}
dl.defs dt{font-weight:bold}dl.defs dd{margin:0 0 .6rem 0}
@media print{@page{size:A4 landscape;margin:12mm}body{max-width:none;font-size:9pt}.scroll{overflow:visible}
ul.downloads{display:none}tr,figure{break-inside:avoid}thead{display:table-header-group}a{color:#1a1a1a;text-decoration:none}}`;

/** Colours with at least 3:1 against white (WCAG 1.4.11 for graphics). */
const BAR = '#0b4ea2';
const BAR2 = '#8a1c1c';
const INK = '#1a1a1a';

const OTHER_LANGUAGE: Record<Language, Language> = { de: 'en', en: 'de' };

interface Bar {
  label: string;
  value: number;
  /** The value as printed beside the bar. */
  text: string;
}

/** A horizontal bar chart: one labelled bar per entry, the value printed at its end. */
function barChart(id: string, title: string, summary: string, bars: Bar[], max = 0): string {
  const rowH = 26;
  const labelW = 190;
  const barW = 230;
  const width = labelW + barW + 90;
  const height = bars.length * rowH + 8;
  const top = Math.max(max, ...bars.map((b) => b.value), 1);
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(0, Math.round((b.value / top) * barW));
      return `<text x="${labelW - 6}" y="${y + 17}" text-anchor="end" font-size="13" fill="${INK}">${escapeHtml(b.label)}</text>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${BAR}"></rect>
<text x="${labelW + w + 6}" y="${y + 17}" font-size="13" fill="${INK}">${escapeHtml(b.text)}</text>`;
    })
    .join('\n');
  return figure(id, title, summary, width, height, rows);
}

/** Vertical paired bars per period (booked minutes beside planned capacity), with a legend. */
function pairChart(
  id: string,
  title: string,
  summary: string,
  groups: { label: string; a: number; b: number }[],
  legend: [string, string],
): string {
  const chartH = 160;
  const slot = Math.max(14, Math.min(48, Math.floor(640 / Math.max(groups.length, 1))));
  const left = 8;
  const width = left + groups.length * slot + 8;
  const height = chartH + 60;
  const top = Math.max(1, ...groups.flatMap((g) => [g.a, g.b]));
  const barW = Math.max(3, Math.floor((slot - 4) / 2));
  const every = Math.ceil(groups.length / 12);
  const bars = groups
    .map((g, i) => {
      const x = left + i * slot;
      const ha = Math.round((g.a / top) * chartH);
      const hb = Math.round((g.b / top) * chartH);
      const label =
        i % every === 0
          ? `<text x="${x + slot / 2}" y="${chartH + 20}" text-anchor="middle" font-size="11" fill="${INK}">${escapeHtml(g.label)}</text>`
          : '';
      return `<rect x="${x}" y="${chartH - ha + 4}" width="${barW}" height="${ha}" fill="${BAR}"></rect>
<rect x="${x + barW + 1}" y="${chartH - hb + 4}" width="${barW}" height="${hb}" fill="${BAR2}"></rect>${label}`;
    })
    .join('\n');
  const legendY = chartH + 42;
  const legendSvg = `<rect x="${left}" y="${legendY}" width="12" height="12" fill="${BAR}"></rect>
<text x="${left + 18}" y="${legendY + 11}" font-size="12" fill="${INK}">${escapeHtml(legend[0])}</text>
<rect x="${left + 200}" y="${legendY}" width="12" height="12" fill="${BAR2}"></rect>
<text x="${left + 218}" y="${legendY + 11}" font-size="12" fill="${INK}">${escapeHtml(legend[1])}</text>`;
  return figure(id, title, summary, Math.max(width, 420), height, `${bars}\n${legendSvg}`);
}

/** A chart as a figure: the SVG is one image with a text alternative (the data are in the tables below). */
function figure(id: string, title: string, summary: string, width: number, height: number, body: string): string {
  const cap = `chart-${id}`;
  const desc = `chart-${id}-desc`;
  return `<figure aria-labelledby="${cap}">
<figcaption id="${cap}">${escapeHtml(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${cap}" aria-describedby="${desc}">
<desc id="${desc}">${escapeHtml(summary)}</desc>
${body}
</svg>
</figure>`;
}

function tableHtml(table: Table, lang: Language, n: number): string {
  const cols = columns(lang);
  const cap = `t-${table.id}-${n}`;
  const head = `<tr><th scope="col">${escapeHtml(table.keyLabel)}</th>${cols.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const body = table.rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.values.map((v, i) => `<td>${escapeHtml(formatCell(cols[i]!.unit, v, lang))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll" role="region" aria-labelledby="${cap}" tabindex="0">
<table data-table="${table.id}"><caption id="${cap}">${escapeHtml(table.title)}</caption>
<thead>${head}</thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** The period breakdown a chart of minutes uses: days up to two months, weeks up to half a year, else months. */
function periodRows(report: Report): { key: 'day' | 'week' | 'month'; rows: Report['figures']['rows']['day'] } {
  const days = report.figures.rows.day.length;
  if (days <= 62) return { key: 'day', rows: report.figures.rows.day };
  if (days <= 190) return { key: 'week', rows: report.figures.rows.week };
  return { key: 'month', rows: report.figures.rows.month };
}

function charts(report: Report, tables: Table[], lang: Language, P: PageTexts): string {
  const t = report.figures.total;
  const pct = (v: number | null) => formatCell('share', v, lang);
  const num = (v: number | null) => formatCell('count', v, lang);
  const out: string[] = [];

  const period = periodRows(report);
  const labels = tables.find((x) => x.id === period.key)?.rows.map((r) => r.label) ?? [];
  out.push(
    pairChart(
      'capacity',
      P.chartCapacity,
      P.chartCapacitySummary(num(t.bookedMin), num(t.capacityMin), pct(t.utilisation)),
      period.rows.map((r, i) => ({
        label: shortLabel(period.key, r.key, labels[i] ?? r.key),
        a: r.figures.bookedMin,
        b: r.figures.capacityMin ?? 0,
      })),
      [FIGURE_TEXTS[lang].bookedMin.label, FIGURE_TEXTS[lang].capacityMin.label],
    ),
  );

  const upcoming = t.booked - t.completed - t.noShow - t.unmarked;
  const outcome: Bar[] = [
    { label: FIGURE_TEXTS[lang].completed.label, value: t.completed, text: num(t.completed) },
    { label: FIGURE_TEXTS[lang].noShow.label, value: t.noShow, text: num(t.noShow) },
    { label: FIGURE_TEXTS[lang].unmarked.label, value: t.unmarked, text: num(t.unmarked) },
    { label: P.upcoming, value: upcoming, text: num(upcoming) },
    { label: FIGURE_TEXTS[lang].cancelled.label, value: t.cancelled, text: num(t.cancelled) },
  ];
  out.push(barChart('outcome', P.chartOutcome, outcome.map((b) => `${b.label}: ${b.text}`).join('; '), outcome));

  const channels: Bar[] = report.figures.rows.channel.map((r) => ({
    label: CHANNEL_TEXTS[lang][r.key as keyof (typeof CHANNEL_TEXTS)['de']] ?? r.key,
    value: r.figures.booked,
    text: num(r.figures.booked),
  }));
  out.push(barChart('channel', P.chartChannel, channels.map((b) => `${b.label}: ${b.text}`).join('; '), channels));

  const lead: Bar[] = (['leadWithin3Days', 'leadWithin7Days', 'leadWithin14Days'] as const).map((k) => ({
    label: FIGURE_TEXTS[lang][k].label,
    value: t[k] ?? 0,
    text: pct(t[k]),
  }));
  out.push(barChart('lead', P.chartLead, lead.map((b) => `${b.label}: ${b.text}`).join('; '), lead, 1));

  const teams = tables.find((x) => x.id === 'team');
  if (teams && teams.rows.length > 1) {
    const bars: Bar[] = report.figures.rows.team.map((r, i) => ({
      label: teams.rows[i]!.label,
      value: r.figures.booked,
      text: num(r.figures.booked),
    }));
    out.push(barChart('teams', P.chartTeams, bars.map((b) => `${b.label}: ${b.text}`).join('; '), bars));
  }
  return `<div class="charts">\n${out.join('\n')}\n</div>`;
}

/** Axis labels short enough for a bar: "02.11.", "KW 45", "Nov 26". */
function shortLabel(kind: 'day' | 'week' | 'month', key: string, label: string): string {
  if (kind === 'day') return `${key.slice(8, 10)}.${key.slice(5, 7)}.`;
  if (kind === 'week') return label.split('/')[0]!;
  return `${key.slice(5, 7)}/${key.slice(2, 4)}`;
}

/** The headline figures (also on the card): booked, completed, no-show rate, cancelled, lead time, utilisation. */
export function headline(f: Figures, lang: Language): [string, string][] {
  const F = FIGURE_TEXTS[lang];
  const P = pageTexts[lang];
  return [
    [F.booked.label, formatCell('count', f.booked, lang)],
    [F.completed.label, formatCell('count', f.completed, lang)],
    [F.noShowRate.label, `${formatCell('share', f.noShowRate, lang)} (${formatCell('count', f.noShow, lang)})`],
    [
      F.cancelled.label,
      `${formatCell('count', f.cancelled, lang)} (${P.late(formatCell('count', f.cancelledLate, lang))})`,
    ],
    [
      P.leadMedian,
      f.leadTimeMedianMin === null ? '–' : P.days(formatCell('days', Math.round(f.leadTimeMedianMin / 144) / 10, lang)),
    ],
    [F.leadWithin7Days.label, formatCell('share', f.leadWithin7Days, lang)],
    [F.utilisation.label, formatCell('share', f.utilisation, lang)],
    [P.slotsBooked, `${formatCell('count', f.booked, lang)} / ${formatCell('count', f.capacitySlots, lang)}`],
  ];
}

export interface ReportPageLinks {
  xlsx: string;
  csv: string;
  /** The same page in the other language. */
  otherLanguage: string;
}

export function reportPageHtml(report: Report, directory: Directory, lang: Language, links: ReportPageLinks): string {
  const T = reportTexts[lang];
  const P = pageTexts[lang];
  const org = directory.organisation;
  const tables = reportTables(report, directory, lang);
  const label = rangeLabel(report.range, lang);
  const teamNames = report.teamIds.map((id) => directory.teams.find((t) => t.id === id)?.name ?? id);
  const title = `${T.title} ${label}`;
  const other = OTHER_LANGUAGE[lang];
  const defs = columns(lang)
    .map((c) => `<dt>${escapeHtml(c.label)}</dt><dd>${escapeHtml(c.definition)}</dd>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(org.name)}</title>
<style>${STYLE}</style></head>
<body>
<header><p>${escapeHtml(org.name)} · ${escapeHtml(T.appName)}</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(P.scope(label, teamNames.join(', ')))}</p>
<p class="meta">${escapeHtml(P.generated(formatDateTime(report.generatedAt, lang), report.requester.name))}</p>
<ul class="downloads">
<li><a href="${escapeHtml(links.xlsx)}" download>${escapeHtml(P.downloadXlsx)}</a></li>
<li><a href="${escapeHtml(links.csv)}" download>${escapeHtml(P.downloadCsv)}</a></li>
<li><a href="${escapeHtml(links.otherLanguage)}" lang="${other}" hreflang="${other}">${escapeHtml(P.otherLanguage)}</a></li>
</ul>
<h2>${escapeHtml(P.headlineHeading)}</h2>
<ul class="headline">
${headline(report.figures.total, lang)
  .map(([k, v]) => `<li>${escapeHtml(k)}<span class="v">${escapeHtml(v)}</span></li>`)
  .join('\n')}
</ul>
<h2>${escapeHtml(P.chartsHeading)}</h2>
${charts(report, tables, lang, P)}
<h2>${escapeHtml(P.tablesHeading)}</h2>
<p>${escapeHtml(P.tablesNote)}</p>
${tables.map((t, i) => tableHtml(t, lang, i)).join('\n')}
<h2>${escapeHtml(T.definitions)}</h2>
<dl class="defs">
${defs}
</dl>
</main>
<footer><p>${escapeHtml(org.name)}, ${escapeHtml(org.address)}</p><p>${escapeHtml(P.privacyNote)}</p></footer>
</body></html>
`;
}

/** A page that says one thing (link missing, expired, not allowed). */
export function reportNoticeHtml(directory: Directory, lang: Language, title: string, text: string): string {
  const org = directory.organisation;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(org.name)}</title>
<style>${STYLE}</style></head>
<body>
<header><p>${escapeHtml(org.name)} · ${escapeHtml(reportTexts[lang].appName)}</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
</main>
<footer><p>${escapeHtml(org.name)}, ${escapeHtml(org.address)}</p></footer>
</body></html>
`;
}
