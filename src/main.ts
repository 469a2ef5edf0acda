/**
 * Composition root: env → logger → directory → Redis (must answer) → stores → bot → HTTP.
 *
 *   createApp(deps)  wires everything on a given Redis/directory and listens on `deps.port`
 *                    (0 = any free port); tests call it in-process. Returns { server, port, url, close }.
 *   main()           what `npm run serve` / `tsx src/main.ts` runs: sets the process's memory profile
 *                    (memory-profile.ts), reads the environment, fails with one line naming the
 *                    broken variable, handles SIGTERM/SIGINT (graceful shutdown) and SIGHUP (directory reload).
 */
import type { Server } from 'restify';
import { createBotEndpoint } from './bot/adapter';
import { createRouter, registerHandlers, type BotServices } from './bot/handlers';
import { TeamsBot } from './bot/teams-bot';
import { DirectoryHolder } from './config/directory-reload';
import { ConfigError, loadEnv, type Env } from './config/env';
import { teamOfStaff } from './domain/appointment-facts';
import { systemClock, type Clock } from './domain/clock';
import type { Appointment, Directory } from './domain/types';
import { isSupervisor } from './domain/supervision';
import { createHttpServer } from './http/server';
import { createLogger, type Logger } from './logger';
import { applyMemoryProfile } from './memory-profile';
import { ActivityDedupe } from './store/activity-dedupe';
import { ConversationRefStore } from './store/conversation-refs';
import { RedisFeedGenerations } from './store/feed-tokens';
import { assertRedisAnswers, closeRedis, createRedis } from './store/redis';
import type { RedisClient } from './store/redis-client';
import { hostname } from 'node:os';
import { safeError } from './domain/safe-error';
import { CitizenLinks, StaffFeedLinks } from './app/citizen-links';
import type { FactsQuery } from './app/build-report';
import { StoreCitizenCanceller } from './app/citizen-cancel';
import { StoreCitizenRescheduler } from './app/citizen-reschedule';
import { registerLegalPages } from './http/legal-pages';
import { registerPublicFallback } from './http/public-fallback';
import { runRetention } from './app/retention';
import type { SendSummariesDeps } from './app/send-daily-summaries';
import { SummaryReadCache } from './app/summary-reads';
import { PAST_WEEK_KEPT_MS, type SummaryReads } from './app/build-summary';
import { TeamsProactiveSender } from './bot/proactive';
import { renderSummaryMessage } from './bot/cards/summary-card';
import type { SupervisorServices } from './bot/supervisor';
import { deliverPendingSummary } from './bot/supervisor/summary';
import type { MeetingProvider, ProactiveSender } from './app/ports';
import { registerCalendarFeed } from './http/calendar-feed';
import { registerReportRoutes } from './http/report-routes';
import { registerCitizenRoutes, resolveCitizenLinkSecret } from './http/citizen-routes';
import { registerSevenWebhook } from './http/sms-webhook';
import { runReminderSweep } from './jobs/reminders';
import {
  calendarSyncJob,
  createScheduler,
  dailySummaryJob,
  standardJobs,
  type Scheduler,
  type StandardJobBodies,
} from './jobs/scheduler';
import { mailFromMismatch } from './delivery/mail/compose';
import { parseTrustProxy, trustProxyWarning } from './http/client-address';
import { OutboxWorker } from './delivery/outbox-worker';
import { addressOf } from './delivery/mail/mailer';
import { createMailer, type Mailer } from './delivery/mail/transport';
import { createGraphClient, createMeetingProvider } from './meetings';
import { CalendarSync, createCalendarProvider, type CalendarProvider } from './calendars';
import { AbsenceStore } from './store/absences';
import { AppointmentStore } from './store/appointments';
import { RedisSearchIndex } from './store/appointment-search';
import { readCalendarBusy } from './store/calendar-busy';
import { readAppointmentFacts } from './store/appointment-facts';
import { RedisOpenAlerts } from './store/open-alerts';
import { absenceAlertKey, appendOutbox, RedisDeadLetters, retentionAlertKey } from './store/outbox';
import { RedisPendingSummaries } from './store/pending-summaries';
import { storeReplanCommands } from './store/replan-commands';
import { ReplanOutcomeStore } from './store/replans';
import { ReplanProposalStore } from './store/replan-proposals';
import { RedisRetentionStore } from './store/retention';
import { RedisReplyStore } from './store/replies';
import { createMailbox, pollCron, type Mailbox } from './mailbox';
import { declinedNoticeCard, proposalNoticeCard } from './bot/cards/reply-cards';
import { createSmsProvider, deleteSmsFilesBefore, SmsDelivery, type SmsProvider } from './sms';
import { RedisShortLinks } from './store/short-links';
import { RedisSmsMessages } from './store/sms-messages';
import { declinedView, proposalView } from './bot/staff/replies';
import { deliverWaitingNotices } from './bot/staff/waiting-notices';
import { RedisWaitingNotices } from './store/waiting-notices';
import { CallStore } from './store/calls';
import { SmsStatusStore } from './store/sms-status';
import { RedisSmsReplies } from './store/sms-replies';
import { SmsInbound } from './sms/receipts';
import { callCard } from './bot/cards/call-cards';
import { callView } from './bot/staff/calls';
import { refuseOldKeyLayout } from './store/key-migration';
import { conversationOpener, TeamsAppInstaller } from './teams/app-installation';

export interface AppDeps {
  env: Env;
  logger: Logger;
  /** The current directory; called once per turn (DirectoryHolder.get in production). */
  directory: () => Directory;
  redis: RedisClient;
  clock?: Clock;
  /** Port to listen on; 0 picks a free one. Defaults to env.PORT. */
  port?: number;
  host?: string;
  /** close() quits this Redis connection (default true). */
  ownsRedis?: boolean;
  /** Mail transport; createMailer(env) by default (SMTP_URL, or .eml files in MAIL_DIR). */
  mailer?: Mailer;
  /** Video meeting links; createMeetingProvider(env) by default. */
  meetings?: MeetingProvider;
  /** Start the outbox worker (default true). The scheduler starts when env.JOBS_ENABLED. */
  outboxWorker?: boolean;
  /** Staff calendars; createCalendarProvider(env) by default (CALENDAR_PROVIDER). */
  calendarProvider?: CalendarProvider;
  /** Tells the app when the directory was reloaded (DirectoryHolder.onReload): new colleagues' calendars are read at once. */
  onDirectoryReload?: (listener: () => void) => void;
  /** SMS to citizens; createSmsProvider(env) by default (SMS_PROVIDER, files in SMS_DIR). */
  smsProvider?: SmsProvider;
}

export interface App {
  server: Server;
  port: number;
  url: string;
  services: BotServices;
  /** Proactive Teams messages (stats() feeds /readyz). */
  proactive: TeamsProactiveSender;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  /** The scheduled job bodies, callable with any `now` (tests, manual runs). */
  jobs: Required<StandardJobBodies>;
  /** The staff calendar sync (absent with CALENDAR_PROVIDER=none). */
  calendars?: CalendarSync;
  /** The organisation mailbox (IMAP or REPLY_DIR); `poll()` is one pass of the mailbox job. */
  mailbox: Mailbox;
  /** Graceful: stop accepting, finish in-flight turns, stop jobs and the outbox worker, close Redis. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { env, logger, redis } = deps;
  const clock = deps.clock ?? systemClock;

  // Stores and use-case ports shared by the bot, the HTTP routes, the outbox and the jobs.
  // A staff member whose own calendar is not read yet offers no time (CalendarSync.unread, below).
  const store: AppointmentStore = new AppointmentStore(redis, clock, {
    unreadCalendars: (staffIds): Promise<string[]> => calendars?.unread(staffIds) ?? Promise.resolve([]),
  });
  const searchIndex = new RedisSearchIndex(redis, env.AUDIT_RETENTION_DAYS * 86_400_000);
  const absences = new AbsenceStore(redis);
  const replies = new RedisReplyStore(redis, clock, store);
  // One Graph client (token cache) for Teams meetings and Outlook calendars, when credentials are set.
  const graph = createGraphClient(env, { clock, logger: logger.child({ component: 'graph' }) });
  const meetings =
    deps.meetings ??
    createMeetingProvider(env, undefined, {
      clock,
      logger: logger.child({ component: 'meetings' }),
      ...(graph ? { client: graph } : {}),
    });
  const deadLetters = new RedisDeadLetters(redis);
  const openAlerts = new RedisOpenAlerts(redis);
  const waitingNotices = new RedisWaitingNotices(redis);
  const pendingSummaries = new RedisPendingSummaries(redis);
  const calls = new CallStore(redis, clock);
  // Staff calendars (Outlook / CalDAV) → busy blocks in Redis; none: working hours only.
  const calendarProvider = deps.calendarProvider ?? createCalendarProvider(env, graph);
  const calendars: CalendarSync | undefined =
    calendarProvider.kind === 'none'
      ? undefined
      : new CalendarSync({
          provider: calendarProvider,
          redis,
          directory: deps.directory,
          clock,
          logger: logger.child({ component: 'calendars' }),
          tentativeIsBusy: env.CALENDAR_TENTATIVE_BUSY,
          staleAfterMs: env.CALENDAR_STALE_MINUTES * 60_000,
          jitTimeoutMs: env.CALENDAR_JIT_TIMEOUT_MS,
          alert: (key, msg) => appendOutbox(redis, { key, msg }),
          ownAppointments: (staffId, from, to) => store.listForStaff(staffId, from, to),
        });
  // The proactive sender needs the adapter, which exists only once the bot does: handlers reach it through this.
  let proactive: TeamsProactiveSender | undefined;
  const sender: ProactiveSender = {
    sendToStaff: (staffId, message) => {
      if (!proactive) throw new Error('proactive sender not ready');
      return proactive.sendToStaff(staffId, message);
    },
  };
  // Citizen pages, staff calendar feed ("Mein Kalender" in the bot), outbox delivery: all sign links with the same secret.
  const links = new CitizenLinks(await resolveCitizenLinkSecret(env, redis), env.PUBLIC_BASE_URL);
  const feedLinks = new StaffFeedLinks(links, new RedisFeedGenerations(redis));
  // What a period report reads: the appointments' facts (live and compacted), absences, own calendars.
  const reportReads = {
    facts: (query: FactsQuery) => readAppointmentFacts(redis, query),
    absences,
    ...(calendars
      ? {
          calendarBusy: (ids: readonly string[], from: number, to: number) => readCalendarBusy(redis, ids, from, to),
        }
      : {}),
  };
  const supervisor: SupervisorServices = {
    summary: {
      appointments: store,
      absences,
      problems: {
        countDeadLetters: () => deadLetters.countDeadLetters(),
        listUndeliveredAlerts: () => openAlerts.list(),
        ...(calendars ? { listStaleCalendars: () => calendars.staleCalendars() } : {}),
        waitingNoticesByStaff: (staffIds) => waitingNotices.countByStaff(staffIds),
        openCallsByStaff: (staffIds) => calls.countByStaff(staffIds),
        countIgnoredReplies: () => replies.countIgnored(),
      },
      alerts: openAlerts,
      replans: new ReplanOutcomeStore(redis),
      busy: store,
      reads: new SummaryReadCache<SummaryReads>(() => store.version()),
      pastReads: new SummaryReadCache<Appointment[]>(() => Promise.resolve('past'), { maxAgeMs: PAST_WEEK_KEPT_MS }),
      ...(calendars ? { calendarBusy: (ids, from, to) => readCalendarBusy(redis, ids, from, to) } : {}),
      pending: pendingSummaries,
      render: renderSummaryMessage,
    },
    outage: {
      absences,
      appointments: store,
      commands: storeReplanCommands(store, clock),
      outcomes: new ReplanOutcomeStore(redis),
      holds: store,
      meetings,
      proposals: new ReplanProposalStore(redis),
      proactive: sender,
    },
    report: { ...reportReads, links },
  };

  const services: BotServices = {
    clock,
    directory: deps.directory,
    conversationRefs: new ConversationRefStore(redis),
    dedupe: new ActivityDedupe(redis),
    supervisor,
    staff: {
      appointments: store,
      absences,
      meetings,
      outbox: (absenceId, alert) => appendOutbox(redis, { key: absenceAlertKey(absenceId), msg: alert }),
      replies,
      holdTtlSeconds: env.HOLD_TTL_SECONDS,
      reminderMinutes: env.REMINDER_CITIZEN_MINUTES,
      ...(calendars ? { calendars } : {}),
      calendarFeed: feedLinks,
      search: { index: searchIndex, appointments: store },
      calls,
    },
  };
  const router = registerHandlers(createRouter(), services);
  const bot = new TeamsBot({
    directory: services.directory,
    conversationRefs: services.conversationRefs,
    dedupe: services.dedupe,
    router,
    clock,
    logger: logger.child({ component: 'bot' }),
    tenantId: env.TEAMS_TENANT_ID,
    appId: env.MicrosoftAppId ?? '',
    beforeTurn: async (turn) => {
      await deliverPendingSummary(turn, supervisor.summary, clock);
      await deliverWaitingNotices(turn, waitingNotices);
    },
    waitingFor: async (staff) =>
      (await Promise.all([isSupervisor(staff) && pendingSummaries.waits(staff.id), waitingNotices.any(staff.id)])).some(
        Boolean,
      ),
  });
  const endpoint = createBotEndpoint(env, bot, logger.child({ component: 'bot' }));
  if (!endpoint.authenticationEnabled)
    logger.warn(
      'AUTHENTICATION IS OFF: MicrosoftAppId is empty, /api/messages accepts unsigned requests. Local use only.',
    );
  proactive = new TeamsProactiveSender({
    adapter: endpoint.adapter,
    appId: endpoint.appId,
    directory: deps.directory,
    conversationRefs: services.conversationRefs,
    logger: logger.child({ component: 'proactive' }),
  });
  const proactiveSender = proactive;

  const mailer =
    deps.mailer ??
    createMailer(env, {
      clock,
      // Its own client: limits that keep one sendMail inside the outbox lease (3 calls of ≤ 10 s, Retry-After ≤ 10 s).
      ...(env.MAIL_TRANSPORT === 'graph'
        ? {
            graph: createGraphClient(env, {
              clock,
              logger: logger.child({ component: 'mail' }),
              limits: { maxAttempts: 3, timeoutMs: 10_000, maxRetryAfterMs: 10_000 },
            }),
          }
        : {}),
    });
  const smsProvider = deps.smsProvider ?? (await createSmsProvider(env, logger.child({ component: 'sms' })));
  const shortLinks = new RedisShortLinks(redis, clock);
  const smsMessages = new RedisSmsMessages(redis);
  // What became of each SMS, on its appointment; a failed one may open a call (the receipts report here too).
  const smsStatus = new SmsStatusStore(redis, clock);
  // Receipts and replies, from SMPP's deliver_sm or seven.io's webhook: one path (src/sms/receipts.ts).
  const smsInbound = new SmsInbound({
    messages: smsMessages,
    status: smsStatus,
    replies: new RedisSmsReplies(redis, store),
    smsOff: (id, actor, detail) => store.smsOff(id, actor, detail),
    now: () => clock.now(),
    logger: logger.child({ component: 'sms' }),
  });
  smsProvider.listen?.(smsInbound);
  const outbox = new OutboxWorker(
    {
      redis,
      appointments: store,
      // A getter, so a directory reload (SIGHUP) reaches the worker too.
      get directory() {
        return deps.directory();
      },
      mailer,
      proactive: proactiveSender,
      links,
      clock,
      logger: logger.child({ component: 'outbox' }),
      // Creates the video link of a booking that got none at confirm time (provider down) before mailing it.
      meetingLinks: { meetings, store },
      openAlerts,
      waitingNotices,
      // A colleague who never opened the bot: install the app for them (TEAMS_APP_CATALOG_ID) and open the chat.
      ...(graph && env.TEAMS_APP_CATALOG_ID
        ? {
            openChat: conversationOpener(
              new TeamsAppInstaller({
                graph,
                teamsAppId: env.TEAMS_APP_CATALOG_ID,
                serviceUrl: env.TEAMS_SERVICE_URL,
                botAppId: env.MicrosoftAppId ?? '',
                ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
              }),
              services.conversationRefs,
              deps.directory,
            ),
          }
        : {}),
      // The "citizen declined" notice and the call card ("Bitte anrufen") carry the bot's buttons.
      cards: {
        declined: (a, directory, language, from) => declinedNoticeCard(declinedView(a, directory, language, from)),
        proposal: (a, directory, language) => proposalNoticeCard(proposalView(a, directory, language)),
        call: (a, call, directory, language) => callCard(callView(a, call, directory, language)),
      },
      calls,
      sms: new SmsDelivery({
        provider: smsProvider,
        shortLinks,
        publicBaseUrl: env.PUBLIC_BASE_URL,
        messages: smsMessages,
        receipts: smsInbound,
        status: smsStatus,
        ...(env.SMS_MONTHLY_LIMIT !== undefined ? { monthlyLimit: env.SMS_MONTHLY_LIMIT } : {}),
        now: () => clock.now(),
      }),
    },
    {
      consumer: `${hostname()}-${process.pid}`,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      ...(env.MAIL_FROM ? { mailFrom: env.MAIL_FROM } : {}),
      rescheduleMaxMoves: env.RESCHEDULE_MAX_MOVES,
    },
  );

  const summaryJobDeps = (): SendSummariesDeps => ({
    ...supervisor.summary,
    directory: deps.directory(),
    clock,
    sender,
    logger: logger.child({ component: 'daily-summary' }),
  });
  const mailFrom = addressOf(env.MAIL_FROM);
  const fromMismatch = mailFromMismatch(env.MAIL_FROM, deps.directory().organisation.mailbox);
  if (fromMismatch) logger.warn(fromMismatch);
  const proxyWarning = trustProxyWarning(parseTrustProxy(env.TRUST_PROXY));
  if (proxyWarning) logger.warn(proxyWarning);
  const mailbox = createMailbox(env, {
    store: replies,
    clock,
    logger: logger.child({ component: 'mailbox' }),
    ownAddresses: [deps.directory().organisation.mailbox, ...(mailFrom ? [mailFrom] : [])],
  });
  const jobs: Required<StandardJobBodies> = {
    dailySummary: (now) => dailySummaryJob(summaryJobDeps(), now),
    retention: (now) =>
      runRetention(
        {
          store: new RedisRetentionStore(redis, teamOfStaff(deps.directory().staff)),
          logger: logger.child({ component: 'retention' }),
          retentionDays: env.RETENTION_DAYS,
          auditRetentionDays: env.AUDIT_RETENTION_DAYS,
          ...(env.SMS_PROVIDER === 'file'
            ? { deleteSmsFilesBefore: (cutoff: number) => deleteSmsFilesBefore(env.SMS_DIR, cutoff) }
            : {}),
          reportUnreadable: async (ids) => {
            await appendOutbox(redis, {
              key: retentionAlertKey(ids),
              msg: { kind: 'supervisor-alert', facts: { kind: 'retention-unreadable', appointmentIds: [...ids] } },
            });
          },
        },
        now,
      ),
    reminderSweep: (now) =>
      runReminderSweep(
        {
          redis,
          appointments: store,
          citizenMinutes: env.REMINDER_CITIZEN_MINUTES,
          staffMinutes: env.REMINDER_STAFF_MINUTES,
          smsMinutes: env.REMINDER_SMS_MINUTES,
        },
        now,
      ),
    mailboxPoll: {
      cron: pollCron(env.MAILBOX_POLL_SECONDS),
      everyMs: env.MAILBOX_POLL_SECONDS * 1000,
      run: () => mailbox.poll(),
    },
  };
  const scheduler = createScheduler({
    redis,
    clock,
    logger: logger.child({ component: 'jobs' }),
    jobs: [
      ...standardJobs(env.SUMMARY_CRON, jobs),
      ...(calendars ? [calendarSyncJob(env.CALENDAR_SYNC_MINUTES, (now) => calendars.syncAll(now))] : []),
    ],
  });

  const http = createHttpServer({
    bot: endpoint,
    redis,
    logger,
    readiness: () => ({
      directory: { staff: deps.directory().staff.length },
      proactive: proactiveSender.stats(),
      jobs: env.JOBS_ENABLED,
      mail: mailer.kind,
      // Informational too: an SMPP session that is not bound keeps SMS in the outbox (retried, alerted when dead).
      sms: { kind: smsProvider.kind, ...smsProvider.status?.() },
      // Informational: a stale staff calendar never makes an instance unready (booking goes on with the last sync).
      calendars: calendarProvider.kind,
    }),
    routes: [
      (server) =>
        registerCitizenRoutes(server, {
          redis,
          appointments: store,
          canceller: new StoreCitizenCanceller(store, clock),
          rescheduler: new StoreCitizenRescheduler(() => ({
            directory: deps.directory(),
            clock,
            store,
            absences,
            maxMoves: env.RESCHEDULE_MAX_MOVES,
          })),
          publicBaseUrl: env.PUBLIC_BASE_URL,
          sms: { shortLinks, smsOff: (id) => store.smsOff(id, 'citizen', 'citizen page') },
          ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
          directory: deps.directory,
          links,
          clock,
          logger,
        }),
      ...(env.SMS_PROVIDER === 'seven' && env.SMS_WEBHOOK_SECRET
        ? [
            (server: Server) =>
              registerSevenWebhook(server, {
                secret: env.SMS_WEBHOOK_SECRET!,
                publicBaseUrl: env.PUBLIC_BASE_URL,
                events: smsInbound,
                logger,
                now: () => clock.now(),
              }),
          ]
        : []),
      (server) => registerLegalPages(server, { directory: deps.directory, retentionDays: env.RETENTION_DAYS }),
      (server) => registerPublicFallback(server, { directory: deps.directory }),
      (server) =>
        registerCalendarFeed(server, {
          redis,
          appointments: store,
          directory: deps.directory,
          links,
          feedLinks,
          clock,
          logger: logger.child({ component: 'feed' }),
          ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
        }),
      (server) =>
        registerReportRoutes(server, {
          redis,
          directory: deps.directory,
          links,
          clock,
          logger,
          report: reportReads,
          ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
        }),
    ],
  });
  const port = await http.listen(deps.port ?? env.PORT, deps.host);
  logger.info({ port, auth: endpoint.authenticationEnabled }, 'listening');
  if (deps.outboxWorker !== false) outbox.start();
  if (env.JOBS_ENABLED) scheduler.start();
  // Outlook from the first minute: calendars not read yet (a fresh deployment, a colleague added by a
  // reload) are read now, not after the first CALENDAR_SYNC_MINUTES; until then their times are not offered.
  if (calendars) {
    const readUnread = () =>
      void calendars
        .readUnread()
        .catch((err: unknown) => logger.warn({ err: safeError(err) }, 'first read of staff calendars failed'));
    readUnread();
    deps.onDirectoryReload?.(readUnread);
  }
  // Appointments booked before the search index existed are indexed once (idempotent beside live bookings).
  const backfill = env.JOBS_ENABLED
    ? searchIndex.backfill().then(
        (indexed) => {
          if (indexed > 0) logger.info({ indexed }, 'search index: earlier appointments indexed');
        },
        (e: unknown) =>
          logger.error({ err: safeError(e) }, 'search index backfill failed; it runs again at the next start'),
      )
    : Promise.resolve();
  logger.info(
    {
      outbox: deps.outboxWorker !== false,
      jobs: env.JOBS_ENABLED,
      mail: mailer.kind,
      sms: smsProvider.kind,
      meetings: env.MEETING_PROVIDER,
      calendars: calendarProvider.kind,
    },
    'workers started',
  );

  let closing: Promise<void> | undefined;
  return {
    server: http.server,
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    proactive: proactiveSender,
    outbox,
    scheduler,
    jobs,
    ...(calendars ? { calendars } : {}),
    mailbox,
    close: () =>
      (closing ??= (async () => {
        await http.shutdown();
        await backfill;
        // Jobs and deliveries in progress finish; what is not delivered stays in the outbox for the next instance.
        await scheduler.stop();
        await outbox.stop();
        mailer.close();
        await smsProvider.close();
        if (deps.ownsRedis !== false) await closeRedis(redis);
        logger.info('stopped');
      })()),
  };
}

export async function main(): Promise<App> {
  applyMemoryProfile();
  let env: Env;
  try {
    env = loadEnv();
  } catch (e) {
    // One line naming the variable; no stack trace for a configuration mistake.
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  let directory: DirectoryHolder;
  let redis: RedisClient | undefined;
  try {
    directory = new DirectoryHolder(env.DIRECTORY_FILE, logger);
    redis = createRedis(env);
    redis.on('error', (e: Error) => logger.warn({ error: e.message }, 'redis connection error'));
    await assertRedisAnswers(redis, env.REDIS_CLUSTER_NODES ?? env.REDIS_SENTINELS ?? new URL(env.REDIS_URL).host);
    await refuseOldKeyLayout(env);
  } catch (e) {
    redis?.disconnect();
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  const app = await createApp({
    env,
    logger,
    directory: () => directory.get(),
    onDirectoryReload: (listener) => directory.onReload(listener),
    redis,
  });
  directory.reloadOnSighup();
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return app;
}

if (require.main === module) void main();
