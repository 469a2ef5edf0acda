import pino from 'pino';
import type { CalendarProvider, CalendarRead } from '../../src/calendars/port';
import { CalendarSync } from '../../src/calendars/sync';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { RedisRunCoordinator } from '../../src/jobs/run-coordinator';
import { calendarSyncJob, createScheduler, type Scheduler } from '../../src/jobs/scheduler';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });
const { cleanup, connect } = testRedis('jobs-calendar-sync');

/** A provider that counts reads (every calendar empty). */
class CountingProvider implements CalendarProvider {
  readonly kind = 'caldav' as const;
  readonly label = 'Kalender';
  reads = 0;
  read(): Promise<CalendarRead> {
    this.reads++;
    return Promise.resolve({ kind: 'full', events: [] });
  }
}

afterAll(() => cleanup());

describe('calendar sync job', () => {
  it('is scheduled every CALENDAR_SYNC_MINUTES with a lease that ends before the next fire', () => {
    const job = calendarSyncJob(5, () => Promise.resolve());
    expect(job).toMatchObject({ name: 'calendar-sync', cron: '*/5 * * * *' });
    expect(job.leaseMs).toBeLessThan(5 * 60_000);
  });

  it('reads every calendar once per interval when two instances share one Redis', async () => {
    const provider = new CountingProvider();
    const decisions: { key: string; won: boolean }[] = [];
    let runs = 0;
    const instances: Scheduler[] = [0, 1].map(() => {
      const client = connect();
      const clock = new ManualClock(localDateTime('2026-03-30', '06:00'));
      const sync = new CalendarSync({
        provider,
        redis: client,
        directory: () => directory,
        clock,
        logger,
        tentativeIsBusy: true,
        staleAfterMs: 30 * 60_000,
      });
      const coordinator = new RedisRunCoordinator(client, { onDecision: (key, won) => decisions.push({ key, won }) });
      // Every second instead of every 5 minutes, so the test sees real fires.
      const job = {
        ...calendarSyncJob(5, async (now) => {
          await sync.syncAll(now);
          runs++;
        }),
        cron: '* * * * * *',
        leaseMs: 30_000,
      };
      return createScheduler({ redis: client, clock, logger, jobs: [job], coordinator });
    });
    instances.forEach((s) => s.start());
    const deadline = Date.now() + 10_000;
    while (decisions.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(instances.map((s) => s.stop()));

    const fires = new Map<string, boolean[]>();
    for (const d of decisions) fires.set(d.key, [...(fires.get(d.key) ?? []), d.won]);
    expect([...fires.values()].filter((o) => o.length === 2).length).toBeGreaterThanOrEqual(1);
    for (const outcomes of fires.values()) expect(outcomes.filter(Boolean).length).toBeLessThanOrEqual(1);
    const won = decisions.filter((d) => d.won).length;
    expect(runs).toBe(won);
    expect(provider.reads).toBe(won * directory.staff.length);
  });
});
