import type { Appointment } from '../../../src/domain/types';

const MIN = 60_000;

/** A booked 30-minute appointment with 10-minute buffers before and after. */
export function sampleAppointment(over: Partial<Appointment> & { id: string; start: number }): Appointment {
  const start = over.start;
  const end = over.end ?? start + 30 * MIN;
  return {
    uid: `${over.id}@sprechstunde.test`,
    sequence: 0,
    staffId: 'anna',
    serviceId: 'register',
    channel: 'video',
    blockStart: start - 10 * MIN,
    blockEnd: end + 10 * MIN,
    status: 'booked',
    citizen: { name: 'Erika Mustermann', email: 'erika@example.org', language: 'de' },
    createdAt: start - 86_400_000,
    createdBy: 'anna',
    updatedAt: start - 86_400_000,
    ...over,
    end,
  };
}
