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
