/**
 * What comes back from the SMS provider (SMPP deliver_sm, seven.io's webhook), one path for all:
 *
 * - A delivery receipt decides its SMS once every part is known (src/store/sms-messages.ts) and is
 *   recorded on the appointment — "SMS zugestellt / fehlgeschlagen" — where a failed SMS to a citizen
 *   without email opens a call (src/store/sms-status.ts). A redelivered receipt changes nothing.
 * - A reply "STOP" (or "Stopp", any case, trimmed) switches SMS off for every upcoming appointment of
 *   that number; nothing is answered.
 * - Any other reply opens a call for the staff member serving the number's next appointment ("Die
 *   Bürgerin bzw. der Bürger hat auf die SMS geantwortet"); the text itself is neither stored nor logged.
 *
 * A failure (Redis away) rejects, so the provider delivers the event again.
 */
import { maskPhone } from '../domain/phone';
import type { Appointment } from '../domain/types';
import type { Logger } from '../logger';
import type { SmsOutcome } from '../store/sms-messages';
import type { SmsStatusPort } from '../store/sms-status';
import type { SmsEvents, SmsReceipt, SmsReply } from './provider';

/** Whether a reply asks to stop SMS: STOP or Stopp, in any case, with spaces or a full stop around it. */
export const isStopReply = (text: string): boolean => /^stopp?[.!]?$/i.test(text.trim());

export interface SmsInboundDeps {
  messages: { receipt(messageId: string, status: 'delivered' | 'failed', reason?: string): Promise<SmsOutcome | null> };
  status: SmsStatusPort;
  replies: {
    appointmentsOf(phone: string): Promise<Appointment[]>;
    openReplyCall(a: Appointment, at: number): Promise<'opened' | 'open' | 'gone'>;
  };
  /** AppointmentStore.smsOff. */
  smsOff(appointmentId: string, actor: 'citizen', detail: string): Promise<boolean>;
  now: () => number;
  logger: Logger;
}

export class SmsInbound implements SmsEvents {
  constructor(private readonly deps: SmsInboundDeps) {}

  async receipt(r: SmsReceipt): Promise<void> {
    const outcome = await this.deps.messages.receipt(r.messageId, r.status, r.reason);
    if (outcome) await this.record(outcome);
  }

  /** Records an SMS's outcome on its appointment (also when the last part was recorded after its receipt). */
  async record(outcome: SmsOutcome): Promise<void> {
    await this.deps.status.record({
      appointmentId: outcome.appointmentId,
      sequence: outcome.sequence,
      event: outcome.event,
      status: outcome.status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      at: this.deps.now(),
    });
  }

  async reply(r: SmsReply): Promise<void> {
    const now = this.deps.now();
    const upcoming = (await this.deps.replies.appointmentsOf(r.from))
      .filter((a) => a.status === 'booked' && a.end > now)
      .sort((x, y) => x.start - y.start);
    const from = maskPhone(r.from);
    if (isStopReply(r.text)) {
      let switched = 0;
      for (const a of upcoming) if (await this.deps.smsOff(a.id, 'citizen', 'STOP reply')) switched += 1;
      this.deps.logger.info({ from, appointments: upcoming.length, switched }, 'SMS reply STOP: SMS switched off');
      return;
    }
    const next = upcoming[0];
    if (!next) {
      this.deps.logger.info({ from }, 'SMS reply from a number without an upcoming appointment: nobody to call back');
      return;
    }
    const result = await this.deps.replies.openReplyCall(next, now);
    this.deps.logger.info(
      { from, appointmentId: next.id, staffId: next.staffId, result },
      'SMS reply: call back on the call list',
    );
  }
}
