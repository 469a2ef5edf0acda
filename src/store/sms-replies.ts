/**
 * What a citizen's SMS reply reaches in Redis: their appointments, found by number through the search
 * index (`ix:p:<digits>`, written with every booking), and the call a reply other than STOP opens
 * for the serving staff member (lua/sms-reply-call-1.lua). STOP itself is AppointmentStore.smsOff.
 */
import { phoneKey } from '../domain/search-keys';
import type { Appointment, OutboxMessage } from '../domain/types';
import { keys } from './keys';
import { staffCallKey } from './outbox/messages';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

/** A number's appointments read at most (a citizen has a handful; a shared office number more). */
const MAX_APPOINTMENTS = 200;

export class RedisSmsReplies {
  constructor(
    private readonly redis: RedisClient,
    private readonly appointments: { getMany(ids: readonly string[]): Promise<Appointment[]> },
  ) {}

  /** Every appointment booked with this number (any status), by the number in any notation. */
  async appointmentsOf(phone: string): Promise<Appointment[]> {
    const key = phoneKey(phone);
    if (!key) return [];
    const ids = (await this.redis.smembers(keys.searchEntry(`p:${key}`))).slice(0, MAX_APPOINTMENTS);
    if (ids.length === 0) return [];
    const found = await this.appointments.getMany(ids);
    return found.filter((a) => a.citizen.phone !== undefined && phoneKey(a.citizen.phone) === key);
  }

  /** Opens the call "the citizen answered the SMS" for the serving staff member, unless one is open. */
  async openReplyCall(a: Appointment, at: number): Promise<'opened' | 'open' | 'gone'> {
    const event = a.sms && a.sms.sequence === a.sequence ? a.sms.event : 'booked';
    const call: Extract<OutboxMessage, { kind: 'staff-call' }> = {
      kind: 'staff-call',
      staffId: a.staffId,
      appointmentId: a.id,
      sequence: a.sequence,
      event,
      cause: 'sms-reply',
      at,
    };
    const audit = { at, actor: 'citizen', action: 'sms-reply', appointmentId: a.id };
    const reply = await runScript<string[]>(
      this.redis,
      'smsReplyCall',
      [keys.bookBase()],
      [a.id, staffCallKey(call), JSON.stringify(call), JSON.stringify(audit)],
    );
    return reply[0] === 'opened' ? 'opened' : reply[0] === 'open' ? 'open' : 'gone';
  }
}
