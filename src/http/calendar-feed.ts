/**
 * GET /feed/:staffId/:token.ics — a staff member's subscribable calendar (see invitations/staff-feed):
 * the last 14 and next 90 days, without citizen data. The token is an HMAC of the staff id and the
 * link's generation (StaffFeedLinks; "Mein Kalender" in the bot shows and renews it): a link replaced
 * by a renewal gets 410, wrong tokens 404; both count towards the rate limit.
 */
import type { Request, Response, Server } from 'restify';
import type { StaffFeedLinks } from '../app/citizen-links';
import { buildStaffFeed } from '../invitations/staff-feed';
import { indexDirectory } from '../domain/directory-index';
import { DAY } from '../domain/time';
import { safeError } from '../domain/safe-error';
import { currentDirectory, rateLimiter, routeParam, type PublicRouteDeps } from './public-routes';

export interface CalendarFeedDeps extends PublicRouteDeps {
  /** Renewable links; without it only the first generation's token is valid. */
  feedLinks?: StaffFeedLinks;
}

export function registerCalendarFeed(server: Server, deps: CalendarFeedDeps): void {
  const limiter = rateLimiter(deps);
  const plain = (res: Response, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  server.get('/feed/:staffId/:file', async (req: Request, res: Response) => {
    try {
      if (!(await limiter.allows(req))) return plain(res, 429, 'Too many requests\n');
      const now = deps.clock.now();
      const staffId = routeParam(req, 'staffId');
      const file = routeParam(req, 'file');
      const directory = currentDirectory(deps);
      const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
      if (!indexDirectory(directory).staffById(staffId)) return plain(res, 404, 'Not found\n');
      const state = deps.feedLinks
        ? await deps.feedLinks.check(staffId, token)
        : deps.links.verifyFeedToken(staffId, token)
          ? 'current'
          : 'invalid';
      if (state === 'revoked') return plain(res, 410, 'This calendar link was replaced by a new one.\n');
      if (state !== 'current') return plain(res, 404, 'Not found\n');
      const appointments = await deps.appointments.listForStaff(staffId, now - 14 * DAY, now + 90 * DAY);
      const ics = buildStaffFeed(staffId, appointments, directory, now);
      res.writeHead(200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end(ics);
    } catch (e) {
      deps.logger.error({ err: safeError(e) }, 'calendar feed failed');
      if (!res.headersSent) plain(res, 503, 'Temporarily unavailable\n');
    }
  });
}
