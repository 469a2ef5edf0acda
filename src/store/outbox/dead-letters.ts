/**
 * The outbox's dead letters: the LIST keys.outboxDead() the outbox worker pushes an entry to after
 * OUTBOX_MAX_ATTEMPTS (consumer.ts `deadLetter`), newest first. Each element is JSON
 * `{ entryId, key, msg, fields, error, attempts, at }` — `key`/`msg` when the entry was readable,
 * the raw stream `fields` when it was not.
 *
 * Counted for the daily summary, listed and replayed by `npm run outbox` (scripts/outbox.ts):
 * `replay` moves a record back into the outbox stream in one Lua step (replay-dead-letter-4.lua)
 * with its original dedupe key and message, so whatever was already delivered (`delivered:<key>`
 * marker) is not sent again.
 */
import type { OpenProblemsReader } from '../../app/build-summary';
import type { OutboxMessage } from '../../domain/types';
import { keys } from '../keys';
import type { RedisClient } from '../redis-client';
import { runScript } from '../scripts';
import { outboxMessageSchema } from './messages';

/** One dead letter as listed: facts only, no personal data (the message holds ids, never citizen data). */
export interface DeadLetter {
  /** The stream id the entry had when it died; what `replay` takes. Empty when the record itself is broken. */
  entryId: string;
  /** Message kind; null when the entry was unreadable. */
  kind: OutboxMessage['kind'] | null;
  appointmentId?: string;
  attempts: number;
  /** The last error, with mail addresses and phone numbers masked. */
  error: string;
  /** When it was dead-lettered (epoch ms); 0 if unknown. */
  at: number;
  /** False for an entry that could not be parsed (raw fields kept): listed, but never replayed. */
  readable: boolean;
}

export type ReplayResult =
  | { entryId: string; outcome: 'replayed'; newEntryId: string }
  | { entryId: string; outcome: 'not-found' }
  | { entryId: string; outcome: 'unreadable' };

interface StoredRecord {
  raw: string;
  entryId: string;
  key?: string;
  msg?: OutboxMessage;
  attempts: number;
  error: string;
  at: number;
}

/** SMTP replies may name a recipient; the list prints none. */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>')
    .replace(/(?:\+|\b0)\d[\d ()/-]{5,}\d/g, '<number>');
}

function parseRecord(raw: string): StoredRecord {
  let r: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    r = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    r = {};
  }
  const msg = r.msg === undefined ? undefined : outboxMessageSchema.safeParse(r.msg);
  return {
    raw,
    entryId: typeof r.entryId === 'string' ? r.entryId : '',
    key: typeof r.key === 'string' && r.key ? r.key : undefined,
    msg: msg?.success ? msg.data : undefined,
    attempts: typeof r.attempts === 'number' ? r.attempts : 0,
    error: typeof r.error === 'string' ? r.error : '',
    at: typeof r.at === 'number' ? r.at : 0,
  };
}

function toDeadLetter(r: StoredRecord): DeadLetter {
  const readable = Boolean(r.key && r.msg && r.entryId);
  return {
    entryId: r.entryId,
    kind: r.msg?.kind ?? null,
    ...(r.msg && 'appointmentId' in r.msg ? { appointmentId: r.msg.appointmentId } : {}),
    attempts: r.attempts,
    error: maskPersonalData(r.error),
    at: r.at,
    readable,
  };
}

export class RedisDeadLetters implements OpenProblemsReader {
  constructor(private readonly redis: RedisClient) {}

  async countDeadLetters(): Promise<number> {
    return this.redis.llen(keys.outboxDead());
  }

  /** All dead letters, newest first. */
  async list(): Promise<DeadLetter[]> {
    return (await this.records()).map(toDeadLetter);
  }

  /**
   * Moves the dead letter `entryId` back into the outbox stream (new stream id, attempts from zero,
   * same dedupe key and message). Unknown ids change nothing; unreadable entries are refused.
   */
  async replay(entryId: string): Promise<ReplayResult> {
    const record = (await this.records()).find((r) => r.entryId === entryId);
    if (!record) return { entryId, outcome: 'not-found' };
    return this.replayRecord(record);
  }

  /** Replays every readable dead letter, oldest first (the order they were queued in). */
  async replayAll(): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const record of (await this.records()).reverse()) results.push(await this.replayRecord(record));
    return results;
  }

  private async records(): Promise<StoredRecord[]> {
    return (await this.redis.lrange(keys.outboxDead(), 0, -1)).map(parseRecord);
  }

  private async replayRecord(r: StoredRecord): Promise<ReplayResult> {
    if (!r.key || !r.msg || !r.entryId) return { entryId: r.entryId, outcome: 'unreadable' };
    const newEntryId = await runScript<string | null>(
      this.redis,
      'replayDeadLetter',
      [keys.outboxDead(), keys.outbox(), keys.outboxAttempts(), keys.outboxRetry()],
      [r.raw, r.entryId, r.key, JSON.stringify(r.msg)],
    );
    return newEntryId
      ? { entryId: r.entryId, outcome: 'replayed', newEntryId }
      : { entryId: r.entryId, outcome: 'not-found' };
  }
}

/** The `npm run outbox -- list` table: one line per dead letter, no personal data. */
export function formatDeadLetters(list: readonly DeadLetter[]): string[] {
  if (list.length === 0) return ['No dead letters.'];
  const rows = list.map((d) => [
    d.entryId || '?',
    d.readable ? (d.kind ?? '-') : 'unreadable',
    d.appointmentId ?? '-',
    String(d.attempts),
    d.at ? new Date(d.at).toISOString() : '-',
    d.error || '-',
  ]);
  const header = ['ENTRY ID', 'KIND', 'APPOINTMENT', 'ATTEMPTS', 'DEAD SINCE (UTC)', 'LAST ERROR'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** One line per replay result, for the CLI. */
export function describeReplay(r: ReplayResult): string {
  switch (r.outcome) {
    case 'replayed':
      return `${r.entryId}: back in the outbox as ${r.newEntryId}`;
    case 'not-found':
      return `${r.entryId}: no such dead letter — nothing changed (see: npm run outbox -- list)`;
    case 'unreadable':
      return `${r.entryId || '?'}: refused — the entry is unreadable (no valid key/message), so it cannot be sent again; it stays in the dead-letter list`;
  }
}
