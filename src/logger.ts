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
    .replace(/^\/auswertung\/[^/?#]+/, '/auswertung/[token]')
    .replace(/([?&](?:token|t|key)=)[^&#]*/gi, '$1[token]');
}

export type Logger = pino.Logger;

// The convention for errors in logs, `logger.error({ err: safeError(e) }, '…')`, lives in
// src/domain/safe-error.ts: use cases log errors too, and app/ may import only the domain.
