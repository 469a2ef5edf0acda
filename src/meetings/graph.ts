import { z } from 'zod';
import type { MeetingProvider, MeetingRequest } from '../app/ports';
import { systemClock, type Clock } from '../domain/clock';
import type { Logger } from '../logger';
import { ClientCredentialsToken } from './client-credentials';
import { AnswerTooLargeError, discardBounded, readBoundedJson, SMALL_ANSWER_MAX_BYTES } from '../net/bounded-body';
import { parseRetryAfter } from '../net/retry-after';
import { MeetingProviderError } from './errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Credentials, endpoints and retry limits of the Microsoft Graph client (application permissions). */
export interface GraphClientOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  /** e.g. https://login.microsoftonline.com */
  loginUrl: string;
  fetch?: FetchLike;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per HTTP call, counting the first (429 and 5xx are retried). */
  maxAttempts?: number;
  /** First backoff after a 5xx or network error; doubles each time, with jitter. */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails as retryable instead. */
  maxRetryAfterMs?: number;
  /** Per HTTP call. */
  timeoutMs?: number;
  /** 0 ≤ r < 1, for backoff jitter. */
  random?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

export interface GraphMeetingOptions extends GraphClientOptions {
  /** Object id (or UPN) of the user in whose name meetings are created; an application access policy must allow it. */
  organizerUserId: string;
  /**
   * A client shared with other Graph users (the staff calendar sync): one token cache for the app
   * registration. Without it the provider makes its own from these options.
   */
  client?: GraphClient;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const meetingResponse = z.object({ joinWebUrl: z.url() });
const graphError = z.object({ error: z.object({ code: z.string().optional() }).optional() });

/**
 * Microsoft Graph with a client-credentials token, shared by the meeting provider and the staff
 * calendar sync: one token cache (renewed shortly before it expires; concurrent callers share one
 * request), a fresh token once on 401, bounded retries on 429 (honouring Retry-After), 5xx and
 * network errors. Errors are MeetingProviderError with a code (`unauthorized`, `rate-limited`, …).
 */
export class GraphClient {
  private readonly fetch: FetchLike;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private readonly token: ClientCredentialsToken;
  /** Tokens fetched so far (figures, tests). */
  tokenRequests = 0;

  constructor(private readonly options: GraphClientOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.random = options.random ?? Math.random;
    this.token = new ClientCredentialsToken({
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      loginUrl: options.loginUrl,
      scope: GRAPH_SCOPE,
      clock: this.clock,
      post: (url, init) => {
        this.tokenRequests++;
        return this.send('token', url, init);
      },
    });
  }

  /** The Graph base URL without a trailing slash, e.g. https://graph.microsoft.com/v1.0 */
  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /**
   * An authorised call: a 401 (expired or revoked token) fetches a fresh token once, then throws
   * 'unauthorized'. Any other status is handed back after the retries of `send`.
   */
  async request(what: string, url: string, init: RequestInit): Promise<Response> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.token.get();
      const res = await this.send(what, url, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
      });
      if (res.status !== 401) return res;
      await drain(res);
      this.token.invalidate(token);
      if (!refreshed) continue;
      throw new MeetingProviderError('unauthorized', `${what}: Graph answered 401 with a fresh token`);
    }
  }

  /** One HTTP call with bounded retries on 429 (honouring Retry-After), 5xx and network errors. */
  private async send(what: string, url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.maxAttempts;
      let res: Response;
      try {
        res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (e) {
        const reason = e instanceof Error ? e.name : 'error';
        if (last) throw new MeetingProviderError('unavailable', `${what}: ${reason} after ${attempt} attempts`);
        await this.wait(what, reason, this.backoff(attempt));
        continue;
      }
      if (res.status !== 429 && res.status < 500) return res;
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.clock.now());
      await drain(res);
      if (res.status === 429) {
        if (last || (retryAfter ?? 0) > this.maxRetryAfterMs)
          throw new MeetingProviderError('rate-limited', `${what}: 429 after ${attempt} attempts`, retryAfter);
        await this.wait(what, '429', retryAfter ?? this.backoff(attempt));
      } else {
        if (last)
          throw new MeetingProviderError('unavailable', `${what}: ${res.status} after ${attempt} attempts`, retryAfter);
        await this.wait(what, String(res.status), Math.min(retryAfter ?? this.backoff(attempt), this.maxRetryAfterMs));
      }
    }
  }

  private backoff(attempt: number): number {
    const ceiling = this.backoffMs * 2 ** (attempt - 1);
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  private async wait(what: string, reason: string, ms: number): Promise<void> {
    this.options.logger?.warn({ call: what, reason, waitMs: ms }, 'graph: retrying');
    await this.sleep(ms);
  }
}

/**
 * Teams online meetings through Microsoft Graph (application permission OnlineMeetings.ReadWrite.All
 * plus an application access policy for the organizer). Anonymous citizens join from the browser
 * and bypass the lobby; staff of the organisation are presenters.
 */
export class GraphMeetingProvider implements MeetingProvider {
  private readonly client: GraphClient;

  constructor(private readonly options: GraphMeetingOptions) {
    this.client = options.client ?? new GraphClient(options);
  }

  async createMeeting(request: MeetingRequest): Promise<{ joinUrl: string }> {
    const url = `${this.client.baseUrl}/users/${encodeURIComponent(this.options.organizerUserId)}/onlineMeetings`;
    const body = JSON.stringify({
      subject: request.subject,
      startDateTime: new Date(request.start).toISOString(),
      endDateTime: new Date(request.end).toISOString(),
      // Citizens join from the browser without an account and go straight in; the link is unguessable.
      lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
      // Staff (same organisation) may share their screen; anonymous participants may not.
      allowedPresenters: 'organization',
    });
    const res = await this.client.request('onlineMeetings', url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    if (res.status === 403)
      throw new MeetingProviderError(
        'forbidden',
        `Graph answered 403 ${await graphErrorCode(res)}: check OnlineMeetings.ReadWrite.All and the application access policy for the organizer`,
      );
    if (!res.ok)
      throw new MeetingProviderError('rejected', `Graph answered ${res.status} ${await graphErrorCode(res)}`);
    const parsed = meetingResponse.safeParse(await graphJson('onlineMeetings', res));
    if (!parsed.success) throw new MeetingProviderError('invalid-response', 'Graph answered without a joinWebUrl');
    return { joinUrl: parsed.data.joinWebUrl };
  }
}

export { parseRetryAfter };

const drain = (res: Response) => discardBounded(res);

/**
 * A Graph answer's JSON, read within `maxBytes` (undefined when it is not JSON); a larger answer is
 * an invalid response, never held in memory.
 */
export async function graphJson(what: string, res: Response, maxBytes = SMALL_ANSWER_MAX_BYTES): Promise<unknown> {
  try {
    return await readBoundedJson(res, maxBytes);
  } catch (e) {
    if (e instanceof AnswerTooLargeError)
      throw new MeetingProviderError('invalid-response', `${what}: Graph answered with more than ${maxBytes} bytes`);
    return undefined;
  }
}

export async function graphErrorCode(res: Response): Promise<string> {
  const json = await readBoundedJson(res, SMALL_ANSWER_MAX_BYTES).catch(() => undefined);
  return graphError.safeParse(json).data?.error?.code ?? '';
}
