import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { createBotEndpoint } from '../../src/bot/adapter';
import { createLogger } from '../../src/logger';

/** A Bot Connector on loopback that takes every reply and counts them. */
async function connector(): Promise<{ url: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') posts++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"r1"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posts: () => posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('the Bot Framework endpoint', () => {
  it('sends every turn’s reply through one connector client per service URL instead of building one per turn', async () => {
    const clients: unknown[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (context: TurnContext, next) => {
      clients.push(context.turnState.get(context.adapter.ConnectorClientKey));
      await context.sendActivity('ok');
      await next();
    });
    const endpoint = createBotEndpoint({ MicrosoftAppType: 'SingleTenant' }, bot, createLogger('silent'));
    const server = restify.createServer();
    server.use(restify.plugins.jsonBodyParser());
    server.post('/api/messages', async (req, res) => {
      await endpoint.handle(req, res);
    });
    await new Promise<void>((r) => {
      server.listen(0, '127.0.0.1', () => r());
    });
    const [a, b] = [await connector(), await connector()];
    const say = async (serviceUrl: string, id: string) => {
      const r = await fetch(`http://127.0.0.1:${server.address().port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id,
          text: 'hallo',
          channelId: 'msteams',
          serviceUrl,
          from: { id: '29:u1', aadObjectId: 'u1' },
          recipient: { id: '28:bot' },
          conversation: { id: 'a:c1', conversationType: 'personal' },
        }),
      });
      expect(r.status).toBe(200);
    };
    try {
      await say(a.url, 'm1');
      await say(a.url, 'm2');
      await say(b.url, 'm3');
      await say(a.url, 'm4');
      expect(clients).toHaveLength(4);
      expect(clients[1]).toBe(clients[0]);
      expect(clients[3]).toBe(clients[0]);
      expect(clients[2]).not.toBe(clients[0]);
      // Each reply went to the connector of its own activity.
      expect([a.posts(), b.posts()]).toEqual([3, 1]);
    } finally {
      server.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
