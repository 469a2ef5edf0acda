/**
 * Use case: the nightly retention run (DSGVO). Citizens' personal data is removed RETENTION_DAYS
 * after their appointment ended; the audit trail and the outbox history are kept
 * AUDIT_RETENTION_DAYS. Counts for statistics (status, service, channel, staff, times) stay.
 * Runs once across instances (scheduled as a distributed job).
 */
import { DAY } from '../domain/time';
import type { Logger } from '../logger';

export interface RetentionStore {
  anonymiseEndedBefore(cutoff: number): Promise<number>;
  trimAuditBefore(cutoff: number): Promise<number>;
  trimOutboxBefore(cutoff: number): Promise<number>;
}

export interface RetentionDeps {
  store: RetentionStore;
  logger: Logger;
  /** RETENTION_DAYS */
  retentionDays: number;
  /** AUDIT_RETENTION_DAYS */
  auditRetentionDays: number;
}

export interface RetentionResult {
  anonymised: number;
  auditEntriesRemoved: number;
  outboxEntriesRemoved: number;
}

export async function runRetention(deps: RetentionDeps, now: number): Promise<RetentionResult> {
  const anonymised = await deps.store.anonymiseEndedBefore(now - deps.retentionDays * DAY);
  const auditCutoff = now - deps.auditRetentionDays * DAY;
  const auditEntriesRemoved = await deps.store.trimAuditBefore(auditCutoff);
  const outboxEntriesRemoved = await deps.store.trimOutboxBefore(auditCutoff);
  const result = { anonymised, auditEntriesRemoved, outboxEntriesRemoved };
  deps.logger.info(result, 'retention done');
  return result;
}
