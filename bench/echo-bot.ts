/**
 * The baseline for bench/load.ts: the smallest bot on the same stack as Sprechstunde — restify 12
 * with the same body parser settings, botbuilder's CloudAdapter with authentication off, an
 * ActivityHandler that answers every message with its text. No Redis, no directory, no cards.
 * Whatever the real app costs beyond this is our code.
 *
 *   const echo = await startEchoBot(0);   // { port, close() }
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import * as restify from 'restify';

export interface EchoBot {
  port: number;
  close(): Promise<void>;
}

class EchoHandler extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

export async function startEchoBot(port = 0, host = '127.0.0.1'): Promise<EchoBot> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: '',
      MicrosoftAppTenantId: '',
    }),
  );
  const bot = new EchoHandler();
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => {
    server.listen(port, host, () => resolve());
  });
  return {
    port: server.address().port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

// Run alone (bench/rss.ts starts it compiled): PORT, default 3979.
// Exits on SIGTERM like the bot, so --cpu-prof writes its profile.
if (require.main === module) {
  void startEchoBot(Number(process.env.PORT ?? 3979));
  process.once('SIGTERM', () => process.exit(0));
}
