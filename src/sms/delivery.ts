/**
 * Delivery of one `citizen-sms` outbox entry (called by src/delivery/outbox-worker.ts): checks that the
 * SMS still says something true (the appointment's state and sequence, the citizen's consent),
 * composes it (src/sms/compose.ts) with the appointment reference and the citizen's short link,
 * counts its segments against SMS_MONTHLY_LIMIT, and sends it through the provider exactly once
 * under the entry's dedupe key. What became of it is recorded on the appointment (`sms`); an SMS
 * that cannot go (over the limit, refused for good) puts a citizen without email on the call list.
 */
import { createHash } from 'node:crypto';
import { smsReaches } from '../domain/booking-rules';
import type { Appointment, Directory, OutboxMessage } from '../domain/types';
import type { DeliverOnce } from '../store/outbox';
import { SkipDelivery } from '../store/outbox';
import type { SmsStatusReport, SmsStatusResult } from '../store/sms-status';
import { composeSms } from './compose';
import type { SmsOutcome } from '../store/sms-messages';
import { SmsRefused, type SmsPartLedger, type SmsProvider } from './provider';

type SmsMessageEntry = Extract<OutboxMessage, { kind: 'citizen-sms' }>;

export interface SmsDeliveryDeps {
  provider: SmsProvider;
  shortLinks: { codeFor(appointmentId: string, expiresAt: number): Promise<string> };
  /** PUBLIC_BASE_URL: the short link is `<base>/t/<code>`. */
  publicBaseUrl: string;
  /**
   * The parts each provider accepted and their message ids (src/store/sms-messages.ts): a retry sends
   * only what was not accepted, and receipts find their appointment. A receipt that came before its
   * part was recorded decides the SMS here; `receipts` records that outcome (src/sms/receipts.ts).
   */
  messages?: {
    acceptedPart(reference: string, part: number): Promise<string | undefined>;
    partAccepted(
      reference: string,
      part: number,
      messageId: string,
      origin: { appointmentId: string; sequence: number; event: SmsMessageEntry['event']; parts: number },
    ): Promise<SmsOutcome | null>;
  };
  receipts?: { record(outcome: SmsOutcome): Promise<void> };
  /** What became of each SMS, on its appointment; a failed one may open a call (store/sms-status.ts). */
  status?: {
    record(report: SmsStatusReport): Promise<SmsStatusResult>;
    reserveSegments(
      reference: string,
      segments: number,
      limit: number | undefined,
    ): Promise<{ result: 'ok' | 'over'; total: number }>;
  };
  /** SMS_MONTHLY_LIMIT: segments per calendar month (Berlin); none when absent. */
  monthlyLimit?: number;
  now?: () => number;
}

/** Our reference of an SMS: stable for its dedupe key (the same on a retry), no personal data. */
export const smsReference = (dedupeKey: string): string =>
  createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 16);

export class SmsDelivery {
  constructor(private readonly deps: SmsDeliveryDeps) {}

  get kind(): SmsProvider['kind'] {
    return this.deps.provider.kind;
  }

  /** Whether the SMS `msg` is still true for the appointment as it is now; throws SkipDelivery when not. */
  static check(msg: SmsMessageEntry, a: Appointment, now: number): void {
    if (msg.event === 'cancelled') {
      if (a.status !== 'cancelled') throw new SkipDelivery('appointment not cancelled');
      if (a.end <= now) throw new SkipDelivery('appointment over');
      return;
    }
    if (a.status !== 'booked') throw new SkipDelivery(`appointment ${a.status}`);
    if (msg.event === 'reminder' ? a.start <= now : a.end <= now) throw new SkipDelivery('appointment started');
    if (!smsReaches(a.citizen)) throw new SkipDelivery('no SMS consent');
  }

  async send(
    key: string,
    msg: SmsMessageEntry,
    a: Appointment,
    directory: Directory,
    once: DeliverOnce,
  ): Promise<void> {
    const phone = a.citizen.phone;
    if (!phone) throw new SkipDelivery('no number');
    const shortUrl =
      msg.event === 'cancelled'
        ? undefined
        : new URL(
            `t/${await this.deps.shortLinks.codeFor(a.id, a.end)}`,
            this.deps.publicBaseUrl.endsWith('/') ? this.deps.publicBaseUrl : `${this.deps.publicBaseUrl}/`,
          ).toString();
    const sms = composeSms(a, directory, {
      event: msg.event,
      ...(msg.previous ? { previous: msg.previous } : {}),
      ...(shortUrl ? { shortUrl } : {}),
      ...(a.ref ? { reference: a.ref } : {}),
    });
    const reference = smsReference(key);
    const { status } = this.deps;
    const report = (r: Pick<SmsStatusReport, 'status' | 'reason' | 'cause'>) =>
      status?.record({
        appointmentId: a.id,
        sequence: msg.sequence,
        event: msg.event,
        at: (this.deps.now ?? Date.now)(),
        ...r,
      });
    await once(`${key}:sms`, async () => {
      if (status) {
        // Counted before sending, once per SMS (a retry is not counted again); beyond the limit it is not sent.
        const quota = await status.reserveSegments(reference, sms.segments, this.deps.monthlyLimit);
        if (quota.result === 'over') {
          await report({ status: 'failed', reason: 'monthly-limit', cause: 'sms-limit' });
          throw new SkipDelivery('monthly SMS limit reached');
        }
      }
      try {
        const sent = await this.deps.provider.send(
          { to: phone, text: sms.text, encoding: sms.encoding, segments: sms.segments, reference },
          this.ledger(reference, { appointmentId: a.id, sequence: msg.sequence, event: msg.event }),
        );
        await report({ status: 'sent' });
        return sent;
      } catch (e) {
        // Refused for good: dead-lettered by the outbox with its reason; the citizen may need a call now.
        if (e instanceof SmsRefused) await report({ status: 'failed', reason: e.reason });
        throw e;
      }
    });
  }

  private ledger(
    reference: string,
    origin: { appointmentId: string; sequence: number; event: SmsMessageEntry['event'] },
  ): SmsPartLedger | undefined {
    const { messages, receipts } = this.deps;
    if (!messages) return undefined;
    return {
      accepted: (part) => messages.acceptedPart(reference, part),
      record: async (part, messageId, of) => {
        const outcome = await messages.partAccepted(reference, part, messageId, { ...origin, parts: of });
        if (outcome) await receipts?.record(outcome);
      },
    };
  }
}
