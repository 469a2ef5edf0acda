/** Shared by the use-case tests on real Redis: an appointment written straight through the confirm script. */
import { appointmentUid } from '../../src/domain/calendar-busy';
import type { Clock } from '../../src/domain/clock';
import { localDateTime, MINUTE } from '../../src/domain/time';
import type { Appointment, Channel, Directory } from '../../src/domain/types';
import type { AppointmentStore } from '../../src/store/appointments';

/**
 * A `book(staffId, serviceId, channel, date, 'HH:MM')` that stores a booked appointment (with its
 * buffers, audit entry and invitation in the outbox) as Anna Schulz, ids `appt_<idPrefix>1`, `appt_<idPrefix>2` … (UIDs as the bot writes them)
 */
export function directBooking(directory: Directory, store: AppointmentStore, clock: Clock, idPrefix: string) {
  let n = 0;
  return async function book(
    staffId: string,
    serviceId: string,
    channel: Channel,
    date: string,
    hhmm: string,
  ): Promise<Appointment> {
    const service = directory.services.find((s) => s.id === serviceId)!;
    const start = localDateTime(date, hhmm);
    const end = start + service.durationMin * MINUTE;
    const id = `appt_${idPrefix}${++n}`;
    const a: Appointment = {
      id,
      uid: appointmentUid(id),
      sequence: 0,
      staffId,
      serviceId,
      channel,
      start,
      end,
      blockStart: start - service.bufferBeforeMin * MINUTE,
      blockEnd: end + service.bufferAfterMin * MINUTE,
      status: 'booked',
      citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
      createdAt: clock.now(),
      createdBy: 'anna-schulz',
      updatedAt: clock.now(),
    };
    const res = await store.confirm({
      clientKey: `ck-${id}`,
      appointment: a,
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'booked', appointmentId: id },
      outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
    });
    return res.appointment;
  };
}
