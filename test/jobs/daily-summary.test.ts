import pino from 'pino';
import type { ProactiveResult, ProactiveSender, TeamsMessage } from '../../src/app/ports';
import { takePendingSummary, type SendSummariesDeps } from '../../src/app/send-daily-summaries';
import { renderSummaryMessage } from '../../src/bot/cards/summary-card';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { createScheduler, dailySummaryJob, standardJobs, type Scheduler } from '../../src/jobs/scheduler';
import { RedisRunCoordinator } from '../../src/jobs/run-coordinator';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { RedisDeadLetters } from '../../src/store/outbox';
import { RedisPendingSummaries } from '../../src/store/pending-summaries';
import { ReplanOutcomeStore } from '../../src/store/replans';
import type { RedisClient } from '../../src/store/redis-client';
import { testRedis } from '../support/redis';
import {
  absencesOfDay,
  appointmentsOfDay,
  DAY_UNDER_TEST,
  exampleDirectory,
  SUMMARY_TIME,
} from '../support/summary-fixture';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });
const { redis, cleanup, connect } = testRedis('jobs-summary');
const SUPERVISORS = ['anna-schulz', 'maria-lange'];

/** Records what would go to Teams; answers per staff member as told. */
class RecordingSender implements ProactiveSender {
  readonly sent: { staffId: string; message: TeamsMessage }[] = [];
  constructor(private readonly answers: Record<string, ProactiveResult | Error> = {}) {}
  async sendToStaff(staffId: string, message: TeamsMessage): Promise<ProactiveResult> {
    const answer = this.answers[staffId] ?? 'sent';
    if (answer instanceof Error) throw answer;
    if (answer === 'sent') this.sent.push({ staffId, message });
    return answer;
  }
}

function deps(client: RedisClient, sender: ProactiveSender, clock = new ManualClock(SUMMARY_TIME)): SendSummariesDeps {
  return {
    directory,
    clock,
    appointments: new AppointmentStore(client, clock),
    absences: new AbsenceStore(client),
    problems: new RedisDeadLetters(client),
    replans: new ReplanOutcomeStore(client),
    sender,
    pending: new RedisPendingSummaries(client),
    render: renderSummaryMessage,
    logger,
  };
}

beforeAll(async () => {
  const store = new AppointmentStore(redis, new ManualClock(SUMMARY_TIME - 86_400_000));
  const booked = appointmentsOfDay(directory).filter((a: Appointment) => a.status === 'booked');
  for (const a of booked) {
    await store.confirm({
      clientKey: `k-${a.id}`,
      appointment: a,
      audit: { at: a.createdAt, actor: a.staffId, action: 'booked', appointmentId: a.id },
      outbox: [],
    });
  }
  await new AbsenceStore(redis).add(absencesOfDay);
});
afterAll(cleanup);

describe('daily summary job', () => {
  it('sends one summary per supervisor at 07:00 on a Monday, each for the teams they supervise', async () => {
    const sender = new RecordingSender();
    const outcome = await dailySummaryJob(deps(redis, sender), SUMMARY_TIME);
    expect(outcome).toMatchObject({ day: DAY_UNDER_TEST, sent: SUPERVISORS, pending: [], failed: [] });
    expect(sender.sent.map((s) => s.staffId)).toEqual(SUPERVISORS);
    const anna = JSON.stringify(sender.sent[0]!.message.card);
    expect(anna).toContain('Bürgerbüro Team A, Bürgerbüro Team B');
    expect(anna).not.toContain('Soziale Dienste');
    expect(sender.sent[0]!.message.text).toBe('Tagesübersicht für Montag, 2. März 2026: 7 Termine, Auslastung 6 %.');
    expect(JSON.stringify(sender.sent[1]!.message.card)).toContain('Soziale Dienste, Bauordnung');
  });

  it('sends nothing on a public holiday', async () => {
    const sender = new RecordingSender();
    const easterMonday = localDateTime('2026-04-06', '07:00');
    expect(await dailySummaryJob(deps(redis, sender, new ManualClock(easterMonday)), easterMonday)).toEqual({
      day: '2026-04-06',
      skipped: 'holiday',
    });
    expect(sender.sent).toEqual([]);
  });

  it('keeps the summary for a supervisor without a conversation and hands it over once when they write', async () => {
    const sender = new RecordingSender({ 'maria-lange': 'no-reference' });
    const d = deps(redis, sender);
    const outcome = await dailySummaryJob(d, SUMMARY_TIME);
    expect(outcome).toMatchObject({ sent: ['anna-schulz'], pending: ['maria-lange'] });
    const maria = directory.staff.find((s) => s.id === 'maria-lange')!;
    (d.clock as ManualClock).advance(2 * 3_600_000);
    const message = await takePendingSummary(d, maria.aadObjectId.toUpperCase());
    expect(message?.text).toMatch(/^Tagesübersicht für Montag, 2\. März 2026/);
    expect(JSON.stringify(message?.card)).toContain('Soziale Dienste, Bauordnung');
    expect(await takePendingSummary(d, maria.aadObjectId)).toBeNull();
  });

  it('keeps the summary for a supervisor whose reference Teams refused, and still serves the others when a send fails', async () => {
    const sender = new RecordingSender({ 'anna-schulz': new Error('Teams is down'), 'maria-lange': 'gone' });
    const outcome = await dailySummaryJob(deps(redis, sender), SUMMARY_TIME);
    expect(outcome).toMatchObject({ sent: [], pending: ['maria-lange'], failed: ['anna-schulz'] });
    const pending = new RedisPendingSummaries(redis);
    expect(await pending.take('anna-schulz')).toBe(DAY_UNDER_TEST);
    expect(await pending.take('maria-lange')).toBe(DAY_UNDER_TEST);
  });

  it('does not hand over yesterday’s pending summary', async () => {
    const d = deps(redis, new RecordingSender());
    await d.pending.mark('anna-schulz', '2026-02-27', localDateTime('2026-02-27', '07:00'));
    const anna = directory.staff.find((s) => s.id === 'anna-schulz')!;
    expect(await takePendingSummary(d, anna.aadObjectId)).toBeNull();
  });
});

describe('scheduler', () => {
  it('fires the summary at 07:00 Europe/Berlin on working days of the week only', async () => {
    const scheduler = createScheduler({
      redis,
      clock: new ManualClock(0),
      logger,
      jobs: standardJobs('0 7 * * 1-5', { dailySummary: async () => 0, retention: async () => 0 }),
    });
    const task = scheduler.tasks.get('daily-summary')!;
    expect(task.match(new Date(localDateTime('2026-03-02', '07:00')))).toBe(true);
    expect(task.match(new Date(localDateTime('2026-03-02', '08:00')))).toBe(false);
    expect(task.match(new Date(localDateTime('2026-03-07', '07:00')))).toBe(false);
    // Summer time: still 07:00 local.
    expect(task.match(new Date(localDateTime('2026-06-01', '07:00')))).toBe(true);
    expect(scheduler.tasks.get('retention')!.match(new Date(localDateTime('2026-03-29', '03:15')))).toBe(true);
    await scheduler.stop();
  });

  it('runs each fire once in total when two instances share one Redis', async () => {
    const sender = new RecordingSender();
    const decisions: { key: string; won: boolean; instance: number }[] = [];
    const instances: Scheduler[] = [0, 1].map((instance) => {
      const client = connect();
      const clock = new ManualClock(SUMMARY_TIME);
      const coordinator = new RedisRunCoordinator(client, {
        onDecision: (key, won) => decisions.push({ key, won, instance }),
      });
      // Every second instead of 07:00, so the test sees real fires; the job itself lives at Monday 07:00.
      const jobs = [
        {
          name: 'daily-summary',
          cron: '* * * * * *',
          leaseMs: 30_000,
          run: (now: number) => dailySummaryJob(deps(client, sender, clock), now),
        },
      ];
      return createScheduler({ redis: client, clock, logger, jobs, coordinator });
    });
    instances.forEach((s) => s.start());
    const deadline = Date.now() + 10_000;
    while (decisions.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(instances.map((s) => s.stop()));
    // A fire elected just before stop() may still be finishing its sends.
    const won = () => decisions.filter((d) => d.won).length;
    while (sender.sent.length < won() * SUPERVISORS.length && Date.now() < deadline + 2_000)
      await new Promise((r) => setTimeout(r, 20));

    const fires = new Map<string, boolean[]>();
    for (const d of decisions) fires.set(d.key, [...(fires.get(d.key) ?? []), d.won]);
    const decided = [...fires.values()].filter((outcomes) => outcomes.length === 2);
    expect(decided.length).toBeGreaterThanOrEqual(1);
    for (const outcomes of decided) expect(outcomes.filter(Boolean)).toHaveLength(1);
    for (const outcomes of fires.values()) expect(outcomes.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(sender.sent).toHaveLength(won() * SUPERVISORS.length);
  });
});
