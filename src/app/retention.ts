/**
 * Use case: the nightly retention run (DSGVO). RETENTION_DAYS after an appointment ended it is
 * compacted: only its facts for reports stay (domain/appointment-facts.ts: service, channel, team,
 * staff, times, outcome, how the citizen was reached — nothing that names or reaches them); the
 * record, its indexes, its audit trail, its open call and the records of its SMS are deleted, and
 * with SMS_PROVIDER=file the SMS files older than the retention period. Audit entries of appointments not compacted
 * yet and the outbox history are trimmed after AUDIT_RETENTION_DAYS.
 * Runs once across instances (scheduled as a distributed job); a second run changes nothing.
 */
import { DAY } from '../domain/time';
import type { LogPort } from './ports';

export interface RetentionPass {
  handled: number;
  /** Appointment ids whose record could not be read: skipped, the rest is still handled. */
  unreadable: string[];
}

export interface RetentionStore {
  /** Replaces appointments that ended before `cutoff` by their facts for reports. */
  compactEndedBefore(cutoff: number): Promise<RetentionPass>;
  trimAuditBefore(cutoff: number): Promise<RetentionPass>;
  trimOutboxBefore(cutoff: number): Promise<number>;
  /** Of these ids, those never reported before (remembered from now on). */
  firstReports(ids: readonly string[]): Promise<string[]>;
}

export interface RetentionDeps {
  store: RetentionStore;
  logger: LogPort;
  /** RETENTION_DAYS */
  retentionDays: number;
  /** AUDIT_RETENTION_DAYS */
  auditRetentionDays: number;
  /** Tells the supervisors about records retention had to skip (appointment ids only); once per record. */
  reportUnreadable?: (appointmentIds: string[]) => Promise<void>;
  /**
   * SMS_PROVIDER=file: deletes the SMS files written before the cutoff (their texts go with the
   * retention period); how many. Providers that send keep no text here.
   */
  deleteSmsFilesBefore?: (cutoff: number) => Promise<number>;
}

export interface RetentionResult {
  /** Appointments compacted (replaced by their facts). */
  compacted: number;
  auditEntriesRemoved: number;
  outboxEntriesRemoved: number;
  /** SMS files deleted (SMS_PROVIDER=file; only present when there were any). */
  smsFilesRemoved?: number;
  /** Records that could not be read and were skipped (only present when there were any). */
  unreadable?: number;
}

export async function runRetention(deps: RetentionDeps, now: number): Promise<RetentionResult> {
  const cutoff = now - deps.retentionDays * DAY;
  const compact = await deps.store.compactEndedBefore(cutoff);
  const smsFilesRemoved = deps.deleteSmsFilesBefore ? await deps.deleteSmsFilesBefore(cutoff) : 0;
  const auditCutoff = now - deps.auditRetentionDays * DAY;
  const audit = await deps.store.trimAuditBefore(auditCutoff);
  const outboxEntriesRemoved = await deps.store.trimOutboxBefore(auditCutoff);
  const unreadable = [...new Set([...compact.unreadable, ...audit.unreadable])];
  const result: RetentionResult = {
    compacted: compact.handled,
    auditEntriesRemoved: audit.handled,
    outboxEntriesRemoved,
    ...(smsFilesRemoved ? { smsFilesRemoved } : {}),
    ...(unreadable.length ? { unreadable: unreadable.length } : {}),
  };
  if (unreadable.length) {
    const fresh = await deps.store.firstReports(unreadable);
    // Appointment ids only: no citizen data in the log or the alert.
    deps.logger.error(
      { unreadable: unreadable.length, newlyReported: fresh.length, appointmentIds: unreadable.slice(0, 20) },
      'retention: unreadable records skipped',
    );
    if (fresh.length && deps.reportUnreadable) await deps.reportUnreadable(fresh);
  }
  deps.logger.info(result, 'retention done');
  return result;
}
