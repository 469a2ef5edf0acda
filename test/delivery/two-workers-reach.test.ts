/**
 * Two instances, one outbox (real Redis): two OutboxWorkers — as two app instances run them — drain
 * the same outbox at once while citizens without email are booked, moved and cancelled. Every change
 * sends exactly one SMS to a citizen SMS reach (written by the file provider each instance has) and
 * exactly one "Bitte anrufen" card for a citizen only a call reaches.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime, MINUTE } from '../../src/domain/time';
import type { Appointment, PreviousPlacement } from '../../src/domain/types';
import { OutboxWorker } from '../../src/delivery/outbox-worker';
import { createMailer } from '../../src/delivery/mail/transport';
import { SmsDelivery } from '../../src/sms/delivery';
import { fileSmsProvider, type SmsMessage, type SmsProvider } from '../../src/sms/provider';
import { AppointmentStore } from '../../src/store/appointments';
import { CallStore } from '../../src/store/calls';
import { RedisShortLinks } from '../../src/store/short-links';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';
import { book } from './book';
import { RecordingSender, testLinks } from './worker';

jest.setTimeout(120_000);

const N = 8;
const directory = exampleDirectory();
const clock = new ManualClock(localDateTime('2026-12-14', '08:00'));
const placementOf = (a: Appointment): PreviousPlacement => ({
  staffId: a.staffId,
  start: a.start,
  end: a.end,
  channel: a.channel,
});

describe('two outbox workers at once', () => {
  const t = testRedis('two-workers-reach');
  let folder: string;
  const sent: SmsMessage[] = [];
  const cards: { staffId: string; text: string }[] = [];
  let store: AppointmentStore;
  let workers: OutboxWorker[];

  /** One instance: its own worker, SMS provider (files in the shared SMS_DIR) and Teams sender. */
  function instance(name: string): OutboxWorker {
    const files = fileSmsProvider(join(folder, 'sms'), () => clock.now());
    const provider: SmsProvider = {
      kind: 'file',
      send: async (sms, ledger) => {
        sent.push(sms);
        return files.send(sms, ledger);
      },
      close: () => files.close(),
    };
    const proactive = new RecordingSender();
    const original = proactive.sendToStaff.bind(proactive);
    proactive.sendToStaff = async (staffId, message) => {
      if (message.text.startsWith('Bitte anrufen')) cards.push({ staffId, text: message.text });
      return original(staffId, message);
    };
    return new OutboxWorker(
      {
        redis: t.redis,
        appointments: new AppointmentStore(t.redis, clock),
        directory,
        mailer: createMailer({ SMTP_URL: undefined, MAIL_DIR: join(folder, 'mail') }),
        proactive,
        links: testLinks,
        clock,
        logger: pino({ level: 'silent' }),
        calls: new CallStore(t.redis, clock),
        sms: new SmsDelivery({
          provider,
          shortLinks: new RedisShortLinks(t.redis, clock),
          publicBaseUrl: 'https://termine.seelze.example',
          messages: new RedisSmsMessages(t.redis),
        }),
      },
      { consumer: name, maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000, claimIdleMs: 60_000 },
    );
  }

  /** Both workers pass over the outbox at the same time until neither finds anything more. */
  async function drainBoth(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const passes = await Promise.all(workers.map((w) => w.runOnce(0)));
      if (passes.every((r) => r.delivered + r.skipped + r.retry + r.dead === 0)) return;
    }
    throw new Error('the outbox did not drain');
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sprech-two-workers-'));
    store = new AppointmentStore(t.redis, clock);
    workers = [instance('instance-a'), instance('instance-b')];
    await workers[0]!.ensureGroup();
  });
  afterAll(async () => {
    await t.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('sends one SMS and one call card per change, never two, while both drain the outbox', async () => {
    const day = (i: number) => localDateTime('2026-12-16', '08:00') + i * 30 * MINUTE;
    const bySms: Appointment[] = [];
    const byCall: Appointment[] = [];
    for (let i = 0; i < N; i++) {
      bySms.push(
        await book(store, {
          start: day(i),
          channel: 'phone',
          staffId: 'katrin-hoffmann',
          citizen: { name: `Sina ${i}`, email: undefined, phone: `+4917112345${10 + i}`, smsConsent: true },
        }),
      );
      byCall.push(
        await book(store, {
          start: day(i) + 15 * MINUTE,
          channel: 'phone',
          staffId: 'katrin-hoffmann',
          citizen: { name: `Ilse ${i}`, email: undefined, phone: `+495137123${10 + i}` },
        }),
      );
    }
    await drainBoth();

    // Katrin moves every appointment a day on, then cancels half of them: each change told once.
    const moved: Appointment[] = [];
    for (const a of [...bySms, ...byCall]) {
      const start = a.start + 24 * 60 * MINUTE;
      moved.push(
        await store.move({
          appointmentId: a.id,
          expectedSequence: a.sequence,
          staffId: a.staffId,
          start,
          end: start + (a.end - a.start),
          blockStart: start,
          blockEnd: start + (a.end - a.start),
          channel: a.channel,
          audit: { at: clock.now(), actor: a.staffId, action: 'rescheduled', appointmentId: a.id },
          outbox: (next, previous) => [
            {
              kind: 'citizen-invitation',
              appointmentId: next.id,
              sequence: next.sequence,
              reason: 'rescheduled',
              previous: placementOf(previous),
            },
          ],
        }),
      );
    }
    await drainBoth();
    const cancelled = moved.filter((_, i) => i % 2 === 0);
    for (const a of cancelled)
      await store.cancel({
        appointmentId: a.id,
        by: 'staff',
        audit: { at: clock.now(), actor: a.staffId, action: 'cancelled', appointmentId: a.id },
        outbox: [{ kind: 'citizen-cancellation', appointmentId: a.id, sequence: a.sequence + 1, reason: 'staff' }],
      });
    await drainBoth();

    // SMS: booked and moved for each SMS citizen, cancelled for those cancelled; each exactly once.
    const smsIds = new Set(bySms.map((a) => a.id));
    const expectedSms = N + N + cancelled.filter((a) => smsIds.has(a.id)).length;
    expect(sent).toHaveLength(expectedSms);
    expect(new Set(sent.map((s) => s.reference)).size).toBe(expectedSms);
    const files = await readdir(join(folder, 'sms'));
    expect(files).toHaveLength(expectedSms);
    const texts = await Promise.all(files.map((f) => readFile(join(folder, 'sms', f), 'utf8')));
    expect(texts.filter((x) => x.includes('verlegt auf'))).toHaveLength(N);
    // No SMS to a citizen only a call reaches.
    expect(sent.some((s) => s.to.startsWith('+495137'))).toBe(false);

    // Call cards: the move and the cancellation of each citizen only a call reaches; each exactly once.
    const callIds = new Set(byCall.map((a) => a.id));
    const expectedCards = N + cancelled.filter((a) => callIds.has(a.id)).length;
    expect(cards).toHaveLength(expectedCards);
    expect(new Set(cards.map((c) => c.text)).size).toBe(expectedCards);
    expect(cards.every((c) => c.staffId === 'katrin-hoffmann')).toBe(true);
    expect(cards.filter((c) => c.text.includes('Termin abgesagt'))).toHaveLength(expectedCards - N);
  });
});
