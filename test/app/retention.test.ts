/**
 * Which cutoff retention applies to what: appointments are compacted RETENTION_DAYS after they ended,
 * audit entries and the outbox history go after AUDIT_RETENTION_DAYS, whichever of the two is longer.
 */
import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { DAY, localDateTime } from '../../src/domain/time';
import { keys } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { schedulingDirectory } from '../domain/scheduling-fixture';
import { testRedis } from '../support/redis';

const { redis, cleanup } = testRedis('app-retention');
afterAll(cleanup);

describe('retention run', () => {
  it('trims the outbox history by the audit retention, not by the appointments’ retention', async () => {
    const now = localDateTime('2026-12-07', '03:00');
    const deps = {
      store: new RedisRetentionStore(redis, teamOfStaff(schedulingDirectory().staff)),
      logger: pino({ level: 'silent' }),
    };
    // An outbox entry written 100 days ago.
    await redis.xadd(keys.outbox(), `${now - 100 * DAY}-0`, 'key', 'k', 'msg', '{}');
    const longAudit = await runRetention({ ...deps, retentionDays: 30, auditRetentionDays: 365 }, now);
    expect(longAudit.outboxEntriesRemoved).toBe(0);
    expect(await redis.xlen(keys.outbox())).toBe(1);
    const shortAudit = await runRetention({ ...deps, retentionDays: 365, auditRetentionDays: 30 }, now);
    expect(shortAudit.outboxEntriesRemoved).toBe(1);
    expect(await redis.xlen(keys.outbox())).toBe(0);
  });
});
