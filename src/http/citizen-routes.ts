/**
 * Citizen links (no login):
 *
 *   GET  /c/:token              what will be cancelled, and a confirm button
 *   POST /c/:token/cancel       cancels (store: CANCEL to the citizen, notice to the staff member)
 *   GET  /c/:token/termin.ics   the invitation as a file
 *
 * German by default, English with ?lang=en. A token works until the appointment's end and not
 * after its cancellation; a wrong, expired or used token gets a clear page and changes nothing.
 * Requests are counted per client IP in Redis (429 beyond the limit), wrong tokens included.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { CitizenCanceller } from '../app/ports';
import { buildInvitation } from '../calendar/invitation';
import type { Env } from '../config/env';
import { isDomainError } from '../domain/errors';
import type { Appointment, Language } from '../domain/types';
import { keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { pageHtml, pages, type Page } from './citizen-pages';
import { currentDirectory, rateLimiter, routeParam, type PublicRouteDeps } from './public-routes';

export interface CitizenRoutesDeps extends PublicRouteDeps {
  canceller: CitizenCanceller;
}

/**
 * The HMAC secret of citizen links. Production: CITIZEN_LINK_SECRET (the env schema requires it).
 * Development: generated once and kept in Redis (SET NX), so every instance signs alike.
 */
export async function resolveCitizenLinkSecret(
  env: Pick<Env, 'CITIZEN_LINK_SECRET' | 'NODE_ENV'>,
  redis: RedisClient,
): Promise<string> {
  if (env.CITIZEN_LINK_SECRET) return env.CITIZEN_LINK_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('CITIZEN_LINK_SECRET is required in production');
  await redis.set(keys.citizenLinkSecret(), randomBytes(32).toString('base64url'), 'NX');
  const secret = await redis.get(keys.citizenLinkSecret());
  if (!secret) throw new Error('citizen link secret could not be stored in Redis');
  return secret;
}

function languageOf(req: Request): Language {
  return new URL(req.url ?? '/', 'http://x').searchParams.get('lang') === 'en' ? 'en' : 'de';
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the URL: never send it on as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

function sendPage(
  res: Response,
  page: Page,
  language: Language,
  switchTo?: { href: string },
  extra: Record<string, string> = {},
): void {
  const html = pageHtml(page, language, switchTo);
  res.writeHead(page.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    ...extra,
  });
  res.end(html);
}

type Lookup = { state: 'invalid' } | { state: 'cancelled' | 'over' | 'active'; appointment: Appointment };

export function registerCitizenRoutes(server: Server, deps: CitizenRoutesDeps): void {
  const limiter = rateLimiter(deps);
  const directory = () => currentDirectory(deps);
  const log = deps.logger.child({ component: 'citizen-pages' });

  async function lookup(token: string): Promise<Lookup> {
    const id = deps.links.appointmentIdOf(token);
    if (!id) return { state: 'invalid' };
    const a = await deps.appointments.get(id);
    if (!a || a.anonymised) return { state: 'invalid' };
    if (a.status === 'cancelled') return { state: 'cancelled', appointment: a };
    if (a.status !== 'booked' || a.end <= deps.clock.now()) return { state: 'over', appointment: a };
    return { state: 'active', appointment: a };
  }

  /** Common frame: rate limit, language, token lookup, errors → a page. */
  function route(handler: (req: Request, res: Response, found: Lookup, language: Language) => void | Promise<void>) {
    return async (req: Request, res: Response) => {
      const language = languageOf(req);
      try {
        if (!(await limiter.allows(req))) {
          sendPage(res, pages.tooMany(language), language, undefined, {
            'Retry-After': String(Math.ceil(limiter.limit.windowMs / 1000)),
          });
          return;
        }
        const token = routeParam(req, 'token');
        const found = await lookup(token);
        if (found.state === 'invalid') return sendPage(res, pages.invalid(directory(), language), language);
        if (found.state === 'cancelled') return sendPage(res, pages.alreadyCancelled(directory(), language), language);
        if (found.state === 'over') return sendPage(res, pages.over(directory(), language), language);
        await handler(req, res, found, language);
      } catch (e) {
        log.error(
          { err: { name: (e as Error).name, code: isDomainError(e) ? e.code : undefined } },
          'citizen page failed',
        );
        if (!res.headersSent) sendPage(res, pages.error(language), language);
      }
    };
  }

  server.get(
    '/c/:token',
    route((req, res, found, language) => {
      if (found.state !== 'active') return;
      const token = routeParam(req, 'token');
      const q = language === 'en' ? '?lang=en' : '';
      sendPage(res, pages.confirm(found.appointment, directory(), language, `/c/${token}/cancel${q}`), language, {
        href: `/c/${token}${language === 'en' ? '' : '?lang=en'}`,
      });
    }),
  );

  server.post(
    '/c/:token/cancel',
    route(async (_req, res, found, language) => {
      if (found.state !== 'active') return;
      const a = found.appointment;
      if (a.start <= deps.clock.now()) return sendPage(res, pages.started(directory(), language), language);
      try {
        const cancelled = await deps.canceller.cancelByCitizen(a.id);
        log.info({ appointmentId: a.id }, 'cancelled by citizen');
        sendPage(res, pages.cancelled(cancelled, directory(), language), language);
      } catch (e) {
        // A second click, or staff cancelled at the same moment: the appointment is no longer booked.
        if (isDomainError(e) && (e.code === 'appointment-not-active' || e.code === 'stale-appointment'))
          return sendPage(res, pages.alreadyCancelled(directory(), language), language);
        throw e;
      }
    }),
  );

  server.get(
    '/c/:token/termin.ics',
    route((_req, res, found) => {
      if (found.state !== 'active') return;
      const ics = buildInvitation(found.appointment, directory(), {
        method: 'REQUEST',
        now: deps.clock.now(),
        cancelUrl: deps.links.cancelUrl(found.appointment.id),
      });
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/calendar; charset=utf-8; method=REQUEST',
        'Content-Disposition': 'attachment; filename="termin.ics"',
        'Content-Length': Buffer.byteLength(ics),
      });
      res.end(ics);
    }),
  );
}
