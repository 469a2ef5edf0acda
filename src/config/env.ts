import { z } from 'zod';

/** REDIS_KEY_PREFIX when none is set: the keys `{sprechstunde}:…`. */
export const DEFAULT_REDIS_KEY_PREFIX = 'sprechstunde:';

/**
 * Every environment variable the service reads, parsed once at start-up.
 * `.env.example` documents each one; keep the two in step.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const int = (dflt: number, min = 0) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(dflt));
const bool = (dflt: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).default(dflt ? 'true' : 'false'))
    .transform((v) => v === 'true' || v === '1');

export const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: int(3978, 1),
    /** Public address; empty = http://localhost:<PORT> (so a changed PORT keeps local links working). */
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    /** `npm start` only (scripts/local.ts): the Agents Playground's port; a taken one falls back to a free one. */
    PLAYGROUND_PORT: int(56150, 1),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),

    // Bot Framework authentication. Without MicrosoftAppId, authentication is off (local only).
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    ),
    MicrosoftAppTenantId: optionalString,
    /** The Entra tenant whose users may use the bot; activities from other tenants are refused. */
    TEAMS_TENANT_ID: optionalString,
    /**
     * Proxies in front of the citizen pages (rate limit per client): a hop count (1 for Azure App
     * Service or one nginx) or their addresses / CIDR ranges; empty = none (X-Forwarded-For ignored).
     */
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^(\d+|[0-9A-Fa-f:.]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f:.]+(\/\d{1,3})?)*)$/,
          'a hop count (e.g. 1) or comma-separated addresses / CIDR ranges (e.g. 10.0.0.0/8,169.254.0.0/16)',
        )
        .optional(),
    ),

    // Redis: exactly one of URL, Sentinel or Cluster.
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
        .default('redis://127.0.0.1:6379'),
    ),
    REDIS_SENTINELS: optionalString,
    REDIS_SENTINEL_NAME: optionalString,
    REDIS_CLUSTER_NODES: optionalString,
    REDIS_KEY_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[^{}]*$/, 'must not contain { or }')
        // The name becomes the hash tag of every key (`seelze:` → `{seelze}:`, src/store/keys.ts).
        .regex(/[^:]/, 'needs a name, e.g. seelze:')
        .default(DEFAULT_REDIS_KEY_PREFIX),
    ),

    DIRECTORY_FILE: z.preprocess(emptyToUndefined, z.string().default('config/directory.example.json')),

    // Mail: MAIL_TRANSPORT=smtp sends through SMTP_URL (without it, .eml files go to MAIL_DIR);
    // MAIL_TRANSPORT=graph hands the same MIME message to Graph sendMail (GRAPH_*, Mail.Send).
    MAIL_TRANSPORT: z.preprocess(emptyToUndefined, z.enum(['smtp', 'graph']).default('smtp')),
    /** password: the user and password in SMTP_URL; xoauth2: the user in SMTP_URL, a token from the GRAPH_* app registration. */
    SMTP_AUTH: z.preprocess(emptyToUndefined, z.enum(['password', 'xoauth2']).default('password')),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
        .optional(),
    ),
    MAIL_FROM: optionalString,
    MAIL_DIR: z.preprocess(emptyToUndefined, z.string().default('var/mail')),
    OUTBOX_MAX_ATTEMPTS: int(8, 1),

    // SMS to citizens' mobile numbers (with consent): `file` writes one file per SMS to SMS_DIR;
    // `smpp` sends over SMPP 3.4 to SMS_URL (src/sms/smpp.ts); `seven` over seven.io's HTTP API
    // (src/sms/seven.ts, docs/adr/0008-http-sms-provider.md).
    SMS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['file', 'smpp', 'seven']).default('file')),
    SMS_DIR: z.preprocess(emptyToUndefined, z.string().default('var/sms')),
    /** SMS_PROVIDER=smpp: smpp://system_id:password@host:2775 (ssmpp:// for TLS; %-encode @ : / in the parts). */
    SMS_URL: optionalString,
    /** The sender the citizen sees: a name of at most 11 letters/digits (e.g. Seelze) or a number (+49…). */
    SMS_SENDER: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^(\+?\d{3,15}|[A-Za-z0-9 .-]{1,11})$/,
          'must be a name of at most 11 letters, digits, spaces, dots or dashes, or a number (+49…)',
        )
        .default('Seelze'),
    ),
    /** SMS_PROVIDER=seven: the API key of the seven.io account (dashboard → Developer → API keys). */
    SMS_API_KEY: optionalString,
    /** SMS_PROVIDER=seven: the API's base URL; only tests point it elsewhere (a local stand-in). */
    SMS_API_URL: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://gateway.seven.io/api'),
    ),
    /**
     * SMS_PROVIDER=seven: the signing secret of the webhooks (delivery reports, replies) that seven.io
     * posts to PUBLIC_BASE_URL/sms/seven; a request without its valid signature is refused.
     */
    SMS_WEBHOOK_SECRET: optionalString,
    /** SMPP: submit_sm awaiting their response at most (the window the aggregator allows). */
    SMS_SMPP_WINDOW: int(10, 1),
    /** Submits per second at most (what the contract with the provider allows). */
    SMS_RATE_PER_SECOND: int(100, 1),
    /**
     * SMS segments per calendar month (Berlin) for the whole deployment; beyond it no SMS is sent, the
     * citizen goes on the call list and the supervisors get one alert. Empty: no limit (still counted).
     */
    SMS_MONTHLY_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).optional()),
    /** HMAC key of citizen cancel links and staff feed URLs; required in production (≥ 32 characters). */
    CITIZEN_LINK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, 'must have at least 32 characters').optional(),
    ),

    // Video meetings
    MEETING_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['url-template', 'teams']).default('url-template')),
    MEETING_URL_TEMPLATE: z.preprocess(
      emptyToUndefined,
      z.string().includes('{room}', { message: 'must contain {room}' }).default('https://meet.jit.si/seelze-{room}'),
    ),
    GRAPH_TENANT_ID: optionalString,
    GRAPH_CLIENT_ID: optionalString,
    GRAPH_CLIENT_SECRET: optionalString,
    GRAPH_ORGANIZER_USER_ID: optionalString,
    GRAPH_BASE_URL: z.preprocess(emptyToUndefined, z.url().default('https://graph.microsoft.com/v1.0')),
    /**
     * The app's id in the tenant's Teams app catalog (not the manifest id): with it and GRAPH_*, a staff
     * member who never opened the bot gets it installed (TeamsAppInstallation.ReadWriteSelfForUser.All)
     * when a notice is due, and the notice arrives in the new personal chat. Empty: mail + next opening.
     */
    TEAMS_APP_CATALOG_ID: optionalString,
    /** Bot Connector endpoint for conversations the bot opens itself (Microsoft's global one by default). */
    TEAMS_SERVICE_URL: z.preprocess(emptyToUndefined, z.url().default('https://smba.trafficmanager.net/teams/')),
    GRAPH_LOGIN_URL: z.preprocess(emptyToUndefined, z.url().default('https://login.microsoftonline.com')),

    // Staff members' own calendars (busy blocks honoured by slots and bookings)
    CALENDAR_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['none', 'graph', 'caldav']).default('none')),
    /** Sync interval of every staff calendar (cron every N minutes, so a divisor of 60 keeps it even). */
    CALENDAR_SYNC_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(59).default(5)),
    /** A calendar without a successful read for this long is stale: one supervisor alert, listed in the summary. */
    CALENDAR_STALE_MINUTES: int(30, 1),
    /** Bound of the just-in-time refresh of one staff member's calendar when a slot is held. */
    CALENDAR_JIT_TIMEOUT_MS: int(2000, 100),
    /** Tentative meetings block (busy and out-of-office always do; free and working-elsewhere never). */
    CALENDAR_TENTATIVE_BUSY: bool(true),
    CALDAV_URL: z.preprocess(
      emptyToUndefined,
      z
        .url()
        .refine((u) => u.includes('{upn}') || u.includes('%7Bupn%7D'), 'must contain {upn}')
        .optional(),
    ),
    CALDAV_USERNAME: optionalString,
    CALDAV_PASSWORD: optionalString,
    // The organisation mailbox: citizens' calendar answers (iTIP REPLY / COUNTER). Without
    // MAILBOX_URL, .eml files dropped into REPLY_DIR are read instead (the mirror of MAIL_DIR).
    MAILBOX_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^imaps?:\/\/[^/@\s]+@[^/\s]+(\/.*)?$/,
          'must look like imaps://user@host/INBOX or imap://user@host:143/INBOX',
        )
        .refine((v) => !/^imaps?:\/\/[^/@]*:[^/@]*@/.test(v), 'must not contain the password (use MAILBOX_PASSWORD)')
        .optional(),
    ),
    MAILBOX_PASSWORD: optionalString,
    MAILBOX_AUTH: z.preprocess(emptyToUndefined, z.enum(['password', 'xoauth2']).default('password')),
    MAILBOX_PROCESSED_FOLDER: optionalString,
    REPLY_DIR: z.preprocess(emptyToUndefined, z.string().default('var/replies')),
    MAILBOX_POLL_SECONDS: int(60, 5).refine(
      (n) => (n < 60 ? 60 % n === 0 : n % 60 === 0 && n <= 3600 && 60 % (n / 60) === 0),
      'must divide a minute (5, 10, 15, 20, 30) or an hour in whole minutes (60, 120, 300, 600, 900, 1200, 1800, 3600)',
    ),

    // Scheduling and jobs
    HOLD_TTL_SECONDS: int(300, 30),
    /** How often a citizen may move one appointment through the reschedule link (0 = the link only shows the phone number). */
    RESCHEDULE_MAX_MOVES: int(2, 0),
    SUMMARY_CRON: z.preprocess(emptyToUndefined, z.string().default('0 7 * * 1-5')),
    REMINDER_CITIZEN_MINUTES: int(24 * 60, 1),
    REMINDER_STAFF_MINUTES: int(10, 1),
    /** The reminder SMS, minutes before the start (citizens with SMS consent and a mobile number). */
    REMINDER_SMS_MINUTES: int(24 * 60, 1),
    RETENTION_DAYS: int(90, 1),
    AUDIT_RETENTION_DAYS: int(365, 1),
    JOBS_ENABLED: bool(true),
  })
  .superRefine((env, ctx) => {
    const modes = [env.REDIS_SENTINELS, env.REDIS_CLUSTER_NODES].filter(Boolean).length;
    if (modes > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_SENTINELS'],
        message: 'set either REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both',
      });
    if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME)
      ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'required with REDIS_SENTINELS' });
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId)
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'required when NODE_ENV=production (authentication must not be off)',
      });
    if (env.NODE_ENV === 'production' && !env.CITIZEN_LINK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['CITIZEN_LINK_SECRET'],
        message: 'required when NODE_ENV=production (e.g. openssl rand -base64 48)',
      });
    if (env.MicrosoftAppId && !env.MicrosoftAppTenantId)
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'required with MicrosoftAppId (single-tenant or managed identity)',
      });
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppPassword)
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required for MicrosoftAppType=SingleTenant',
      });
    for (const issue of smsIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
    if (env.CALENDAR_PROVIDER === 'caldav' && !env.CALDAV_URL)
      ctx.addIssue({ code: 'custom', path: ['CALDAV_URL'], message: 'required with CALENDAR_PROVIDER=caldav' });
    if (env.MAILBOX_URL && env.MAILBOX_AUTH === 'password' && !env.MAILBOX_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['MAILBOX_PASSWORD'],
        message: 'required with MAILBOX_URL (or MAILBOX_AUTH=xoauth2)',
      });
    if (env.MAILBOX_URL && env.MAILBOX_AUTH === 'xoauth2')
      for (const k of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const)
        if (!env[k])
          ctx.addIssue({ code: 'custom', path: [k], message: 'required with MAILBOX_AUTH=xoauth2 (Exchange Online)' });
    for (const issue of mailTransportIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
    if (env.TEAMS_APP_CATALOG_ID)
      for (const k of GRAPH_CREDENTIALS)
        if (!env[k])
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: 'required with TEAMS_APP_CATALOG_ID (installing the app for colleagues)',
          });
    if (env.CALENDAR_PROVIDER === 'graph')
      for (const k of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const)
        if (!env[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required with CALENDAR_PROVIDER=graph' });
    if (env.MEETING_PROVIDER === 'teams')
      for (const k of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_ORGANIZER_USER_ID'] as const)
        if (!env[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required with MEETING_PROVIDER=teams' });
  })
  .transform((env) => ({ ...env, PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}` }));

export type Env = z.infer<typeof envSchema>;

const GRAPH_CREDENTIALS = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const;

/** What MAIL_TRANSPORT and SMTP_AUTH need (Microsoft 365 refuses Basic authentication from 2027). */
function mailTransportIssues(
  env: { MAIL_TRANSPORT: 'smtp' | 'graph'; SMTP_AUTH: 'password' | 'xoauth2'; SMTP_URL?: string | undefined } & {
    [K in (typeof GRAPH_CREDENTIALS)[number]]?: string | undefined;
  },
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const needGraph = (why: string) => {
    for (const k of GRAPH_CREDENTIALS) if (!env[k]) issues.push({ path: [k], message: `required with ${why}` });
  };
  if (env.MAIL_TRANSPORT === 'graph') {
    needGraph('MAIL_TRANSPORT=graph (Mail.Send)');
    if (env.SMTP_URL)
      issues.push({ path: ['SMTP_URL'], message: 'not used with MAIL_TRANSPORT=graph (leave it empty)' });
    return issues;
  }
  if (env.SMTP_AUTH !== 'xoauth2') return issues;
  needGraph('SMTP_AUTH=xoauth2 (Exchange Online)');
  const url = env.SMTP_URL ? URL.parse(env.SMTP_URL) : null;
  if (!env.SMTP_URL)
    issues.push({
      path: ['SMTP_URL'],
      message: 'required with SMTP_AUTH=xoauth2 (e.g. smtp://termine%40seelze.de@smtp.office365.com:587)',
    });
  else if (!url?.username)
    issues.push({
      path: ['SMTP_URL'],
      message: 'must name the mailbox user with SMTP_AUTH=xoauth2 (smtp://termine%40seelze.de@smtp.office365.com:587)',
    });
  else if (url.password)
    issues.push({ path: ['SMTP_URL'], message: 'must not contain a password with SMTP_AUTH=xoauth2' });
  return issues;
}

/** What the SMS provider needs: SMS_URL in the provider's form; seven.io its key and webhook secret. */
function smsIssues(env: {
  SMS_PROVIDER: string;
  SMS_URL?: string | undefined;
  SMS_API_KEY?: string | undefined;
  SMS_WEBHOOK_SECRET?: string | undefined;
}): { path: string[]; message: string }[] {
  if (env.SMS_PROVIDER === 'seven') {
    const issues: { path: string[]; message: string }[] = [];
    if (!env.SMS_API_KEY)
      issues.push({
        path: ['SMS_API_KEY'],
        message: 'required with SMS_PROVIDER=seven (seven.io → Developer → API keys)',
      });
    else if (!/^[\x21-\x7e]{8,200}$/.test(env.SMS_API_KEY))
      issues.push({ path: ['SMS_API_KEY'], message: 'must be the API key as seven.io shows it (no spaces)' });
    if (!env.SMS_WEBHOOK_SECRET)
      issues.push({
        path: ['SMS_WEBHOOK_SECRET'],
        message: 'required with SMS_PROVIDER=seven: the signing secret of the webhooks to PUBLIC_BASE_URL/sms/seven',
      });
    return issues;
  }
  if (env.SMS_PROVIDER !== 'smpp') return [];
  if (!env.SMS_URL)
    return [{ path: ['SMS_URL'], message: 'required with SMS_PROVIDER=smpp (smpp://system_id:password@host:2775)' }];
  if (!/^s?smpp:\/\/[^:@/\s]+:[^@/\s]+@[^/:\s]+(:\d{1,5})?\/?$/.test(env.SMS_URL))
    return [
      {
        path: ['SMS_URL'],
        message: 'must be smpp://system_id:password@host:2775 with SMS_PROVIDER=smpp (ssmpp:// for TLS)',
      },
    ];
  return [];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line per broken variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
}
