/** Shared by the outbox tests: a worker on real Redis mailing to a given SMTP URL, and a drain loop. */
import pino from 'pino';
import type Redis from 'ioredis';
import { CitizenLinks } from '../../src/app/citizen-links';
import type { ProactiveSender, TeamsMessage } from '../../src/app/ports';
import type { ManualClock } from '../../src/domain/clock';
import type { Directory } from '../../src/domain/types';
import { OutboxWorker, type OutboxWorkerDeps } from '../../src/delivery/outbox-worker';
import { createMailer, type Mailer } from '../../src/delivery/mail/transport';
import { AppointmentStore } from '../../src/store/appointments';

export const testLinks = new CitizenLinks('x'.repeat(40), 'https://termine.seelze.example');

/** Records what would go to Teams. */
export class RecordingSender implements ProactiveSender {
  readonly sent: { staffId: string; message: TeamsMessage }[] = [];
  /** Staff members who never opened the bot: no conversation to send to. */
  readonly unreachable = new Set<string>();
  async sendToStaff(staffId: string, message: TeamsMessage) {
    if (this.unreachable.has(staffId)) return 'no-reference' as const;
    this.sent.push({ staffId, message });
    return 'sent' as const;
  }
}

export interface TestWorkerOptions {
  redis: Redis;
  clock: ManualClock;
  directory: Directory;
  smtpUrl: string;
  /** Another transport than plain SMTP to `smtpUrl` (XOAUTH2, Graph). */
  mailer?: Mailer;
  maxAttempts?: number;
  consumer?: string;
  /** The bot's cards for notices with buttons (OutboxWorkerDeps.cards). */
  cards?: OutboxWorkerDeps['cards'];
}

/** A worker with a fixed backoff (1 s doubling to 1 min, no jitter); close `mailer` when done. */
export function testOutboxWorker(o: TestWorkerOptions) {
  const store = new AppointmentStore(o.redis, o.clock);
  const mailer = o.mailer ?? createMailer({ SMTP_URL: o.smtpUrl, MAIL_DIR: 'var/mail' });
  const proactive = new RecordingSender();
  const worker = new OutboxWorker(
    {
      redis: o.redis,
      appointments: store,
      directory: o.directory,
      mailer,
      proactive,
      links: testLinks,
      clock: o.clock,
      logger: pino({ level: 'silent' }),
      ...(o.cards ? { cards: o.cards } : {}),
    },
    {
      consumer: o.consumer ?? 'w1',
      maxAttempts: o.maxAttempts ?? 8,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      claimIdleMs: 60_000,
      random: () => 0.5,
    },
  );
  return { store, mailer, proactive, worker };
}

/** Runs passes until one finds nothing due; the totals of all passes. */
export async function drainOutbox(worker: OutboxWorker) {
  const total = { delivered: 0, skipped: 0, retry: 0, dead: 0 };
  for (let i = 0; i < 20; i++) {
    const r = await worker.runOnce(0);
    (Object.keys(total) as (keyof typeof total)[]).forEach((k) => (total[k] += r[k]));
    if (r.delivered + r.skipped + r.retry + r.dead === 0) break;
  }
  return total;
}
