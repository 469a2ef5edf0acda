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
  type ActivityHandlerBase,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Env } from '../config/env';
import type { Logger } from '../logger';
import { languageFor, t } from './i18n';

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

type AuthEnv = Pick<Env, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;

/** Error details for logs without personal data: type, code and stack frames, not the message. */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1, 8)
    .map((l) => l.trim());
  return { type: e.name, code: typeof code === 'string' || typeof code === 'number' ? code : undefined, frames };
}

export function createBotEndpoint(env: AuthEnv, bot: ActivityHandlerBase, logger: Logger): BotEndpoint {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: env.MicrosoftAppId ?? '',
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppId ? env.MicrosoftAppType : '',
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: safeError(error), turnId: context.activity.id, activityType: context.activity.type },
      'turn failed',
    );
    const apology = t(languageFor(context.activity.locale), 'error.apology');
    try {
      // A card button (Action.Execute) waits for the invoke's answer: without one botbuilder answers
      // 501 with no body and Teams shows its own error. The apology as the answer's message keeps
      // the pressed card (and its button) in place for the retry; nothing goes to the chat.
      if (context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action') {
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
      await adapter.process(req as unknown as Request, res as Response, (context) => bot.run(context));
    },
  };
}
