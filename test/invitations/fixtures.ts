import { loadDirectoryFile } from '../../src/config/directory';
import type { Appointment, Channel, Directory } from '../../src/domain/types';

export function exampleDirectory(): Directory {
  return loadDirectoryFile('config/directory.example.json');
}

/** A plain appointment value for the pure calendar/mail functions (no store involved). */
export function appointmentValue(overrides: Partial<Appointment> & { start: number; channel: Channel }): Appointment {
  const end = overrides.end ?? overrides.start + 30 * 60_000;
  return {
    id: 'appt-1',
    uid: 'appt-1@sprechstunde.seelze.example',
    sequence: 0,
    staffId: 'anna-schulz',
    serviceId: 'auskunft',
    end,
    blockStart: overrides.start,
    blockEnd: end,
    status: 'booked',
    citizen: { name: 'Erika Mustermann', email: 'erika@example.org', phone: '+49 170 5550123', language: 'de' },
    createdAt: overrides.start - 3 * 86_400_000,
    createdBy: 'anna-schulz',
    updatedAt: overrides.start - 2 * 86_400_000,
    ...overrides,
  };
}
