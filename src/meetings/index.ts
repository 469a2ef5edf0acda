/**
 * Video meeting links. `createMeetingProvider(env)` picks the provider named by MEETING_PROVIDER:
 *   url-template  MEETING_URL_TEMPLATE with {room} → an unguessable room per appointment (Jitsi, BBB, …)
 *   teams         a Teams online meeting through Microsoft Graph (GRAPH_* variables)
 * Callers treat a MeetingProviderError with `retryable` as "book anyway, add the link later".
 */
import type { MeetingProvider } from '../app/ports';
import { ConfigError, type Env } from '../config/env';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import { GraphClient, GraphMeetingProvider, type FetchLike, type GraphMeetingOptions } from './graph';
import { UrlTemplateMeetingProvider } from './url-template';

export { GraphClient, GraphMeetingProvider, parseRetryAfter, type FetchLike, type GraphMeetingOptions } from './graph';
export { UrlTemplateMeetingProvider, randomRoomName } from './url-template';
export { MeetingProviderError } from './errors';

export type MeetingEnv = Pick<
  Env,
  | 'MEETING_PROVIDER'
  | 'MEETING_URL_TEMPLATE'
  | 'GRAPH_TENANT_ID'
  | 'GRAPH_CLIENT_ID'
  | 'GRAPH_CLIENT_SECRET'
  | 'GRAPH_ORGANIZER_USER_ID'
  | 'GRAPH_BASE_URL'
  | 'GRAPH_LOGIN_URL'
>;

export interface MeetingDeps {
  clock?: Clock;
  logger?: Pick<Logger, 'warn'>;
  /** Tighter limits for callers inside a Teams turn (15 s budget); defaults: 4 attempts, 10 s per call, Retry-After up to 30 s. */
  limits?: Pick<GraphMeetingOptions, 'maxAttempts' | 'timeoutMs' | 'maxRetryAfterMs' | 'backoffMs'>;
  /** A Graph client shared with the staff calendar sync (one token cache); see `createGraphClient`. */
  client?: GraphClient;
}

export type GraphEnv = Pick<
  Env,
  'GRAPH_TENANT_ID' | 'GRAPH_CLIENT_ID' | 'GRAPH_CLIENT_SECRET' | 'GRAPH_BASE_URL' | 'GRAPH_LOGIN_URL'
>;

/** One Graph client for the app registration (meetings and calendars share its token), or undefined without credentials. */
export function createGraphClient(
  env: GraphEnv,
  deps: Pick<MeetingDeps, 'clock' | 'logger' | 'limits'> & { fetch?: FetchLike } = {},
): GraphClient | undefined {
  if (!env.GRAPH_TENANT_ID || !env.GRAPH_CLIENT_ID || !env.GRAPH_CLIENT_SECRET) return undefined;
  return new GraphClient({
    tenantId: env.GRAPH_TENANT_ID,
    clientId: env.GRAPH_CLIENT_ID,
    clientSecret: env.GRAPH_CLIENT_SECRET,
    baseUrl: env.GRAPH_BASE_URL,
    loginUrl: env.GRAPH_LOGIN_URL,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...deps.limits,
  });
}

export function createMeetingProvider(env: MeetingEnv, fetchImpl?: FetchLike, deps: MeetingDeps = {}): MeetingProvider {
  if (env.MEETING_PROVIDER === 'url-template') return new UrlTemplateMeetingProvider(env.MEETING_URL_TEMPLATE);
  const { GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, GRAPH_ORGANIZER_USER_ID } = env;
  const missing = Object.entries({ GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, GRAPH_ORGANIZER_USER_ID })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (!GRAPH_TENANT_ID || !GRAPH_CLIENT_ID || !GRAPH_CLIENT_SECRET || !GRAPH_ORGANIZER_USER_ID)
    throw new ConfigError(
      `Invalid configuration: ${missing.map((name) => `${name}: required with MEETING_PROVIDER=teams`).join('; ')}`,
    );
  return new GraphMeetingProvider({
    tenantId: GRAPH_TENANT_ID,
    clientId: GRAPH_CLIENT_ID,
    clientSecret: GRAPH_CLIENT_SECRET,
    organizerUserId: GRAPH_ORGANIZER_USER_ID,
    baseUrl: env.GRAPH_BASE_URL,
    loginUrl: env.GRAPH_LOGIN_URL,
    fetch: fetchImpl,
    clock: deps.clock,
    logger: deps.logger,
    ...deps.limits,
    ...(deps.client ? { client: deps.client } : {}),
  });
}
