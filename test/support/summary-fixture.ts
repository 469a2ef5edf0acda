/**
 * A fixed, realistic day for the example directory (Monday 2 March 2026, Bürgerbüro team A on site),
 * shared by the summary tests, the job tests and the golden card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectory } from '../../src/config/directory';
import { localDateTime, MINUTE, DAY } from '../../src/domain/time';
import type { ReplanRecord, SummaryInput } from '../../src/domain/summary-types';
import type { Absence, Appointment, AppointmentStatus, Channel, Directory, LocalDate } from '../../src/domain/types';

export function exampleDirectory(): Directory {
  return parseDirectory(JSON.parse(readFileSync(join(__dirname, '../../config/directory.example.json'), 'utf8')));
}

export const DAY_UNDER_TEST = '2026-03-02';
export const PREVIOUS_WORKING_DAY = '2026-02-27';
/** 07:00 on the day: when the summary is pushed. */
export const SUMMARY_TIME = localDateTime(DAY_UNDER_TEST, '07:00');

export interface AppointmentSpec {
  id: string;
  staffId: string;
  serviceId: string;
  channel: Channel;
  day: LocalDate;
  at: string;
  status?: AppointmentStatus;
  cancelledBy?: Appointment['cancelledBy'];
  /** How long before the start it was booked. */
  leadMin?: number;
}

export function appointment(directory: Directory, spec: AppointmentSpec): Appointment {
  const service = directory.services.find((s) => s.id === spec.serviceId);
  if (!service) throw new Error(`unknown service ${spec.serviceId}`);
  const start = localDateTime(spec.day, spec.at);
  const end = start + service.durationMin * MINUTE;
  const createdAt = start - (spec.leadMin !== undefined ? spec.leadMin * MINUTE : 2 * DAY);
  return {
    id: spec.id,
    uid: `${spec.id}@sprechstunde.test`,
    sequence: 0,
    staffId: spec.staffId,
    serviceId: spec.serviceId,
    channel: spec.channel,
    start,
    end,
    blockStart: start - service.bufferBeforeMin * MINUTE,
    blockEnd: end + service.bufferAfterMin * MINUTE,
    status: spec.status ?? 'booked',
    citizen: {
      name: `Bürger ${spec.id}`,
      email: `${spec.id}@example.org`,
      ...(spec.channel === 'phone' ? { phone: '+49 511 000000' } : {}),
      language: 'de',
    },
    createdAt,
    createdBy: spec.staffId,
    updatedAt: createdAt,
    ...(spec.cancelledBy ? { cancelledBy: spec.cancelledBy, cancelReason: 'test' } : {}),
  };
}

const specsOfDay: Omit<AppointmentSpec, 'day'>[] = [
  { id: 'd1', staffId: 'anna-schulz', serviceId: 'meldewesen', channel: 'in-person', at: '08:00', leadMin: 90 },
  { id: 'd2', staffId: 'anna-schulz', serviceId: 'ausweis', channel: 'in-person', at: '08:30', leadMin: 3 * 24 * 60 },
  { id: 'd3', staffId: 'jonas-becker', serviceId: 'kfz', channel: 'in-person', at: '09:00', leadMin: 26 * 60 },
  { id: 'd4', staffId: 'jonas-becker', serviceId: 'kfz', channel: 'phone', at: '10:00', leadMin: 5 * 60 },
  { id: 'd5', staffId: 'murat-yilmaz', serviceId: 'auskunft', channel: 'video', at: '11:00', leadMin: 45 },
  {
    id: 'd6',
    staffId: 'murat-yilmaz',
    serviceId: 'meldewesen',
    channel: 'video',
    at: '13:00',
    status: 'cancelled',
    cancelledBy: 'citizen',
  },
  { id: 'd7', staffId: 'katrin-hoffmann', serviceId: 'auskunft', channel: 'phone', at: '09:00', leadMin: 24 * 60 },
  { id: 'd8', staffId: 'tobias-krueger', serviceId: 'meldewesen', channel: 'video', at: '10:30', leadMin: 6 * 24 * 60 },
  {
    id: 'd9',
    staffId: 'peter-klein',
    serviceId: 'sozialberatung',
    channel: 'phone',
    at: '09:00',
    leadMin: 2 * 24 * 60,
  },
  { id: 'd10', staffId: 'maria-lange', serviceId: 'wohngeld', channel: 'video', at: '14:00', leadMin: 4 * 24 * 60 },
  {
    id: 'd11',
    staffId: 'stefan-braun',
    serviceId: 'bauberatung',
    channel: 'in-person',
    at: '10:00',
    leadMin: 10 * 24 * 60,
  },
];

const specsOfPreviousDay: Omit<AppointmentSpec, 'day'>[] = [
  { id: 'p1', staffId: 'anna-schulz', serviceId: 'meldewesen', channel: 'in-person', at: '08:00', status: 'completed' },
  { id: 'p2', staffId: 'jonas-becker', serviceId: 'kfz', channel: 'in-person', at: '09:00', status: 'no-show' },
  { id: 'p3', staffId: 'jonas-becker', serviceId: 'auskunft', channel: 'phone', at: '10:00', status: 'booked' },
  {
    id: 'p4',
    staffId: 'katrin-hoffmann',
    serviceId: 'ausweis',
    channel: 'in-person',
    at: '08:30',
    status: 'cancelled',
    cancelledBy: 'staff',
  },
  {
    id: 'p5',
    staffId: 'peter-klein',
    serviceId: 'wohngeld',
    channel: 'video',
    at: '11:00',
    status: 'cancelled',
    cancelledBy: 'citizen',
  },
  { id: 'p6', staffId: 'peter-klein', serviceId: 'sozialberatung', channel: 'phone', at: '09:00', status: 'completed' },
  { id: 'p7', staffId: 'stefan-braun', serviceId: 'bauberatung', channel: 'video', at: '09:00', status: 'booked' },
];

export function appointmentsOfDay(directory: Directory): Appointment[] {
  return specsOfDay.map((s) => appointment(directory, { ...s, day: DAY_UNDER_TEST }));
}

export function appointmentsOfPreviousDay(directory: Directory): Appointment[] {
  return specsOfPreviousDay.map((s) => appointment(directory, { ...s, day: PREVIOUS_WORKING_DAY }));
}

export const absencesOfDay: Absence[] = [
  {
    id: 'abs1',
    staffId: 'leonie-wagner',
    from: '2026-03-02',
    to: '2026-03-04',
    mode: 'absent',
    reason: 'sick',
    reportedBy: 'anna-schulz',
    createdAt: 0,
  },
  {
    id: 'abs2',
    staffId: 'felix-richter',
    from: '2026-02-23',
    to: '2026-03-06',
    mode: 'home-office-only',
    reason: 'quarantine',
    reportedBy: 'anna-schulz',
    createdAt: 0,
  },
];

/** What the replannings of the two absences above did (recorded outcomes, counts only). */
export const replansOfDay: ReplanRecord[] = [
  {
    id: 'rp-leonie',
    staffIds: ['leonie-wagner'],
    from: '2026-03-02',
    to: '2026-03-04',
    mode: 'absent',
    converted: 0,
    reassigned: 2,
    rescheduled: 1,
    cancelled: 1,
  },
  {
    id: 'rp-felix',
    staffIds: ['felix-richter'],
    from: '2026-02-23',
    to: '2026-03-06',
    mode: 'home-office-only',
    converted: 3,
    reassigned: 0,
    rescheduled: 1,
    cancelled: 0,
  },
];

export const nextFreeSlots: Record<string, number | null> = {
  meldewesen: localDateTime(DAY_UNDER_TEST, '09:15'),
  ausweis: localDateTime(DAY_UNDER_TEST, '09:00'),
  kfz: localDateTime(DAY_UNDER_TEST, '10:45'),
  auskunft: localDateTime(DAY_UNDER_TEST, '08:00'),
  sozialberatung: localDateTime(DAY_UNDER_TEST, '10:00'),
  wohngeld: localDateTime('2026-03-03', '08:00'),
  bauberatung: null,
};

/** Bookings of the week before the example day (the lead-time figures): the day's specs on the previous working day. */
export function recentBookings(directory: Directory): Appointment[] {
  return specsOfDay.map((s) => appointment(directory, { ...s, id: `r${s.id}`, day: PREVIOUS_WORKING_DAY }));
}

/** The summary input of the example day (the goldens, the card tests): overrides replace top-level parts. */
export function summaryInput(overrides: Partial<SummaryInput> = {}, directory = exampleDirectory()): SummaryInput {
  const day = appointmentsOfDay(directory);
  return {
    directory,
    day: DAY_UNDER_TEST,
    appointmentsOfDay: day,
    appointmentsOfPreviousWorkingDay: appointmentsOfPreviousDay(directory),
    recentBookings: recentBookings(directory),
    absences: absencesOfDay,
    nextFreeSlotPerService: nextFreeSlots,
    openProblems: { deadLetters: 1, unplaced: 2 },
    replans: replansOfDay,
    now: SUMMARY_TIME,
    ...overrides,
  };
}
