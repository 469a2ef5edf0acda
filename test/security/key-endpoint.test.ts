/**
 * Authentication on, Microsoft's key endpoint unreachable (here: a local metadata server dropping
 * every connection): a token claiming the Bot Framework issuer gets 401 with no detail, each refusal is one
 * structured log line without a stack trace, and the endpoint is not asked again on every request
 * (backoff, on an injected clock).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ActivityHandler } from 'botbuilder';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { createBotEndpoint } from '../../src/bot/adapter';
import { createHttpServer, type HttpServer } from '../../src/http/server';
import { testRedis } from '../support/redis';
import { postJson } from '../support/teams-harness';

const APP_ID = '3f2a1b4c-0000-4000-8000-0000000000b2';
const TENANT = '00000000-0000-0000-0000-0000000000001';

describe('Bot Framework key endpoint unreachable', () => {
  const t = testRedis('key-endpoint');
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
  );
  let hits = 0;
  let now = 1_000_000;
  // Every connection dropped, like an endpoint that cannot be reached.
  const metadata: Server = createServer((_req, res) => {
    hits += 1;
    res.socket?.destroy();
  });
  let http: HttpServer;
  let url = '';
  let turns = 0;

  beforeAll(async () => {
    await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', () => r()));
    const bot = new ActivityHandler();
    bot.onMessage(async (_c, next) => {
      turns += 1;
      await next();
    });
    const endpoint = createBotEndpoint(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      },
      bot,
      logger,
      {
        openIdMetadataUrl: `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/.well-known/openidconfiguration`,
        now: () => now,
      },
    );
    http = createHttpServer({ bot: endpoint, redis: t.redis, logger });
    url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/api/messages`;
  });
  afterAll(async () => {
    await http.shutdown();
    metadata.close();
    await t.cleanup();
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = () =>
    jwt.sign(
      {
        iss: 'https://api.botframework.com',
        aud: APP_ID,
        serviceurl: 'http://127.0.0.1:9/',
        nbf: Math.floor(Date.now() / 1000) - 60,
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      privateKey,
      { algorithm: 'RS256', keyid: randomUUID() },
    );
  const activity = JSON.stringify({
    type: 'message',
    id: 'x1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: '29:a' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:1' },
    text: 'hilfe',
  });

  it('answers 401 without detail, logs one line per refusal and backs off the key endpoint', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await postJson(url, activity, { authorization: `Bearer ${token()}` });
      expect(res.status).toBe(401);
      expect(res.raw).not.toMatch(/Failed to load|openID|ENOTFOUND|getaddrinfo|503|Error/i);
    }
    expect(turns).toBe(0);
    expect(hits).toBe(1);
    const refusals = lines.filter((l) => l.includes('authentication failed'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!)).toMatchObject({ status: 401, reason: 'key-endpoint-unreachable' });
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);

    // After the backoff window one request tries the endpoint again.
    now += 1_500;
    expect((await postJson(url, activity, { authorization: `Bearer ${token()}` })).status).toBe(401);
    expect(hits).toBe(2);
  });
});
