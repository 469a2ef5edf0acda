/** Books through the real AppointmentStore (Redis, Lua), with the invitation's outbox entry in the same step. */
import { randomBytes } from 'node:crypto';
import { appointmentUid } from '../../src/domain/calendar-busy';
import { AppointmentStore } from '../../src/store/appointments';
import type { Appointment, Channel, Citizen } from '../../src/domain/types';

export async function book(
  store: AppointmentStore,
  spec: {
    start: number;
    minutes?: number;
    channel: Channel;
    staffId?: string;
    serviceId?: string;
    /** Several services in one appointment (the first is `serviceId`). */
    serviceIds?: string[];
    citizen?: Partial<Citizen>;
    createdAt?: number;
    meetingUrl?: string;
  },
): Promise<Appointment> {
  const id = `appt_${randomBytes(6).toString('hex')}`;
  const end = spec.start + (spec.minutes ?? 15) * 60_000;
  const createdAt = spec.createdAt ?? spec.start - 3 * 86_400_000;
  const appointment: Appointment = {
    id,
    uid: appointmentUid(id),
    sequence: 0,
    staffId: spec.staffId ?? 'anna-schulz',
    serviceId: spec.serviceIds?.[0] ?? spec.serviceId ?? 'auskunft',
    ...(spec.serviceIds ? { serviceIds: spec.serviceIds } : {}),
    channel: spec.channel,
    start: spec.start,
    end,
    blockStart: spec.start,
    blockEnd: end,
    status: 'booked',
    citizen: {
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      phone: spec.channel === 'phone' ? '+49 170 5550123' : undefined,
      language: 'de',
      ...spec.citizen,
    },
    ...(spec.meetingUrl ? { meetingUrl: spec.meetingUrl } : {}),
    createdAt,
    createdBy: spec.staffId ?? 'anna-schulz',
    updatedAt: createdAt,
  };
  if (appointment.citizen.phone === undefined) delete appointment.citizen.phone;
  const { appointment: saved } = await store.confirm({
    clientKey: id,
    appointment,
    audit: { at: createdAt, actor: appointment.createdBy, action: 'book', appointmentId: id },
    outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
  });
  return saved;
}
