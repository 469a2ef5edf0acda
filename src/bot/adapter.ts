/**
 * Bot Framework plumbing: CloudAdapter with ConfigurationBotFrameworkAuthentication.
 *
 * - MicrosoftAppId set: every request must carry a valid Bot Framework JWT (SingleTenant with a
 *   client secret, or UserAssignedMSI in Azure); an unsigned request gets 401 and no turn runs.
 * - MicrosoftAppId empty: authentication is off (local Playground, tests); main.ts warns loudly and
 *   env.ts refuses this in production.
 * The HTTP layer sees only `BotEndpoint.handle(req, res)`, so botbuilder stays inside src/bot/.
 */
import type { IncomingMessage } from 'node:http';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandlerBase,
  type Response,
  type TurnContext,
} from 'botbuilder';
import {
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { z } from 'zod';
import type { Env } from '../config/env';
import { safeError } from '../domain/safe-error';
import type { Logger } from '../logger';
import { botTexts, languageFor } from './i18n';

export interface BotEndpoint {
  /** Handles POST /api/messages (the body must already be parsed into req.body). */
  handle(req: IncomingMessage & { body?: unknown }, res: unknown): Promise<void>;
  authenticationEnabled: boolean;
  /** The adapter itself, for proactive sends (src/bot/proactive.ts) with the same credentials. */
  adapter: CloudAdapter;
  /** The bot's app id ('' with authentication off), for continueConversationAsync. */
  appId: string;
}

const optionalString = z.string().optional();
const party = z
  .looseObject({ id: optionalString, aadObjectId: optionalString, tenantId: optionalString, name: optionalString })
  .optional();
/** The fields botbuilder and our gates read before a turn starts; everything else passes through. */
const activityEnvelope = z.looseObject({
  type: z.string().min(1),
  id: optionalString,
  serviceUrl: optionalString,
  channelId: optionalString,
  locale: optionalString,
  localTimezone: optionalString,
  text: optionalString,
  name: optionalString,
  replyToId: optionalString,
  from: party,
  recipient: party,
  conversation: party,
  channelData: z.looseObject({ tenant: z.looseObject({ id: optionalString }).optional() }).optional(),
});

/** CloudAdapter whose request path we own (botbuilder's process() answers auth failures with 500 + details). */
class CheckedAdapter extends CloudAdapter {
  authenticateAndRun(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** How many clients are kept (per app id and service URL); more are built anew. */
const MAX_REUSED_CLIENTS = 64;

/**
 * botbuilder builds a ConnectorClient and a UserTokenClient — each with its HTTP pipeline and
 * credentials — for every incoming activity: ~80 µs of a turn that costs ~1 ms in all. Neither holds
 * anything of the turn (the credentials keep and renew their tokens themselves), so one of each is
 * kept per app id (and service URL and audience) and used again. A client that failed to build is not kept.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  // An incoming activity's clients come from the factory its authentication returns.
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory
      ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) }
      : result;
  }

  // Proactive messages (continueConversationAsync) ask for a factory of their own.
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reused(this.userTokens, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        reused(this.connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => inner.create(serviceUrl, audience)),
    };
  }
}

const appIdOf = (claimsIdentity: ClaimsIdentity): string =>
  JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';

function reused<T>(kept: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  const found = kept.get(key);
  if (found) return found;
  const built = build();
  if (kept.size >= MAX_REUSED_CLIENTS) kept.clear();
  kept.set(key, built);
  built.catch(() => kept.delete(key));
  return built;
}

type AuthEnv = Pick<Env, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;

/**
 * Whether an activity is of the given type. botbuilder types `activity.type` as a string and
 * ActivityTypes as an enum; this compares them without an unchecked cast.
 */
export const isActivityType = (activity: { type?: string }, type: `${ActivityTypes}`): boolean =>
  activity.type === type;

export interface BotEndpointOptions {
  /** Where the Bot Framework signing keys are described (Microsoft's by default; tests point elsewhere). */
  openIdMetadataUrl?: string;
  /** Clock of the key endpoint backoff (Date.now by default). */
  now?: () => number;
}

export function createBotEndpoint(
  env: AuthEnv,
  bot: ActivityHandlerBase,
  logger: Logger,
  options: BotEndpointOptions = {},
): BotEndpoint {
  const auth = new ReusingAuthentication({
    MicrosoftAppId: env.MicrosoftAppId ?? '',
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppId ? env.MicrosoftAppType : '',
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    // botbuilder takes either all of the public cloud's parameters or none: the defaults spelled out.
    ...(options.openIdMetadataUrl
      ? {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
          ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
          OAuthUrl: 'https://api.botframework.com',
          CallerId: 'urn:botframework:azure',
          ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: options.openIdMetadataUrl,
        }
      : {}),
  });
  const adapter = new CheckedAdapter(auth);
  const breaker = new KeyEndpointBreaker(options.now);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: safeError(error), turnId: context.activity.id, activityType: context.activity.type },
      'turn failed',
    );
    const apology = botTexts[languageFor(context.activity.locale)].apology;
    try {
      // A card button (Action.Execute) waits for the invoke's answer: without one botbuilder answers
      // 501 with no body and Teams shows its own error. The apology as the answer's message keeps
      // the pressed card (and its button) in place for the retry; nothing goes to the chat.
      if (isActivityType(context.activity, ActivityTypes.Invoke) && context.activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: apology },
          },
        });
        return;
      }
      await context.sendActivity(apology);
    } catch (sendError) {
      logger.error({ err: safeError(sendError), turnId: context.activity.id }, 'apology could not be sent');
    }
  };

  return {
    authenticationEnabled: Boolean(env.MicrosoftAppId),
    adapter,
    appId: env.MicrosoftAppId ?? '',
    handle: async (req, res) => {
      // botbuilder answers a malformed activity (no type, a serviceUrl that is no string …) with 500
      // and its internal message; that is bad input, not our failure: 400 with the field named.
      const envelope = activityEnvelope.safeParse(req.body);
      if (req.body && typeof req.body === 'object' && !Array.isArray(req.body) && !envelope.success) {
        const r = res as Response;
        r.status(400);
        r.send({
          error: `not a Bot Framework activity: ${[...new Set(envelope.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ')}`,
        });
        r.end();
        return;
      }
      const r = res as Response;
      const end = (status: number, body?: unknown) => {
        r.status(status);
        if (body !== undefined) r.send(body);
        r.end();
      };
      if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
        return end(400, { error: 'not a Bot Framework activity: (root)' });
      const header = req.headers.authorization;
      const authHeader = typeof header === 'string' ? header : '';
      // While Microsoft's key endpoint is unreachable, signed requests are refused at once (backoff).
      if (authHeader && breaker.isOpen()) return end(401);
      let turnStarted = false;
      try {
        const invokeResponse = await adapter.authenticateAndRun(authHeader, fixActivity(req.body), async (context) => {
          turnStarted = true;
          await bot.run(context);
        });
        if (authHeader) breaker.succeeded();
        return end(invokeResponse?.status ?? 200, invokeResponse?.body);
      } catch (e) {
        if (turnStarted) {
          logger.error({ err: safeError(e) }, 'turn failed after its error handler');
          return end(500);
        }
        // Authentication failed: no detail to the caller (botbuilder would answer 500 with the
        // internal DNS error and print a stack trace per request), one structured line in the log.
        const unreachable = metadataUnreachable(e);
        if (unreachable) breaker.failed();
        logger.warn(
          {
            status: 401,
            reason: unreachable ? 'key-endpoint-unreachable' : 'invalid-token',
            error: e instanceof Error ? e.name : typeof e,
            code: errorCode(e),
            ...(unreachable ? { retryInMs: breaker.retryInMs() } : {}),
          },
          'request refused: authentication failed',
        );
        return end(401);
      }
    },
  };
}

/** What botbuilder's process() does to a parsed body before processActivity (timestamps as dates). */
function fixActivity(body: object): Activity {
  const a = body as Activity & Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const)
    if (typeof a[field] === 'string') {
      const raw = `raw${field[0]!.toUpperCase()}${field.slice(1)}`;
      a[raw] = a[field];
      (a as Record<string, unknown>)[field] = new Date(a[field]);
    }
  return a;
}

function errorCode(e: unknown): string | number | undefined {
  const code = (e as { code?: unknown; statusCode?: unknown } | null)?.code;
  if (typeof code === 'string' || typeof code === 'number') return code;
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The signing keys could not be loaded (network error, or the metadata endpoint answered non-2xx),
 * as opposed to a token that is simply invalid.
 */
function metadataUnreachable(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; statusCode?: unknown; type?: unknown; message?: unknown } | null;
  if (!err) return false;
  if (err.name === 'FetchError' || err.type === 'system') return true;
  if (typeof err.code === 'string' && /^(E[A-Z_]+|UND_ERR)/.test(err.code)) return true;
  return typeof err.message === 'string' && /Failed to load (Keys|openID config)/.test(err.message);
}

/**
 * Backoff for the key endpoint: after it failed, signed requests are refused for 1 s, doubling up to
 * 60 s while it keeps failing; one request per window goes through to try again. A success resets it.
 */
export class KeyEndpointBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  isOpen(): boolean {
    if (this.now() < this.openUntil) return true;
    // Half-open: this request tries; the next ones wait for its outcome's window.
    if (this.failures > 0) this.openUntil = this.now() + this.delay();
    return false;
  }

  failed(): void {
    this.failures += 1;
    this.openUntil = this.now() + this.delay();
  }

  succeeded(): void {
    this.failures = 0;
    this.openUntil = 0;
  }

  retryInMs(): number {
    return Math.max(0, this.openUntil - this.now());
  }

  private delay(): number {
    return Math.min(60_000, 1000 * 2 ** Math.max(0, this.failures - 1));
  }
}
