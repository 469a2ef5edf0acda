/** Supervisor alerts in each supervisor's language (dead letters), and alerts queued as plain text before that. */
import { expect } from '@jest/globals';
import { DateTime } from 'luxon';
import { ManualClock } from '../../src/domain/clock';
import type { Directory, SupervisorAlertFacts } from '../../src/domain/types';
import { renderSupervisorAlert } from '../../src/delivery/staff-notices';
import { parseOutboxFields } from '../../src/store/outbox';
import { keys } from '../../src/store/keys';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';
import { book } from './book';
import { smtpTestPort } from './mail/smtp-peer';
import { drainOutbox, RecordingSender, testOutboxWorker } from './worker';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

/** The example directory with one English-speaking supervisor (maria-lange) and one German (anna-schulz). */
function mixedDirectory(): Directory {
  const d = exampleDirectory();
  return { ...d, staff: d.staff.map((s) => (s.id === 'maria-lange' ? { ...s, language: 'en' as const } : s)) };
}

describe('supervisor alerts', () => {
  const t = testRedis('supervisor-alerts');
  const closers: (() => void)[] = [];
  afterAll(async () => {
    closers.forEach((c) => c());
    await t.cleanup();
  });
  beforeEach(async () => {
    await t.redis.del(keys.outbox(), keys.outboxDead(), keys.outboxRetry(), keys.outboxAttempts());
  });

  async function setup(directory: Directory) {
    const clock = new ManualClock(berlin('2026-04-01T08:00'));
    // Nobody listens on this port: every mail fails.
    const { store, mailer, proactive, worker } = testOutboxWorker({
      redis: t.redis,
      clock,
      directory,
      smtpUrl: `smtp://127.0.0.1:${smtpTestPort()}`,
      maxAttempts: 2,
    });
    closers.push(() => mailer.close());
    await worker.ensureGroup();
    const drain = () => drainOutbox(worker);
    return { clock, store, proactive, worker, drain };
  }

  const textFor = (sent: RecordingSender['sent'], staffId: string) =>
    sent.filter((s) => s.staffId === staffId).map((s) => s.message.text);

  it('tells an English-speaking supervisor about a dead letter in English and a German one in German', async () => {
    const { clock, store, proactive, drain } = await setup(mixedDirectory());
    const a = await book(store, { start: berlin('2026-04-09T10:00'), channel: 'phone' });
    for (let i = 0; i < 3; i++) {
      await drain();
      clock.advance(120_000);
    }
    expect(await t.redis.llen(keys.outboxDead())).toBe(1);

    // German exactly as before the alerts carried facts.
    expect(textFor(proactive.sent, 'anna-schulz')).toEqual([
      `Zustellung gescheitert nach 2 Versuchen: citizen-invitation (Termin ${a.id}). Bitte Mailversand prüfen; der Eintrag liegt in der Dead-Letter-Liste (book:outbox:dead).`,
    ]);
    expect(textFor(proactive.sent, 'maria-lange')).toEqual([
      `Delivery failed after 2 attempts: citizen-invitation (appointment ${a.id}). Please check mail sending; the entry is in the dead-letter list (book:outbox:dead).`,
    ]);
    for (const { message } of proactive.sent) expect(message.text).not.toMatch(/erika|Mustermann/i);
  });

  it('queues the alert with its facts and the German text, ids only', async () => {
    const { clock, store, drain, worker } = await setup(mixedDirectory());
    const a = await book(store, { start: berlin('2026-04-10T10:00'), channel: 'phone' });
    await drain();
    clock.advance(120_000);
    // Only the second attempt, no full pass: the alert is queued, not yet delivered.
    const [entry] = (await t.redis.xrange(keys.outbox(), '-', '+')) as [string, string[]][];
    expect(await worker.process(entry!)).toBe('dead');
    const [dead] = (await t.redis.lrange(keys.outboxDead(), 0, -1)).map((r) => JSON.parse(r) as { entryId: string });
    const alert = (await t.redis.xrange(keys.outbox(), '-', '+'))
      .map(([, f]) => parseOutboxFields(f))
      .find((e) => e?.msg.kind === 'supervisor-alert');
    expect(alert).toEqual({
      key: `dead-letter:${dead!.entryId}`,
      msg: {
        kind: 'supervisor-alert',
        text: expect.stringMatching(/^Zustellung gescheitert nach 2 Versuchen: citizen-invitation \(Termin /),
        deadLetter: { entryId: dead!.entryId, kind: 'citizen-invitation', attempts: 2, appointmentId: a.id },
      },
    });
  });

  it('names an unreadable entry in each language', async () => {
    const { proactive, drain } = await setup(mixedDirectory());
    await t.redis.xadd(keys.outbox(), '*', 'key', 'k1', 'msg', 'not json');
    await drain();
    expect(textFor(proactive.sent, 'anna-schulz')[0]).toBe(
      'Zustellung gescheitert nach 0 Versuchen: ein unlesbarer Eintrag. Bitte Mailversand prüfen; der Eintrag liegt in der Dead-Letter-Liste (book:outbox:dead).',
    );
    expect(textFor(proactive.sent, 'maria-lange')[0]).toBe(
      'Delivery failed after 0 attempts: an unreadable entry. Please check mail sending; the entry is in the dead-letter list (book:outbox:dead).',
    );
  });

  it('still delivers an alert queued with a plain text only (before alerts carried facts), as it is', async () => {
    const { proactive, drain } = await setup(mixedDirectory());
    const text =
      'Zustellung gescheitert nach 8 Versuchen: citizen-reminder (Termin a1). Bitte Mailversand prüfen; der Eintrag liegt in der Dead-Letter-Liste (book:outbox:dead).';
    const fields = ['key', 'dead-letter:1-0', 'msg', JSON.stringify({ kind: 'supervisor-alert', text })];
    expect(parseOutboxFields(fields)).toEqual({ key: 'dead-letter:1-0', msg: { kind: 'supervisor-alert', text } });
    await t.redis.xadd(keys.outbox(), '*', ...fields);
    await drain();
    expect(textFor(proactive.sent, 'anna-schulz')).toEqual([text]);
    expect(textFor(proactive.sent, 'maria-lange')).toEqual([text]);
    expect(await t.redis.llen(keys.outboxDead())).toBe(0);
  });

  it.each([
    [
      { kind: 'absence-reported', staffName: 'Jonas Becker', from: '2026-03-02', to: '2026-03-04', affected: 1 },
      'Jonas Becker hat eine Abwesenheit gemeldet (Mo., 2. März 2026 bis Mi., 4. März 2026). 1 Termin ist betroffen.',
      'Jonas Becker reported an absence (Mon 2 Mar 2026 to Wed 4 Mar 2026). 1 appointment is affected.',
    ],
    [
      { kind: 'calendar-stale', staffName: 'Jonas Becker', calendar: 'outlook', lastError: 'unauthorized' },
      'Der Outlook-Kalender von Jonas Becker wurde noch nie abgeglichen (unauthorized).',
      'The Outlook calendar of Jonas Becker has never been read (unauthorized).',
    ],
    [
      { kind: 'retention-unreadable', appointmentIds: ['appt_1', 'appt_2'] },
      'konnte 2 Termine nicht lesen',
      'could not read 2 appointments',
    ],
  ] as const)('renders the facts of %j in each supervisor’s language', (facts, de, en) => {
    const alert = { kind: 'supervisor-alert' as const, facts: { ...facts } as SupervisorAlertFacts };
    expect(renderSupervisorAlert(alert, 'de').text).toContain(de);
    expect(renderSupervisorAlert(alert, 'en').text).toContain(en);
  });

  it('reads an alert only when it says something: text, facts or a dead letter', () => {
    const entry = (msg: object) => parseOutboxFields(['key', 'supervisor-alert:x', 'msg', JSON.stringify(msg)]);
    expect(entry({ kind: 'supervisor-alert' })).toBeNull();
    expect(entry({ kind: 'supervisor-alert', staffIds: ['anna-schulz'] })).toBeNull();
    expect(entry({ kind: 'supervisor-alert', text: 'Hinweis' })).not.toBeNull();
    expect(
      entry({ kind: 'supervisor-alert', facts: { kind: 'retention-unreadable', appointmentIds: ['appt_1'] } }),
    ).not.toBeNull();
  });
});
