/**
 * Retention and the ways a citizen without email was reached (real Redis, real files): compacting an
 * appointment closes its open call — on whoever's call list it is — and deletes the records of its
 * SMS; with SMS_PROVIDER=file the SMS files older than the retention period are deleted too.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { ManualClock } from '../../src/domain/clock';
import { addDays, DAY, localDateOf } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { deleteSmsFilesBefore, fileSmsProvider } from '../../src/sms/provider';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { keysMatching, testRedis } from '../support/redis';
import { appointment, exampleDirectory } from '../support/summary-fixture';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });
const { redis, cleanup } = testRedis('jobs-retention-reach');
const now = Date.now();
const today = localDateOf(now);
const store = new AppointmentStore(redis, new ManualClock(now));
const deps = {
  store: new RedisRetentionStore(redis, teamOfStaff(directory.staff)),
  logger,
  retentionDays: 90,
  auditRetentionDays: 365,
};
let folder: string;

/** Booked for a citizen with a landline only: a change reaches them only by a call. */
async function bookByPhone(id: string, day: string): Promise<Appointment> {
  const a = appointment(directory, {
    id,
    staffId: 'katrin-hoffmann',
    serviceId: 'kfz',
    channel: 'phone',
    day,
    at: '09:00',
  });
  const { appointment: booked } = await store.confirm({
    clientKey: `k-${id}`,
    appointment: { ...a, citizen: { name: `Ilse ${id}`, phone: '+49513712345', language: 'de' } },
    audit: { at: a.createdAt, actor: a.staffId, action: 'booked', appointmentId: id },
    outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
  });
  return booked;
}

/** Cancelled by a replanning the supervisor applied: the call is on Anna's list, not on Katrin's. */
async function cancelWithCallBy(a: Appointment, caller: string): Promise<void> {
  await store.cancel({
    appointmentId: a.id,
    by: 'staff',
    caller,
    audit: { at: a.createdAt + 1, actor: caller, action: 'cancelled', appointmentId: a.id },
    outbox: [{ kind: 'citizen-cancellation', appointmentId: a.id, sequence: 1, reason: 'replan' }],
  });
}

/** What the SMS delivery records when the provider accepts both parts of an SMS and a receipt comes. */
async function smsSent(appointmentId: string, reference: string): Promise<void> {
  const messages = new RedisSmsMessages(redis);
  const origin = { appointmentId, sequence: 0, event: 'booked' as const, parts: 2 };
  await messages.partAccepted(reference, 0, `${reference}-m0`, origin);
  await messages.partAccepted(reference, 1, `${reference}-m1`, origin);
  await messages.receipt(`${reference}-m0`, 'delivered');
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sprech-retention-sms-'));
});
afterAll(async () => {
  await cleanup();
  await rm(folder, { recursive: true, force: true });
});

describe('retention of calls and SMS', () => {
  it('closes the open call of an appointment it compacts, also on another call list than the serving one', async () => {
    const old = await bookByPhone('call-old', addDays(today, -100));
    const recent = await bookByPhone('call-recent', addDays(today, -10));
    await cancelWithCallBy(old, 'anna-schulz');
    await cancelWithCallBy(recent, 'anna-schulz');
    expect(await redis.hexists(keys.openCalls(), old.id)).toBe(1);
    expect(await redis.zscore(keys.staffCalls('anna-schulz'), old.id)).not.toBeNull();

    expect((await runRetention(deps, now)).compacted).toBe(1);

    expect(await redis.hexists(keys.openCalls(), old.id)).toBe(0);
    expect(await redis.zscore(keys.staffCalls('anna-schulz'), old.id)).toBeNull();
    // Nothing that names the anonymised appointment is left on any call list; the recent call stays.
    expect(await redis.hexists(keys.openCalls(), recent.id)).toBe(1);
    expect(await redis.zrange(keys.staffCalls('anna-schulz'), '0', '-1')).toEqual([recent.id]);
  });

  it('deletes the records of the SMS of an appointment it compacts, and keeps those of others', async () => {
    const old = await bookByPhone('sms-old', addDays(today, -120));
    const recent = await bookByPhone('sms-recent', addDays(today, -5));
    await smsSent(old.id, 'ref-old-a');
    await smsSent(old.id, 'ref-old-b');
    await smsSent(recent.id, 'ref-recent');
    const prefix = redis.options.keyPrefix!;
    const smsKeys = async () => (await keysMatching(redis, `${prefix}sms:*`)).map((k) => k.slice(prefix.length));
    expect(await smsKeys()).toEqual(expect.arrayContaining([keys.smsOf(old.id), keys.smsSent('ref-old-a')]));

    expect((await runRetention(deps, now)).compacted).toBe(1);

    const left = await smsKeys();
    expect(left.filter((k) => k.includes('old'))).toEqual([]);
    expect(left.sort()).toEqual(
      [
        keys.smsOf(recent.id),
        keys.smsSent('ref-recent'),
        keys.smsMessage('ref-recent-m0'),
        keys.smsMessage('ref-recent-m1'),
      ].sort(),
    );
  });

  it('deletes the SMS files written before the retention period (SMS_PROVIDER=file), and nothing else', async () => {
    const dir = join(folder, 'sms');
    const sms = (reference: string) => ({
      to: '+491711234567',
      text: `Ihr Termin ${reference}`,
      encoding: 'GSM-7' as const,
      segments: 1,
      reference,
    });
    await fileSmsProvider(dir, () => now - 91 * DAY).send(sms('older'));
    await fileSmsProvider(dir, () => now - 89 * DAY).send(sms('newer'));
    await writeFile(join(dir, 'README.txt'), 'not an SMS');

    const result = await runRetention(
      { ...deps, deleteSmsFilesBefore: (cutoff) => deleteSmsFilesBefore(dir, cutoff) },
      now,
    );

    expect(result.smsFilesRemoved).toBe(1);
    const left = await readdir(dir);
    expect(left.some((f) => f.includes('older'))).toBe(false);
    expect(left.some((f) => f.includes('newer'))).toBe(true);
    expect(left).toContain('README.txt');
    // A second run finds nothing more; a folder never written is nothing to delete.
    expect(await deleteSmsFilesBefore(dir, now - 90 * DAY)).toBe(0);
    expect(await deleteSmsFilesBefore(join(folder, 'never'), now)).toBe(0);
  });
});
