/**
 * Summary computation for a big city's day: 5,000 appointments over 500 staff in 10 teams,
 * plus 7 days of lead-time samples (35,000) and 5 recorded replannings. Prints p50/p99 of computeSummary and of rendering
 * the card, and the card's size.   tsx bench/summary.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderSummaryCard } from '../src/bot/cards/summary-card';
import { parseDirectory } from '../src/config/directory';
import { computeSummary } from '../src/domain/summary';
import type { ReplanRecord } from '../src/domain/summary-types';
import { addDays, localDateTime, MINUTE } from '../src/domain/time';
import type { Absence, Appointment, AppointmentStatus, Channel } from '../src/domain/types';

const example = parseDirectory(JSON.parse(readFileSync(join(__dirname, '../config/directory.example.json'), 'utf8')));
const TEAMS = 10;
const STAFF = 500;
const PER_DAY = 5000;
const day = '2026-03-02';
const prev = '2026-02-27';
const template = example.staff[1]!;
const teams = Array.from({ length: TEAMS }, (_, i) => ({
  id: `team-${i}`,
  name: `Team ${i}`,
  shift: false,
  location: 'Rathaus',
}));
const staff = Array.from({ length: STAFF }, (_, i) => ({
  ...template,
  id: `s-${i}`,
  aadObjectId: `aad-${i}`,
  name: `Staff ${i}`,
  team: `team-${i % TEAMS}`,
  supervises: [],
  role: 'staff' as const,
}));
const directory = { ...example, teams, rotation: undefined, staff };
const channels: Channel[] = ['video', 'phone', 'in-person'];
const statuses: AppointmentStatus[] = ['booked', 'completed', 'no-show', 'cancelled'];
const services = example.services.filter((s) => template.services.includes(s.id));

function appointmentsOn(date: string, seed: number): Appointment[] {
  return Array.from({ length: PER_DAY }, (_, i) => {
    const svc = services[(i + seed) % services.length]!;
    const start = localDateTime(date, '08:00') + ((i / STAFF) | 0) * 30 * MINUTE;
    const end = start + svc.durationMin * MINUTE;
    return {
      id: `${date}-${i}`,
      uid: `${date}-${i}@x`,
      sequence: 0,
      staffId: `s-${i % STAFF}`,
      serviceId: svc.id,
      channel: channels[i % 3]!,
      start,
      end,
      blockStart: start,
      blockEnd: end + svc.bufferAfterMin * MINUTE,
      status: statuses[(i * 7 + seed) % 4]!,
      citizen: { name: 'x', email: 'x@example.org', language: 'de' },
      createdAt: start - ((i * 37) % 5000) * MINUTE,
      createdBy: 's-0',
      updatedAt: start,
    };
  });
}

const today = appointmentsOn(day, 0);
const previous = appointmentsOn(prev, 1);
const recent = Array.from({ length: 7 }, (_, i) => appointmentsOn(addDays(day, -(i + 1)), i)).flat();
const absences: Absence[] = staff.slice(0, 25).map((s, i) => ({
  id: `a${i}`,
  staffId: s.id,
  from: day,
  to: day,
  mode: i % 2 ? 'absent' : 'home-office-only',
  reason: 'other',
  reportedBy: 's-0',
  createdAt: 0,
}));
// The 25 absent staff replanned in 5 recorded outcomes of 5; "still unplaced" scans the day's appointments.
const replans: ReplanRecord[] = Array.from({ length: 5 }, (_, i) => ({
  id: `r${i}`,
  staffIds: staff.slice(i * 5, i * 5 + 5).map((s) => s.id),
  from: day,
  to: day,
  mode: i % 2 ? 'absent' : 'home-office-only',
  converted: 10,
  reassigned: 5,
  rescheduled: 3,
  cancelled: 1,
}));
const input = {
  directory,
  day,
  appointmentsOfDay: today,
  appointmentsOfPreviousWorkingDay: previous,
  recentBookings: recent,
  absences,
  nextFreeSlotPerService: Object.fromEntries(services.map((s) => [s.id, localDateTime(day, '09:00')])),
  openProblems: { deadLetters: 0 },
  replans,
  now: localDateTime(day, '07:00'),
};

function measure(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(2);
  console.log(`${label}: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms (${runs} runs)`);
}

console.log(
  `summary of ${PER_DAY} appointments over ${STAFF} staff in ${TEAMS} teams, ${recent.length} lead-time samples`,
);
measure('computeSummary', 200, () => computeSummary(input));
const summary = computeSummary(input);
measure('renderSummaryCard', 200, () => renderSummaryCard(summary, 'de'));
console.log(
  `card size: ${(Buffer.byteLength(JSON.stringify(renderSummaryCard(summary, 'de'))) / 1024).toFixed(1)} KB (limit 80 KB)`,
);
