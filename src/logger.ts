import pino from 'pino';

/**
 * Structured logs. Personal data (citizen names, emails, phone numbers, notes) and secrets (citizen
 * link and feed tokens, hold tokens, authorization headers) never go in: log ids (appointment,
 * staff, activity), never contents; request paths with their tokens masked (`maskTokens`). The
 * redact list is a safety net. A nested `name` is not redacted, so error names (`err.name`) stay.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'sprechstunde' },
    redact: {
      paths: [
        'citizen',
        '*.citizen',
        'citizenName',
        '*.citizenName',
        'email',
        '*.email',
        'phone',
        '*.phone',
        'name',
        'note',
        '*.note',
        'text',
        '*.text',
        'token',
        '*.token',
        'holdToken',
        '*.holdToken',
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A URL path with its secrets masked: /c/<token>… and /feed/<staff>/<token>… keep only their shape. */
export function maskTokens(path: string): string {
  return path
    .replace(/^\/c\/[^/?#]+/, '/c/[token]')
    .replace(/^\/feed\/([^/?#]+)\/[^/?#]+/, '/feed/$1/[token]')
    .replace(/([?&](?:token|t|key)=)[^&#]*/gi, '$1[token]');
}

export type Logger = pino.Logger;

/**
 * The one convention for errors in logs: `logger.error({ err: safeError(e) }, '…')`.
 * Error details for logs without personal data: type, code and stack frames, not the message. */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1, 8)
    .map((l) => l.trim());
  return {
    type: e.name,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    ...redisCause(e),
    frames,
  };
}

/**
 * A Redis error reply names its cause in its first word (OOM, READONLY, MISCONF, …) — no personal
 * data, and the one fact an operator needs: "ReplyError" alone does not say that Redis is full.
 */
export function redisCause(e: Error): { cause?: string } {
  if (e.name !== 'ReplyError') return {};
  const word = /^([A-Z][A-Z_-]{1,30})\b/.exec(e.message)?.[1];
  if (!word) return { cause: 'redis error reply' };
  const known: Record<string, string> = {
    OOM: 'Redis is out of memory (maxmemory reached, noeviction): writes are refused',
    READONLY: 'Redis is a read-only replica: writes are refused',
    MISCONF: 'Redis cannot persist (RDB/AOF error): writes are refused',
    LOADING: 'Redis is loading its data set',
    BUSY: 'Redis is busy running a script',
    CLUSTERDOWN: 'Redis Cluster is down',
    NOSCRIPT: 'Lua script not loaded',
  };
  return { cause: `${word}: ${known[word] ?? 'Redis refused the command'}` };
}
