import pino from 'pino';

/**
 * Structured logs. Personal data (citizen names, emails, phone numbers, notes) never goes in:
 * log ids (appointment, staff, activity), never contents. The redact list is a safety net.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info') {
  return pino({
    level,
    base: { service: 'sprechstunde' },
    redact: {
      paths: [
        'citizen',
        '*.citizen',
        'email',
        '*.email',
        'phone',
        '*.phone',
        'name',
        '*.name',
        'note',
        '*.note',
        'text',
        '*.text',
      ],
      censor: '[redacted]',
    },
  });
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
  return { type: e.name, code: typeof code === 'string' || typeof code === 'number' ? code : undefined, frames };
}
