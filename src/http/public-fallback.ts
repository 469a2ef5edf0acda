/**
 * What every public address answers when no route serves it: an HTML page in the citizen's language
 * with the town's name and contact (never restify's JSON `ResourceNotFound`), and the addresses a
 * person mistypes in harmless ways served as meant:
 *
 * - a trailing slash is dropped (`/c/<token>/` is `/c/<token>`, `/datenschutz/` is `/datenschutz`);
 * - the fixed words of a path are read in any letter case (`/Barrierefreiheit`, `/c/<token>/Reschedule`);
 *   the token itself keeps its case (it is a signed value).
 *
 * The language: `?lang=`, else the browser's Accept-Language (German unless it asks for English).
 * The bot's own endpoints (/api/*, /healthz, /readyz) keep their JSON answers.
 */
import type { Request, Response, Server } from 'restify';
import type { Directory, Language } from '../domain/types';
import { languageOfLocale } from '../i18n/catalog';
import { ACCESSIBILITY_PATH, LANGUAGE_QUERY, OTHER_LANGUAGE, pageHtml, pages, PRIVACY_PATH } from './citizen-pages';
import { currentDirectory, requestedLanguage, type PublicRouteDeps } from './public-routes';

const FIXED_PAGES = new Map([PRIVACY_PATH, ACCESSIBILITY_PATH].map((p) => [p.toLowerCase(), p]));
const CITIZEN_ACTIONS = ['cancel', 'reschedule', 'termin.ics'];
const MACHINE_PATHS = /^\/(api\/|healthz$|readyz$)/;

/** The path as the routes know it: no trailing slash, fixed words in lower case (tokens untouched). */
export function canonicalPublicPath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
  const fixed = FIXED_PAGES.get(trimmed.toLowerCase());
  if (fixed) return fixed;
  const citizen = /^\/c\/([^/]+)(?:\/([^/]+))?$/i.exec(trimmed);
  if (citizen) {
    const action = citizen[2]?.toLowerCase();
    const known = action !== undefined && CITIZEN_ACTIONS.includes(action);
    return `/c/${citizen[1]}${citizen[2] === undefined ? '' : `/${known ? action : citizen[2]}`}`;
  }
  return trimmed;
}

/** The page language of a request without an appointment: ?lang=, else Accept-Language. */
export function pageLanguage(req: Request): Language {
  return requestedLanguage(req) ?? languageOfLocale(req.header('accept-language') || undefined);
}

export function sendHtmlPage(res: Response, status: number, html: string): void {
  res.sendRaw(status, html, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Robots-Tag': 'noindex',
    'Referrer-Policy': 'same-origin',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
}

export function registerPublicFallback(server: Server, deps: Pick<PublicRouteDeps, 'directory'>): void {
  server.pre((req, _res, next) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const canonical = canonicalPublicPath(url.pathname);
    if (canonical !== url.pathname) req.url = canonical + url.search;
    return next();
  });
  const notFound = (req: Request, res: Response, _err: unknown, done: () => void) => {
    if (MACHINE_PATHS.test(req.getPath())) return done();
    const language = pageLanguage(req);
    const directory: Directory = currentDirectory(deps);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = pageHtml(pages.notFound(directory, language), language, {
      directory,
      switchTo: { href: path + LANGUAGE_QUERY[OTHER_LANGUAGE[language]] },
    });
    sendHtmlPage(res, 404, html);
    return done();
  };
  server.on('NotFound', notFound);
  server.on('MethodNotAllowed', notFound);
}
