/**
 * An OAuth 2.0 client-credentials access token from Microsoft Entra ID (one app registration, any
 * scope: `https://graph.microsoft.com/.default` for Graph, `https://outlook.office365.com/.default`
 * for IMAP in Exchange Online). Cached until shortly before it expires; concurrent callers share one
 * request; `invalidate` drops a token the resource refused (401) so the next call fetches a fresh one.
 */
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { MeetingProviderError } from './errors';

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
    const json: unknown = await res.json().catch(() => undefined);
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
