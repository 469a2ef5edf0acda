/**
 * A local stand-in for the parts of Microsoft Graph the bot uses (never the real endpoints): the
 * client-credentials token endpoint (it records each token's scope, so Exchange Online tokens for
 * XOAUTH2 are told apart from Graph ones), `calendarView/delta` with paging (`@odata.nextLink`,
 * `@odata.deltaLink`, `@removed`), `getSchedule`, `sendMail` with a base64 MIME body (403
 * ErrorAccessDenied for a mailbox the application access policy does not cover), Teams app
 * installation for a user (`teamwork/installedApps`: install, 409 when installed, list, the personal
 * chat of an installation), 404 for unknown mailboxes, 401 for unknown tokens, and scripted failures (429 with Retry-After, 410 for a delta
 * token, 5xx).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInEvent {
  id: string;
  start: number;
  end: number;
  showAs?: string;
  isAllDay?: boolean;
  isCancelled?: boolean;
  iCalUId?: string;
  subject?: string;
}

interface Mailbox {
  events: Map<string, StandInEvent>;
  /** Change log: seq → event id (latest state read from `events`, absent = removed). */
  log: { seq: number; id: string }[];
}

interface Failure {
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 23) + '0000';

/** Exchange's GlobalObjectId for a UID it did not create ("vCal-Uid" wrapped), hex, as Graph's iCalUId shows it. */
export function globalObjectId(uid: string): string {
  const data = Buffer.concat([
    Buffer.from('vCal-Uid', 'latin1'),
    Buffer.from([1, 0, 0, 0]),
    Buffer.from(uid, 'utf8'),
    Buffer.from([0]),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from('040000008200E00074C5B7101A82E008', 'hex'), Buffer.alloc(4 + 8 + 8), size, data])
    .toString('hex')
    .toUpperCase();
}

/** One sendMail request as Graph received it. */
export interface SentMail {
  mailbox: string;
  contentType: string;
  /** The MIME message, decoded from the base64 body. */
  mime: string;
}

export class GraphStandIn {
  readonly mailboxes = new Map<string, Mailbox>();
  private seq = 0;
  private tokenCount = 0;
  private readonly validTokens = new Set<string>();
  /** token → the scope it was issued for. */
  private readonly tokenScopes = new Map<string, string>();
  /** Lifetime of issued tokens (expires_in). */
  tokenLifetimeSeconds = 3600;
  /** Mailboxes the application access policy lets the app send as (sendMail); others get 403. */
  readonly mailSenders = new Set<string>();
  readonly sentMail: SentMail[] = [];
  /** Apps in the tenant's Teams app catalog (by catalog id). */
  readonly teamsApps = new Set<string>();
  /** user id → installation id → catalog app id. */
  readonly installations = new Map<string, Map<string, string>>();
  private readonly failures: Failure[] = [];
  /** Delta tokens answered with 410 Gone. */
  readonly expiredDeltaTokens = new Set<number>();
  readonly calls = { token: 0, delta: 0, getSchedule: 0, sendMail: 0, installApp: 0, total: 0 };
  pageSize = 2;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  get baseUrl(): string {
    return `${this.url}/v1.0`;
  }

  mailbox(userId: string): Mailbox {
    let m = this.mailboxes.get(userId);
    if (!m) this.mailboxes.set(userId, (m = { events: new Map(), log: [] }));
    return m;
  }

  put(userId: string, e: StandInEvent): void {
    const m = this.mailbox(userId);
    m.events.set(e.id, e);
    m.log.push({ seq: ++this.seq, id: e.id });
  }

  remove(userId: string, id: string): void {
    const m = this.mailbox(userId);
    m.events.delete(id);
    m.log.push({ seq: ++this.seq, id });
  }

  /** The next request whose path matches answers `status` (once per call). */
  failNext(match: RegExp, status: number, headers?: Record<string, string>): void {
    this.failures.push({ match, status, headers });
  }

  /** Every token issued so far stops working (401) — as after a secret rotation or token expiry. */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  get tokensIssued(): number {
    return this.tokenCount;
  }

  /** Whether `token` is a live token issued for `scope` (an SMTP peer asks this for XOAUTH2). */
  acceptsToken(token: string, scope: string): boolean {
    return this.validTokens.has(token) && this.tokenScopes.get(token) === scope;
  }

  /** The newest token issued, or undefined. */
  get lastToken(): string | undefined {
    return this.tokenCount ? `tok-${this.tokenCount}` : undefined;
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    this.calls.total++;
    const url = new URL(req.url ?? '/', this.url);
    const failure = this.failures.findIndex((f) => f.match.test(url.pathname + url.search));
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      return this.send(res, f!.status, { error: { code: 'Scripted' } }, f!.headers);
    }
    if (req.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
      this.calls.token++;
      const token = `tok-${++this.tokenCount}`;
      this.validTokens.add(token);
      this.tokenScopes.set(token, new URLSearchParams(body).get('scope') ?? '');
      return this.send(res, 200, { access_token: token, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer' });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.acceptsToken(bearer, 'https://graph.microsoft.com/.default'))
      return this.send(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
    const sendMail = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(url.pathname);
    if (sendMail && req.method === 'POST') return this.sendMail(decodeURIComponent(sendMail[1]!), req, res, body);
    const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)\/chat)?$/.exec(url.pathname);
    if (apps) return this.installedApps(decodeURIComponent(apps[1]!), apps[2], req, url, res, body);
    const m = /^\/v1\.0\/users\/([^/]+)\/(calendarView\/delta|calendar\/getSchedule)$/.exec(url.pathname);
    if (!m) return this.send(res, 400, { error: { code: 'BadRequest' } });
    const mailbox = this.mailboxes.get(decodeURIComponent(m[1]!));
    if (!mailbox) return this.send(res, 404, { error: { code: 'ErrorItemNotFound' } });
    if (m[2] === 'calendar/getSchedule') {
      this.calls.getSchedule++;
      const q = JSON.parse(body) as {
        schedules: string[];
        startTime: { dateTime: string };
        endTime: { dateTime: string };
      };
      const from = Date.parse(`${q.startTime.dateTime}Z`);
      const to = Date.parse(`${q.endTime.dateTime}Z`);
      const items = [...mailbox.events.values()]
        .filter((e) => e.start < to && e.end > from && !e.isCancelled)
        .map((e) => ({
          status: e.showAs ?? 'busy',
          start: { dateTime: iso(e.start), timeZone: 'UTC' },
          end: { dateTime: iso(e.end), timeZone: 'UTC' },
        }));
      return this.send(res, 200, { value: [{ scheduleId: q.schedules[0], scheduleItems: items }] });
    }
    this.calls.delta++;
    return this.delta(url, mailbox, res);
  }

  /** sendMail with a MIME body: text/plain, base64; 202 without a body, as Graph answers. */
  private sendMail(mailbox: string, req: IncomingMessage, res: ServerResponse, body: string): void {
    this.calls.sendMail++;
    const contentType = req.headers['content-type'] ?? '';
    if (!this.mailSenders.has(mailbox))
      return this.send(res, 403, {
        error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' },
      });
    if (!contentType.startsWith('text/plain') || !/^[A-Za-z0-9+/=\r\n]+$/.test(body))
      return this.send(res, 400, { error: { code: 'ErrorMimeContentInvalidBase64String' } });
    this.sentMail.push({ mailbox, contentType, mime: Buffer.from(body, 'base64').toString('utf8') });
    res.writeHead(202);
    res.end();
  }

  /** The personal chat id of a user with the bot (what Graph returns for an installation's chat). */
  static chatId(userId: string): string {
    return `19:${userId}_bot@unq.gbl.spaces`;
  }

  private installedApps(
    userId: string,
    installationId: string | undefined,
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    body: string,
  ): void {
    const mine = this.installations.get(userId) ?? new Map<string, string>();
    if (installationId) {
      if (!mine.has(decodeURIComponent(installationId))) return this.send(res, 404, { error: { code: 'NotFound' } });
      return this.send(res, 200, { id: GraphStandIn.chatId(userId) });
    }
    if (req.method === 'POST') {
      this.calls.installApp++;
      let bind: unknown;
      try {
        bind = (JSON.parse(body) as Record<string, unknown>)['teamsApp@odata.bind'];
      } catch {
        return this.send(res, 400, { error: { code: 'BadRequest' } });
      }
      if (typeof bind !== 'string') return this.send(res, 400, { error: { code: 'BadRequest' } });
      const appId = decodeURIComponent(/\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] ?? '');
      if (!this.teamsApps.has(appId)) return this.send(res, 404, { error: { code: 'NotFound' } });
      if ([...mine.values()].includes(appId)) return this.send(res, 409, { error: { code: 'Conflict' } });
      mine.set(`inst-${userId}-${appId}`, appId);
      this.installations.set(userId, mine);
      res.writeHead(201);
      res.end();
      return;
    }
    const wanted = /teamsApp\/id eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
    const value = [...mine.entries()]
      .filter(([, app]) => !wanted || app === wanted)
      .map(([id, app]) => ({ id, teamsApp: { id: app } }));
    return this.send(res, 200, { value });
  }

  /**
   * calendarView/delta: a full round (startDateTime/endDateTime), its next pages ($skiptoken) or the
   * changes since a delta token ($deltatoken). Tokens are `<kind>.<since>.<from>.<to>.<offset>.<at>`.
   */
  private delta(url: URL, mailbox: Mailbox, res: ServerResponse): void {
    const base = `${this.baseUrl}${url.pathname.slice('/v1.0'.length)}`;
    const p = url.searchParams;
    let kind: 'f' | 'd';
    let since: number, from: number, to: number, offset: number, at: number;
    if (p.has('$skiptoken')) {
      const [k, ...n] = p.get('$skiptoken')!.split('.');
      kind = k === 'd' ? 'd' : 'f';
      [since, from, to, offset, at] = n.map(Number) as [number, number, number, number, number];
    } else if (p.has('$deltatoken')) {
      [since, from, to] = p.get('$deltatoken')!.split('.').map(Number) as [number, number, number];
      if (this.expiredDeltaTokens.has(since)) return this.send(res, 410, { error: { code: 'SyncStateNotFound' } });
      kind = 'd';
      offset = 0;
      at = this.seq;
    } else {
      from = Date.parse(p.get('startDateTime') ?? '');
      to = Date.parse(p.get('endDateTime') ?? '');
      if (!Number.isFinite(from) || !Number.isFinite(to)) return this.send(res, 400, { error: { code: 'BadRequest' } });
      kind = 'f';
      since = 0;
      offset = 0;
      at = this.seq;
    }
    const items =
      kind === 'd'
        ? this.changes(mailbox, since, at, from, to)
        : [...mailbox.events.values()].filter((e) => e.start < to && e.end > from).map((e) => this.json(e));
    const page = items.slice(offset, offset + this.pageSize);
    const link =
      offset + this.pageSize < items.length
        ? { '@odata.nextLink': `${base}?$skiptoken=${kind}.${since}.${from}.${to}.${offset + this.pageSize}.${at}` }
        : { '@odata.deltaLink': `${base}?$deltatoken=${at}.${from}.${to}` };
    this.send(res, 200, { '@odata.context': 'stand-in', value: page, ...link });
  }

  private changes(mailbox: Mailbox, since: number, at: number, from: number, to: number): unknown[] {
    const ids = [...new Set(mailbox.log.filter((l) => l.seq > since && l.seq <= at).map((l) => l.id))];
    return ids.map((id) => {
      const e = mailbox.events.get(id);
      return e && e.start < to && e.end > from ? this.json(e) : { id, '@removed': { reason: 'deleted' } };
    });
  }

  private json(e: StandInEvent) {
    return {
      id: e.id,
      subject: e.subject ?? 'Personalgespräch (vertraulich)',
      showAs: e.showAs ?? 'busy',
      isAllDay: e.isAllDay ?? false,
      isCancelled: e.isCancelled ?? false,
      iCalUId: e.iCalUId ?? `040000008200E00074C5B7101A82E00800000000${e.id}`,
      start: { dateTime: iso(e.start), timeZone: 'UTC' },
      end: { dateTime: iso(e.end), timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'someone@seelze.example' } }],
    };
  }
}
