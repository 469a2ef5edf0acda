import { DateTime } from 'luxon';
import { ManualClock } from '../../src/domain/clock';
import { runReminderSweep } from '../../src/jobs/reminders';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { book } from '../delivery/book';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

describe('runReminderSweep', () => {
  const t = testRedis('reminders');
  afterAll(() => t.cleanup());
  const clock = new ManualClock(berlin('2026-06-01T08:00'));
  const store = new AppointmentStore(t.redis, clock);
  const deps = (redis = t.redis) => ({
    redis,
    appointments: new AppointmentStore(redis, clock),
    citizenMinutes: 24 * 60,
    staffMinutes: 10,
  });
  const queued = async () =>
    (await t.redis.xrange(keys.outbox(), '-', '+'))
      .map(([, f]) => JSON.parse(f[3]!) as { kind: string; event?: string; appointmentId: string })
      .filter((m) => m.kind === 'citizen-reminder' || m.event === 'reminder');

  it('queues each reminder exactly once, also when sweeps of two instances overlap and repeat', async () => {
    const tomorrow = await book(store, { start: berlin('2026-06-02T07:30'), channel: 'phone' });
    const later = await book(store, { start: berlin('2026-06-03T10:00'), channel: 'phone' });
    const soon = await book(store, {
      start: berlin('2026-06-01T08:08'),
      channel: 'video',
      meetingUrl: 'https://meet.jit.si/seelze-z',
    });
    const bookedJustNow = await book(store, {
      start: berlin('2026-06-01T15:00'),
      channel: 'phone',
      createdAt: berlin('2026-06-01T07:50'),
    });

    const other = t.connect();
    const now = clock.now();
    const results = await Promise.all([
      runReminderSweep(deps(), now),
      runReminderSweep(deps(other), now),
      runReminderSweep(deps(), now),
    ]);
    await runReminderSweep(deps(), now + 60_000); // a restart a minute later

    expect(results.reduce((n, r) => n + r.citizenReminders, 0)).toBe(2);
    expect(results.reduce((n, r) => n + r.staffReminders, 0)).toBe(1);
    const msgs = await queued();
    expect(
      msgs
        .filter((m) => m.kind === 'citizen-reminder')
        .map((m) => m.appointmentId)
        .sort(),
    ).toEqual([tomorrow.id, soon.id].sort());
    expect(msgs.filter((m) => m.event === 'reminder').map((m) => m.appointmentId)).toEqual([soon.id]);
    expect(msgs.some((m) => m.appointmentId === later.id || m.appointmentId === bookedJustNow.id)).toBe(false);
  });

  it('reminds again for the new time after a reschedule, not for a cancelled appointment', async () => {
    const a = await book(store, { start: berlin('2026-06-02T07:00'), channel: 'phone' });
    const c = await book(store, { start: berlin('2026-06-02T06:30'), channel: 'phone' });
    await store.cancel({
      appointmentId: c.id,
      by: 'staff',
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'cancel', appointmentId: c.id },
      outbox: [],
    });
    expect((await runReminderSweep(deps(), clock.now())).citizenReminders).toBe(1);
    const newStart = berlin('2026-06-02T07:50');
    await store.move({
      appointmentId: a.id,
      expectedSequence: 0,
      staffId: a.staffId,
      start: newStart,
      end: newStart + 15 * 60_000,
      blockStart: newStart,
      blockEnd: newStart + 15 * 60_000,
      channel: 'phone',
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'reschedule', appointmentId: a.id },
      outbox: [],
    });
    expect((await runReminderSweep(deps(), clock.now())).citizenReminders).toBe(1);
    expect((await runReminderSweep(deps(), clock.now())).citizenReminders).toBe(0);
    expect((await queued()).some((m) => m.appointmentId === c.id)).toBe(false);
  });

  it('queues no citizen reminder for a citizen booked without an email address, but the staff reminder', async () => {
    const start = berlin('2026-06-01T08:05');
    const noMail = await book(store, {
      start,
      channel: 'phone',
      staffId: 'jonas-becker',
      citizen: { email: undefined, phone: '+49 511 4711' },
    });
    expect(noMail.citizen.email).toBeUndefined();
    await runReminderSweep(deps(), clock.now());
    const mine = (await queued()).filter((m) => m.appointmentId === noMail.id);
    expect(mine.map((m) => m.kind === 'citizen-reminder')).toEqual([false]);
  });

  it('queues one reminder SMS REMINDER_SMS_MINUTES before, only with consent and a mobile number, once across instances', async () => {
    const start = berlin('2026-06-01T09:30');
    const createdAt = berlin('2026-05-20T10:00');
    const sms = await book(store, {
      start,
      channel: 'phone',
      createdAt,
      citizen: { email: undefined, phone: '+491711234567', smsConsent: true },
    });
    const noConsent = await book(store, {
      start,
      channel: 'phone',
      staffId: 'leonie-wagner',
      createdAt,
      citizen: { email: undefined, phone: '+491711234568' },
    });
    const landline = await book(store, {
      start,
      channel: 'phone',
      staffId: 'murat-yilmaz',
      createdAt,
      citizen: { email: undefined, phone: '+495114711', smsConsent: true },
    });
    const smsDeps = (redis = t.redis) => ({ ...deps(redis), smsMinutes: 60 });
    // Two hours before: outside the 60-minute SMS window.
    expect((await runReminderSweep(smsDeps(), berlin('2026-06-01T07:29'))).smsReminders).toBe(0);
    const at = berlin('2026-06-01T08:31');
    const runs = await Promise.all([runReminderSweep(smsDeps(), at), runReminderSweep(smsDeps(t.connect()), at)]);
    expect(runs.reduce((n, r) => n + r.smsReminders, 0)).toBe(1);
    const smsEntries = (await t.redis.xrange(keys.outbox(), '-', '+'))
      .map(([, f]) => ({
        key: f[1]!,
        msg: JSON.parse(f[3]!) as { kind: string; appointmentId: string; event: string },
      }))
      .filter((e) => e.msg.kind === 'citizen-sms' && e.msg.event === 'reminder');
    expect(smsEntries).toEqual([
      {
        key: `${sms.id}:citizen-sms-reminder:${start}`,
        msg: { kind: 'citizen-sms', appointmentId: sms.id, sequence: 0, event: 'reminder' },
      },
    ]);
    expect(smsEntries.some((e) => [noConsent.id, landline.id].includes(e.msg.appointmentId))).toBe(false);
  });
});
