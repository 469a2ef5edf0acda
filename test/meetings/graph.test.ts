import { expect } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadEnv } from '../../src/config/env';
import { ManualClock } from '../../src/domain/clock';
import {
  createMeetingProvider,
  GraphMeetingProvider,
  MeetingProviderError,
  parseRetryAfter,
  type GraphMeetingOptions,
} from '../../src/meetings';

/** What the stand-in answers: status, optional headers and JSON body. */
interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A local stand-in for the Entra token endpoint and Graph: replies are scripted per route, in
 * order; a route without scripted replies answers with its default. Every request is recorded.
 */
class GraphStandIn {
  readonly seen: Seen[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private server!: Server;
  private tokenCount = 0;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '';
        this.seen.push({ method: req.method ?? '', path, headers: req.headers, body });
        const route = path.endsWith('/oauth2/v2.0/token') ? 'token' : 'meetings';
        const reply = this.scripts.get(route)?.shift() ?? this.defaultReply(route);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.seen.length = 0;
    this.scripts.clear();
    this.tokenCount = 0;
  }

  script(route: 'token' | 'meetings', ...replies: Reply[]): void {
    this.scripts.set(route, replies);
  }

  requests(route: 'token' | 'meetings'): Seen[] {
    return this.seen.filter((s) => (route === 'token') === s.path.endsWith('/oauth2/v2.0/token'));
  }

  private defaultReply(route: string): Reply {
    if (route === 'token')
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: 3599, access_token: `token-${++this.tokenCount}` },
      };
    return {
      status: 201,
      body: { id: 'meeting-1', joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0' },
    };
  }
}

const request = {
  appointmentId: 'a1',
  subject: 'Beratung Kfz-Zulassung',
  start: Date.UTC(2026, 2, 29, 7, 30),
  end: Date.UTC(2026, 2, 29, 8),
};
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

describe('Teams meeting provider (Microsoft Graph, against a local stand-in)', () => {
  const graph = new GraphStandIn();
  let clock: ManualClock;
  let waits: number[];

  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.reset();
    clock = new ManualClock(Date.UTC(2026, 2, 28, 12));
    waits = [];
  });

  function provider(overrides: Partial<GraphMeetingOptions> = {}): GraphMeetingProvider {
    return new GraphMeetingProvider({
      tenantId: 'contoso-tenant',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      organizerUserId: '7b3f0c1e-0000-4000-8000-000000000001',
      baseUrl: `${graph.baseUrl}/v1.0`,
      loginUrl: graph.baseUrl,
      clock,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
      maxAttempts: 3,
      backoffMs: 100,
      ...overrides,
    });
  }

  it('gets a client-credentials token and creates an online meeting citizens join from the browser', async () => {
    await expect(provider().createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });

    const [token] = graph.requests('token');
    expect(token).toMatchObject({ method: 'POST', path: '/contoso-tenant/oauth2/v2.0/token' });
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      client_id: 'client-id',
      client_secret: 'client-secret',
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });

    const [meeting] = graph.requests('meetings');
    expect(meeting).toMatchObject({
      method: 'POST',
      path: '/v1.0/users/7b3f0c1e-0000-4000-8000-000000000001/onlineMeetings',
    });
    expect(meeting!.headers.authorization).toBe('Bearer token-1');
    expect(meeting!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(meeting!.body)).toEqual({
      subject: 'Beratung Kfz-Zulassung',
      startDateTime: '2026-03-29T07:30:00.000Z',
      endDateTime: '2026-03-29T08:00:00.000Z',
      lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
      allowedPresenters: 'organization',
    });
  });

  it('reuses the token until shortly before it expires', async () => {
    const p = provider();
    await p.createMeeting(request);
    clock.advance(3599_000 - 61_000);
    await p.createMeeting(request);
    expect(graph.requests('token')).toHaveLength(1);
    clock.advance(2_000);
    await p.createMeeting(request);
    expect(graph.requests('token')).toHaveLength(2);
    expect(graph.requests('meetings').map((m) => m.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('asks for one token when several meetings are created at the same time', async () => {
    const p = provider();
    await Promise.all([p.createMeeting(request), p.createMeeting(request), p.createMeeting(request)]);
    expect(graph.requests('token')).toHaveLength(1);
    expect(graph.requests('meetings')).toHaveLength(3);
  });

  it('refreshes the token once when Graph answers 401, then succeeds', async () => {
    graph.script('meetings', { status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    await expect(provider().createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });
    expect(graph.requests('token')).toHaveLength(2);
    expect(graph.requests('meetings').map((m) => m.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('fails with a typed, non-retryable error when Graph answers 401 to a fresh token too', async () => {
    graph.script('meetings', { status: 401 }, { status: 401 });
    const error = await provider()
      .createMeeting(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingProviderError);
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(graph.requests('token')).toHaveLength(2);
    expect(graph.requests('meetings')).toHaveLength(2);
  });

  it('waits as long as Retry-After says on 429 and tries again', async () => {
    graph.script(
      'meetings',
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after': '1' } },
    );
    await expect(provider().createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });
    expect(waits).toEqual([2000, 1000]);
    expect(graph.requests('meetings')).toHaveLength(3);
  });

  it('gives up on 429 after the allowed attempts with a retryable error', async () => {
    graph.script('meetings', ...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after': '1' } })));
    await expect(provider().createMeeting(request)).rejects.toMatchObject({
      code: 'rate-limited',
      retryable: true,
      retryAfterMs: 1000,
    });
    expect(graph.requests('meetings')).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than it allows and reports how long to wait', async () => {
    graph.script('meetings', { status: 429, headers: { 'retry-after': '120' } });
    await expect(provider({ maxRetryAfterMs: 30_000 }).createMeeting(request)).rejects.toMatchObject({
      code: 'rate-limited',
      retryable: true,
      retryAfterMs: 120_000,
    });
    expect(waits).toEqual([]);
    expect(graph.requests('meetings')).toHaveLength(1);
  });

  it('retries 5xx with growing backoff and succeeds', async () => {
    graph.script('meetings', { status: 500 }, { status: 503 });
    await expect(provider().createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });
    expect(waits).toEqual([75, 150]);
  });

  it('gives up after a bounded number of 5xx answers with a retryable error', async () => {
    graph.script(
      'meetings',
      { status: 500 },
      { status: 502 },
      { status: 500 },
      { status: 201, body: { joinWebUrl: JOIN_URL } },
    );
    await expect(provider().createMeeting(request)).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    expect(graph.requests('meetings')).toHaveLength(3);
  });

  it('retries a throttled or failing token endpoint too', async () => {
    graph.script('token', { status: 429, headers: { 'retry-after': '3' } }, { status: 500 });
    await expect(provider().createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });
    expect(waits).toEqual([3000, 150]);
    expect(graph.requests('token')).toHaveLength(3);
  });

  it('reports refused credentials without calling Graph', async () => {
    graph.script('token', {
      status: 401,
      body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' },
    });
    await expect(provider().createMeeting(request)).rejects.toMatchObject({
      code: 'unauthorized',
      retryable: false,
      detail: 'token endpoint answered 401 invalid_client',
    });
    expect(graph.requests('meetings')).toHaveLength(0);
  });

  it('points at the permission and access policy when Graph answers 403', async () => {
    graph.script('meetings', { status: 403, body: { error: { code: 'Forbidden' } } });
    await expect(provider().createMeeting(request)).rejects.toMatchObject({
      code: 'forbidden',
      retryable: false,
      message: expect.stringMatching(/application access policy/),
    });
  });

  it('rejects an answer without joinWebUrl', async () => {
    graph.script('meetings', { status: 201, body: { id: 'x' } });
    await expect(provider().createMeeting(request)).rejects.toMatchObject({ code: 'invalid-response' });
  });

  it('treats an unreachable endpoint as unavailable after bounded retries', async () => {
    const closed = new GraphStandIn();
    await closed.start();
    const deadUrl = closed.baseUrl;
    await closed.stop();
    await expect(provider({ loginUrl: deadUrl }).createMeeting(request)).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    expect(waits).toEqual([75, 150]);
  });

  it('is what createMeetingProvider builds from the GRAPH_* environment, using the global fetch', async () => {
    const env = loadEnv({
      MEETING_PROVIDER: 'teams',
      GRAPH_TENANT_ID: 'contoso-tenant',
      GRAPH_CLIENT_ID: 'client-id',
      GRAPH_CLIENT_SECRET: 'client-secret',
      GRAPH_ORGANIZER_USER_ID: 'organizer@seelze.example',
      GRAPH_BASE_URL: `${graph.baseUrl}/v1.0`,
      GRAPH_LOGIN_URL: graph.baseUrl,
    });
    await expect(createMeetingProvider(env).createMeeting(request)).resolves.toEqual({ joinUrl: JOIN_URL });
    expect(graph.requests('meetings')[0]!.path).toBe('/v1.0/users/organizer%40seelze.example/onlineMeetings');
  });

  it('takes tighter limits from the factory for callers inside a Teams turn', async () => {
    const env = loadEnv({
      MEETING_PROVIDER: 'teams',
      GRAPH_TENANT_ID: 'contoso-tenant',
      GRAPH_CLIENT_ID: 'client-id',
      GRAPH_CLIENT_SECRET: 'client-secret',
      GRAPH_ORGANIZER_USER_ID: 'organizer',
      GRAPH_BASE_URL: `${graph.baseUrl}/v1.0`,
      GRAPH_LOGIN_URL: graph.baseUrl,
    });
    graph.script('meetings', { status: 503 }, { status: 201, body: { joinWebUrl: JOIN_URL } });
    await expect(
      createMeetingProvider(env, undefined, { limits: { maxAttempts: 1 } }).createMeeting(request),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(graph.requests('meetings')).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
