/**
 * Why a meeting link could not be created. `retryable` tells the caller (booking, outbox) whether
 * trying again later can help; the appointment stays booked either way.
 */
export type MeetingErrorCode =
  /** Credentials refused (token endpoint, or Graph answered 401 twice). Fix the configuration. */
  | 'unauthorized'
  /** Graph answered 403: permission or application access policy missing for the organizer. */
  | 'forbidden'
  /** Still throttled (429) after the allowed retries, or Retry-After longer than we wait. */
  | 'rate-limited'
  /** Graph or the token endpoint kept failing (5xx, network error, timeout). */
  | 'unavailable'
  /** Graph refused the request itself (other 4xx), e.g. unknown organizer. */
  | 'rejected'
  /** A 2xx answer without the expected fields. */
  | 'invalid-response';

const RETRYABLE: ReadonlySet<MeetingErrorCode> = new Set(['rate-limited', 'unavailable']);

export class MeetingProviderError extends Error {
  override readonly name = 'MeetingProviderError';
  readonly retryable: boolean;
  constructor(
    readonly code: MeetingErrorCode,
    /** For logs: status codes and Graph error codes, never meeting subjects. */
    readonly detail: string,
    /** How long the server asked us to wait, when it did (ms). */
    readonly retryAfterMs?: number,
  ) {
    super(`${code}: ${detail}`);
    this.retryable = RETRYABLE.has(code);
  }
}

export const isMeetingProviderError = (e: unknown): e is MeetingProviderError => e instanceof MeetingProviderError;
