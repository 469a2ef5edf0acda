/**
 * node-cron 4's run coordinator, backed by Redis, so each scheduled fire runs on exactly one instance.
 *
 * node-cron calls `shouldRun(key, ttlMs)` on every instance at every fire of a `distributed` task;
 * the key is `<task name>:<scheduled slot as ISO string>`, the same on all instances. The first
 * `SET key token NX PX ttl` wins; the others skip that fire ('not-elected'). If Redis fails,
 * node-cron skips the fire (fail-closed): a summary sent late is better than one sent twice.
 *
 * When the run completes, the lease is not deleted but turned into a "done" marker kept for
 * `doneTtlMs`: an instance whose clock lags behind by more than the run time would otherwise
 * find the key free and run the same fire again.
 */
import { randomUUID } from 'node:crypto';
import type { RunCoordinator } from 'node-cron';
import { keys } from '../store/keys';
import type { RedisClient } from '../store/redis-client';
import { runScript } from '../store/scripts';

export interface RedisRunCoordinatorOptions {
  /** How long a finished fire stays marked as done (default 6 h). */
  doneTtlMs?: number;
  /** Called when this instance wins or loses a fire; for logs and tests. */
  onDecision?: (key: string, won: boolean) => void;
}

/** Splits node-cron's `<name>:<ISO slot>` into the lease key's parts. */
function leaseKey(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? keys.jobLease(key, 'once') : keys.jobLease(key.slice(0, i), key.slice(i + 1));
}

export class RedisRunCoordinator implements RunCoordinator {
  private readonly held = new Map<string, string>();
  private readonly doneTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisRunCoordinatorOptions = {},
  ) {
    this.doneTtlMs = options.doneTtlMs ?? 6 * 60 * 60 * 1000;
  }

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const token = randomUUID();
    const won = (await this.redis.set(leaseKey(key), token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    if (won) this.held.set(key, token);
    this.options.onDecision?.(key, won);
    return won;
  }

  async onComplete(key: string): Promise<void> {
    const token = this.held.get(key);
    if (!token) return;
    this.held.delete(key);
    // Only if this instance still holds it (mark-run-done-1.lua).
    await runScript<number>(this.redis, 'markRunDone', [leaseKey(key)], [token, this.doneTtlMs]);
  }
}
