/**
 * Fills a Redis with appointments through the real booking path: for each one the `holdSlot` and
 * `confirmBooking` use cases (booking rules, the hold and confirm Lua scripts, audit and outbox in
 * the same step) run on a clock set to when it was booked; past appointments are then marked
 * completed / no-show or cancelled through the store's outcome and cancel scripts, as staff would.
 *
 * The days: from today through the next 28 days first (at most `perDay` per working day), then back
 * into the past day by day until `count` are booked. Each staff member's day is filled in time order
 * with gaps, so nothing overlaps and in-person visits fall in the on-site shift. Deterministic for a
 * given `seed` and clock.
 *
 * The invitations the confirm step writes to the outbox are removed afterwards (they belong to
 * citizens that do not exist; a delivered entry is removed from the stream the same way), and the
 * reminders of the coming appointments count as sent.
 */
import { holdSlot, confirmBooking, type BookingDeps } from '../../src/app/book';
import { bookableIntervals, workWindows } from '../../src/domain/availability';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { blockFor, earliestStart, horizonEnd } from '../../src/domain/slots';
import { addDays, DAY, localDateOf, MINUTE } from '../../src/domain/time';
import type { Channel, Directory, LocalDate, Service, Staff } from '../../src/domain/types';
import { isWorkingDay } from '../../src/domain/working-days';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis-client';

export interface SeedOptions {
  /** How many appointments to book. */
  count: number;
  /** At most this many per working day (the town's load); the default 300 is ≈ 1,500 a week. */
  perDay?: number;
  /** Days ahead filled first (default 28). */
  daysAhead?: number;
  /** "Now" of the town (default: the system clock). */
  now?: number;
  /** Random seed (default 1). */
  seed?: number;
  /** Bookings in flight at once (default 32). */
  concurrency?: number;
  /** Called now and then with the number booked so far. */
  progress?: (booked: number) => void;
  /** Citizens' names to draw from (default: six sample names; bench/search.ts wants a town's variety). */
  names?: readonly string[];
}

export interface SeedResult {
  booked: number;
  completed: number;
  noShows: number;
  cancelled: number;
  /** Earliest and latest day with appointments. */
  firstDay: LocalDate;
  lastDay: LocalDate;
  /** Candidates the booking rules refused (skipped, not retried). */
  refused: number;
}

interface Candidate {
  staff: Staff;
  service: Service;
  channel: Channel;
  start: number;
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)]!;

/** Every staff member's day filled in time order with gaps: candidates that never overlap. */
function candidatesOf(directory: Directory, day: LocalDate, now: number, rand: () => number): Candidate[] {
  const services = new Map(directory.services.map((s) => [s.id, s]));
  const out: Candidate[] = [];
  for (const staff of directory.staff) {
    const windows = workWindows(directory, staff, day);
    if (windows.length === 0) continue;
    let cursor = windows[0]!.start;
    const end = windows[windows.length - 1]!.end;
    while (cursor < end) {
      cursor += Math.floor(rand() * 3) * 15 * MINUTE; // 0, 15 or 30 minutes free before
      const service = services.get(pick(staff.services, rand));
      if (!service) break;
      const start = cursor + service.bufferBeforeMin * MINUTE;
      const block = blockFor(service, start);
      const allowed = service.channels.filter((c) =>
        bookableIntervals(directory, staff, day, c, undefined).some(
          (iv) => iv.start <= block.blockStart && block.blockEnd <= iv.end,
        ),
      );
      const bookable =
        allowed.length > 0 &&
        (start < now ? true : start >= earliestStart(service, now) && start < horizonEnd(service, now));
      if (bookable) out.push({ staff, service, channel: pick(allowed, rand), start });
      // Not bookable (a break, the end of a shift): move on by five minutes and try again.
      cursor = bookable ? block.blockEnd : cursor + 5 * MINUTE;
    }
  }
  return out;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The coming working days to fill, each with its share of `count` (at most `perDay`). */
function daysAhead(
  directory: Directory,
  opts: Required<Pick<SeedOptions, 'count' | 'perDay' | 'daysAhead'>>,
  today: LocalDate,
) {
  const ahead: LocalDate[] = [];
  for (let i = 0; i < opts.daysAhead; i++) {
    const d = addDays(today, i);
    if (isWorkingDay(directory, d)) ahead.push(d);
  }
  const perAhead = Math.min(opts.perDay, Math.ceil(opts.count / Math.max(1, ahead.length)));
  return ahead.map((day) => ({ day, target: perAhead }));
}

const CITIZENS = ['Erika Mustermann', 'Max Mustermann', 'Aylin Şahin', 'Jürgen Groß', 'Olga Nowak', 'Lars Østergaard'];

export async function seedAppointments(
  redis: RedisClient,
  directory: Directory,
  options: SeedOptions,
): Promise<SeedResult> {
  const now = options.now ?? Date.now();
  const rand = prng(options.seed ?? 1);
  const opts = { count: options.count, perDay: options.perDay ?? 300, daysAhead: options.daysAhead ?? 28 };
  const today = localDateOf(now);
  const absences = new AbsenceStore(redis);
  const last = await redis.xrevrange(keys.outbox(), '+', '-', 'COUNT', 1);
  const outboxBefore = last[0]?.[0] ?? '0-0';

  const result: SeedResult = {
    booked: 0,
    completed: 0,
    noShows: 0,
    cancelled: 0,
    firstDay: today,
    lastDay: today,
    refused: 0,
  };
  // The coming days first; what they cannot take (or all beyond them) goes into the past, newest day first.
  const days = daysAhead(directory, opts, today);
  const next = (): { day: LocalDate; target: number } | undefined => {
    const left = opts.count - result.booked;
    if (left <= 0) return undefined;
    const ahead = days.shift();
    if (ahead) return { day: ahead.day, target: Math.min(ahead.target, left) };
    do pastDay = addDays(pastDay, -1);
    while (!isWorkingDay(directory, pastDay));
    return { day: pastDay, target: Math.min(opts.perDay, left) };
  };
  let pastDay = today;
  // Every citizen their own mobile number (a search by number finds their appointment, not a day's worth).
  let serial = 0;
  for (let step = next(); step; step = next()) {
    const { day, target } = step;
    const chosen = shuffle(candidatesOf(directory, day, now, rand), rand).slice(0, target);
    // Leads and outcomes drawn here, in order, so the run does not depend on the interleaving below.
    const jobs = chosen.map((c, i) => ({
      c,
      i,
      lead: leadTime(c.service, rand),
      fate: rand(),
      name: pick(options.names ?? CITIZENS, rand),
      serial: serial++,
    }));
    let taken = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 32 }, async () => {
        const clock = new ManualClock(now);
        const store = new AppointmentStore(redis, clock);
        const deps: BookingDeps = { directory, clock, store, absences, holdTtlSeconds: 300 };
        while (taken < jobs.length) {
          const job = jobs[taken++]!;
          const { c } = job;
          // Booked `lead` before its start, never after "now", and within the service's horizon.
          let bookedAt = Math.min(now - MINUTE, c.start - job.lead);
          if (c.start >= horizonEnd(c.service, bookedAt))
            bookedAt = Math.min(now - MINUTE, c.start - (c.service.horizonDays - 1) * DAY);
          clock.set(bookedAt);
          const email = `buerger.${day}.${job.i}@example.org`;
          try {
            const held = await holdSlot(deps, {
              actorId: c.staff.id,
              staffId: c.staff.id,
              serviceId: c.service.id,
              channel: c.channel,
              start: c.start,
            });
            const { appointment } = await confirmBooking(deps, {
              actorId: c.staff.id,
              staffId: c.staff.id,
              serviceId: c.service.id,
              channel: c.channel,
              start: c.start,
              holdToken: held.token,
              clientKey: held.clientKey,
              citizen: {
                name: job.name,
                // Everyone can be reached: an address (video always), else a mobile number (phone always).
                ...(c.channel === 'video' || job.fate < 0.6 ? { email } : {}),
                ...(c.channel === 'phone' || (c.channel !== 'video' && job.fate >= 0.6)
                  ? { phone: `+49 151 ${String(20000000 + job.serial)}` }
                  : {}),
                language: job.fate < 0.93 ? 'de' : 'en',
              },
            });
            result.booked++;
            if (result.booked % 1000 === 0) options.progress?.(result.booked);
            const audit = (action: string, at: number) => ({
              at,
              actor: c.staff.id,
              action,
              appointmentId: appointment.id,
            });
            if (job.fate < 0.08 || (appointment.end > now && job.fate < 0.12)) {
              // Cancelled between booking and the day (by the citizen more often than by staff).
              const at = Math.min(now - MINUTE, bookedAt + (appointment.start - bookedAt) / 2);
              clock.set(Math.max(bookedAt, at));
              const by = job.fate < 0.05 ? 'citizen' : 'staff';
              await store.cancel({
                appointmentId: appointment.id,
                by,
                audit: audit('cancelled', clock.now()),
                outbox: [],
              });
              result.cancelled++;
            } else if (appointment.end <= now && job.fate < 0.97) {
              clock.set(Math.min(now - MINUTE, appointment.end + 5 * MINUTE));
              const outcome = job.fate < 0.15 ? 'no-show' : 'completed';
              await store.markOutcome({ appointmentId: appointment.id, outcome, audit: audit(outcome, clock.now()) });
              if (outcome === 'no-show') result.noShows++;
              else result.completed++;
            }
            if (appointment.start > now && job.fate >= 0.12) await markReminded(redis, appointment, now);
            if (day < result.firstDay) result.firstDay = day;
            if (day > result.lastDay) result.lastDay = day;
          } catch (e) {
            if (!isDomainError(e)) throw e;
            result.refused++;
          }
        }
      }),
    );
  }
  await dropSeededOutbox(redis, outboxBefore);
  return result;
}

/** How long before its start an appointment was booked: mostly days, within notice and horizon. */
function leadTime(service: Service, rand: () => number): number {
  const min = service.minNoticeMin * MINUTE + 30 * MINUTE;
  const max = Math.max(min, (service.horizonDays - 1) * DAY);
  // Short lead times are the common case ("nur eine geringe Vorlaufzeit").
  return Math.round(min + (max - min) * rand() ** 3);
}

/**
 * The reminders of a seeded appointment count as sent: its citizen does not exist, and the bot's first
 * start would otherwise write a reminder for every seeded appointment of the next day into var/mail and
 * var/sms, burying the invitation a newcomer books to see. The markers are the reminder sweep's own
 * (src/jobs/reminders.ts), with its lifetime.
 */
async function markReminded(redis: RedisClient, a: { id: string; start: number; end: number }, now: number) {
  const ttl = a.end - now + DAY;
  await redis
    .multi()
    .set(keys.reminded('citizen', a.id, a.start), '1', 'PX', ttl)
    .set(keys.reminded('sms', a.id, a.start), '1', 'PX', ttl)
    .set(keys.reminded('staff', a.id, a.start), '1', 'PX', ttl)
    .exec();
}

/** Removes the outbox entries written after `afterId` (the seeded invitations), 1,000 at a time. */
async function dropSeededOutbox(redis: RedisClient, afterId: string): Promise<void> {
  for (;;) {
    const entries = await redis.xrange(keys.outbox(), `(${afterId}`, '+', 'COUNT', 1000);
    if (entries.length === 0) return;
    await redis.xdel(keys.outbox(), ...entries.map(([id]) => id));
  }
}
