import { parseDirectory, type DirectoryInput } from '../../src/config/directory';
import type { Directory } from '../../src/domain/types';
import { localDateTime } from '../../src/domain/time';

const weekdays = (from: string, to: string) =>
  ({
    mon: [[from, to]],
    tue: [[from, to]],
    wed: [[from, to]],
    thu: [[from, to]],
    fri: [[from, to]],
  }) as DirectoryInput['staff'][number]['hours'];

/**
 * A small directory for scheduling tests: two shift teams A/B (alternating weeks, A on site in the
 * week of Monday 2026-03-23) and one non-shift team. Overrides replace top-level parts.
 */
export function schedulingDirectory(overrides: Partial<DirectoryInput> = {}): Directory {
  const input: DirectoryInput = {
    organisation: { name: 'Stadt Test', mailbox: 'termine@test.example', address: 'Rathausplatz 1', phone: '+49 1 2' },
    holidays: ['2026-04-03'],
    teams: [
      { id: 'team-a', name: 'A', shift: true, location: 'Bürgerbüro' },
      { id: 'team-b', name: 'B', shift: true, location: 'Bürgerbüro' },
      { id: 'social', name: 'Soziales', shift: false, location: '1. OG' },
    ],
    rotation: { type: 'alternating-weeks', anchorMonday: '2026-03-23', teams: ['team-a', 'team-b'] },
    services: [
      {
        id: 'register',
        name: { de: 'Anmeldung', en: 'Registration' },
        durationMin: 30,
        bufferBeforeMin: 10,
        bufferAfterMin: 10,
        channels: ['in-person', 'video', 'phone'],
        minNoticeMin: 60,
        horizonDays: 28,
      },
      {
        id: 'advice',
        name: { de: 'Beratung', en: 'Advice' },
        durationMin: 60,
        channels: ['phone', 'video'],
        minNoticeMin: 0,
        horizonDays: 14,
      },
    ],
    staff: [
      {
        id: 'anna',
        aadObjectId: 'aad-anna',
        upn: 'anna@test.example',
        name: 'Anna',
        team: 'team-a',
        services: ['register'],
        hours: weekdays('08:00', '12:00'),
        phone: '+49 1 3',
      },
      {
        id: 'bert',
        aadObjectId: 'aad-bert',
        upn: 'bert@test.example',
        name: 'Bert',
        team: 'team-b',
        services: ['register'],
        hours: weekdays('08:00', '12:00'),
        phone: '+49 1 4',
      },
      {
        id: 'carla',
        aadObjectId: 'aad-carla',
        upn: 'carla@test.example',
        name: 'Carla',
        team: 'social',
        services: ['advice'],
        hours: weekdays('09:00', '12:00'),
        phone: '+49 1 5',
      },
    ],
    ...overrides,
  };
  return parseDirectory(input, 'test directory');
}

/** Local Berlin wall-clock time as epoch ms. */
export const at = (date: string, hhmm: string) => localDateTime(date, hhmm);
