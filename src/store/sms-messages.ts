/**
 * What became of the SMS sent: which parts the provider accepted (under which message ids) and the
 * delivery receipts for them. Written when the provider accepts a part (the ledger of
 * src/sms/delivery.ts) and when a receipt comes (src/sms/receipts.ts); the SMS's outcome for its
 * appointment comes out once, when the receipts decide it. Only ids, the sequence and the event are
 * kept — never the number or the text — and only for a week (receipts come within a
 * carrier's validity period, at most a few days), or until retention compacts the appointment
 * (lua/retention-2.lua deletes them through the appointment's `sms:of:` set), whichever is first.
 */
import type { SmsEvent } from '../domain/types';
import { SMS_EVENTS } from '../domain/types';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

/** How long the records of one SMS are kept: longer than any carrier keeps trying. */
const RECORD_SECONDS = 7 * 24 * 3600;
/** How long a receipt waits for its message id to be recorded (normally milliseconds). */
const PARKED_SECONDS = 3600;

export interface SmsOrigin {
  appointmentId: string;
  sequence: number;
  event: SmsEvent;
  parts: number;
}

/** The SMS's outcome, once every part is delivered or one failed. */
export interface SmsOutcome {
  appointmentId: string;
  sequence: number;
  event: SmsEvent;
  status: 'delivered' | 'failed';
  reason?: string;
}

type Reply = ['decided', string, string, string, string, string] | ['pending'] | ['parked'];

function outcomeOf(reply: Reply): SmsOutcome | null {
  if (reply[0] !== 'decided') return null;
  const [, appointmentId, sequence, event, status, reason] = reply;
  const ev = SMS_EVENTS.find((e) => e === event);
  if (!ev || (status !== 'delivered' && status !== 'failed')) return null;
  return { appointmentId, sequence: Number(sequence), event: ev, status, ...(reason ? { reason } : {}) };
}

export class RedisSmsMessages {
  constructor(private readonly redis: RedisClient) {}

  /** The message id of a part of the SMS `reference` the provider accepted before, if any. */
  async acceptedPart(reference: string, part: number): Promise<string | undefined> {
    return (await this.redis.hget(keys.smsSent(reference), `p${part}`)) ?? undefined;
  }

  /** Records an accepted part; the outcome when a receipt that came first decides the SMS now. */
  async partAccepted(
    reference: string,
    part: number,
    messageId: string,
    origin: SmsOrigin,
  ): Promise<SmsOutcome | null> {
    const reply = await runScript<Reply>(
      this.redis,
      'smsPartAccepted',
      [keys.smsBase()],
      [reference, part, messageId, origin.appointmentId, origin.sequence, origin.event, origin.parts, RECORD_SECONDS],
    );
    return outcomeOf(reply);
  }

  /** Applies a receipt; the SMS's outcome when it decides it (again for a redelivered receipt), else null. */
  async receipt(messageId: string, status: 'delivered' | 'failed', reason?: string): Promise<SmsOutcome | null> {
    const reply = await runScript<Reply>(
      this.redis,
      'smsReceipt',
      [keys.smsBase()],
      [messageId, status, status === 'failed' ? (reason ?? 'failed').slice(0, 100) : '', PARKED_SECONDS],
    );
    return outcomeOf(reply);
  }
}
