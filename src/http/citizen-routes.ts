/**
 * Citizen links (no login):
 *
 *   GET  /c/:token              what will be cancelled, and a confirm button
 *   POST /c/:token/cancel       cancels (store: CANCEL to the citizen, notice to the staff member)
 *   GET  /c/:token/reschedule   the next free times (same staff member first, then the pool)
 *   POST /c/:token/reschedule   moves to the chosen time (one atomic move; REQUEST SEQUENCE+1, Teams notices)
 *   GET  /c/:token/termin.ics   the appointment as a file to save (METHOD:PUBLISH, asks for no reply)
 *   POST /c/:token/sms-off      no more SMS for this appointment (offered on /c/:token while SMS go out)
 *   GET  /t/:code               the short link of an SMS: redirects to /c/:token (expires with the appointment)
 *
 * In the language the appointment was booked in; ?lang=de|en switches. A token works until the
 * appointment's end and not after its cancellation; a wrong, expired or used token gets a clear page
 * and changes nothing. Requests are counted per client IP in Redis (429 beyond the limit), wrong
 * tokens included.
 *
 * The reschedule and cancel POSTs are safe against cross-site requests: the form repeats the token (a forged form
 * on another site would need the secret token anyway), an Origin or Sec-Fetch-Site header from another
 * site is refused (403), the CSP allows forms to post only to this origin, and the SEQUENCE the page
 * showed makes a second submit (double click, two tabs) a clear 409 instead of a second move.
 */
import { z } from 'zod';
import type { Request, Response, Server } from 'restify';
import type { CitizenCanceller } from '../app/ports';
import type { CitizenRescheduler } from '../app/citizen-reschedule';
import { buildInvitation } from '../invitations/invitation';
import type { Env } from '../config/env';
import { citizenMayMoveAgain } from '../domain/booking-rules';
import { isDomainError } from '../domain/errors';
import type { Appointment, Directory, Language } from '../domain/types';
import { smsReaches } from '../domain/booking-rules';
import { sharedCitizenLinkSecret } from '../store/citizen-link-secret';
import type { RedisClient } from '../store/redis-client';
import { OTHER_LANGUAGE, pageHtml, pages, type Page } from './citizen-pages';
import { currentDirectory, rateLimiter, requestedLanguage, routeParam, type PublicRouteDeps } from './public-routes';

export interface CitizenRoutesDeps extends PublicRouteDeps {
  canceller: CitizenCanceller;
  /** The reschedule link's use cases; without it the reschedule pages answer 404. */
  rescheduler?: CitizenRescheduler;
  /** PUBLIC_BASE_URL: its origin is accepted in the Origin header of form posts (besides the Host's). */
  publicBaseUrl?: string;
  /** SMS short links (`/t/<code>`) and "SMS abbestellen"; without them those routes answer 404. */
  sms?: {
    shortLinks: { resolve(code: string): Promise<string | null> };
    smsOff(appointmentId: string): Promise<boolean>;
  };
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
  return sharedCitizenLinkSecret(redis);
}

/** `path` with ?lang= when the page is not in the appointment's own language. */
function withLang(path: string, language: Language, own: Language): string {
  return language === own ? path : `${path}?lang=${language}`;
}

const FORM_LIMIT_BYTES = 4096;

/**
 * The application/x-www-form-urlencoded fields of a small form post. The app's server has read the
 * body already (as text, via its JSON body reader, which leaves other types alone); otherwise it is
 * read here, up to 4 KB. Anything else (JSON, multipart, too big) yields no fields.
 */
async function formFields(req: Request): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded/i.test(req.contentType() ?? '')) return new URLSearchParams();
  let body: unknown = (req as Request & { body?: unknown }).body;
  if (body === undefined && !req.readableEnded) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > FORM_LIMIT_BYTES) return new URLSearchParams();
      chunks.push(chunk);
    }
    body = Buffer.concat(chunks);
  }
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  return text.length > FORM_LIMIT_BYTES ? new URLSearchParams() : new URLSearchParams(text);
}

const rescheduleForm = z.object({
  token: z.string().min(1).max(200),
  sequence: z.coerce.number().int().min(0).max(1_000_000),
  staff: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
  start: z.coerce.number().int().min(0).max(8_640_000_000_000),
});

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the URL: never send it to another site. Same-origin (not no-referrer) so that a
  // browser's form post from our page carries our Origin instead of "null".
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

function sendPage(
  res: Response,
  page: Page,
  language: Language,
  directory: Directory,
  switchTo?: { href: string },
  extra: Record<string, string> = {},
): void {
  const html = pageHtml(page, language, { directory, ...(switchTo ? { switchTo } : {}) });
  res.writeHead(page.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    ...extra,
  });
  res.end(html);
}

type Lookup = { state: 'invalid' } | { state: 'cancelled' | 'over' | 'active'; appointment: Appointment };

/** The origins a form post may come from: this request's own host and PUBLIC_BASE_URL's. */
function sameOrigin(req: Request, publicBaseUrl: string | undefined): boolean {
  const site = req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.header('origin');
  // Not sent by every browser on same-origin posts. "null" (sandboxed frames, data: pages, privacy
  // settings) only when the browser itself says the post came from our origin.
  if (!origin) return true;
  if (origin === 'null') return site === 'same-origin';
  const allowed = new Set<string>();
  const host = req.header('host');
  if (host) for (const scheme of ['http', 'https']) allowed.add(`${scheme}://${host}`.toLowerCase());
  if (publicBaseUrl) allowed.add(new URL(publicBaseUrl).origin.toLowerCase());
  return allowed.has(origin.toLowerCase());
}

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

  interface Ctx {
    req: Request;
    res: Response;
    token: string;
    appointment: Appointment;
    /** The page's language: ?lang= or the booking's. */
    language: Language;
    directory: Directory;
    /** Sends a page with a link to the same path in the other language. */
    send(page: Page, path?: string): void;
    /** `path` in this page's language. */
    href(path: string): string;
  }

  /** Common frame: rate limit, token lookup, language, errors → a page. */
  function route(handler: (ctx: Ctx) => void | Promise<void>) {
    return async (req: Request, res: Response) => {
      const asked = requestedLanguage(req);
      let language: Language = asked ?? 'de';
      const dir = directory();
      try {
        if (!(await limiter.allows(req))) {
          sendPage(res, pages.tooMany(language), language, dir, undefined, {
            'Retry-After': String(Math.ceil(limiter.limit.windowMs / 1000)),
          });
          return;
        }
        const token = routeParam(req, 'token');
        const found = await lookup(token);
        if (found.state === 'invalid') return sendPage(res, pages.invalid(dir, language), language, dir);
        const own = found.appointment.citizen.language;
        language = asked ?? own;
        if (found.state === 'cancelled') return sendPage(res, pages.alreadyCancelled(dir, language), language, dir);
        if (found.state === 'over') return sendPage(res, pages.over(dir, language), language, dir);
        const lang = language;
        await handler({
          req,
          res,
          token,
          appointment: found.appointment,
          language: lang,
          directory: dir,
          href: (path) => withLang(path, lang, own),
          send: (page, path) =>
            sendPage(res, page, lang, dir, path ? { href: withLang(path, OTHER_LANGUAGE[lang], own) } : undefined),
        });
      } catch (e) {
        log.error(
          { err: { name: (e as Error).name, code: isDomainError(e) ? e.code : undefined } },
          'citizen page failed',
        );
        if (!res.headersSent) sendPage(res, pages.error(language), language, dir);
      }
    };
  }

  /** The reschedule link is offered while the citizen may still move the appointment (RESCHEDULE_MAX_MOVES). */
  const offersMove = (a: Appointment) => !!deps.rescheduler && citizenMayMoveAgain(a, deps.rescheduler.maxMoves);

  server.get(
    '/c/:token',
    route((c) => {
      const base = `/c/${c.token}`;
      const reschedule = offersMove(c.appointment) ? c.href(`${base}/reschedule`) : undefined;
      const smsOff = deps.sms && smsReaches(c.appointment.citizen) ? c.href(`${base}/sms-off`) : undefined;
      c.send(pages.confirm(c.appointment, c.directory, c.language, c.href(`${base}/cancel`), reschedule, smsOff), base);
    }),
  );

  const sms = deps.sms;
  if (sms) {
    server.post(
      '/c/:token/sms-off',
      route(async (c) => {
        if (!sameOrigin(c.req, deps.publicBaseUrl)) return c.send(pages.forbidden(c.directory, c.language));
        // Twice, or after a STOP: SMS are off either way, the answer is the same.
        if (await sms.smsOff(c.appointment.id))
          log.info({ appointmentId: c.appointment.id }, 'SMS switched off by citizen');
        c.send(pages.smsOff(c.directory, c.language));
      }),
    );

    server.get('/t/:code', async (req: Request, res: Response) => {
      const language: Language = requestedLanguage(req) ?? 'de';
      const dir = directory();
      try {
        if (!(await limiter.allows(req)))
          return sendPage(res, pages.tooMany(language), language, dir, undefined, {
            'Retry-After': String(Math.ceil(limiter.limit.windowMs / 1000)),
          });
        const id = await sms.shortLinks.resolve(routeParam(req, 'code'));
        if (!id) return sendPage(res, pages.invalid(dir, language), language, dir);
        const target = deps.links.cancelUrl(id);
        res.writeHead(302, { ...SECURITY_HEADERS, Location: new URL(target).pathname, 'Content-Length': 0 });
        res.end();
      } catch (e) {
        log.error({ err: { name: (e as Error).name } }, 'short link failed');
        if (!res.headersSent) sendPage(res, pages.error(language), language, dir);
      }
    });
  }

  server.post(
    '/c/:token/cancel',
    route(async (c) => {
      const a = c.appointment;
      // A post from another site (cross-site request forgery) cancels nothing, as for the reschedule form.
      if (!sameOrigin(c.req, deps.publicBaseUrl)) return c.send(pages.forbidden(c.directory, c.language));
      if (a.start <= deps.clock.now()) return c.send(pages.started(c.directory, c.language));
      try {
        const cancelled = await deps.canceller.cancelByCitizen(a.id);
        log.info({ appointmentId: a.id }, 'cancelled by citizen');
        c.send(pages.cancelled(cancelled, c.directory, c.language));
      } catch (e) {
        // A second click, or staff cancelled at the same moment: the appointment is no longer booked.
        if (isDomainError(e) && (e.code === 'appointment-not-active' || e.code === 'stale-appointment'))
          return c.send(pages.alreadyCancelled(c.directory, c.language));
        throw e;
      }
    }),
  );

  const rescheduler = deps.rescheduler;
  if (rescheduler) {
    server.get(
      '/c/:token/reschedule',
      route(async (c) => {
        const base = `/c/${c.token}`;
        const options = await rescheduler.options(c.appointment);
        if (options.refusal)
          return c.send(
            pages.cannotReschedule(options.refusal, c.directory, c.language, rescheduler.maxMoves),
            `${base}/reschedule`,
          );
        c.send(
          pages.reschedule(
            c.appointment,
            c.directory,
            c.language,
            options,
            { action: c.href(`${base}/reschedule`), token: c.token, sequence: c.appointment.sequence },
            c.href(base),
          ),
          `${base}/reschedule`,
        );
      }),
    );

    server.post(
      '/c/:token/reschedule',
      route(async (c) => {
        const back = c.href(`/c/${c.token}/reschedule`);
        if (!sameOrigin(c.req, deps.publicBaseUrl)) return c.send(pages.forbidden(c.directory, c.language));
        const form = rescheduleForm.safeParse(Object.fromEntries(await formFields(c.req)));
        if (!form.success || form.data.token !== c.token) return c.send(pages.badRequest(c.directory, c.language));
        const a = c.appointment;
        try {
          const moved = await rescheduler.move({
            appointmentId: a.id,
            expectedSequence: form.data.sequence,
            staffId: form.data.staff,
            start: form.data.start,
          });
          log.info(
            { appointmentId: a.id, sequence: moved.sequence, handover: moved.staffId !== a.staffId },
            'moved by citizen',
          );
          c.send(pages.rescheduled(moved, c.directory, c.language, a));
        } catch (e) {
          if (!isDomainError(e)) throw e;
          log.info({ appointmentId: a.id, code: e.code }, 'citizen move refused');
          switch (e.code) {
            case 'too-short-notice':
            case 'move-limit':
              return c.send(pages.cannotReschedule(e.code, c.directory, c.language, rescheduler.maxMoves));
            case 'slot-taken':
              return c.send(pages.rescheduleConflict('slot-taken', c.language, back));
            case 'not-offered':
              return c.send(pages.rescheduleConflict('not-offered', c.language, back));
            case 'stale-appointment':
            case 'appointment-not-active':
              return c.send(pages.rescheduleConflict('changed', c.language, back));
            default:
              // A time that breaks a booking rule (past, outside working hours, another service…): a tampered form.
              return c.send(pages.badRequest(c.directory, c.language));
          }
        }
      }),
    );
  }

  server.get(
    '/c/:token/termin.ics',
    route((c) => {
      const ics = buildInvitation(c.appointment, c.directory, {
        method: 'PUBLISH',
        now: deps.clock.now(),
        cancelUrl: deps.links.cancelUrl(c.appointment.id),
        rescheduleUrl: offersMove(c.appointment) ? deps.links.rescheduleUrl(c.appointment.id) : undefined,
      });
      c.res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
        'Content-Disposition': 'attachment; filename="termin.ics"',
        'Content-Length': Buffer.byteLength(ics),
      });
      c.res.end(ics);
    }),
  );

  // Anything else under a token (a cut link like /c/<token>/reschedul): a page in the booking's
  // language saying so, with the way back to the appointment. Paths the token does not open go to
  // the public fallback (public-fallback.ts).
  server.get(
    '/c/:token/:rest',
    route((c) => c.send(pages.notFound(c.directory, c.language, c.href(`/c/${c.token}`)), `/c/${c.token}`)),
  );
}
