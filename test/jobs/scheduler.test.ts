/**
 * The scheduler beyond node-cron: missed daily runs are caught up once across instances, and the
 * minutely jobs keep their minutes through the autumn night, when Berlin's 02:xx comes twice.
 */
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import {
  calendarSyncJob,
  createScheduler,
  lastSlotToday,
  standardJobs,
  type JobDefinition,
} from '../../src/jobs/scheduler';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';

const logger = pino({ level: 'silent' });
const { redis, connect, cleanup } = testRedis('jobs-scheduler');
afterAll(cleanup);

const MIN = 60_000;

describe('minutely jobs on the autumn night of 31 October 2027', () => {
  afterEach(() => jest.useRealTimers());

  it('fire every minute through both passes of 02:xx (reminders, mailbox, calendar sync)', async () => {
    const noop = async () => 0;
    const scheduler = createScheduler({
      redis,
      clock: new ManualClock(0),
      logger,
      jobs: [
        ...standardJobs('0 7 * * 1-5', {
          dailySummary: noop,
          retention: noop,
          reminderSweep: noop,
          mailboxPoll: { cron: '*/30 * * * * *', everyMs: 30_000, run: noop },
        }),
        calendarSyncJob(5, noop),
      ],
    });
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const gaps: Record<string, number> = {};
    // 00:00 UTC = 02:00 summer time … 02:30 UTC = 03:30 winter time
    for (let t = Date.UTC(2027, 9, 31, 0, 0, 5); t < Date.UTC(2027, 9, 31, 2, 30); t += MIN) {
      jest.setSystemTime(t);
      for (const name of ['reminder-sweep', 'mailbox', 'calendar-sync']) {
        const [next] = scheduler.tasks.get(name)!.getNextRuns(1);
        gaps[name] = Math.max(gaps[name] ?? 0, next!.getTime() - t);
      }
    }
    jest.useRealTimers();
    expect(gaps['reminder-sweep']).toBeLessThanOrEqual(MIN);
    expect(gaps['mailbox']).toBeLessThanOrEqual(30_000);
    expect(gaps['calendar-sync']).toBeLessThanOrEqual(5 * MIN);
    await scheduler.stop();
  });
});

describe('a daily run missed (a stall or a paused VM at its time)', () => {
  const monday = '2026-03-02';
  const summaryJob = (runs: number[]): JobDefinition => ({
    name: `daily-summary-${Math.random().toString(36).slice(2, 8)}`,
    cron: '0 7 * * 1-5',
    leaseMs: 30 * MIN,
    run: async (now) => runs.push(now),
  });

  it('is caught up once across two instances at the next check, and its slot recorded as run', async () => {
    const runs: number[] = [];
    const job = summaryJob(runs);
    // it ran on Friday; Monday's 07:00 fire was dropped
    await redis.set(keys.jobLastRun(job.name), String(localDateTime('2026-02-27', '07:00')));
    const clock = new ManualClock(localDateTime(monday, '09:12'));
    const instances = [0, 1].map(() => createScheduler({ redis: connect(), clock, logger, jobs: [job] }));
    const caught = await Promise.all(instances.map((s) => s.catchUp()));
    expect(caught.flat()).toEqual([job.name]);
    expect(runs).toEqual([localDateTime(monday, '09:12')]);
    expect(await redis.get(keys.jobLastRun(job.name))).toBe(String(localDateTime(monday, '07:00')));

    // later checks the same day, on either instance, run nothing more
    clock.set(localDateTime(monday, '15:00'));
    expect((await Promise.all(instances.map((s) => s.catchUp()))).flat()).toEqual([]);
    expect(runs).toHaveLength(1);
    await Promise.all(instances.map((s) => s.stop()));
  });

  it('is not caught up before its time, on a day it does not run, nor on a first start with no record', async () => {
    const runs: number[] = [];
    const job = summaryJob(runs);
    const clock = new ManualClock(localDateTime(monday, '06:59'));
    const s = createScheduler({ redis, clock, logger, jobs: [job] });
    await redis.set(keys.jobLastRun(job.name), String(localDateTime('2026-02-27', '07:00')));
    expect(await s.catchUp()).toEqual([]);
    clock.set(localDateTime('2026-03-07', '10:00')); // a Saturday
    expect(await s.catchUp()).toEqual([]);

    const fresh = summaryJob(runs);
    const first = createScheduler({
      redis,
      clock: new ManualClock(localDateTime(monday, '10:00')),
      logger,
      jobs: [fresh],
    });
    expect(await first.catchUp()).toEqual([]);
    expect(await redis.get(keys.jobLastRun(fresh.name))).toBe(String(localDateTime(monday, '07:00')));
    expect(runs).toEqual([]);
    await Promise.all([s.stop(), first.stop()]);
  });

  it('is logged when node-cron drops a fire because the process was late (a stalled event loop)', async () => {
    const lines: { msg: string; job?: string; slot?: string }[] = [];
    const recording = pino({ level: 'warn' }, { write: (l: string) => lines.push(JSON.parse(l) as { msg: string }) });
    const s = createScheduler({
      redis,
      clock: new ManualClock(0),
      logger: recording,
      jobs: [{ name: 'every-second', cron: '* * * * * *', leaseMs: 500, run: async () => 0 }],
    });
    s.start();
    await new Promise((r) => setTimeout(r, 1100));
    const stalledUntil = Date.now() + 2500;
    while (Date.now() < stalledUntil); // the process does nothing else for 2.5 s
    await new Promise((r) => setTimeout(r, 1100));
    await s.stop();
    const dropped = lines.filter((l) => l.msg.startsWith('job fire dropped'));
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    expect(dropped[0]!.job).toBe('every-second');
    expect(dropped[0]!.slot).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("finds today's slot on the Berlin clock, also on the days the clocks change", () => {
    expect(lastSlotToday('0 7 * * 1-5', localDateTime(monday, '07:00'))).toBe(localDateTime(monday, '07:00'));
    expect(lastSlotToday('0 7 * * 1-5', localDateTime(monday, '06:59'))).toBeUndefined();
    expect(lastSlotToday('15 3 * * *', localDateTime('2027-10-31', '12:00'))).toBe(
      localDateTime('2027-10-31', '03:15'),
    );
    expect(lastSlotToday('15 3 * * *', localDateTime('2027-03-28', '12:00'))).toBe(
      localDateTime('2027-03-28', '03:15'),
    );
    expect(lastSlotToday('0 7,12 * * *', localDateTime(monday, '13:00'))).toBe(localDateTime(monday, '12:00'));
  });
});
