/**
 * CALENDAR_PROVIDER=graph: Microsoft 365 / Exchange Online through Microsoft Graph with the
 * application permission Calendars.ReadBasic.All (times and show-as; no subject or body).
 *
 * - `calendarView/delta` per staff member (by Entra object id) for the sync window: the first read
 *   pages through `@odata.nextLink` to an `@odata.deltaLink`, kept in Redis as the provider state;
 *   later reads follow the delta link and get only what changed (`@removed` for deletions). A new
 *   window (the next day) starts a new full read. 410 Gone (an expired delta token) → full resync.
 * - `getSchedule` (`schedule`) answers "is this person busy between …" without any state: the
 *   just-in-time check uses it for a calendar that has no delta state yet.
 * - Token cache, 401 refresh, 429/Retry-After and 5xx backoff are the shared GraphClient's
 *   (src/meetings/graph.ts): one token for meetings and calendars.
 * - The bot's own appointments come back through the staff copy: Graph gives their UID inside
 *   `iCalUId` (Exchange's GlobalObjectId with "vCal-Uid"), decoded by `uidOfICalUId`.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CalendarEvent, ShowAs } from '../domain/calendar-busy';
import { TIME_ZONE } from '../domain/types';
import { graphErrorCode, type GraphClient } from '../meetings/graph';
import { isMeetingProviderError } from '../meetings/errors';
import { AnswerTooLargeError, CALENDAR_ANSWER_MAX_BYTES, discardBounded, readBoundedJson } from '../net/bounded-body';
import { isKnownZone } from './zones';
import {
  CalendarSyncError,
  type CalendarChange,
  type CalendarErrorReason,
  type CalendarOwner,
  type CalendarProvider,
  type CalendarRead,
  type CalendarWindow,
} from './port';

const dateTimeTimeZone = z.object({ dateTime: z.string().min(10), timeZone: z.string().optional() });
const graphEvent = z.object({
  id: z.string().min(1),
  showAs: z.string().optional(),
  isAllDay: z.boolean().optional(),
  isCancelled: z.boolean().optional(),
  iCalUId: z.string().optional(),
  uid: z.string().optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
});
const removedItem = z.object({ id: z.string().min(1), '@removed': z.object({}).passthrough() });
const deltaPage = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});
const scheduleAnswer = z.object({
  value: z.array(
    z.object({
      scheduleItems: z
        .array(z.object({ status: z.string(), start: dateTimeTimeZone, end: dateTimeTimeZone }))
        .optional(),
      error: z.object({ responseCode: z.string().optional() }).optional(),
    }),
  ),
});
const deltaState = z.object({ link: z.string(), from: z.number(), to: z.number() });

const SHOW_AS: Record<string, ShowAs> = {
  free: 'free',
  tentative: 'tentative',
  busy: 'busy',
  oof: 'oof',
  workingelsewhere: 'workingElsewhere',
  unknown: 'unknown',
};

/** Graph's dateTimeTimeZone → epoch ms (we ask for UTC; other zones are read too). */
function epochOf(v: z.infer<typeof dateTimeTimeZone>): number {
  const utc = !v.timeZone || /^(utc|etc\/utc|gmt)$/i.test(v.timeZone);
  const ms = utc
    ? Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(v.dateTime) ? v.dateTime : `${v.dateTime.slice(0, 23)}Z`)
    : DateTime.fromISO(v.dateTime, { zone: isKnownZone(v.timeZone!) ? v.timeZone! : TIME_ZONE }).toMillis();
  if (!Number.isFinite(ms)) throw new CalendarSyncError('malformed-event', 'an event time that is no time');
  return ms;
}

/**
 * The iCalendar UID inside Graph's `iCalUId`: Exchange wraps UIDs it did not create in a
 * GlobalObjectId (hex) that carries "vCal-Uid", a version, the UID and a NUL. Other values are
 * returned as they are.
 */
export function uidOfICalUId(iCalUId: string | undefined): string | undefined {
  if (!iCalUId) return undefined;
  if (!/^[0-9A-Fa-f]+$/.test(iCalUId) || iCalUId.length % 2) return iCalUId;
  const bytes = Buffer.from(iCalUId, 'hex');
  const marker = bytes.indexOf('vCal-Uid', 0, 'latin1');
  if (marker < 0) return iCalUId;
  const start = marker + 'vCal-Uid'.length + 4;
  const end = bytes.indexOf(0, start);
  return bytes.toString('utf8', start, end < 0 ? bytes.length : end);
}

/** One Graph event → an event instance (times and show-as only). */
export function eventOfGraph(raw: unknown): { id: string; event: CalendarEvent } {
  const parsed = graphEvent.safeParse(raw);
  if (!parsed.success) throw new CalendarSyncError('malformed-event', 'an event without id, start or end');
  const e = parsed.data;
  const showAs: ShowAs = e.isCancelled ? 'free' : (SHOW_AS[(e.showAs ?? 'busy').toLowerCase()] ?? 'busy');
  const uid = e.uid ?? uidOfICalUId(e.iCalUId);
  if (e.isAllDay) {
    const from = e.start.dateTime.slice(0, 10);
    const toExclusive = e.end.dateTime.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(toExclusive) || toExclusive < from)
      throw new CalendarSyncError('malformed-event', 'an all-day event with unreadable dates');
    return { id: e.id, event: { start: 0, end: 0, showAs, allDay: { from, toExclusive }, ...(uid ? { uid } : {}) } };
  }
  const start = epochOf(e.start);
  const end = epochOf(e.end);
  if (end < start) throw new CalendarSyncError('malformed-event', 'an event that ends before it starts');
  return { id: e.id, event: { start, end, showAs, ...(uid ? { uid } : {}) } };
}

const REASONS: Record<string, CalendarErrorReason> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'rate-limited': 'rate-limited',
  unavailable: 'unavailable',
  rejected: 'invalid-response',
  'invalid-response': 'invalid-response',
};

class Gone extends Error {}

export interface GraphCalendarOptions {
  /** Events per page asked for (Prefer: odata.maxpagesize). */
  pageSize?: number;
  /** Pages per read at most (a runaway nextLink chain is an error, not a loop). */
  maxPages?: number;
}

export class GraphCalendarProvider implements CalendarProvider {
  readonly kind = 'graph' as const;
  readonly label = 'Outlook';
  /** HTTP calls made (bench figures). */
  calls = 0;

  constructor(
    private readonly client: GraphClient,
    private readonly options: GraphCalendarOptions = {},
  ) {}

  private userPath(owner: CalendarOwner): string {
    return `${this.client.baseUrl}/users/${encodeURIComponent(owner.aadObjectId || owner.upn)}`;
  }

  async read(owner: CalendarOwner, window: CalendarWindow, state: string | undefined): Promise<CalendarRead> {
    const previous = state ? deltaState.safeParse(safeJson(state)).data : undefined;
    if (previous && previous.from === window.from && previous.to === window.to) {
      try {
        const { items, deltaLink } = await this.pages(previous.link);
        const changes: CalendarChange[] = items.map((raw) => {
          const removed = removedItem.safeParse(raw);
          return removed.success ? { id: removed.data.id, event: null } : eventOfGraph(raw);
        });
        return { kind: 'delta', changes, state: JSON.stringify({ ...previous, link: deltaLink }) };
      } catch (e) {
        if (!(e instanceof Gone)) throw e;
        // 410: the delta token expired (or the mailbox moved): start again with a full read.
      }
    }
    const url =
      `${this.userPath(owner)}/calendarView/delta?startDateTime=${encodeURIComponent(new Date(window.from).toISOString())}` +
      `&endDateTime=${encodeURIComponent(new Date(window.to).toISOString())}`;
    let read;
    try {
      read = await this.pages(url);
    } catch (e) {
      if (e instanceof Gone) throw new CalendarSyncError('not-found', 'Graph answered 410 to a full read');
      throw e;
    }
    const events = read.items.filter((raw) => !removedItem.safeParse(raw).success).map(eventOfGraph);
    return { kind: 'full', events, state: JSON.stringify({ link: read.deltaLink, from: window.from, to: window.to }) };
  }

  /** Follows @odata.nextLink to the @odata.deltaLink; throws Gone on 410. */
  private async pages(first: string): Promise<{ items: unknown[]; deltaLink: string }> {
    const items: unknown[] = [];
    let url = first;
    for (let page = 0; page < (this.options.maxPages ?? 200); page++) {
      const json = await this.get(url);
      const parsed = deltaPage.safeParse(json);
      if (!parsed.success) throw new CalendarSyncError('invalid-response', 'a delta page without value');
      items.push(...parsed.data.value);
      const deltaLink = parsed.data['@odata.deltaLink'];
      if (deltaLink) return { items, deltaLink };
      const next = parsed.data['@odata.nextLink'];
      if (!next) throw new CalendarSyncError('invalid-response', 'a delta page with neither nextLink nor deltaLink');
      url = next;
    }
    throw new CalendarSyncError('invalid-response', 'too many delta pages');
  }

  private async get(url: string): Promise<unknown> {
    const res = await this.call('calendarView/delta', url, {
      method: 'GET',
      headers: {
        accept: 'application/json',
        prefer: `outlook.timezone="UTC", odata.maxpagesize=${this.options.pageSize ?? 100}`,
      },
    });
    if (res.status === 410) {
      await discardBounded(res);
      throw new Gone();
    }
    return this.json(res);
  }

  /** getSchedule for one person: their busy times between `from` and `to` (no UIDs: Graph gives none here). */
  async schedule(owner: CalendarOwner, window: CalendarWindow): Promise<CalendarEvent[]> {
    const res = await this.call('getSchedule', `${this.userPath(owner)}/calendar/getSchedule`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', prefer: 'outlook.timezone="UTC"' },
      body: JSON.stringify({
        schedules: [owner.upn],
        startTime: { dateTime: new Date(window.from).toISOString().slice(0, 19), timeZone: 'UTC' },
        endTime: { dateTime: new Date(window.to).toISOString().slice(0, 19), timeZone: 'UTC' },
        availabilityViewInterval: 15,
      }),
    });
    const parsed = scheduleAnswer.safeParse(await this.json(res));
    const info = parsed.data?.value[0];
    if (!info) throw new CalendarSyncError('invalid-response', 'getSchedule answered without a schedule');
    if (info.error)
      throw new CalendarSyncError('not-found', `getSchedule: ${info.error.responseCode ?? 'error'} for the mailbox`);
    return (info.scheduleItems ?? []).map((item) => ({
      start: epochOf(item.start),
      end: epochOf(item.end),
      showAs: SHOW_AS[item.status.toLowerCase()] ?? 'busy',
    }));
  }

  private async call(what: string, url: string, init: RequestInit): Promise<Response> {
    this.calls++;
    let res: Response;
    try {
      res = await this.client.request(what, url, init);
    } catch (e) {
      if (isMeetingProviderError(e)) throw new CalendarSyncError(REASONS[e.code] ?? 'unavailable', e.detail);
      throw e;
    }
    if (res.ok || res.status === 410) return res;
    const code = await graphErrorCode(res);
    if (res.status === 404) throw new CalendarSyncError('not-found', `${what}: Graph answered 404 ${code}`.trim());
    if (res.status === 403)
      throw new CalendarSyncError(
        'forbidden',
        `${what}: Graph answered 403 ${code}: check Calendars.ReadBasic.All, admin consent and the access policy`,
      );
    throw new CalendarSyncError('invalid-response', `${what}: Graph answered ${res.status} ${code}`.trim());
  }

  private async json(res: Response): Promise<unknown> {
    let json: unknown;
    try {
      json = await readBoundedJson(res, CALENDAR_ANSWER_MAX_BYTES);
    } catch (e) {
      if (e instanceof AnswerTooLargeError)
        throw new CalendarSyncError('invalid-response', `Graph answered with more than ${e.limit} bytes`);
      throw new CalendarSyncError('unavailable', `Graph: ${e instanceof Error ? e.name : 'error'} while reading`);
    }
    if (json === undefined) throw new CalendarSyncError('invalid-response', 'Graph answered without JSON');
    return json;
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
