/**
 * Replanning a week of a 20-person shift team with 1,000 appointments.
 * Two shift teams of 20 (A and B) with the example's services; A is home office only (then absent)
 * for its own on-site week; B carries its own book too. Prints the time per proposal.
 * Run: tsx bench/replan.ts
 */
import { performance } from 'node:perf_hooks';
import { parseDirectory, type DirectoryInput } from '../src/config/directory';
import { workCalendarFor } from '../src/domain/availability';
import { proposeReplan } from '../src/domain/replan';
import { addDays, MINUTE } from '../src/domain/time';
import type { Absence, AbsenceMode, Appointment, Channel } from '../src/domain/types';
import example from '../config/directory.example.json';

const base = example as unknown as DirectoryInput;
const template = base.staff.find((s) => s.id === 'jonas-becker')!;
const staff = ['buergerbuero-a', 'buergerbuero-b'].flatMap((team) =>
  Array.from({ length: 20 }, (_, i) => ({
    ...template,
    id: `${team}-${i}`,
    aadObjectId: `${team}-${i}`,
    upn: `s${i}@${team}.example`,
    name: `S ${i}`,
    team,
    role: 'staff' as const,
    supervises: [],
  })),
);
const directory = parseDirectory({ ...base, staff });
const calendar = workCalendarFor(directory);
const MONDAY = '2026-03-02'; // team A on site
const now = Date.parse('2026-02-27T07:00:00Z');

/** A deterministic pseudo-random book: team A gets 1,000 appointments that week, team B ~600 the next weeks. */
function book(): Appointment[] {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: Appointment[] = [];
  const services = directory.services.filter((s) => (template.services ?? []).includes(s.id));
  for (const s of directory.staff) {
    const target = s.team === 'buergerbuero-a' ? 60 : 30;
    let placed = 0;
    for (let d = 0; d < 12 && placed < target; d++) {
      const day = addDays(MONDAY, s.team === 'buergerbuero-a' ? d % 5 : d);
      for (const w of calendar.windows(s, day)) {
        let t = w.start;
        while (placed < target) {
          if (rnd() < 0.15) t += 20 * MINUTE; // a gap now and then
          const service = services[Math.floor(rnd() * services.length)]!;
          const end = t + service.durationMin * MINUTE;
          const blockEnd = end + service.bufferAfterMin * MINUTE;
          if (end > w.end) break;
          const channel: Channel =
            w.onSite && rnd() < 0.7 ? 'in-person' : (service.channels.find((c) => c !== 'in-person') ?? 'in-person');
          if (channel === 'in-person' && !w.onSite) break;
          if (!out.some((a) => a.staffId === s.id && a.blockStart < blockEnd && t < a.blockEnd)) {
            out.push({
              id: `a${out.length}`,
              uid: `a${out.length}`,
              sequence: 0,
              staffId: s.id,
              serviceId: service.id,
              channel,
              start: t,
              end,
              blockStart: t - service.bufferBeforeMin * MINUTE,
              blockEnd,
              status: 'booked',
              citizen: { name: 'x', email: 'x@example.org', language: 'de' },
              createdAt: now,
              createdBy: 'x',
              updatedAt: now,
            });
            placed++;
          }
          t = blockEnd;
        }
      }
    }
  }
  // Exactly 1,000 for team A that week.
  let a = 0;
  return out.filter((x) => !x.staffId.startsWith('buergerbuero-a') || ++a <= 1000);
}

const appointments = book();
const teamA = appointments.filter((a) => a.staffId.startsWith('buergerbuero-a')).length;
console.log(
  `directory: ${directory.staff.length} staff; book: ${appointments.length} appointments, ${teamA} of them team A's in the week of ${MONDAY}`,
);

for (const mode of ['home-office-only', 'absent'] as AbsenceMode[]) {
  const absences: Absence[] = directory.staff
    .filter((s) => s.team === 'buergerbuero-a')
    .map((s) => ({
      id: `abs-${s.id}`,
      staffId: s.id,
      from: MONDAY,
      to: addDays(MONDAY, 4),
      mode,
      reason: 'quarantine',
      reportedBy: 'x',
      createdAt: now,
    }));
  const times: number[] = [];
  let plan = proposeReplan({ directory, absences, appointments, now });
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    plan = proposeReplan({ directory, absences, appointments, now });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const c = plan.counts;
  console.log(
    `${mode.padEnd(16)} items ${plan.items.length}: converted ${c.converted}, reassigned ${c.reassigned}, rescheduled ${c.rescheduled}, unplaced ${c.unplaced}` +
      ` | median ${times[1]!.toFixed(0)} ms, max ${times[2]!.toFixed(0)} ms (3 runs after warm-up)`,
  );
}
