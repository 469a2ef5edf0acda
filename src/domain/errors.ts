/**
 * Typed domain errors. Each edge (bot, HTTP, jobs) maps `code` to a user message in one place;
 * the `detail` is for logs and never carries personal data.
 */
export type DomainErrorCode =
  | 'unknown-service'
  | 'unknown-staff'
  | 'unknown-team'
  | 'channel-not-offered'
  | 'service-not-offered-by-staff'
  | 'slot-in-past'
  | 'too-short-notice'
  | 'beyond-horizon'
  | 'invalid-range'
  | 'outside-working-hours'
  | 'not-on-site'
  | 'staff-absent'
  | 'slot-taken'
  /** A start the search never offers (off the service's slot grid, e.g. 10:27): a changed form or card. */
  | 'not-offered'
  /** The staff member's own calendar was never read (nor just now): nothing of it is known. */
  | 'calendar-not-read'
  | 'hold-expired'
  | 'appointment-not-found'
  | 'appointment-not-active'
  | 'stale-appointment'
  | 'not-allowed'
  | 'not-started'
  | 'move-limit'
  | 'contact-missing'
  | 'invalid-input';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly detail?: string,
    /** Extra machine-readable facts for the edge, e.g. { until: epochMs } (never personal data). */
    readonly facts: Record<string, string | number> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
