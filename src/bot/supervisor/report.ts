/**
 * Reports in the bot, for supervisors (journey 10):
 *
 *   auswertung / report [Zeitraum]  → the report card of the teams they lead (an admin: all teams),
 *                                     with links to the page, the Excel file and the CSV (24 hours)
 *
 * Staff get a polite refusal; a period that cannot be one gets its reason (report-range.ts). In a
 * group chat or channel the bot answers in the supervisor's personal chat (teams-bot.ts: 'report'
 * is no shared command), because the links are theirs alone.
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import { buildReport, type ReportDeps } from '../../app/build-report';
import type { CitizenLinks } from '../../app/citizen-links';
import type { Clock } from '../../domain/clock';
import { isDomainError } from '../../domain/errors';
import { localDateOf } from '../../domain/time';
import { MAX_REPORT_MONTHS, parseReportRange, rangeKey, type ReportRangeError } from '../../domain/report-range';
import { isSupervisor } from '../../domain/supervision';
import type { Language } from '../../domain/types';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { rangeLabel, reportFileBase } from '../../reports/texts';
import { reportCard } from '../cards/report-card';
import { reportCardTexts } from '../cards/report-texts';
import { errorText } from '../cards/errors';
import type { BotTurn } from '../command-router';

/** How long a report link works. */
export const REPORT_LINK_MS = 24 * 60 * 60 * 1000;

export interface ReportServices extends Omit<ReportDeps, 'directory' | 'clock'> {
  links: CitizenLinks;
}

/** The reason a period is refused, in the supervisor's words. */
export function rangeErrorText(error: ReportRangeError, lang: Language): string {
  const T = reportCardTexts[lang];
  switch (error.code) {
    case 'not-understood':
      return T.notUnderstood(error.text);
    case 'impossible-date':
      return T.impossibleDate(error.text);
    case 'reversed':
      return T.reversed(formatDate(error.from, lang), formatDate(error.to, lang));
    case 'too-long':
      return T.tooLong(MAX_REPORT_MONTHS);
    case 'future':
      return T.future(formatDate(error.from, lang));
  }
}

export async function sendReport(turn: BotTurn, text: string, services: ReportServices, clock: Clock): Promise<void> {
  const { lang } = turn;
  const T = reportCardTexts[lang];
  if (!isSupervisor(turn.staff)) {
    await turn.context.sendActivity(T.forSupervisors);
    return;
  }
  const parsed = parseReportRange(text, localDateOf(turn.now));
  if (!parsed.ok) {
    turn.log.info({ rangeError: parsed.error.code }, 'report period refused');
    await turn.context.sendActivity(rangeErrorText(parsed.error, lang));
    return;
  }
  const { range } = parsed;
  try {
    const report = await buildReport({ ...services, directory: turn.directory, clock }, turn.staff, range);
    const expiresAt = turn.now + REPORT_LINK_MS;
    const grant = { staffId: turn.staff.id, range: rangeKey(range), expiresAt };
    const file = reportFileBase(range);
    const card = reportCard({
      lang,
      period: rangeLabel(range, lang),
      teams: report.teamIds.map((id) => turn.directory.teams.find((t) => t.id === id)?.name ?? id),
      total: report.figures.total,
      links: {
        page: services.links.reportUrl(grant, { lang }),
        xlsx: services.links.reportUrl(grant, { file: `${file}.xlsx`, lang }),
        csv: services.links.reportUrl(grant, { file: `${file}.csv`, lang }),
      },
      validUntil: formatDateTime(expiresAt, lang),
    });
    turn.log.info({ range: grant.range, teams: report.teamIds.length }, 'report card sent');
    await turn.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await turn.context.sendActivity(e.code === 'not-allowed' ? T.forSupervisors : errorText(e.code, lang));
  }
}
