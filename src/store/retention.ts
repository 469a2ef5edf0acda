/**
 * Redis side of retention (DSGVO): walks the `bystart` index and lets lua/retention-2.lua compact
 * appointments (their facts for reports stay, everything else goes) and trim audit lists, each
 * appointment atomically. Reads are paged, so a night's run never blocks Redis for long; compacted
 * appointments leave the index, and the audit pass keeps a cursor, so only what is not handled yet
 * is read again.
 */
import { createHash } from 'node:crypto';
import type { RetentionPass, RetentionStore } from '../app/retention';
import { factsOf, type TeamOf } from '../domain/appointment-facts';
import { localDateOf } from '../domain/time';
import type { Appointment } from '../domain/types';
import { encodeFacts } from './appointment-facts';
import { parseAppointment } from './appointments';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

const PAGE = 500;

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

export type UnreadableState = 'record' | 'audit' | 'gone' | 'readable';

export type PurgeOutcome =
  /** The unreadable record and everything that holds or finds it are deleted. */
  | { outcome: 'purged' }
  /** The record is readable: only its unreadable audit entries were removed (retention does the rest). */
  | { outcome: 'audit'; auditEntriesRemoved: number }
  /** The record changed between reading and purging: nothing was done (run it again). */
  | { outcome: 'changed' };

function readable(raw: string): boolean {
  try {
    parseAppointment(raw);
    return true;
  } catch {
    return false;
  }
}

function readableAuditEntry(raw: string): boolean {
  try {
    const e = JSON.parse(raw) as { at?: unknown } | null;
    return typeof e?.at === 'number';
  } catch {
    return false;
  }
}

export class RedisRetentionStore implements RetentionStore {
  /** `teamOf`: the directory's teams, recorded in the facts of what is compacted. */
  constructor(
    private readonly redis: RedisClient,
    private readonly teamOf: TeamOf,
  ) {}

  /**
   * Replaces every appointment that ended before `cutoff` by its facts for reports and deletes the rest
   * of it (lua/retention-2.lua 'compact'). Compacted appointments leave `bystart`, so each night reads
   * from its start: only what is left (not due yet, changed meanwhile, unreadable) and what is new.
   */
  async compactEndedBefore(cutoff: number): Promise<RetentionPass> {
    let handled = 0;
    const unreadable: string[] = [];
    // Ids left in the index by this pass (not due, changed, unreadable): the next page starts after them.
    let kept = 0;
    for (;;) {
      const ids = await this.redis.zrangebyscore(keys.byStart(), '-inf', `(${cutoff}`, 'LIMIT', kept, PAGE);
      if (ids.length === 0) break;
      // Bytes as stored: the script compares their SHA-1 with the record it finds.
      const raws = await this.redis.mgetBuffer(...ids.map((id) => keys.appointment(id)));
      const args: (string | number)[] = ['compact', cutoff];
      const sent: string[] = [];
      raws.forEach((raw, i) => {
        const id = ids[i]!;
        if (raw === null) {
          args.push(id, '', '', '');
          sent.push(id);
          return;
        }
        let a: Appointment;
        try {
          a = parseAppointment(raw.toString('utf8'));
        } catch {
          unreadable.push(id);
          kept++;
          return;
        }
        // Whether it is due (ended before the cutoff) is decided by the script alone, on the record it
        // finds: one that ends at the cutoff or later comes back as not due and stays in the index.
        args.push(id, sha1(raw), localDateOf(a.start), encodeFacts(factsOf(a, this.teamOf)));
        sent.push(id);
      });
      if (sent.length > 0) {
        const reply = await runScript<number[]>(this.redis, 'retention', [keys.bookBase(), keys.smsBase()], args);
        sent.forEach((id, i) => {
          if (reply[2 * i]! < 0) unreadable.push(id);
          else handled += reply[2 * i]!;
          if (reply[2 * i]! < 0 || reply[2 * i + 1] === 0) kept++;
        });
      }
      if (ids.length < PAGE) break;
    }
    return { handled, unreadable };
  }

  /** Removes audit entries older than `cutoff`; how many, and the appointment ids whose audit it could not read. */
  trimAuditBefore(cutoff: number): Promise<RetentionPass> {
    return this.pass('audit', cutoff);
  }

  /** Of these unreadable appointment ids, those not reported before (remembered from now on). */
  async firstReports(ids: readonly string[]): Promise<string[]> {
    const fresh: string[] = [];
    for (const id of new Set(ids)) if ((await this.redis.sadd(keys.retentionUnreadable(), id)) === 1) fresh.push(id);
    return fresh;
  }

  /** Drops outbox stream entries older than `cutoff` (stream ids start with their epoch ms). */
  async trimOutboxBefore(cutoff: number): Promise<number> {
    return this.redis.xtrim(keys.outbox(), 'MINID', `${Math.floor(cutoff)}-0`);
  }

  /**
   * The records retention reported as unreadable (`retention:unreadable`) and what is unreadable about
   * each now: 'record' (the appointment itself), 'audit' (only entries of its audit list), 'gone'
   * (no record left), 'readable' (repaired meanwhile: retention handles it again).
   */
  async listUnreadable(): Promise<{ appointmentId: string; state: UnreadableState }[]> {
    const ids = (await this.redis.smembers(keys.retentionUnreadable())).sort();
    const out: { appointmentId: string; state: UnreadableState }[] = [];
    for (const id of ids) out.push({ appointmentId: id, state: await this.unreadableState(id) });
    return out;
  }

  private async unreadableState(id: string): Promise<UnreadableState> {
    const raw = await this.redis.get(keys.appointment(id));
    if (raw === null) return 'gone';
    if (!readable(raw)) return 'record';
    const audit = await this.redis.lrange(keys.audit(id), 0, -1);
    return audit.every(readableAuditEntry) ? 'readable' : 'audit';
  }

  /**
   * The operator's purge (npm run purge-unreadable) of an appointment retention cannot read, atomically
   * (lua/purge-unreadable-3.lua): a record that cannot be parsed goes with everything that holds or
   * finds it (its facts cannot be computed, so none are kept); of a readable record only the audit
   * entries that cannot be read go (retention then handles the rest). `staffIds`: the directory's,
   * whose calendar indexes may name the record.
   */
  async purgeUnreadable(id: string, staffIds: readonly string[]): Promise<PurgeOutcome> {
    const raw = await this.redis.getBuffer(keys.appointment(id));
    const ks = [keys.bookBase(), keys.smsBase(), keys.retentionUnreadable()];
    if (raw !== null && readable(raw.toString('utf8'))) {
      const [, removed] = await runScript<[string, number]>(this.redis, 'purgeUnreadable', ks, ['audit', id]);
      return { outcome: 'audit', auditEntriesRemoved: removed };
    }
    const start = await this.redis.zscore(keys.byStart(), id);
    const date = start === null ? '' : localDateOf(Number(start));
    const [outcome] = await runScript<[string, number]>(this.redis, 'purgeUnreadable', ks, [
      'record',
      id,
      raw === null ? '' : sha1(raw),
      date,
      ...staffIds,
    ]);
    return { outcome: outcome === 'purged' ? 'purged' : 'changed' };
  }

  private async pass(mode: 'audit', cutoff: number): Promise<RetentionPass> {
    const cursorKey = keys.retentionCursor(mode);
    const from = (await this.redis.get(cursorKey)) ?? '-inf';
    let handled = 0;
    const unreadable: string[] = [];
    // The cursor moves up to the first appointment that is not due yet (or to the cutoff).
    let stopAt: number | null = null;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.redis.zrangebyscore(
        keys.byStart(),
        from,
        `(${cutoff}`,
        'WITHSCORES',
        'LIMIT',
        offset,
        PAGE,
      );
      const ids: string[] = [];
      const scores: number[] = [];
      for (let i = 0; i < rows.length; i += 2) {
        ids.push(rows[i]!);
        scores.push(Number(rows[i + 1]));
      }
      if (ids.length > 0) {
        const reply = await runScript<number[]>(
          this.redis,
          'retention',
          [keys.bookBase(), keys.smsBase()],
          [mode, cutoff, ...ids],
        );
        for (let i = 0; i < ids.length; i++) {
          // -1: the record cannot be read; skipped so the rest is still handled (the caller reports it).
          if (reply[2 * i]! < 0) unreadable.push(ids[i]!);
          else handled += reply[2 * i]!;
          if (reply[2 * i + 1] === 0 && (stopAt === null || scores[i]! < stopAt)) stopAt = scores[i]!;
        }
      }
      if (ids.length < PAGE) break;
    }
    await this.redis.set(cursorKey, String(stopAt ?? cutoff));
    return { handled, unreadable };
  }
}
