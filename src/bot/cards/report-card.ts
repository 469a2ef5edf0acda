/**
 * The report card (journey 10): the period, the teams, the headline figures (the same as the
 * report page's, page.ts → headline) and three links — the page, the Excel file and the CSV —
 * each signed for the supervisor and valid for 24 hours.
 */
import type { Figures } from '../../domain/figures';
import type { Language } from '../../domain/types';
import { headline } from '../../reports/page';
import { card, details, openUrl, subtle, text, title, type AdaptiveCard } from './ac';
import { reportCardTexts } from './report-texts';

export interface ReportCardInput {
  lang: Language;
  /** "November 2026" */
  period: string;
  teams: string[];
  total: Figures;
  links: { page: string; xlsx: string; csv: string };
  /** Until when the links work (formatted). */
  validUntil: string;
}

export function reportCard(input: ReportCardInput): AdaptiveCard {
  const T = reportCardTexts[input.lang];
  return card(
    [
      title(T.title(input.period)),
      subtle(input.teams.join(', '), { spacing: 'None' }),
      details(headline(input.total, input.lang)),
      text(T.linksNote(input.validUntil), { isSubtle: true, size: 'Small' }),
    ],
    [openUrl(T.page, input.links.page), openUrl(T.xlsx, input.links.xlsx), openUrl(T.csv, input.links.csv)],
  );
}
