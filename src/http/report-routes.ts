/**
 * The report's links (journey 10), on the public server like the citizen pages:
 *
 *   GET /auswertung?t=<token>                                       the report page (&lang=en: English)
 *   GET /auswertung/Sprechstunde-Auswertung-<period>.xlsx?t=<token>  the workbook, streamed, as an attachment
 *   GET /auswertung/Sprechstunde-Auswertung-<period>.csv?t=<token>   the CSV, as an attachment
 *
 * The token (CitizenLinks.reportToken) names the supervisor, the period and the expiry, signed with
 * the link secret; it travels in the query, which the request log masks (logger.ts maskTokens). No token, a forged one, or a supervisor who no longer leads a team: 403. After
 * 24 hours: 410. Every request counts towards the per-IP rate limit. The figures are computed for
 * the teams the supervisor leads at the moment of the request.
 */
import type { Request, Response, Server } from 'restify';
import { buildReport, type ReportDeps } from '../app/build-report';
import { REPORT_PATH, type CitizenLinks, type ReportGrant } from '../app/citizen-links';
import type { Clock } from '../domain/clock';
import { indexDirectory } from '../domain/directory-index';
import { rangeOf, type ReportRange } from '../domain/report-range';
import { safeError } from '../domain/safe-error';
import { isSupervisor } from '../domain/supervision';
import type { Directory, Language, Staff } from '../domain/types';
import type { Logger } from '../logger';
import { reportCsv } from '../reports/csv';
import { reportNoticeHtml, reportPageHtml } from '../reports/page';
import { pageTexts } from '../reports/page-texts';
import { reportTables } from '../reports/table';
import { rangeLabel, reportFileBase, reportTexts } from '../reports/texts';
import { writeReportWorkbook } from '../reports/xlsx';
import type { RedisClient } from '../store/redis-client';
import { currentDirectory, rateLimiter, requestedLanguage, routeParam, type RateLimit } from './public-routes';

export interface ReportRouteDeps {
  redis: RedisClient;
  directory: Directory | (() => Directory);
  links: CitizenLinks;
  clock: Clock;
  logger: Logger;
  /** What the report reads (facts, absences, calendar busy times). */
  report: Omit<ReportDeps, 'directory' | 'clock'>;
  rateLimit?: RateLimit;
  trustProxy?: string;
}

const HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the URL: never send it to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

type Access =
  | { ok: true; staff: Staff; range: ReportRange; grant: ReportGrant; directory: Directory }
  | { ok: false; status: 403 | 410 };

function access(deps: ReportRouteDeps, token: string): Access {
  const grant = deps.links.reportGrantOf(token);
  const range = grant ? rangeOf(grant.range) : undefined;
  if (!grant || !range) return { ok: false, status: 403 };
  if (deps.clock.now() >= grant.expiresAt) return { ok: false, status: 410 };
  const directory = currentDirectory(deps);
  const staff = indexDirectory(directory).staffById(grant.staffId);
  if (!staff || !isSupervisor(staff)) return { ok: false, status: 403 };
  return { ok: true, staff, range, grant, directory };
}

const languageOf = (req: Request): Language => requestedLanguage(req) ?? 'de';

/** The token of the request (`?t=`), '' when there is none. */
const tokenOf = (req: Request): string => new URL(req.url ?? '/', 'http://x').searchParams.get('t') ?? '';

/** `&lang=en` for English pages (German is the default); the other language's switch. */
const LANG_PARAM: Record<Language, string> = { de: '', en: '&lang=en' };
const OTHER_PARAM: Record<Language, string> = { de: '&lang=en', en: '' };

export function registerReportRoutes(server: Server, deps: ReportRouteDeps): void {
  const limiter = rateLimiter(deps);
  const log = deps.logger.child({ component: 'reports' });

  const notice = (res: Response, status: number, lang: Language) => {
    const P = pageTexts[lang];
    const [title, text] =
      status === 410
        ? [P.expiredTitle, P.expiredText]
        : status === 403
          ? [P.forbiddenTitle, P.forbiddenText]
          : status === 404
            ? [P.missingTitle, P.missingText]
            : [P.unavailableTitle, P.unavailableText];
    res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(reportNoticeHtml(currentDirectory(deps), lang, title, text));
  };

  const reportFor = (a: Extract<Access, { ok: true }>) =>
    buildReport({ ...deps.report, directory: a.directory, clock: deps.clock }, a.staff, a.range);

  server.get(REPORT_PATH, async (req: Request, res: Response) => {
    const lang = languageOf(req);
    try {
      if (!(await limiter.allows(req))) return notice(res, 429, lang);
      const token = tokenOf(req);
      const a = access(deps, token);
      if (!a.ok) return notice(res, a.status, lang);
      const started = Date.now();
      const report = await reportFor(a);
      const q = `?t=${encodeURIComponent(token)}`;
      const file = `${REPORT_PATH}/${reportFileBase(a.range)}`;
      const html = reportPageHtml(report, a.directory, lang, {
        xlsx: `${file}.xlsx${q}`,
        csv: `${file}.csv${q}${LANG_PARAM[lang]}`,
        otherLanguage: `${REPORT_PATH}${q}${OTHER_PARAM[lang]}`,
      });
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
      log.info({ staffId: a.staff.id, range: a.grant.range, ms: Date.now() - started }, 'report page served');
    } catch (e) {
      log.error({ err: safeError(e) }, 'report page failed');
      if (!res.headersSent) notice(res, 503, lang);
    }
  });

  server.get(`${REPORT_PATH}/:file`, async (req: Request, res: Response) => {
    const lang = languageOf(req);
    try {
      if (!(await limiter.allows(req))) return notice(res, 429, lang);
      const a = access(deps, tokenOf(req));
      if (!a.ok) return notice(res, a.status, lang);
      const base = reportFileBase(a.range);
      const file = routeParam(req, 'file');
      const kind = file === `${base}.xlsx` ? 'xlsx' : file === `${base}.csv` ? 'csv' : undefined;
      if (!kind) return notice(res, 404, lang);
      const started = Date.now();
      const report = await reportFor(a);
      const tables = reportTables(report, a.directory, lang);
      const disposition = `attachment; filename="${file}"`;
      if (kind === 'csv') {
        res.writeHead(200, {
          ...HEADERS,
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': disposition,
        });
        res.end(reportCsv(tables, lang));
      } else {
        res.writeHead(200, {
          ...HEADERS,
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': disposition,
        });
        const teams = report.teamIds.map((id) => a.directory.teams.find((t) => t.id === id)?.name ?? id);
        await writeReportWorkbook(res, tables, lang, {
          title: `${reportTexts[lang].title} ${rangeLabel(a.range, lang)} – ${teams.join(', ')}`,
          generatedAt: report.generatedAt,
        });
      }
      log.info({ staffId: a.staff.id, range: a.grant.range, kind, ms: Date.now() - started }, 'report file served');
    } catch (e) {
      log.error({ err: safeError(e) }, 'report file failed');
      if (!res.headersSent) notice(res, 503, lang);
      else res.destroy();
    }
  });
}
