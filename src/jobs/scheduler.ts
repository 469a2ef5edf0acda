/**
 * The scheduled jobs (node-cron 4, Europe/Berlin), each fire run once across all instances.
 *
 * Every job body is a plain async function of `now`, so tests call it with an injected clock; the
 * scheduler only decides when. Tasks are `distributed`: node-cron asks the Redis run coordinator
 * (run-coordinator.ts) before each fire, and only the instance that wins the lease runs it.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { SendSummariesDeps, SendSummariesResult } from '../app/send-daily-summaries';
import { sendDailySummaries } from '../app/send-daily-summaries';
import type { Clock } from '../domain/clock';
import { isHoliday, isWorkingDay } from '../domain/working-days';
import { localDateOf, MINUTE } from '../domain/time';
import { TIME_ZONE, type LocalDate } from '../domain/types';
import { safeError } from '../domain/safe-error';
import type { Logger } from '../logger';
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
  readonly tasks: ReadonlyMap<string, ScheduledTask>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const coordinator = options.coordinator ?? new RedisRunCoordinator(options.redis);
  const inFlight = new Set<Promise<unknown>>();
  const tasks = new Map<string, ScheduledTask>();
  for (const job of options.jobs) {
    if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
    const body = async () => {
      const started = options.clock.now();
      const run = job.run(started);
      inFlight.add(run);
      try {
        const outcome = await run;
        options.logger.info(
          { job: job.name, ms: options.clock.now() - started, outcome: describe(outcome) },
          'job done',
        );
      } catch (err) {
        options.logger.error({ job: job.name, err: safeError(err) }, 'job failed');
      } finally {
        inFlight.delete(run);
      }
    };
    const task = cron.createTask(job.cron, body, {
      name: job.name,
      timezone: TIME_ZONE,
      distributed: true,
      runCoordinator: coordinator,
      distributedLease: job.leaseMs,
      noOverlap: true,
    });
    task.on('execution:skipped', (ctx) =>
      options.logger.debug({ job: job.name, reason: ctx.reason }, 'job fire skipped on this instance'),
    );
    tasks.set(job.name, task);
  }
  return {
    tasks,
    start: () => {
      for (const t of tasks.values()) void t.start();
    },
    stop: async () => {
      await Promise.all([...tasks.values()].map((t) => Promise.resolve(t.destroy())));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** A log-safe outline of a job's result (counts, never names or contents). */
function describe(outcome: unknown): unknown {
  if (!outcome || typeof outcome !== 'object') return outcome;
  return Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
}
