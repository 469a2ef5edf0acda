/**
 * An OAuth 2.0 client-credentials access token from Microsoft Entra ID (one app registration, any
 * scope: `https://graph.microsoft.com/.default` for Graph, `https://outlook.office365.com/.default`
 * for IMAP in Exchange Online). Cached until shortly before it expires; concurrent callers share one
 * request; `invalidate` drops a token the resource refused (401) so the next call fetches a fresh one.
 */
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { readBoundedJson, SMALL_ANSWER_MAX_BYTES } from '../net/bounded-body';
import { MeetingProviderError } from './errors';

/**
 * The resource of Exchange Online's own protocols (IMAP.AccessAsApp for the mailbox, SMTP.SendAsApp
 * for mail): a token for this scope is what XOAUTH2 presents.
 */
export const EXCHANGE_ONLINE_SCOPE = 'https://outlook.office365.com/.default';

/** Renew a token this long before it expires, so it does not run out in flight. */
const TOKEN_EARLY_RENEWAL_MS = 60_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});
const tokenError = z.object({ error: z.string().optional() });

export interface ClientCredentialsOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com */
  loginUrl: string;
  scope: string;
  clock: Clock;
  /** One HTTP call (with whatever retries and timeout the caller wants). */
  post: (url: string, init: RequestInit) => Promise<Response>;
}

export class ClientCredentialsToken {
  private token?: { value: string; renewAt: number };
  private inFlight?: Promise<string>;

  constructor(private readonly options: ClientCredentialsOptions) {}

  get(): Promise<string> {
    if (this.token && this.options.clock.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    this.inFlight ??= this.request().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Forget `value` if it is the cached token (the resource answered 401). */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async request(): Promise<string> {
    const { loginUrl, tenantId, clientId, clientSecret, scope, clock } = this.options;
    const res = await this.options.post(
      `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          client_id: clientId,
          client_secret: clientSecret,
          scope,
          grant_type: 'client_credentials',
        }).toString(),
      },
    );
    // Bounded: a token endpoint (or something posing as one) answering megabytes is no token.
    const json = await readBoundedJson(res, SMALL_ANSWER_MAX_BYTES).catch(() => undefined);
    if (!res.ok) {
      const code = tokenError.safeParse(json).data?.error ?? '';
      throw new MeetingProviderError(
        res.status === 400 || res.status === 401 ? 'unauthorized' : 'rejected',
        `token endpoint answered ${res.status} ${code}`.trim(),
      );
    }
    const parsed = tokenResponse.safeParse(json);
    if (!parsed.success)
      throw new MeetingProviderError('invalid-response', 'token endpoint answered without access_token/expires_in');
    const issuedAt = clock.now();
    this.token = {
      value: parsed.data.access_token,
      renewAt: issuedAt + Math.max(0, parsed.data.expires_in * 1000 - TOKEN_EARLY_RENEWAL_MS),
    };
    return parsed.data.access_token;
  }
}

/** The token endpoint is called with this bound per request. */
const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/**
 * An Exchange Online token (IMAP and SMTP XOAUTH2) from the GRAPH_* app registration. The caller
 * has checked the credentials (env.ts names a missing one at start-up).
 */
export function exchangeOnlineToken(
  env: {
    GRAPH_TENANT_ID?: string | undefined;
    GRAPH_CLIENT_ID?: string | undefined;
    GRAPH_CLIENT_SECRET?: string | undefined;
    GRAPH_LOGIN_URL: string;
  },
  clock: Clock,
): ClientCredentialsToken {
  return new ClientCredentialsToken({
    tenantId: env.GRAPH_TENANT_ID ?? '',
    clientId: env.GRAPH_CLIENT_ID ?? '',
    clientSecret: env.GRAPH_CLIENT_SECRET ?? '',
    loginUrl: env.GRAPH_LOGIN_URL,
    scope: EXCHANGE_ONLINE_SCOPE,
    clock,
    post: (u, init) => fetch(u, { ...init, signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS) }),
  });
}
