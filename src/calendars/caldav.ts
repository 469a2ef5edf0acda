/**
 * CALENDAR_PROVIDER=caldav: on-premises Exchange gateways, Nextcloud, Open-Xchange, SOGo, Radicale.
 *
 * CALDAV_URL is the calendar collection with `{upn}` replaced by the staff member's UPN. One read is
 * a PROPFIND of the collection's ctag (nothing changed and the same window: done) and a
 * `calendar-query` REPORT with a time range, through tsdav's `propfind` / `calendarQuery` (no XML
 * written here). tsdav's higher-level `fetchCalendarObjects` is not used: it turns a 404 or an empty
 * 200 answer into "no events" (its URL filter drops the error response), which would book over a
 * meeting on a guess. Every HTTP answer passes `checkedFetch` first: a status other than 2xx/207,
 * a body that is not XML, or an empty body is an error with a reason, never an empty calendar.
 * Recurrences are expanded here (ical-events.ts), not by the server's `expand` (not every server
 * implements it the same way).
 */
/** tsdav is loaded when a CalDAV provider is created (CALENDAR_PROVIDER=caldav), not at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsdav = () => require('tsdav') as typeof import('tsdav');
import type { CalendarEvent } from '../domain/calendar-busy';
import { AnswerTooLargeError, CALENDAR_ANSWER_MAX_BYTES, readBoundedText } from '../net/bounded-body';
import { eventsOfICalendar } from './ical-events';
import {
  CalendarSyncError,
  type CalendarOwner,
  type CalendarProvider,
  type CalendarRead,
  type CalendarWindow,
} from './port';

export interface CalDavOptions {
  /** e.g. https://dav.example/{upn}/calendar/ */
  urlTemplate: string;
  username?: string;
  password?: string;
  /** Per HTTP call (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** iCalendar UTC date-time, as CalDAV's time-range wants it: 20260324T080000Z. */
const davStamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

export class CalDavCalendarProvider implements CalendarProvider {
  readonly kind = 'caldav' as const;
  readonly label = 'Kalender';
  private readonly headers: Record<string, string>;

  constructor(private readonly options: CalDavOptions) {
    this.headers =
      options.username !== undefined
        ? tsdav().getBasicAuthHeaders({ username: options.username, password: options.password ?? '' })
        : {};
  }

  urlFor(owner: CalendarOwner): string {
    const url = this.options.urlTemplate.replace(/\{upn\}/g, encodeURIComponent(owner.upn));
    return url.endsWith('/') ? url : `${url}/`;
  }

  async read(owner: CalendarOwner, window: CalendarWindow, state: string | undefined): Promise<CalendarRead> {
    const url = this.urlFor(owner);
    const fetchImpl = checkedFetch(this.options.fetch ?? fetch, this.options.timeoutMs ?? 10_000);
    const ctag = await this.ctag(url, fetchImpl);
    const nextState = ctag === undefined ? undefined : JSON.stringify([ctag, window.from, window.to]);
    if (nextState !== undefined && nextState === state) return { kind: 'unchanged', state: nextState };
    const responses = await guard(() =>
      tsdav().calendarQuery({
        url,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: {
          'comp-filter': {
            _attributes: { name: 'VCALENDAR' },
            'comp-filter': {
              _attributes: { name: 'VEVENT' },
              'time-range': { _attributes: { start: davStamp(window.from), end: davStamp(window.to) } },
            },
          },
        },
        depth: '1',
        headers: this.headers,
        fetch: fetchImpl,
      }),
    );
    const events: { id: string; event: CalendarEvent }[] = [];
    for (const r of responses) {
      const data = calendarDataOf(r.props?.calendarData);
      if (!r.href || data === undefined)
        throw new CalendarSyncError('invalid-response', 'a calendar-query answer without calendar data');
      eventsOfICalendar(data, window).forEach((event, i) => events.push({ id: `${r.href}#${i}`, event }));
    }
    return { kind: 'full', events, ...(nextState ? { state: nextState } : {}) };
  }

  private async ctag(url: string, fetchImpl: typeof fetch): Promise<string | undefined> {
    const [res] = await guard(() =>
      tsdav().propfind({ url, props: { 'cs:getctag': {} }, depth: '0', headers: this.headers, fetch: fetchImpl }),
    );
    const ctag = res?.props?.getctag as unknown;
    return typeof ctag === 'string' || typeof ctag === 'number' ? String(ctag) : undefined;
  }
}

/** tsdav hands calendar-data back as text, or as { _cdata } when the server wrapped it in CDATA. */
function calendarDataOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { _cdata?: unknown })._cdata === 'string')
    return (v as { _cdata: string })._cdata;
  return undefined;
}

/** tsdav throws plain Errors for a failed sub-response; ours (CalendarSyncError) pass through. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof CalendarSyncError) throw e;
    throw new CalendarSyncError('invalid-response', 'the CalDAV answer could not be read');
  }
}

/**
 * A fetch for tsdav that refuses what tsdav would read as "empty": non-2xx statuses (with a reason),
 * answers that are not XML, empty bodies, network errors and timeouts.
 */
export function checkedFetch(base: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    let res: Response;
    try {
      res = await base(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new CalendarSyncError('unavailable', `CalDAV: ${e instanceof Error ? e.name : 'network error'}`);
    }
    let text: string;
    try {
      text = await readBoundedText(res, CALENDAR_ANSWER_MAX_BYTES);
    } catch (e) {
      if (e instanceof AnswerTooLargeError)
        throw new CalendarSyncError('invalid-response', `CalDAV answered with more than ${e.limit} bytes`);
      // A body cut off or trickling past the timeout: the server did not answer in time.
      throw new CalendarSyncError('unavailable', `CalDAV: ${e instanceof Error ? e.name : 'error'} while reading`);
    }
    const status = res.status;
    if (status === 401) throw new CalendarSyncError('unauthorized', 'CalDAV answered 401');
    if (status === 403) throw new CalendarSyncError('forbidden', 'CalDAV answered 403');
    if (status === 404 || status === 410) throw new CalendarSyncError('not-found', `CalDAV answered ${status}`);
    if (status === 429) throw new CalendarSyncError('rate-limited', 'CalDAV answered 429');
    if (status >= 500) throw new CalendarSyncError('unavailable', `CalDAV answered ${status}`);
    if (status < 200 || status >= 300) throw new CalendarSyncError('invalid-response', `CalDAV answered ${status}`);
    const type = res.headers.get('content-type') ?? '';
    if (!/xml/i.test(type) || !/<(\w+:)?multistatus[\s>]/.test(text))
      throw new CalendarSyncError(
        'invalid-response',
        `CalDAV answered ${status} without a multistatus (${type || 'no type'})`,
      );
    return new Response(text, { status, statusText: res.statusText, headers: res.headers });
  };
}
