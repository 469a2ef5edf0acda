/**
 * Retention's cutoffs to the millisecond, on real Redis: what lies exactly at the cutoff stays, what lies
 * before it goes (an appointment's end, an audit entry's time, an outbox entry's stream id).
 */
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { schedulingDirectory } from '../domain/scheduling-fixture';
import { testRedis } from '../support/redis';
import { sampleAppointment } from './support/appointments-fixture';

const teamOf = teamOfStaff(schedulingDirectory().staff);

describe('retention cutoffs', () => {
  it('trims an audit entry written before the cutoff and keeps one written exactly at it', async () => {
    const t = testRedis('retention-audit-cutoff');
    try {
      const a = sampleAppointment({ id: 'audited', start: localDateTime('2026-03-23', '09:00') });
      const store = new AppointmentStore(t.redis, new ManualClock(a.start - DAY));
      const cutoff = a.start + DAY;
      await store.confirm({
        clientKey: 'k-audited',
        appointment: a,
        audit: { at: cutoff - 1, actor: 'anna', action: 'book', appointmentId: a.id },
        outbox: [],
      });
      await store.markOutcome({
        appointmentId: a.id,
        outcome: 'completed',
        audit: { at: cutoff, actor: 'anna', action: 'completed', appointmentId: a.id },
      });
      const retention = new RedisRetentionStore(t.redis, teamOf);
      expect(await retention.trimAuditBefore(cutoff)).toEqual({ handled: 1, unreadable: [] });
      expect((await store.audit(a.id)).map((e) => e.action)).toEqual(['completed']);
      expect(await retention.trimAuditBefore(cutoff + 1)).toEqual({ handled: 1, unreadable: [] });
      expect(await store.audit(a.id)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('drops outbox entries from before the cutoff and keeps those from its very millisecond on', async () => {
    const t = testRedis('retention-outbox-cutoff');
    try {
      const cutoff = localDateTime('2026-03-23', '03:00');
      const ids = [`${cutoff - 1}-7`, `${cutoff}-0`, `${cutoff}-3`, `${cutoff + 1}-0`];
      for (const id of ids) await t.redis.xadd(keys.outbox(), id, 'key', `k-${id}`, 'msg', '{}');
      expect(await new RedisRetentionStore(t.redis, teamOf).trimOutboxBefore(cutoff)).toBe(1);
      expect((await t.redis.xrange(keys.outbox(), '-', '+')).map(([id]) => id)).toEqual(ids.slice(1));
    } finally {
      await t.cleanup();
    }
  });
});
