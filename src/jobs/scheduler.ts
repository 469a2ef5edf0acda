/**
 * The scheduled jobs (node-cron 4, Europe/Berlin), each fire run once across all instances.
 *
 * Every job body is a plain async function of `now`, so tests call it with an injected clock; the
 * scheduler only decides when. Tasks are `distributed`: node-cron asks the Redis run coordinator
 * (run-coordinator.ts) before each fire, and only the instance that wins the lease runs it.
 *
 * What node-cron does not do, done here:
 * - A fire that starts more than a second late (a stall, a paused VM) is dropped by node-cron: every
 *   dropped fire is logged, and a daily job's run missed today is caught up at the next minute's
 *   check — once across instances (the same lease key as the on-time fire), against the slot of its
 *   last run recorded in Redis (keys.jobLastRun).
 * - Jobs that run every hour (minutely, every N minutes or seconds) are scheduled on UTC, whose
 *   minutes are Berlin's (the offset is whole hours): on the autumn night Berlin's hour 02:xx comes
 *   twice, and node-cron on Europe/Berlin would wait through the first one without firing.
 */
import cron, { type ScheduledTask, type TaskContext } from 'node-cron';
import type { SendSummariesDeps, SendSummariesResult } from '../app/send-daily-summaries';
import { sendDailySummaries } from '../app/send-daily-summaries';
import type { Clock } from '../domain/clock';
import { isHoliday, isWorkingDay } from '../domain/working-days';
import { localDateOf, localDateTime, MINUTE } from '../domain/time';
import { TIME_ZONE, type LocalDate } from '../domain/types';
import { safeError } from '../domain/safe-error';
import type { Logger } from '../logger';
import { keys } from '../store/keys';
import type { RedisClient } from '../store/redis-client';
import { RedisRunCoordinator } from './run-coordinator';

export interface JobDefinition {
  /** Unique; part of the coordination key shared by all instances. */
  name: string;
  /** Cron expression in Europe/Berlin local time. */
  cron: string;
  /** How long the winner holds a fire; must outlast the clock skew between instances. */
  leaseMs: number;
  run: (now: number) => Promise<unknown>;
}

export type DailySummaryOutcome = SendSummariesResult | { day: LocalDate; skipped: 'holiday' | 'no-working-day' };

/** The 07:00 job: every supervisor gets their summary, except on public holidays and days nobody works. */
export async function dailySummaryJob(deps: SendSummariesDeps, now: number): Promise<DailySummaryOutcome> {
  const day = localDateOf(now);
  if (isHoliday(deps.directory, day)) return { day, skipped: 'holiday' };
  if (!isWorkingDay(deps.directory, day)) return { day, skipped: 'no-working-day' };
  return sendDailySummaries(deps, now);
}

/** Retention runs at 03:15: a time that exists exactly once on both DST change days. */
export const RETENTION_CRON = '15 3 * * *';
export const REMINDER_CRON = '* * * * *';

export interface StandardJobBodies {
  dailySummary: (now: number) => Promise<unknown>;
  retention: (now: number) => Promise<unknown>;
  /** `runReminderSweep` from jobs/reminders.ts, bound to its deps. */
  reminderSweep?: (now: number) => Promise<unknown>;
  /** One pass over the organisation mailbox (src/mailbox), every MAILBOX_POLL_SECONDS. */
  mailboxPoll?: { cron: string; everyMs: number; run: (now: number) => Promise<unknown> };
}

export function standardJobs(summaryCron: string, bodies: StandardJobBodies): JobDefinition[] {
  const jobs: JobDefinition[] = [
    { name: 'daily-summary', cron: summaryCron, leaseMs: 30 * MINUTE, run: bodies.dailySummary },
    { name: 'retention', cron: RETENTION_CRON, leaseMs: 60 * MINUTE, run: bodies.retention },
  ];
  if (bodies.reminderSweep)
    jobs.push({ name: 'reminder-sweep', cron: REMINDER_CRON, leaseMs: 55_000, run: bodies.reminderSweep });
  if (bodies.mailboxPoll)
    jobs.push({
      name: 'mailbox',
      cron: bodies.mailboxPoll.cron,
      leaseMs: bodies.mailboxPoll.everyMs,
      run: bodies.mailboxPoll.run,
    });
  return jobs;
}

/**
 * The staff calendar sync every `minutes` (CALENDAR_SYNC_MINUTES): each fire runs on one instance;
 * the lease ends shortly before the next fire so a crashed instance delays at most one round.
 */
export function calendarSyncJob(minutes: number, run: (now: number) => Promise<unknown>): JobDefinition {
  return {
    name: 'calendar-sync',
    cron: `*/${minutes} * * * *`,
    leaseMs: Math.max(30_000, minutes * MINUTE - 10_000),
    run,
  };
}

export interface SchedulerOptions {
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  jobs: readonly JobDefinition[];
  /** For tests: a coordinator to observe decisions. */
  coordinator?: RedisRunCoordinator;
}

export interface Scheduler {
  start(): void;
  /** Stops firing and waits for runs in progress. */
  stop(): Promise<void>;
  /**
   * Runs each daily job whose slot of today passed without a recorded run (once across instances).
   * Called every minute and at start; returns the names of the jobs this instance caught up.
   */
  catchUp(): Promise<string[]>;
  readonly tasks: ReadonlyMap<string, ScheduledTask>;
}

/** A slot younger than this is left to its on-time fire. */
const CATCH_UP_GRACE_MS = 2 * MINUTE;

/** True when the expression fires in every hour of every day: its minutes are the same on UTC and on Berlin time. */
export function runsEveryHour(expression: string): boolean {
  const f = cron.parse(expression);
  return f.hour.length === 24 && f.dayOfMonth.length === 31 && f.month.length === 12 && f.dayOfWeek.length >= 7;
}

/**
 * The latest slot of a daily expression on the Berlin day of `now` that is not after `now`, or
 * undefined (none yet today, or the day does not match). Day of month and day of week both must
 * match, as node-cron matches them.
 */
export function lastSlotToday(expression: string, now: number): number | undefined {
  const f = cron.parse(expression);
  const day = localDateOf(now);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const matchesDay =
    f.month.includes(m) &&
    f.dayOfMonth.includes(d) &&
    (f.dayOfWeek.includes(weekday) || (weekday === 0 && f.dayOfWeek.includes(7)));
  if (!matchesDay) return undefined;
  let latest: number | undefined;
  for (const hour of f.hour)
    for (const minute of f.minute)
      for (const second of f.second) {
        const at =
          localDateTime(day, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`) + second * 1000;
        if (at <= now && localDateOf(at) === day && (latest === undefined || at > latest)) latest = at;
      }
  return latest;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const coordinator = options.coordinator ?? new RedisRunCoordinator(options.redis);
  const inFlight = new Set<Promise<unknown>>();
  const tasks = new Map<string, ScheduledTask>();
  const log = options.logger;

  /** Runs a job body for `slot` (this instance won it); records the slot as the job's last run first. */
  const runJob = async (job: JobDefinition, slot: number, how: 'on time' | 'caught up') => {
    const started = options.clock.now();
    const run = (async () => {
      await options.redis.set(keys.jobLastRun(job.name), String(slot));
      return job.run(started);
    })();
    inFlight.add(run);
    try {
      const outcome = await run;
      log.info({ job: job.name, ms: options.clock.now() - started, how, outcome: describe(outcome) }, 'job done');
    } catch (err) {
      log.error({ job: job.name, how, err: safeError(err) }, 'job failed');
    } finally {
      inFlight.delete(run);
    }
  };

  for (const job of options.jobs) {
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
    const task = cron.createTask(job.cron, (ctx: TaskContext) => runJob(job, ctx.date.getTime(), 'on time'), {
      name: job.name,
      timezone: runsEveryHour(job.cron) ? 'UTC' : TIME_ZONE,
      distributed: true,
      runCoordinator: coordinator,
      distributedLease: job.leaseMs,
      noOverlap: true,
    });
    task.on('execution:skipped', (ctx) =>
      log.debug({ job: job.name, reason: ctx.reason }, 'job fire skipped on this instance'),
    );
    task.on('execution:missed', (ctx) =>
      log.warn(
        { job: job.name, slot: ctx.date.toISOString(), daily: !runsEveryHour(job.cron) },
        'job fire dropped: the process was late for it (a daily job is caught up at the next check)',
      ),
    );
    tasks.set(job.name, task);
  }

  const daily = options.jobs.filter((j) => !runsEveryHour(j.cron));
  const catchUp = async (): Promise<string[]> => {
    const now = options.clock.now();
    const caught: string[] = [];
    for (const job of daily) {
      const slot = lastSlotToday(job.cron, now);
      if (slot === undefined || now - slot < CATCH_UP_GRACE_MS) continue;
      const recorded = await options.redis.get(keys.jobLastRun(job.name));
      if (recorded === null) {
        // A first start: nothing was missed yet; from now on the record says what ran.
        await options.redis.set(keys.jobLastRun(job.name), String(slot), 'NX');
        continue;
      }
      if (Number(recorded) >= slot) continue;
      const fire = `${job.name}:${new Date(slot).toISOString()}`;
      if (!(await coordinator.shouldRun(fire, job.leaseMs))) continue;
      log.warn({ job: job.name, slot: new Date(slot).toISOString(), lateMs: now - slot }, 'job run missed: caught up');
      caught.push(job.name);
      try {
        await runJob(job, slot, 'caught up');
      } finally {
        await coordinator.onComplete(fire);
      }
    }
    return caught;
  };
  const check = async () => {
    const pass = catchUp().catch((err: unknown) => log.error({ err: safeError(err) }, 'job catch-up check failed'));
    inFlight.add(pass);
    await pass;
    inFlight.delete(pass);
  };
  // Every minute on each instance (not distributed: a catch-up takes the fire's own lease).
  const checker = daily.length
    ? cron.createTask('* * * * *', check, { name: 'job-catch-up', timezone: 'UTC', noOverlap: true })
    : undefined;

  return {
    tasks,
    catchUp,
    start: () => {
      for (const t of tasks.values()) void t.start();
      if (checker) {
        void checker.start();
        void check();
      }
    },
    stop: async () => {
      await Promise.all([...tasks.values(), ...(checker ? [checker] : [])].map((t) => Promise.resolve(t.destroy())));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** A log-safe outline of a job's result (counts, never names or contents). */
function describe(outcome: unknown): unknown {
  if (!outcome || typeof outcome !== 'object') return outcome;
  return Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
}
