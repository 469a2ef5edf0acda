/**
 * SMS_PROVIDER=seven: seven.io's HTTP API (seven communications, Kiel; processing in Germany — why
 * this provider: docs/adr/0008-http-sms-provider.md). One form POST to `<SMS_API_URL>/sms` per SMS,
 * authenticated by the X-Api-Key header, with `json=1` so the answer names the message id that
 * delivery reports come back with. seven.io sends one concatenated SMS as one message: one id.
 *
 * Answers, mapped for the outbox (src/store/outbox/consumer.ts):
 * - accepted (return code 100): the message id, recorded in the part ledger for the receipts;
 * - 429, 5xx, a timeout or no connection: SmsUnavailable (retried with backoff, at least Retry-After);
 * - a refused key, a wrong number or sender (900, 202, 306, HTTP 401/403, …): SmsRefused, dead-lettered
 *   at once with the code — the number never goes into a reason or a log line unmasked.
 * Each request is bounded in time (`timeoutMs`) and its answer in size (src/net/bounded-body.ts).
 * Delivery reports and replies arrive by webhook: src/http/sms-webhook.ts.
 */
import { z } from 'zod';
import { maskPhone } from '../domain/phone';
import type { Logger } from '../logger';
import { AnswerTooLargeError, discardBounded, readBoundedText } from '../net/bounded-body';
import { parseRetryAfter } from '../net/retry-after';
import { SmsRefused, SmsUnavailable, type SmsPartLedger, type SmsProvider, type SmsSent } from './provider';

export const SEVEN_API_URL = 'https://gateway.seven.io/api';

export interface SevenOptions {
  /** SMS_API_KEY. */
  apiKey: string;
  /** SMS_SENDER: an alphanumeric name (≤ 11 characters) or a number. */
  sender: string;
  /** SMS_API_URL: the API's base (…/api); tests point it at a local stand-in. */
  apiUrl?: string;
  logger: Logger;
  /** How long one request may take, answer included. */
  timeoutMs?: number;
  now?: () => number;
}

/** An answer of seven.io is a few hundred bytes; anything near this is not one. */
const ANSWER_MAX_BYTES = 64 * 1024;

type Outcome = 'refused' | 'unavailable' | 'auth' | 'duplicate';

/**
 * seven.io's return codes (the answer's `success`, or a message's `error`) other than 100/101
 * (sent), and what each means here: whether trying again later can help.
 */
const RETURN_CODES: Record<string, { outcome: Outcome; what: string }> = {
  '201': { outcome: 'refused', what: 'invalid country code' },
  '202': { outcome: 'refused', what: 'invalid recipient number' },
  '301': { outcome: 'refused', what: 'no recipient' },
  '305': { outcome: 'refused', what: 'no text' },
  '306': { outcome: 'refused', what: 'sender refused (SMS_SENDER)' },
  '401': { outcome: 'refused', what: 'text too long' },
  // The same text to the same number within 180 s: an earlier attempt whose answer was lost was sent.
  '402': { outcome: 'duplicate', what: 'sent within the last 180 s already' },
  '500': { outcome: 'unavailable', what: 'no credit left on the account' },
  '600': { outcome: 'unavailable', what: 'carrier failed' },
  '700': { outcome: 'unavailable', what: 'unknown error' },
  '900': { outcome: 'auth', what: 'API key refused (SMS_API_KEY)' },
  '902': { outcome: 'auth', what: 'API access deactivated for this account' },
  '903': { outcome: 'auth', what: 'server IP not allowed for this API key' },
};
const SENT = new Set(['100', '101']);

const code = z.union([z.string(), z.number()]).transform(String);
const answerSchema = z.object({
  success: code,
  messages: z
    .array(
      z.object({
        id: code.nullish(),
        success: z.boolean().nullish(),
        error: code.nullish(),
      }),
    )
    .optional(),
});

/** The return code and message id of an answer: JSON (json=1) or, from older gateways, the bare code. */
export function parseSevenAnswer(text: string): { code: string; messageId?: string } | null {
  const bare = /^\s*(\d{3})\s*$/.exec(text);
  if (bare) return { code: bare[1]! };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return null;
  const message = parsed.data.messages?.[0];
  const id = message?.id ?? undefined;
  // One recipient: the message's own error, when it has one, is the more precise answer.
  if (message && message.success === false && message.error) return { code: message.error };
  return { code: parsed.data.success, ...(id ? { messageId: id } : {}) };
}

export class SevenProvider implements SmsProvider {
  readonly kind = 'http' as const;
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private closed = false;
  private lastError: string | undefined;

  constructor(private readonly o: SevenOptions) {
    this.url = `${(o.apiUrl ?? SEVEN_API_URL).replace(/\/+$/, '')}/sms`;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  /** For /readyz: informational (SMS wait in the outbox while the API refuses or is away). */
  status(): { bound: boolean; lastError?: string } {
    return { bound: this.lastError === undefined, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  async send(sms: Parameters<SmsProvider['send']>[0], ledger?: SmsPartLedger): Promise<SmsSent> {
    if (this.closed) throw new SmsUnavailable('seven.io provider closed');
    // Accepted before (the outbox retries after a later step failed): not sent twice.
    const earlier = await ledger?.accepted(0);
    if (earlier) return { messageId: earlier, messageIds: [earlier] };

    const answer = await this.post(sms);
    const messageId = answer.messageId ?? `seven-${sms.reference}`;
    await ledger?.record(0, messageId, 1);
    return { messageId, messageIds: [messageId] };
  }

  private async post(sms: Parameters<SmsProvider['send']>[0]): Promise<{ messageId?: string }> {
    const form = new URLSearchParams({
      to: sms.to,
      text: sms.text,
      from: this.o.sender,
      json: '1',
      // Our reference (no personal data): seven.io's journal can be matched to our records.
      foreign_id: sms.reference,
    });
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'X-Api-Key': this.o.apiKey,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const name = (e as Error)?.name === 'TimeoutError' ? 'timeout' : 'no connection';
      throw this.unavailable(`seven.io ${name}`);
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.now());
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      await discardBounded(res, ANSWER_MAX_BYTES);
      throw this.unavailable(`seven.io HTTP ${res.status}`, retryAfter);
    }
    if (res.status === 401 || res.status === 403) {
      await discardBounded(res, ANSWER_MAX_BYTES);
      throw this.refused(`seven.io HTTP ${res.status}: API key refused (SMS_API_KEY)`, sms, 'auth');
    }
    let text: string;
    try {
      text = await readBoundedText(res, ANSWER_MAX_BYTES);
    } catch (e) {
      throw this.unavailable(
        e instanceof AnswerTooLargeError ? 'seven.io answer too large' : 'seven.io answer cut off',
        retryAfter,
      );
    }
    if (!res.ok) {
      // A request seven.io cannot take as it is (400, 413, 422) stays refused; anything else
      // (404 from a wrong SMS_API_URL, a proxy's 407) is the setup's fault: kept for a later attempt.
      if ([400, 413, 422].includes(res.status)) throw this.refused(`seven.io HTTP ${res.status}`, sms, 'refused');
      throw this.unavailable(`seven.io HTTP ${res.status}`, retryAfter);
    }
    const answer = parseSevenAnswer(text);
    if (!answer) throw this.unavailable('seven.io answer not understood');
    if (SENT.has(answer.code)) {
      this.lastError = undefined;
      return answer.messageId ? { messageId: answer.messageId } : {};
    }
    const meaning = RETURN_CODES[answer.code];
    const reason = `seven.io ${answer.code}${meaning ? `: ${meaning.what}` : ''}`;
    switch (meaning?.outcome) {
      case 'duplicate':
        this.o.logger.info({ reference: sms.reference, code: answer.code }, 'seven.io: this SMS was sent already');
        return {};
      case 'refused':
      case 'auth':
        throw this.refused(reason, sms, meaning.outcome);
      default:
        throw this.unavailable(reason);
    }
  }

  private unavailable(reason: string, retryAfterMs?: number): SmsUnavailable {
    this.lastError = reason;
    return new SmsUnavailable(reason, retryAfterMs);
  }

  private refused(reason: string, sms: { to: string; reference: string }, outcome: 'refused' | 'auth'): SmsRefused {
    if (outcome === 'auth') {
      this.lastError = reason;
      this.o.logger.error({ reason }, 'seven.io refuses this account: check SMS_API_KEY with seven.io');
    } else this.o.logger.warn({ reason, to: maskPhone(sms.to), reference: sms.reference }, 'seven.io refused an SMS');
    return new SmsRefused(reason);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
