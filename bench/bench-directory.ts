/**
 * A synthetic town hall for the benchmarks: 200 staff in 10 teams (two of them the rotating
 * Bürgerbüro shift teams), weekday hours 08:00-12:30 and 13:00-16:00, five services.
 */
import { parseDirectory, type DirectoryInput } from '../src/config/directory';
import { validateBooking } from '../src/domain/booking-rules';
import { localDateTime } from '../src/domain/time';
import type { Appointment, Directory, LocalDate } from '../src/domain/types';

export function benchDirectory(staffCount = 200): Directory {
  const day = [
    ['08:00', '12:30'],
    ['13:00', '16:00'],
  ] as [string, string][];
  const teams: DirectoryInput['teams'] = [
    { id: 'bb-a', name: 'Bürgerbüro A', shift: true, location: 'EG' },
    { id: 'bb-b', name: 'Bürgerbüro B', shift: true, location: 'EG' },
    ...Array.from({ length: 8 }, (_, i) => ({
      id: `team-${i}`,
      name: `Team ${i}`,
      shift: false,
      location: `${i}. OG`,
    })),
  ];
  const services: DirectoryInput['services'] = [
    {
      id: 'meldewesen',
      name: { de: 'Meldewesen', en: 'Registration' },
      durationMin: 15,
      bufferAfterMin: 5,
      channels: ['in-person', 'video'],
      minNoticeMin: 60,
      horizonDays: 28,
    },
    {
      id: 'kfz',
      name: { de: 'Kfz', en: 'Vehicles' },
      durationMin: 30,
      bufferAfterMin: 10,
      channels: ['in-person'],
      minNoticeMin: 60,
      horizonDays: 28,
    },
    {
      id: 'beratung',
      name: { de: 'Beratung', en: 'Advice' },
      durationMin: 45,
      bufferBeforeMin: 5,
      bufferAfterMin: 10,
      channels: ['phone', 'video', 'in-person'],
      minNoticeMin: 240,
      horizonDays: 42,
    },
    {
      id: 'auskunft',
      name: { de: 'Auskunft', en: 'Information' },
      durationMin: 10,
      channels: ['phone', 'video'],
      minNoticeMin: 30,
      horizonDays: 28,
    },
    {
      id: 'bau',
      name: { de: 'Bau', en: 'Building' },
      durationMin: 60,
      bufferAfterMin: 15,
      channels: ['video', 'in-person'],
      minNoticeMin: 1440,
      horizonDays: 56,
    },
  ];
  const staff: DirectoryInput['staff'] = Array.from({ length: staffCount }, (_, i) => {
    const team = teams[i % teams.length]!.id;
    const bb = team.startsWith('bb-');
    return {
      id: `s${i}`,
      aadObjectId: `aad-${i}`,
      upn: `s${i}@bench.example`,
      name: `Staff ${i}`,
      team,
      services: bb ? ['meldewesen', 'kfz', 'auskunft'] : ['beratung', 'auskunft', ...(i % 3 === 0 ? ['bau'] : [])],
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day },
      phone: '+49 5137 0',
    };
  });
  return parseDirectory(
    {
      organisation: { name: 'Bench', mailbox: 'b@bench.example', address: 'x', phone: '+49 1' },
      holidays: [],
      teams,
      rotation: { type: 'alternating-weeks', anchorMonday: '2026-03-02', teams: ['bb-a', 'bb-b'] },
      services,
      staff,
    },
    'bench directory',
  );
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A small deterministic PRNG so runs are comparable. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchAppointmentOptions {
  id: string;
  days: readonly LocalDate[];
  rand: () => number;
  now: number;
  /** How many 5-minute steps from 08:00 a start may fall on. */
  starts: number;
}

/** A phone "auskunft" appointment of a random staff member on a random day, ready for the store's confirm. */
export function benchAppointment(directory: Directory, o: BenchAppointmentOptions): Appointment {
  const staff = directory.staff[Math.floor(o.rand() * directory.staff.length)]!;
  const date = o.days[Math.floor(o.rand() * o.days.length)]!;
  const start = localDateTime(date, '08:00') + Math.floor(o.rand() * o.starts) * 5 * 60_000;
  const v = validateBooking(
    { directory, absences: [], now: o.now },
    { serviceId: 'auskunft', staffId: staff.id, channel: 'phone', start },
  );
  return {
    id: o.id,
    uid: `${o.id}@bench`,
    sequence: 0,
    staffId: staff.id,
    serviceId: 'auskunft',
    channel: 'phone',
    start: v.start,
    end: v.end,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    status: 'booked',
    citizen: { name: 'Bench', email: 'bench@example.org', phone: '+49 1', language: 'de' },
    createdAt: o.now,
    createdBy: 's0',
    updatedAt: o.now,
  };
}
