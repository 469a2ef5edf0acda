/**
 * The figures of a period (journey 10) — and of a day: the supervisors' daily card (summary.ts)
 * takes its counts, minutes, capacity and lead times from here too, so the card and the report
 * cannot disagree (a property test compares them). One computation per figure.
 *
 * Input: the appointments as non-personal facts (appointment-facts.ts; live ones converted with
 * factsOf, plus what retention compacted), the absences and the staff's own calendar busy times.
 * An appointment belongs to the local day (Europe/Berlin) its consultation starts on, and to the
 * team in its facts. Pure; runs on 150,000 appointments in well under a second (bench/reports.ts).
 */
import type { AppointmentFacts } from './appointment-facts';
import { absenceModeOn, workWindows } from './availability';
import { addDays, daysBetween, localDateOf, mondayOf, MINUTE, DAY, localDayBounds, wallClockMsBetween } from './time';
import type { Absence, AbsenceMode, Channel, Directory, LocalDate, Staff } from './types';

export const CHANNELS: readonly Channel[] = ['video', 'phone', 'in-person'];

/** The figures of one row (the whole period, a team, a service, a channel, a day, week, month or staff member). */
export interface Figures {
  /** Appointments that took place or are still to take place (not cancelled). */
  booked: number;
  completed: number;
  noShow: number;
  /** noShow / (completed + noShow), 0..1 rounded to 3 places; null when nothing was marked. */
  noShowRate: number | null;
  /** Past appointments nobody marked completed or no-show. */
  unmarked: number;
  cancelled: number;
  cancelledByCitizen: number;
  cancelledByStaff: number;
  cancelledByReplan: number;
  /** Cancelled less than 24 hours before the start. */
  cancelledLate: number;
  /** Appointments (any status) moved to another time or staff member at least once. */
  moved: number;
  /** Lead time: from booking to the start, of the booked (not cancelled) appointments. */
  leadTimeSamples: number;
  leadTimeMedianMin: number | null;
  leadTimeP90Min: number | null;
  /** Shares 0..1 (3 places) of samples whose start lies at most 3 / 7 / 14 calendar days (Berlin) after the booking day. */
  leadWithin3Days: number | null;
  leadWithin7Days: number | null;
  leadWithin14Days: number | null;
  /** Minutes blocked by booked appointments, buffers included. */
  bookedMin: number;
  /**
   * Planned capacity in minutes: working hours (holidays, shift rotation, home office), minus absences
   * and busy times of the staff's own calendars. Null for rows without capacity (service, channel).
   */
  capacityMin: number | null;
  /** bookedMin / capacityMin, rounded to 3 places; null without capacity. */
  utilisation: number | null;
  /** Planned capacity in appointments: each staff-day's capacity over the mean block of the services the person offers. */
  capacitySlots: number | null;
  /** How the citizens of the booked appointments were told: mail, SMS, call by staff. */
  reachedByEmail: number;
  reachedBySms: number;
  reachedByCall: number;
}

/** The order in which figures are shown (tables, spreadsheet columns, definitions). */
export const FIGURE_KEYS = [
  'booked',
  'completed',
  'noShow',
  'noShowRate',
  'unmarked',
  'cancelled',
  'cancelledByCitizen',
  'cancelledByStaff',
  'cancelledByReplan',
  'cancelledLate',
  'moved',
  'leadTimeSamples',
  'leadTimeMedianMin',
  'leadTimeP90Min',
  'leadWithin3Days',
  'leadWithin7Days',
  'leadWithin14Days',
  'bookedMin',
  'capacityMin',
  'utilisation',
  'capacitySlots',
  'reachedByEmail',
  'reachedBySms',
  'reachedByCall',
] as const satisfies readonly (keyof Figures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface FigureRow {
  /**
   * Team id, service id, LeiKa id ('' for services without one), channel, YYYY-MM-DD, the Monday of
   * the ISO week, YYYY-MM, or staff id.
   */
  key: string;
  figures: Figures;
}

export type Breakdown = 'team' | 'service' | 'leika' | 'channel' | 'day' | 'week' | 'month' | 'staff';
export interface PeriodFigures {
  from: LocalDate;
  to: LocalDate;
  teamIds: string[];
  total: Figures;
  /**
   * Teams in directory order; services in directory order (each appointment under each of its
   * services); LeiKa ids in the order of their first service (each appointment once per id; '' for
   * services without one, last); staff by name.
   */
  rows: Record<Breakdown, FigureRow[]>;
}

export interface FiguresInput {
  directory: Directory;
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
  /** The teams to count; all teams when absent. */
  teamIds?: readonly string[];
  /** Any appointments; those starting outside the period or of other teams are left out. */
  facts: readonly AppointmentFacts[];
  /** Absences; those outside the period are ignored. */
  absences: readonly Absence[];
  /** Busy blocks of the staff's own calendars, merged per staff member (store/calendar-busy). */
  calendarBusy?: readonly { staffId: string; start: number; end: number }[];
  /** Appointments that ended before now and are still booked count as unmarked. */
  now: number;
}

export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** Median (mean of the middle two) of sorted values. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
}

/** One staff member's capacity on one day (see `Figures.capacityMin`). */
export interface StaffDay {
  /** Working minutes in which the person may take any consultation (0 when absent or on a holiday). */
  workMin: number;
  /** Of those, minutes their own calendar marks busy. */
  blockedMin: number;
  /** workMin − blockedMin. */
  availableMin: number;
  /** Their own calendar blocks the whole working day: counted as absent (e.g. out of office in Outlook). */
  calendarAbsent: boolean;
}

/**
 * Capacity of a staff member on a day. Working windows (hours, holidays, rotation) in which some
 * channel is allowed: on site unless "home office only", off site only with a home-office place;
 * nothing when absent. `busy`: their merged calendar blocks, sorted by start.
 */
export function staffDay(
  directory: Directory,
  staff: Staff,
  day: LocalDate,
  mode: AbsenceMode | undefined,
  busy: readonly { start: number; end: number }[] = [],
  /** Index of the first block that may end after the day's start (blocks before it are skipped). */
  firstBlock = 0,
): StaffDay {
  if (mode === 'absent') return { workMin: 0, blockedMin: 0, availableMin: 0, calendarAbsent: false };
  let workMs = 0;
  let blockedMs = 0;
  for (const w of workWindows(directory, staff, day)) {
    const usable = (w.onSite && mode !== 'home-office-only') || staff.homeOffice;
    if (!usable) continue;
    workMs += w.end - w.start;
    for (let i = firstBlock; i < busy.length; i++) {
      const b = busy[i]!;
      if (b.start >= w.end) break;
      blockedMs += Math.max(0, Math.min(w.end, b.end) - Math.max(w.start, b.start));
    }
  }
  const workMin = Math.round(workMs / MINUTE);
  const blockedMin = Math.min(workMin, Math.round(blockedMs / MINUTE));
  return {
    workMin,
    blockedMin,
    availableMin: workMin - blockedMin,
    calendarAbsent: workMin > 0 && blockedMin >= workMin,
  };
}

/** Minutes of one planned appointment of a staff member: the mean block (duration and buffers) of their services. */
function slotMinutes(directory: Directory, staff: Staff): number | null {
  const blocks = staff.services
    .map((id) => directory.services.find((s) => s.id === id))
    .filter((s) => s !== undefined)
    .map((s) => s.durationMin + s.bufferBeforeMin + s.bufferAfterMin);
  if (blocks.length === 0) return null;
  return blocks.reduce((a, b) => a + b, 0) / blocks.length;
}

/** Running totals of one row; `figures()` turns them into the row's Figures. */
class Tally {
  booked = 0;
  completed = 0;
  noShow = 0;
  unmarked = 0;
  cancelled = 0;
  cancelledByCitizen = 0;
  cancelledByStaff = 0;
  cancelledByReplan = 0;
  cancelledLate = 0;
  moved = 0;
  leads: number[] = [];
  within3 = 0;
  within7 = 0;
  within14 = 0;
  bookedMs = 0;
  capacityMin = 0;
  capacitySlots = 0;
  email = 0;
  sms = 0;
  call = 0;

  constructor(readonly withCapacity: boolean) {}

  figures(): Figures {
    const leads = Float64Array.from(this.leads).sort();
    const n = leads.length;
    const round = (v: number | null) => (v === null ? null : Math.round(v));
    const bookedMin = Math.round(this.bookedMs / MINUTE);
    return {
      booked: this.booked,
      completed: this.completed,
      noShow: this.noShow,
      noShowRate: ratio(this.noShow, this.completed + this.noShow),
      unmarked: this.unmarked,
      cancelled: this.cancelled,
      cancelledByCitizen: this.cancelledByCitizen,
      cancelledByStaff: this.cancelledByStaff,
      cancelledByReplan: this.cancelledByReplan,
      cancelledLate: this.cancelledLate,
      moved: this.moved,
      leadTimeSamples: n,
      leadTimeMedianMin: round(median(leads)),
      leadTimeP90Min: round(percentile(leads, 90)),
      leadWithin3Days: ratio(this.within3, n),
      leadWithin7Days: ratio(this.within7, n),
      leadWithin14Days: ratio(this.within14, n),
      bookedMin,
      capacityMin: this.withCapacity ? this.capacityMin : null,
      utilisation: this.withCapacity ? ratio(bookedMin, this.capacityMin) : null,
      capacitySlots: this.withCapacity ? this.capacitySlots : null,
      reachedByEmail: this.email,
      reachedBySms: this.sms,
      reachedByCall: this.call,
    };
  }
}

/** Rows of one breakdown, created on first use. */
class Rows {
  private readonly map = new Map<string, Tally>();
  constructor(private readonly withCapacity: boolean) {}
  get(key: string): Tally {
    let t = this.map.get(key);
    if (!t) this.map.set(key, (t = new Tally(this.withCapacity)));
    return t;
  }
  rows(order?: readonly string[]): FigureRow[] {
    const keys = order ?? [...this.map.keys()].sort();
    return keys.map((key) => ({ key, figures: (this.map.get(key) ?? new Tally(this.withCapacity)).figures() }));
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
}

/** The figures of a period for the given teams, in total and broken down. */
export function computeFigures(input: FiguresInput): PeriodFigures {
  const { directory, from, to, now } = input;
  const wanted = input.teamIds ? new Set(input.teamIds) : undefined;
  const teamIds = directory.teams.filter((t) => !wanted || wanted.has(t.id)).map((t) => t.id);
  const teamSet = new Set(teamIds);
  const periodStart = localDayBounds(from).start;
  const periodEnd = localDayBounds(to).end;

  const total = new Tally(true);
  const byTeam = new Rows(true);
  const byService = new Rows(false);
  const byLeika = new Rows(false);
  const leikaOf = new Map(directory.services.map((s) => [s.id, s.leikaId ?? '']));
  const byChannel = new Rows(false);
  const byDay = new Rows(true);
  const byWeek = new Rows(true);
  const byMonth = new Rows(true);
  const byStaff = new Rows(true);

  // Capacity: every staff-day of the period, staff of the counted teams as the directory has them now.
  const staff = directory.staff.filter((s) => teamSet.has(s.team));
  const absencesOf = new Map<string, Absence[]>();
  for (const a of input.absences) {
    if (a.to < from || a.from > to) continue;
    absencesOf.set(a.staffId, [...(absencesOf.get(a.staffId) ?? []), a]);
  }
  const busyOf = new Map<string, { start: number; end: number }[]>();
  for (const b of input.calendarBusy ?? []) {
    if (b.end <= periodStart || b.start >= periodEnd) continue;
    const list = busyOf.get(b.staffId);
    if (list) list.push(b);
    else busyOf.set(b.staffId, [b]);
  }
  for (const list of busyOf.values()) list.sort((a, b) => a.start - b.start);

  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const weekOf = new Map(days.map((d) => [d, mondayOf(d)]));
  // The tallies of each day, its week and its month, and the day's first instant: looked up once per day.
  const dayTallies = days.map((d) => [byDay.get(d), byWeek.get(weekOf.get(d)!), byMonth.get(d.slice(0, 7))] as const);
  const dayStarts = days.map((d) => localDayBounds(d).start);
  // Staff with the same team, hours and home-office place have the same working days: without an
  // absence or a calendar of their own, one computation serves them all (24 months × 200 staff).
  const plainDays = new Map<string, number[]>();
  const plainAvailable = (s: Staff): number[] => {
    const key = `${s.team}|${String(s.homeOffice)}|${JSON.stringify(s.hours)}`;
    let list = plainDays.get(key);
    if (!list) plainDays.set(key, (list = days.map((day) => staffDay(directory, s, day, undefined).availableMin)));
    return list;
  };
  for (const s of staff) {
    const slot = slotMinutes(directory, s);
    const absences = absencesOf.get(s.id) ?? [];
    const busy = busyOf.get(s.id) ?? [];
    const plain = absences.length === 0 && busy.length === 0 ? plainAvailable(s) : undefined;
    const own = [total, byTeam.get(s.team), byStaff.get(s.id)];
    let cursor = 0;
    days.forEach((day, i) => {
      let available: number;
      if (plain) available = plain[i]!;
      else {
        const mode = absences.length ? absenceModeOn(absences, s.id, day) : undefined;
        // Blocks that may touch this day: the busy list is sorted, days ascend.
        while (cursor < busy.length && busy[cursor]!.end <= dayStarts[i]!) cursor++;
        const sd = staffDay(directory, s, day, mode, busy, cursor);
        available = sd.calendarAbsent ? 0 : sd.availableMin;
      }
      if (available === 0) return;
      const slots = slot ? Math.floor(available / slot) : 0;
      for (const t of own) {
        t.capacityMin += available;
        t.capacitySlots += slots;
      }
      for (const t of dayTallies[i]!) {
        t.capacityMin += available;
        t.capacitySlots += slots;
      }
    });
  }

  for (const f of input.facts) {
    if (f.start < periodStart || f.start >= periodEnd) continue;
    if (f.teamId === null || !teamSet.has(f.teamId)) continue;
    const day = localDateOf(f.start);
    const tallies = [
      total,
      byTeam.get(f.teamId),
      byChannel.get(f.channel),
      byDay.get(day),
      byWeek.get(weekOf.get(day)!),
      byMonth.get(day.slice(0, 7)),
      byStaff.get(f.staffId),
    ];
    for (const sv of new Set(f.serviceIds)) tallies.push(byService.get(sv));
    for (const leika of new Set(f.serviceIds.map((sv) => leikaOf.get(sv) ?? ''))) tallies.push(byLeika.get(leika));
    const cancelled = f.status === 'cancelled';
    const late = cancelled && f.cancelledAt !== null && f.start - f.cancelledAt < DAY;
    const lead = f.start - f.createdAt;
    const leadDays = !cancelled && lead >= 0 ? daysBetween(localDateOf(f.createdAt), day) : -1;
    // What people read: days and hours on the Berlin clock, not the hour a clock change adds or takes.
    const wallLead = Math.max(0, wallClockMsBetween(f.createdAt, f.start));
    for (const t of tallies) {
      if (f.moves > 0) t.moved++;
      if (cancelled) {
        t.cancelled++;
        if (f.cancelledBy === 'citizen') t.cancelledByCitizen++;
        else if (f.cancelledBy === 'replan') t.cancelledByReplan++;
        else t.cancelledByStaff++;
        if (late) t.cancelledLate++;
        continue;
      }
      t.booked++;
      t.bookedMs += f.blockEnd - f.blockStart;
      if (f.status === 'completed') t.completed++;
      else if (f.status === 'no-show') t.noShow++;
      else if (f.end <= now) t.unmarked++;
      if (leadDays >= 0) {
        t.leads.push(wallLead / MINUTE);
        if (leadDays <= 3) t.within3++;
        if (leadDays <= 7) t.within7++;
        if (leadDays <= 14) t.within14++;
      }
      for (const r of f.reachedBy) {
        if (r === 'email') t.email++;
        else if (r === 'sms') t.sms++;
        else t.call++;
      }
    }
  }

  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const weeks = [...new Set(days.map((d) => weekOf.get(d)!))];
  const staffOrder = staff
    .filter((s) => byStaff.has(s.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'))
    .map((s) => s.id);
  // Appointments of people no longer in the directory (kept by retention) still count: after the others.
  const known = new Set(staffOrder);
  const formerStaff = input.facts.length
    ? [...new Set(input.facts.map((f) => f.staffId))].filter((id) => !known.has(id) && byStaff.has(id)).sort()
    : [];
  return {
    from,
    to,
    teamIds,
    total: total.figures(),
    rows: {
      team: byTeam.rows(teamIds),
      service: byService.rows(
        directory.services
          .map((s) => s.id)
          .filter((id) => byService.has(id))
          .concat(
            [...new Set(input.facts.flatMap((f) => f.serviceIds))]
              .filter((id) => byService.has(id) && !directory.services.some((s) => s.id === id))
              .sort(),
          ),
      ),
      leika: byLeika.rows(
        [...new Set([...leikaOf.values()].filter((id) => id !== '')), ''].filter((id) => byLeika.has(id)),
      ),
      channel: byChannel.rows(CHANNELS),
      day: byDay.rows(days),
      week: byWeek.rows(weeks),
      month: byMonth.rows(months),
      staff: byStaff.rows([...staffOrder, ...formerStaff]),
    },
  };
}
