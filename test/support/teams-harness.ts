/**
 * End-to-end harness over real HTTP, as Teams would talk to the bot.
 *
 *   const h = await startTeamsHarness({ label: 'booking' });       // app on a free port, auth off,
 *                                                                  // own Redis key prefix
 *   const replies = await h.say('hilfe');                          // as Jonas Becker (default user)
 *   const replies = await h.say('help', h.user('anna-schulz'), { locale: 'en-US' });
 *   await h.submit({ verb: 'book.start' });                        // Action.Submit (message + value)
 *   const res = await h.invoke({ verb: 'book.hold', data: {...} }); // Action.Execute → res.body (card)
 *   const res = await h.send({ type: 'conversationUpdate', membersAdded: [...] }); // anything else
 *   await h.connector.waitFor((a) => a.text?.includes('…'));       // proactive messages
 *   await h.close();                                               // in afterAll
 *
 * Activities are Teams-shaped: channelId msteams, conversation.tenantId and channelData.tenant.id,
 * from.aadObjectId, locale (de-DE unless given), localTimezone Europe/Berlin, serviceUrl pointing at
 * a local connector that records what the bot sends:
 *   POST /v3/conversations/:id/activities[/:replyToId]  → connector.activities (replies, proactive)
 *   PUT  /v3/conversations/:id/activities/:activityId   → connector.updates
 * `say`/`submit`/`send` resolve after the bot finished the turn (the HTTP response of
 * /api/messages) and return the activities that answered it (replyToId = the sent activity's id).
 *
 * Pass `clock` (ManualClock) to control time, `directory` for another directory, `env` to override
 * variables (e.g. TEAMS_TENANT_ID), and `configure(app)` hooks are not needed: use `h.app.services`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { loadDirectoryFile, type Directory } from '../../src/config/directory';
import { loadEnv, type Env } from '../../src/config/env';
import type { Clock } from '../../src/domain/clock';
import type { Staff } from '../../src/domain/types';
import { createLogger } from '../../src/logger';
import { createApp, type App } from '../../src/main';
import { testRedis } from './redis';

export const HARNESS_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const HARNESS_BOT = { id: '28:sprechstunde-bot', name: 'Sprechstunde' };

export interface TeamsUser {
  /** Teams user id (29:…) */
  id: string;
  aadObjectId: string;
  name: string;
}

/** An activity the bot sent to the connector, with where it went. */
export type ReceivedActivity = Partial<Activity> & { conversationId: string; replyToId?: string };

export interface SendOptions {
  locale?: string;
  tenantId?: string;
  conversationId?: string;
  localTimezone?: string;
}

export interface TurnResult {
  status: number;
  /** Parsed JSON body of the /api/messages response (invoke responses), or undefined. */
  body: unknown;
  /** What the bot sent to the connector in answer to this activity. */
  replies: ReceivedActivity[];
  activity: Partial<Activity>;
}

export interface HarnessOptions {
  label?: string;
  directory?: Directory;
  clock?: Clock;
  /** Environment overrides (strings, as in process.env; `{connector}` = the local connector's URL). MicrosoftAppId etc. switch auth on. */
  env?: Record<string, string>;
  /** Start the app's outbox worker (default true); false keeps entries in the stream for the test to read, `h.app.outbox.runOnce()` delivers. */
  outboxWorker?: boolean;
  /** Video meeting provider instead of the configured one (e.g. one that fails). */
  meetings?: import('../../src/app/ports').MeetingProvider;
  /** Staff calendar provider instead of the one CALENDAR_PROVIDER names (e.g. one the test holds back). */
  calendarProvider?: import('../../src/calendars').CalendarProvider;
  /** Another Redis than the tests' (e.g. a server of the test's own); default TEST_REDIS_URL. */
  redisUrl?: string;
  /** A reloadable directory (instead of `directory`): its reloads reach the app as SIGHUP does. */
  directoryHolder?: import('../../src/config/directory-reload').DirectoryHolder;
}

class ScriptedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
  ) {
    super(`scripted ${status}`);
  }
}

export class LocalConnector {
  readonly activities: ReceivedActivity[] = [];
  readonly updates: ReceivedActivity[] = [];
  /** Requests the connector could not serve (unexpected paths); tests may assert it stays empty. */
  readonly errors: string[] = [];
  private gate: Promise<void> | undefined;
  private pendingCount = 0;
  private waiters: { pred: (a: ReceivedActivity) => boolean; resolve: (a: ReceivedActivity) => void }[] = [];
  /** Scripted answers per conversation (see failNext), and every POST answered with one. */
  private readonly scripted = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  readonly refused: { conversationId: string; status: number }[] = [];
  private server: Server;
  url = '';

  constructor() {
    this.server = createServer(
      (req, res) =>
        void this.handle(req).then(
          (body) => {
            res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
            res.end(JSON.stringify(body));
          },
          (e: Error) => {
            if (e instanceof ScriptedAnswer) {
              res.writeHead(e.status, { 'content-type': 'application/json', connection: 'close', ...e.headers });
              res.end(
                JSON.stringify({
                  error: { code: e.status === 429 ? 'Throttled' : 'Refused', message: 'scripted by the test' },
                }),
              );
              return;
            }
            this.errors.push(`${req.method} ${req.url}: ${e.message}`);
            res.statusCode = 404;
            res.end();
          },
        ),
    );
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first recorded (or future) activity matching `pred`. */
  waitFor(pred: (a: ReceivedActivity) => boolean, timeoutMs = 10_000): Promise<ReceivedActivity> {
    const found = this.activities.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connector: no matching activity arrived')), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      });
    });
  }

  /**
   * The next POSTs to this conversation are answered with these statuses, in order (then 200 again),
   * e.g. failNext(id, { status: 429, headers: { 'retry-after': '2' } }) or failNext(id, { status: 403 }).
   */
  failNext(conversationId: string, ...answers: { status: number; headers?: Record<string, string> }[]): void {
    this.scripted.set(conversationId, [...(this.scripted.get(conversationId) ?? []), ...answers]);
  }

  /**
   * Holds every request the bot makes until the returned function is called — keeps a turn
   * "in flight" (e.g. to test graceful shutdown). `pending()` counts the held requests.
   */
  pause(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  pending(): number {
    return this.pendingCount;
  }

  private async handle(req: IncomingMessage): Promise<unknown> {
    if (this.gate) {
      this.pendingCount++;
      await this.gate;
      this.pendingCount--;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Activity>) : {};
    const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!m) throw new Error('not found');
    const conversationId = decodeURIComponent(m[1]!);
    const pathActivityId = m[2] ? decodeURIComponent(m[2]) : undefined;
    if (req.method === 'PUT' && pathActivityId) {
      this.updates.push({ ...body, conversationId, id: pathActivityId });
      return { id: pathActivityId };
    }
    if (req.method !== 'POST') throw new Error('not found');
    const answer = this.scripted.get(conversationId)?.shift();
    if (answer) {
      this.refused.push({ conversationId, status: answer.status });
      throw new ScriptedAnswer(answer.status, answer.headers ?? {});
    }
    const id = randomUUID();
    const received: ReceivedActivity = { ...body, id, conversationId, replyToId: body.replyToId ?? pathActivityId };
    this.activities.push(received);
    this.waiters = this.waiters.filter((w) => (w.pred(received) ? (w.resolve(received), false) : true));
    return { id };
  }
}

export class TeamsHarness {
  constructor(
    readonly app: App,
    readonly connector: LocalConnector,
    readonly directory: Directory,
    private readonly cleanupRedis: () => Promise<void>,
    /** A Redis connection with the app's key prefix, to look at what the app stored. */
    readonly redis: import('ioredis').default,
    /** The connection the app itself uses (e.g. disconnect it to see /readyz fail). */
    readonly appRedis?: import('ioredis').default,
  ) {}

  get baseUrl(): string {
    return this.app.url;
  }

  /** A directory member as a Teams user, by staff id; the Playground's Jonas Becker by default. */
  user(staffId = 'jonas-becker'): TeamsUser {
    const s: Staff | undefined = this.directory.staff.find((x) => x.id === staffId);
    if (!s) throw new Error(`no staff member "${staffId}" in the harness directory`);
    return { id: `29:${s.id}`, aadObjectId: s.aadObjectId, name: s.name };
  }

  /** Someone who is not in the directory. */
  stranger(): TeamsUser {
    return { id: '29:stranger', aadObjectId: 'ffffffff-0000-4000-8000-000000000000', name: 'Unbekannt' };
  }

  /** A Teams-shaped activity for `user`; fields of `extra` win. */
  activity(user: TeamsUser, extra: Partial<Activity>, opts: SendOptions = {}): Partial<Activity> {
    const tenantId = opts.tenantId ?? HARNESS_TENANT_ID;
    return {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId, role: 'user' },
      recipient: { id: HARNESS_BOT.id, name: HARNESS_BOT.name, role: 'bot' },
      conversation: {
        id: opts.conversationId ?? `a:personal-${user.aadObjectId}`,
        conversationType: 'personal',
        tenantId,
        isGroup: false,
        name: '',
      },
      channelData: { tenant: { id: tenantId } },
      locale: opts.locale ?? 'de-DE',
      localTimezone: opts.localTimezone ?? 'Europe/Berlin',
      ...extra,
    };
  }

  /** Posts an activity to /api/messages and returns the turn's HTTP result and replies. */
  async send(activity: Partial<Activity>, headers: Record<string, string> = {}): Promise<TurnResult> {
    const { status, raw } = await postJson(`${this.baseUrl}/api/messages`, JSON.stringify(activity), headers);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const replies = this.connector.activities.filter((a) => a.replyToId === activity.id);
    return { status, body, replies, activity };
  }

  async say(text: string, user: TeamsUser = this.user(), opts: SendOptions = {}): Promise<ReceivedActivity[]> {
    return (await this.send(this.activity(user, { type: 'message', text, textFormat: 'plain' }, opts))).replies;
  }

  /** An Action.Submit: a message activity whose value is the button's data (plus inputs). */
  async submit(
    value: Record<string, unknown>,
    user: TeamsUser = this.user(),
    opts: SendOptions = {},
  ): Promise<ReceivedActivity[]> {
    return (await this.send(this.activity(user, { type: 'message', value }, opts))).replies;
  }

  /** An Action.Execute: an adaptiveCard/action invoke; the card answer is in `body.value`. */
  async invoke(
    action: { verb: string; data?: Record<string, unknown> },
    user: TeamsUser = this.user(),
    opts: SendOptions = {},
  ): Promise<TurnResult> {
    return this.send(
      this.activity(
        user,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', id: randomUUID(), verb: action.verb, data: action.data ?? {} },
            trigger: 'manual',
          },
        },
        opts,
      ),
    );
  }

  /** The bot was installed by `user` (personal scope): conversationUpdate with the bot added. */
  async install(user: TeamsUser = this.user(), opts: SendOptions = {}): Promise<ReceivedActivity[]> {
    return (
      await this.send(
        this.activity(
          user,
          { type: 'conversationUpdate', membersAdded: [{ id: HARNESS_BOT.id, name: HARNESS_BOT.name }] },
          opts,
        ),
      )
    ).replies;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.connector.stop();
    await this.cleanupRedis();
  }
}

/** POST without keep-alive (a pooled socket would keep jest waiting after the tests). */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; raw: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Text of a reply plus the texts inside its Adaptive Cards (TextBlock, FactSet, action titles). */
export function textOf(activity: Partial<Activity>): string {
  const parts: string[] = [activity.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value') && typeof v === 'string') parts.push(v);
        else walk(v);
      }
    }
  };
  walk(activity.attachments?.map((a): unknown => a.content));
  return parts.filter(Boolean).join('\n');
}

/** The first Adaptive Card in a reply, as JSON. */
export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
    Record<string, unknown> | undefined;
}

export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const connector = new LocalConnector();
  await connector.start();
  const { connect, cleanup, prefix } = testRedis(options.label ?? 'harness', options.redisUrl);
  const env: Env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.HARNESS_LOG_LEVEL ?? 'silent',
    REDIS_KEY_PREFIX: prefix,
    // No cron in tests (job bodies are called with an injected clock: h.app.jobs); mail files, if any, go to a temp dir.
    JOBS_ENABLED: 'false',
    MAIL_DIR: join(tmpdir(), `sprechstunde-mail-${options.label ?? 'harness'}`),
    SMS_DIR: join(tmpdir(), `sprechstunde-sms-${options.label ?? 'harness'}`),
    // `{connector}` in a value stands for the local connector's URL (e.g. TEAMS_SERVICE_URL).
    ...Object.fromEntries(
      Object.entries(options.env ?? {}).map(([k, v]) => [k, v.replace('{connector}', connector.url)]),
    ),
  });
  const holder = options.directoryHolder;
  const directory = holder?.get() ?? options.directory ?? loadDirectoryFile('config/directory.example.json');
  const appRedis = connect();
  const app = await createApp({
    env,
    logger: createLogger(env.LOG_LEVEL),
    directory: holder ? () => holder.get() : () => directory,
    ...(holder ? { onDirectoryReload: (listener: () => void) => holder.onReload(listener) } : {}),
    ...(options.calendarProvider ? { calendarProvider: options.calendarProvider } : {}),
    redis: appRedis,
    clock: options.clock,
    ...(options.outboxWorker === false ? { outboxWorker: false } : {}),
    ...(options.meetings ? { meetings: options.meetings } : {}),
    port: 0,
    host: '127.0.0.1',
  });
  return new TeamsHarness(app, connector, directory, cleanup, connect(), appRedis);
}
