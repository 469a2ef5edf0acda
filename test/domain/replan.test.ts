import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadDirectoryFile } from '../../src/config/directory';
import { localDateOf } from '../../src/domain/time';
import { workCalendarFor } from '../../src/domain/availability';
import { proposeReplan, type HoldBlock, type Plan, type ReplanInput } from '../../src/domain/replan';
import type { Absence, AbsenceMode, Appointment, Channel, Directory } from '../../src/domain/types';

const dir: Directory = loadDirectoryFile('config/directory.example.json');
const calendar = workCalendarFor(dir);
const at = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis();
const MIN = 60_000;
// 2026-03-02 is a Monday of a week in which team A (buergerbuero-a) is on site; the next week is B's.
const NOW = at('2026-02-27T08:00');

let seq = 0;
function appt(
  staffId: string,
  serviceId: string,
  channel: Channel,
  local: string,
  extra: Partial<Appointment> = {},
): Appointment {
  const s = dir.services.find((x) => x.id === serviceId)!;
  const start = at(local);
  const end = start + s.durationMin * MIN;
  const id = extra.id ?? `a${++seq}`;
  return {
    id,
    uid: `${id}@test`,
    sequence: 0,
    staffId,
    serviceId,
    channel,
    start,
    end,
    blockStart: start - s.bufferBeforeMin * MIN,
    blockEnd: end + s.bufferAfterMin * MIN,
    status: 'booked',
    citizen: { name: 'Bürger', email: 'b@example.org', language: 'de' },
    createdAt: NOW - 86_400_000,
    createdBy: 'anna-schulz',
    updatedAt: NOW - 86_400_000,
    ...extra,
  };
}
function absence(staffId: string, from: string, to: string, mode: AbsenceMode): Absence {
  return {
    id: `abs-${staffId}-${from}`,
    staffId,
    from,
    to,
    mode,
    reason: 'quarantine',
    reportedBy: 'anna-schulz',
    createdAt: NOW,
  };
}
const teamMembers = (team: string) => dir.staff.filter((s) => s.team === team).map((s) => s.id);
const plan = (p: Omit<ReplanInput, 'directory' | 'now'> & { now?: number }): Plan =>
  proposeReplan({ directory: dir, now: NOW, ...p });

describe('proposeReplan: preference steps', () => {
  test('home office only: an in-person appointment becomes video with the same person at the same time', () => {
    const a = appt('anna-schulz', 'meldewesen', 'in-person', '2026-03-03T09:00');
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-02', '2026-03-06', 'home-office-only')],
      appointments: [a],
    });
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({
      appointmentId: a.id,
      action: 'convert',
      expectedSequence: 0,
      to: { staffId: 'anna-schulz', channel: 'video', start: a.start, end: a.end },
    });
    expect(p.counts).toEqual({ converted: 1, reassigned: 0, rescheduled: 0, unplaced: 0 });
  });

  test('home office only: a service without video becomes phone', () => {
    const a = appt('anna-schulz', 'kfz', 'in-person', '2026-03-03T10:00');
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-02', '2026-03-06', 'home-office-only')],
      appointments: [a],
    });
    expect(p.items[0]).toMatchObject({
      action: 'convert',
      to: { staffId: 'anna-schulz', channel: 'phone', start: a.start },
    });
  });

  test('home office only leaves video and phone appointments alone', () => {
    const v = appt('anna-schulz', 'meldewesen', 'video', '2026-03-03T09:00');
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-02', '2026-03-06', 'home-office-only')],
      appointments: [v],
    });
    expect(p.items).toEqual([]);
  });

  test('absent: a video appointment goes to a colleague of the other shift team at the same time', () => {
    const a = appt('anna-schulz', 'meldewesen', 'video', '2026-03-03T09:00');
    const p = plan({ absences: [absence('anna-schulz', '2026-03-03', '2026-03-03', 'absent')], appointments: [a] });
    const item = p.items[0]!;
    expect(item.action).toBe('reassign');
    expect(teamMembers('buergerbuero-b')).toContain(item.to!.staffId);
    expect(item.to).toMatchObject({ channel: 'video', start: a.start, end: a.end });
  });

  test('absent: an in-person-only appointment stays in person with a colleague who is on site then', () => {
    // Team B works from home in A's week, so only an A colleague can see the citizen in person.
    const a = appt('jonas-becker', 'ausweis', 'in-person', '2026-03-03T09:00');
    const p = plan({ absences: [absence('jonas-becker', '2026-03-03', '2026-03-03', 'absent')], appointments: [a] });
    const item = p.items[0]!;
    expect(item.action).toBe('reassign');
    expect(teamMembers('buergerbuero-a')).toContain(item.to!.staffId);
    expect(item.to).toMatchObject({ channel: 'in-person', start: a.start });
  });

  test('absent: with the on-site colleagues busy, the other team takes it by video at the same time', () => {
    const a = appt('anna-schulz', 'meldewesen', 'in-person', '2026-03-03T09:00');
    const busy = ['jonas-becker', 'leonie-wagner', 'murat-yilmaz'].map((s) =>
      appt(s, 'auskunft', 'in-person', '2026-03-03T09:00'),
    );
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-03', '2026-03-03', 'absent')],
      appointments: [a, ...busy],
    });
    const item = p.items[0]!;
    expect(item.action).toBe('reassign');
    expect(teamMembers('buergerbuero-b')).toContain(item.to!.staffId);
    expect(item.to).toMatchObject({ channel: 'video', start: a.start });
  });

  test('otherwise the earliest in-person slot with a qualified colleague, never earlier than booked', () => {
    // Team A out in its own on-site week: nobody may see citizens in person until B's week.
    const a = appt('jonas-becker', 'ausweis', 'in-person', '2026-03-04T11:00');
    const absences = teamMembers('buergerbuero-a').map((s) =>
      absence(s, '2026-03-02', '2026-03-06', 'home-office-only'),
    );
    const p = plan({ absences, appointments: [a] });
    const item = p.items[0]!;
    expect(item.action).toBe('reschedule');
    expect(teamMembers('buergerbuero-b')).toContain(item.to!.staffId);
    expect(item.to!.channel).toBe('in-person');
    expect(item.to!.start).toBe(at('2026-03-09T08:00'));
  });

  test('what cannot be placed is listed for a decision', () => {
    const a = appt('stefan-braun', 'bauberatung', 'in-person', '2026-03-03T09:00');
    const absences = ['stefan-braun', 'julia-vogel'].map((s) => absence(s, '2026-03-02', '2026-03-31', 'absent'));
    const p = plan({ absences, appointments: [a], searchDays: 7 });
    expect(p.items[0]).toMatchObject({ appointmentId: a.id, action: 'unplaced', reason: 'no-free-slot' });
    expect(p.items[0]!.to).toBeUndefined();
    expect(p.counts.unplaced).toBe(1);
  });

  test("appointments in the past, cancelled ones and other people's are not touched", () => {
    const past = appt('anna-schulz', 'meldewesen', 'in-person', '2026-03-03T09:00');
    const cancelled = appt('anna-schulz', 'meldewesen', 'in-person', '2026-03-03T10:00', { status: 'cancelled' });
    const other = appt('jonas-becker', 'meldewesen', 'in-person', '2026-03-03T10:00');
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-03', '2026-03-03', 'absent')],
      appointments: [past, cancelled, other],
      now: at('2026-03-03T09:30'),
    });
    expect(p.items).toEqual([]);
  });

  test("two moved appointments never land on the same colleague's overlapping block, nor on a hold", () => {
    // Only Sabine (B) and Leonie (A) are free at 09:00; Leonie's slot is held by someone booking right now.
    const a1 = appt('anna-schulz', 'meldewesen', 'video', '2026-03-03T09:00');
    const a2 = appt('jonas-becker', 'meldewesen', 'video', '2026-03-03T09:05');
    const busy = ['murat-yilmaz', 'katrin-hoffmann', 'tobias-krueger', 'felix-richter'].map((s) =>
      appt(s, 'auskunft', 'video', '2026-03-03T09:00', {
        end: at('2026-03-03T09:30'),
        blockEnd: at('2026-03-03T09:30'),
      }),
    );
    const holds: HoldBlock[] = [
      {
        staffId: 'leonie-wagner',
        blockStart: at('2026-03-03T08:55'),
        blockEnd: at('2026-03-03T09:30'),
        expiresAt: NOW + 300_000,
      },
    ];
    const absences = ['anna-schulz', 'jonas-becker'].map((s) => absence(s, '2026-03-03', '2026-03-03', 'absent'));
    const p = plan({ absences, appointments: [a1, a2, ...busy], holds });
    expect(p.items[0]).toMatchObject({ action: 'reassign', to: { staffId: 'sabine-neumann', start: a1.start } });
    // a2 overlaps a1's new block at Sabine (09:00–09:20 incl. buffer), so it moves to a later slot.
    expect(p.items[1]!.action).toBe('reschedule');
    expect(p.items[1]!.to!.start).toBeGreaterThanOrEqual(a2.start);
    assertInvariants([a1, a2, ...busy], p, absences, holds);
  });
});

describe('proposeReplan: appointments for several services and citizens without email', () => {
  const combined = (staffId: string, local: string) => {
    const a = appt(staffId, 'meldewesen', 'in-person', local);
    const end = a.start + 35 * MIN; // Meldewesen 15 + Personalausweis 20
    return { ...a, serviceIds: ['meldewesen', 'ausweis'], end, blockEnd: end };
  };

  test('hands a combined appointment only to a colleague who offers every service, keeping its whole length', () => {
    const a = combined('jonas-becker', '2026-03-03T09:00');
    // Anna and Leonie (both services) are busy then; Murat is free but offers no Personalausweis.
    const busy = ['anna-schulz', 'leonie-wagner'].map((id) => appt(id, 'auskunft', 'in-person', '2026-03-03T09:00'));
    const p = plan({
      absences: [absence('jonas-becker', '2026-03-03', '2026-03-03', 'absent')],
      appointments: [a, ...busy],
    });
    const item = p.items.find((i) => i.appointmentId === a.id)!;
    expect(item.to).toBeDefined();
    expect(item.to!.staffId).not.toBe('murat-yilmaz');
    expect(dir.staff.find((s) => s.id === item.to!.staffId)!.services).toEqual(
      expect.arrayContaining(['meldewesen', 'ausweis']),
    );
    expect(item.to!.end - item.to!.start).toBe(35 * MIN);
    // The proposal card names every service of it, not only the first.
    expect(item.serviceIds).toEqual(['meldewesen', 'ausweis']);
  });

  test('home office only: an in-person visit of a citizen without email becomes a phone call, not video', () => {
    const a = appt('anna-schulz', 'meldewesen', 'in-person', '2026-03-03T09:00', {
      citizen: { name: 'Bürger', phone: '+49 511 4711', language: 'de' },
    });
    const viaPhone = appt('anna-schulz', 'auskunft', 'in-person', '2026-03-03T10:00', {
      citizen: { name: 'Bürgerin', phone: '+49 511 4712', language: 'de' },
    });
    const p = plan({
      absences: [absence('anna-schulz', '2026-03-02', '2026-03-06', 'home-office-only')],
      appointments: [a, viaPhone],
    });
    // Meldewesen has no phone channel: not converted (no link could reach the citizen); Auskunft becomes a call.
    expect(p.items.find((i) => i.appointmentId === a.id)!.action).not.toBe('convert');
    expect(p.items.find((i) => i.appointmentId === viaPhone.id)).toMatchObject({
      action: 'convert',
      to: { channel: 'phone' },
    });
  });
});

describe('proposeReplan: a whole team out for a week', () => {
  /** A realistic book: every Bürgerbüro member fully booked with 30-min slots through A's on-site week. */
  function busyWeek(): Appointment[] {
    const out: Appointment[] = [];
    const services = ['meldewesen', 'ausweis', 'kfz', 'auskunft'];
    let n = 0;
    for (const s of dir.staff.filter((x) => x.team.startsWith('buergerbuero'))) {
      for (let d = 0; d < 5; d++) {
        const day = DateTime.fromISO('2026-03-02', { zone: 'Europe/Berlin' }).plus({ days: d }).toISODate()!;
        for (const w of calendar.windows(s, day)) {
          for (let t = w.start; t + 45 * MIN <= w.end; t += 60 * MIN) {
            n++;
            if (n % 3 === 0) continue; // leave gaps
            const serviceId = services.filter((x) => s.services.includes(x))[(n % s.services.length) % 3]!;
            const service = dir.services.find((x) => x.id === serviceId)!;
            const channel: Channel =
              w.onSite && n % 2 === 0 ? 'in-person' : (service.channels.find((c) => c !== 'in-person') ?? 'in-person');
            if (channel === 'in-person' && !w.onSite) continue;
            out.push(appt(s.id, serviceId, channel, DateTime.fromMillis(t, { zone: 'Europe/Berlin' }).toISO()!));
          }
        }
      }
    }
    return out;
  }

  test('buergerbuero-a home office only: in-person work is converted or moved to B, nothing double-booked', () => {
    const book = busyWeek();
    const absences = teamMembers('buergerbuero-a').map((s) =>
      absence(s, '2026-03-02', '2026-03-06', 'home-office-only'),
    );
    const p = plan({ absences, appointments: book });
    const affectedCount = book.filter(
      (a) => teamMembers('buergerbuero-a').includes(a.staffId) && a.channel === 'in-person',
    ).length;
    expect(p.items).toHaveLength(affectedCount);
    expect(p.counts.converted).toBeGreaterThan(0);
    // Passport appointments can't go remote: they move to B's on-site week.
    for (const i of p.items.filter((x) => x.serviceId === 'ausweis' && x.action !== 'unplaced')) {
      expect(i.action).toBe('reschedule');
      expect(teamMembers('buergerbuero-b')).toContain(i.to!.staffId);
      expect(localDateOf(i.to!.start) >= '2026-03-09').toBe(true);
    }
    assertInvariants(book, p, absences, []);
  });

  test('buergerbuero-a absent for a week: everything is reassigned, rescheduled or listed', () => {
    const book = busyWeek();
    const absences = teamMembers('buergerbuero-a').map((s) => absence(s, '2026-03-02', '2026-03-06', 'absent'));
    const p = plan({ absences, appointments: book });
    const affectedCount = book.filter((a) => teamMembers('buergerbuero-a').includes(a.staffId)).length;
    expect(p.items).toHaveLength(affectedCount);
    expect(p.counts.converted).toBe(0);
    expect(p.counts.reassigned + p.counts.rescheduled).toBeGreaterThan(0);
    for (const i of p.items) if (i.to) expect(teamMembers('buergerbuero-a')).not.toContain(i.to.staffId);
    assertInvariants(book, p, absences, []);
  });
});

/** Applies a plan to a book and checks: no overlap per person (holds included), in person only on site, never two shift teams on site at once, rules of the service. */
function assertInvariants(book: Appointment[], p: Plan, absences: Absence[], holds: readonly HoldBlock[]): void {
  const byId = new Map(book.map((a) => [a.id, a]));
  const final = new Map(book.filter((a) => a.status === 'booked').map((a) => [a.id, { ...a }]));
  for (const i of p.items) {
    const original = byId.get(i.appointmentId)!;
    expect(i.expectedSequence).toBe(original.sequence);
    if (i.action === 'unplaced') {
      final.delete(i.appointmentId);
      continue;
    }
    const to = i.to!;
    const service = dir.services.find((s) => s.id === i.serviceId)!;
    const staff = dir.staff.find((s) => s.id === to.staffId)!;
    expect(service.channels).toContain(to.channel);
    expect(staff.services).toContain(service.id);
    expect(to.start).toBeGreaterThanOrEqual(original.start);
    expect(to.end - to.start).toBe(service.durationMin * MIN);
    if (i.action !== 'reschedule') expect(to.start).toBe(original.start);
    if (i.action === 'convert') expect(to.staffId).toBe(original.staffId);
    const absent = absences.find(
      (a) => a.staffId === to.staffId && a.from <= localDateOf(to.start) && localDateOf(to.start) <= a.to,
    );
    if (absent) {
      expect(absent.mode).toBe('home-office-only');
      expect(to.channel).not.toBe('in-person');
    }
    final.set(i.appointmentId, { ...original, ...to });
  }
  const all = [...final.values()];
  const blocks = [
    ...all.map((a) => ({ staffId: a.staffId, s: a.blockStart, e: a.blockEnd, id: a.id })),
    ...holds.map((h, k) => ({ staffId: h.staffId, s: h.blockStart, e: h.blockEnd, id: `hold${k}` })),
  ];
  const movedIds = new Set(p.items.map((i) => i.appointmentId));
  for (const x of blocks)
    for (const y of blocks)
      if (
        x.id < y.id &&
        x.staffId === y.staffId &&
        x.s < y.e &&
        y.s < x.e &&
        (movedIds.has(x.id) || movedIds.has(y.id))
      )
        throw new Error(`double booking of ${x.staffId}: ${x.id} and ${y.id}`);
  const teamOf = (id: string) => dir.staff.find((s) => s.id === id)!.team;
  const moved = all.filter((a) => movedIds.has(a.id) && a.channel === 'in-person');
  for (const a of moved) {
    const staff = dir.staff.find((s) => s.id === a.staffId)!;
    const w = calendar.windows(staff, localDateOf(a.start)).find((x) => x.start <= a.start && a.end <= x.end);
    expect(w?.onSite).toBe(true);
  }
  for (const a of moved)
    for (const b of all)
      if (b.channel === 'in-person' && a.start < b.end && b.start < a.end) {
        const ta = teamOf(a.staffId);
        const tb = teamOf(b.staffId);
        if (ta !== tb && ta.startsWith('buergerbuero') && tb.startsWith('buergerbuero'))
          throw new Error(`teams ${ta} and ${tb} on site together`);
      }
}

describe('proposeReplan: invariants over random appointment books', () => {
  const bb = dir.staff.filter((s) => s.team.startsWith('buergerbuero') || s.team === 'soziales');
  const days = ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
  const requestArb = fc.record({
    staff: fc.integer({ min: 0, max: bb.length - 1 }),
    day: fc.integer({ min: 0, max: days.length - 1 }),
    slot: fc.integer({ min: 0, max: 40 }),
    service: fc.nat(),
    channel: fc.nat(),
  });
  const absenceArb = fc.record({
    target: fc.oneof(fc.constant('team-a'), fc.constant('team-b'), fc.integer({ min: 0, max: bb.length - 1 })),
    from: fc.integer({ min: 0, max: days.length - 1 }),
    len: fc.integer({ min: 0, max: 3 }),
    mode: fc.constantFrom<AbsenceMode>('absent', 'home-office-only'),
  });

  /** Builds a valid book: each request lands only if it fits the person's hours, on-site rule and free time. */
  function buildBook(
    reqs: { staff: number; day: number; slot: number; service: number; channel: number }[],
  ): Appointment[] {
    const book: Appointment[] = [];
    for (const r of reqs) {
      const s = bb[r.staff]!;
      const day = days[r.day]!;
      const serviceId = s.services[r.service % s.services.length]!;
      const service = dir.services.find((x) => x.id === serviceId)!;
      const channel = service.channels[r.channel % service.channels.length]!;
      const start = at(`${day}T08:00`) + r.slot * 15 * MIN;
      const a = appt(s.id, serviceId, channel, DateTime.fromMillis(start, { zone: 'Europe/Berlin' }).toISO()!);
      const w = calendar.windows(s, day).find((x) => x.start <= a.start && a.end <= x.end);
      if (!w || (channel === 'in-person' && !w.onSite)) continue;
      if (book.some((b) => b.staffId === s.id && b.blockStart < a.blockEnd && a.blockStart < b.blockEnd)) continue;
      book.push(a);
    }
    return book;
  }

  test('never double-books, never puts both shift teams on site together, respects absences and services', () => {
    fc.assert(
      fc.property(
        fc.array(requestArb, { minLength: 1, maxLength: 120 }),
        fc.array(absenceArb, { minLength: 1, maxLength: 3 }),
        (reqs, abs) => {
          const book = buildBook(reqs);
          const absences: Absence[] = [];
          for (const a of abs) {
            const staffIds =
              a.target === 'team-a'
                ? teamMembers('buergerbuero-a')
                : a.target === 'team-b'
                  ? teamMembers('buergerbuero-b')
                  : [bb[a.target]!.id];
            const from = days[a.from]!;
            const to = days[Math.min(days.length - 1, a.from + a.len)]!;
            for (const s of staffIds) absences.push({ ...absence(s, from, to, a.mode), id: `abs-${absences.length}` });
          }
          const p = plan({ absences, appointments: book, searchDays: 5 });
          assertInvariants(book, p, absences, []);
          const affected = new Set(p.items.map((i) => i.appointmentId));
          expect(affected.size).toBe(p.items.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
