/**
 * A town over years, week by week: each week's
 * working days are booked through the real booking path (`seedAppointments`: holdSlot + confirmBooking
 * and the Lua scripts, outcomes and cancellations as staff mark them), then the retention run
 * (`runRetention`, nightly in production, here once a week) compacts what ended more than
 * `retentionDays` ago. Used by bench/retention-plateau.ts (two years of a 200-staff town) and, scaled
 * down, by its test.
 */
import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { addDays, localDateTime } from '../../src/domain/time';
import type { Directory, LocalDate } from '../../src/domain/types';
import { isWorkingDay } from '../../src/domain/working-days';
import type { RedisClient } from '../../src/store/redis-client';
import { RedisRetentionStore } from '../../src/store/retention';
import { seedAppointments } from './appointments';

export interface TownWeek {
  /** 1-based. */
  week: number;
  /** The Monday after the week (its bookings and retention ran at 06:00 of it). */
  today: LocalDate;
  now: number;
  booked: number;
  compacted: number;
}

export interface TownYearsOptions {
  /** The first simulated Monday. */
  firstMonday: LocalDate;
  weeks: number;
  /** Appointments per working day (300 ≈ 1,500 a week). */
  perDay: number;
  /** RETENTION_DAYS; null: no retention at all (what Redis would hold without it). */
  retentionDays: number | null;
  concurrency?: number;
  /** After each week (figures, memory). */
  afterWeek?: (w: TownWeek) => Promise<void> | void;
}

/** Runs the weeks; returns how many appointments were booked and compacted in all. */
export async function simulateTownYears(
  redis: RedisClient,
  directory: Directory,
  opts: TownYearsOptions,
): Promise<{ booked: number; compacted: number }> {
  const logger = pino({ level: 'silent' });
  const teamOf = teamOfStaff(directory.staff);
  let booked = 0;
  let compacted = 0;
  for (let week = 1; week <= opts.weeks; week++) {
    const monday = addDays(opts.firstMonday, 7 * (week - 1));
    const today = addDays(monday, 7);
    const now = localDateTime(today, '06:00');
    let workingDays = 0;
    for (let d = 0; d < 7; d++) if (isWorkingDay(directory, addDays(monday, d))) workingDays++;
    // Fills the week's working days back from `today` (daysAhead 0: nothing of the coming week).
    const seeded = await seedAppointments(redis, directory, {
      count: workingDays * opts.perDay,
      perDay: opts.perDay,
      daysAhead: 0,
      now,
      seed: week,
      concurrency: opts.concurrency,
    });
    let weekCompacted = 0;
    if (opts.retentionDays !== null) {
      const result = await runRetention(
        {
          store: new RedisRetentionStore(redis, teamOf),
          logger,
          retentionDays: opts.retentionDays,
          auditRetentionDays: 365,
        },
        now,
      );
      weekCompacted = result.compacted;
    }
    booked += seeded.booked;
    compacted += weekCompacted;
    await opts.afterWeek?.({ week, today, now, booked: seeded.booked, compacted: weekCompacted });
  }
  return { booked, compacted };
}
